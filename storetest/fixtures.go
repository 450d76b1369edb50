package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
)

// oslo is the zone fixtures write their times in, to prove they come back
// as the same instant in UTC.
var oslo = mustZone("Europe/Oslo")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.FixedZone(name, 3600)
	}
	return loc
}

// t0 is the fixtures' clock: an Oslo afternoon with microseconds.
var t0 = time.Date(2026, 5, 18, 14, 30, 15, 123456000, oslo)

// env is one test's database with its stores.
type env struct {
	t   *testing.T
	ctx context.Context
	db  claimdesk.DB
	s   claimdesk.Stores
	n   int
}

func newEnv(t *testing.T, open Opener) *env {
	t.Helper()
	db := open(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return &env{t: t, ctx: ctx, db: db, s: db.Stores()}
}

// seq returns a number unique within the test.
func (e *env) seq() int { e.n++; return e.n }

// must fails the test on err.
func (e *env) must(err error, what string) {
	e.t.Helper()
	if err != nil {
		e.t.Fatalf("%s: %v", what, err)
	}
}

// wantCode fails the test unless err carries the code.
func wantCode(t *testing.T, err error, code claimdesk.Code, what string) {
	t.Helper()
	if !claimdesk.IsCode(err, code) {
		t.Fatalf("%s: got error %v (code %q), want code %q", what, err, claimdesk.ErrorCode(err), code)
	}
	var de *claimdesk.Error
	if !errors.As(err, &de) {
		t.Fatalf("%s: error %v is not a *claimdesk.Error", what, err)
	}
}

// sameTime fails the test unless got is the instant want, in UTC.
func sameTime(t *testing.T, got, want time.Time, what string) {
	t.Helper()
	if !got.Equal(want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
	if got.Location() != time.UTC {
		t.Errorf("%s is in %v, want UTC", what, got.Location())
	}
}

func (e *env) shop(id string) *claimdesk.Shop {
	e.t.Helper()
	sh := &claimdesk.Shop{
		ID: id, Name: "Shop " + id, LegalName: id + " AS", OrgNumber: "923609016", Country: claimdesk.Norway,
		Lang: claimdesk.Bokmal, TimeZone: "Europe/Oslo", CasePrefix: fmt.Sprintf("P%d", e.seq()),
		Markets: []claimdesk.Market{{Country: claimdesk.Norway, Currency: "NOK", Lang: claimdesk.Bokmal},
			{Country: claimdesk.Sweden, Currency: "SEK", Lang: claimdesk.Swedish}},
		ReturnAddress: claimdesk.Address{Name: "Returlager", Street: "Økernveien 1", PostalCode: "0580", City: "Oslo",
			Country: claimdesk.Norway},
		SupportEmail: "hjelp@" + id + ".no", SLA: claimdesk.ShopSLA{FirstResponseMinutes: 240, Clock: "business_hours"},
		RetentionYears: 5, Brand: claimdesk.ShopBrand{Color: "#1b5e20"}, CreatedAt: t0, UpdatedAt: t0,
	}
	sh.OpeningHours.Week[1] = []claimdesk.Interval{{From: "08:00", To: "11:00"}, {From: "12:00", To: "16:00"}}
	e.must(e.s.Shops.CreateShop(e.ctx, sh), "CreateShop")
	return sh
}

func (e *env) customer(shopID, name string) *claimdesk.Customer {
	e.t.Helper()
	n := e.seq()
	c := &claimdesk.Customer{
		ShopID: shopID, ExternalID: fmt.Sprintf("C-%d", n), Kind: claimdesk.Consumer, Name: name,
		Email: fmt.Sprintf("kunde%d@example.no", n), Country: claimdesk.Norway, Lang: claimdesk.Bokmal,
		CreatedAt: t0, UpdatedAt: t0, LastActiveAt: t0,
	}
	e.must(e.s.Customers.CreateCustomer(e.ctx, c), "CreateCustomer")
	return c
}

func (e *env) order(shopID string, customerID int64) *claimdesk.Order {
	e.t.Helper()
	n := e.seq()
	o := &claimdesk.Order{
		ShopID: shopID, ExternalID: fmt.Sprintf("O-%d", n), CustomerID: customerID, OrderedAt: t0,
		Country: claimdesk.Norway, Currency: "NOK", Lang: claimdesk.Bokmal, PaymentMethod: "card", DeliveryFee: 4900,
		Lines: []claimdesk.OrderLine{{LineNo: 1, SKU: "SKU-1", Name: "Kaffetrakter", Quantity: 1, UnitPrice: 129900,
			VATRate: 2500}},
		CreatedAt: t0, UpdatedAt: t0,
	}
	if _, err := e.s.Orders.UpsertOrder(e.ctx, o); err != nil {
		e.t.Fatalf("UpsertOrder: %v", err)
	}
	return o
}

// newCase returns an unsaved open case of the customer.
func (e *env) newCase(shopID string, customerID int64) *claimdesk.Case {
	n := e.seq()
	return &claimdesk.Case{
		Number: fmt.Sprintf("%s-2026-%06d", shopID, n), ShopID: shopID, Kind: claimdesk.KindDefect, Channel: "portal",
		CustomerID: customerID, Subject: fmt.Sprintf("Sak %d", n), Description: "Maskinen lekker vann",
		Facts: map[string]bool{"used": true}, Country: claimdesk.Norway, Lang: claimdesk.Bokmal, Currency: "NOK",
		Status: claimdesk.StatusOpen, Decision: claimdesk.DecisionRequested, Logistics: claimdesk.LogisticsNone,
		Money: claimdesk.MoneyNone, Ladder: claimdesk.LadderCustomerService, Queue: "customer_service",
		CreatedAt: t0.Add(time.Duration(n) * time.Second), UpdatedAt: t0.Add(time.Duration(n) * time.Second),
	}
}

func (e *env) createCase(c *claimdesk.Case) *claimdesk.Case {
	e.t.Helper()
	e.must(e.s.Cases.CreateCase(e.ctx, c, []claimdesk.Event{{Type: "created", ActorKind: "system", At: c.CreatedAt}}),
		"CreateCase")
	return c
}
