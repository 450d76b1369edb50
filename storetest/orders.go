package storetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
)

func testOrders(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	cu := e.customer("s1", "Kari")
	d := func(s string) claimdesk.Date {
		v, err := claimdesk.ParseDate(s)
		e.must(err, "ParseDate")
		return v
	}
	o := &claimdesk.Order{
		ShopID: "s1", ExternalID: "100234", CustomerID: cu.ID, OrderedAt: t0, Country: claimdesk.Norway,
		Currency: "NOK", Lang: claimdesk.Bokmal, PaymentMethod: "vipps", DeliveryFee: 9900,
		Fees: []claimdesk.Fee{{Code: "bulky", Amount: 49900, VATRate: 2500}},
		Lines: []claimdesk.OrderLine{
			{LineNo: 1, SKU: "TV-55", Name: "TV 55\"", Category: "tv", Manufacturer: "Søny", Quantity: 1,
				UnitPrice: 1299900, VATRate: 2500, LongLived: true, WarrantyMonths: 24, SerialNumber: "SN1"},
			{LineNo: 2, SKU: "HDMI", Name: "Kabel", Quantity: 3, UnitPrice: 19950, VATRate: 2500, CustomMade: true,
				HandledByManufacturer: true},
		},
		Deliveries: []claimdesk.Delivery{
			{Number: "D1", ShippedOn: d("2026-05-19"), DeliveredOn: d("2026-05-21"), Carrier: "Bring", TrackingNumber: "T1",
				Lines: []claimdesk.DeliveryLine{{SKU: "TV-55", Quantity: 1}, {SKU: "HDMI", Quantity: 2}}},
			{Number: "D2", ShippedOn: d("2026-05-30"), Carrier: "Posten",
				Lines: []claimdesk.DeliveryLine{{SKU: "HDMI", Quantity: 1}}},
		},
		Invoices: []claimdesk.Invoice{{Number: "F1", Delivery: "D1", IssuedOn: d("2026-05-19"), DueOn: d("2026-06-02"),
			Amount: 1359750, VAT: 271950}},
		Payments: []claimdesk.Payment{{Method: "vipps", Amount: 1359750, PaidAt: t0.Add(time.Minute), Reference: "V-1"}},
		BillingAddress: claimdesk.Address{Name: "Kari", Street: "Storgata 1", PostalCode: "0155", City: "Oslo",
			Country: claimdesk.Norway},
		DeliveryAddress: claimdesk.Address{Name: "Kari", Attention: "Naboen", Street: "Storgata 1", PostalCode: "0155",
			City: "Oslo", Country: claimdesk.Norway},
		CreatedAt: t0, UpdatedAt: t0,
	}
	created, err := e.s.Orders.UpsertOrder(e.ctx, o)
	e.must(err, "UpsertOrder")
	if !created || o.ID == 0 {
		t.Fatalf("UpsertOrder: created %v, id %d", created, o.ID)
	}
	got, err := e.s.Orders.FindOrder(e.ctx, o.ID)
	e.must(err, "FindOrder")
	if !reflect.DeepEqual(got, o) {
		t.Errorf("FindOrder =\n%+v\nwant\n%+v", got, o)
	}
	if got.Total() != o.Total() || got.Lines[1].UnitPrice != 19950 || got.Lines[0].VATRate != 2500 {
		t.Errorf("money did not round-trip: total %v", got.Total())
	}
	if got.Deliveries[0].DeliveredOn.String() != "2026-05-21" || !got.Deliveries[1].DeliveredOn.IsZero() {
		t.Errorf("dates did not round-trip: %+v", got.Deliveries)
	}

	// A second upsert replaces the children and keeps id and creation time.
	again := *o
	again.ID = 0
	again.Lines = []claimdesk.OrderLine{{LineNo: 1, SKU: "TV-55", Name: "TV", Quantity: 2, UnitPrice: 100, VATRate: 1500}}
	again.Deliveries, again.Invoices, again.Payments, again.Fees = nil, nil, nil, nil
	again.CreatedAt, again.UpdatedAt = t0.Add(24*time.Hour), t0.Add(24*time.Hour)
	created, err = e.s.Orders.UpsertOrder(e.ctx, &again)
	e.must(err, "UpsertOrder again")
	if created || again.ID != o.ID {
		t.Errorf("second UpsertOrder: created %v, id %d, want false, %d", created, again.ID, o.ID)
	}
	got, err = e.s.Orders.FindOrderByExternalID(e.ctx, "s1", "100234")
	e.must(err, "FindOrderByExternalID")
	if len(got.Lines) != 1 || got.Lines[0].Quantity != 2 || len(got.Deliveries) != 0 || len(got.Payments) != 0 {
		t.Errorf("children not replaced: %+v", got)
	}
	sameTime(t, got.CreatedAt, t0, "CreatedAt after upsert")
	sameTime(t, got.UpdatedAt, t0.Add(24*time.Hour), "UpdatedAt after upsert")

	_, err = e.s.Orders.FindOrder(e.ctx, o.ID+1000)
	wantCode(t, err, claimdesk.CodeNotFound, "FindOrder of a missing order")
	_, err = e.s.Orders.FindOrderByExternalID(e.ctx, "s1", "nope")
	wantCode(t, err, claimdesk.CodeNotFound, "FindOrderByExternalID of a missing order")

	for _, tc := range []struct {
		name   string
		mutate func(o *claimdesk.Order)
	}{
		{"zero quantity", func(o *claimdesk.Order) { o.Lines[0].Quantity = 0 }},
		{"unknown customer", func(o *claimdesk.Order) { o.CustomerID = 999999 }},
		{"unknown shop", func(o *claimdesk.Order) { o.ShopID = "nope" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := &claimdesk.Order{ShopID: "s1", ExternalID: "bad-" + tc.name, CustomerID: cu.ID, OrderedAt: t0,
				Lines: []claimdesk.OrderLine{{SKU: "X", Quantity: 1, UnitPrice: 1}}}
			tc.mutate(bad)
			_, err := e.s.Orders.UpsertOrder(e.ctx, bad)
			wantCode(t, err, claimdesk.CodeInvalid, "UpsertOrder")
			_, err = e.s.Orders.FindOrderByExternalID(e.ctx, "s1", bad.ExternalID)
			wantCode(t, err, claimdesk.CodeNotFound, "the rejected order must not be half-written")
		})
	}
}

func testOrderPages(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	e.shop("s2")
	company := e.customer("s1", "Firma")
	other := e.customer("s1", "Other")
	buyer := &claimdesk.User{Kind: claimdesk.CustomerUser, ShopID: "s1", Email: "b@firma.no", CustomerID: company.ID,
		CompanyRole: claimdesk.CompanyBuyer}
	e.must(e.s.Users.CreateUser(e.ctx, buyer), "CreateUser")
	var mine []int64
	var firstExt string
	for i := 0; i < 7; i++ {
		o := e.order("s1", company.ID)
		if i == 0 {
			firstExt = o.ExternalID
		}
		if i%2 == 0 {
			o.UserID = buyer.ID
			_, err := e.s.Orders.UpsertOrder(e.ctx, o)
			e.must(err, "UpsertOrder with user")
			mine = append(mine, o.ID)
		}
	}
	for i := 0; i < 3; i++ {
		e.order("s1", other.ID)
	}
	e.order("s2", e.customer("s2", "Elsewhere").ID)

	for _, tc := range []struct {
		name string
		f    claimdesk.OrderFilter
		want int
	}{
		{"shop", claimdesk.OrderFilter{ShopID: "s1"}, 10},
		{"company", claimdesk.OrderFilter{ShopID: "s1", CustomerIDs: []int64{company.ID}}, 7},
		{"two customers", claimdesk.OrderFilter{ShopID: "s1", CustomerIDs: []int64{company.ID, other.ID}}, 10},
		{"buyer", claimdesk.OrderFilter{ShopID: "s1", CustomerIDs: []int64{company.ID}, UserID: buyer.ID}, len(mine)},
		{"external id", claimdesk.OrderFilter{ShopID: "s1", ExternalID: firstExt}, 1},
		{"missing external id", claimdesk.OrderFilter{ShopID: "s1", ExternalID: "nope"}, 0},
		{"all shops", claimdesk.OrderFilter{}, 11},
	} {
		t.Run(tc.name, func(t *testing.T) {
			seen := map[int64]bool{}
			var before, last int64
			for page := 0; page < 20; page++ {
				f := tc.f
				f.Before, f.Limit = before, 3
				got, next, err := e.s.Orders.FindOrders(e.ctx, f)
				e.must(err, "FindOrders")
				for _, o := range got {
					if seen[o.ID] {
						t.Fatalf("order %d on two pages", o.ID)
					}
					if last != 0 && o.ID >= last {
						t.Fatalf("orders not newest first: %d after %d", o.ID, last)
					}
					seen[o.ID], last = true, o.ID
					if len(o.Lines) != 1 {
						t.Errorf("order %d has %d lines", o.ID, len(o.Lines))
					}
				}
				if next == 0 {
					break
				}
				before = next
			}
			if len(seen) != tc.want {
				t.Errorf("paged through %d orders, want %d", len(seen), tc.want)
			}
		})
	}
}
