package storetest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
)

// reportData is a shop with two weeks of orders and cases whose aggregates
// are worked out by hand in testReports.
type reportData struct {
	q   claimdesk.ReportQuery
	now time.Time
}

// at is an instant in UTC on a November 2026 day.
func at(day, hour, min int) time.Time { return time.Date(2026, 11, day, hour, min, 0, 0, time.UTC) }

func (e *env) reportOrder(shopID string, customerID int64, placed time.Time, lines ...claimdesk.OrderLine) *claimdesk.Order {
	e.t.Helper()
	o := &claimdesk.Order{ShopID: shopID, ExternalID: fmt.Sprintf("R-%d", e.seq()), CustomerID: customerID, OrderedAt: placed,
		Country: claimdesk.Norway, Currency: "NOK", Lang: claimdesk.Bokmal, Lines: lines, CreatedAt: placed, UpdatedAt: placed}
	for i := range o.Lines {
		o.Lines[i].LineNo, o.Lines[i].VATRate, o.Lines[i].UnitPrice = i+1, 2500, 10000
	}
	if _, err := e.s.Orders.UpsertOrder(e.ctx, o); err != nil {
		e.t.Fatalf("UpsertOrder: %v", err)
	}
	return o
}

// reportCase is what a fixture case differs in.
type reportCase struct {
	kind      claimdesk.CaseKind
	order     *claimdesk.Order
	lines     []claimdesk.CaseLine
	created   time.Time
	due       *time.Time // the first-response due time it is created with
	responded *time.Time
	closed    *time.Time
	status    claimdesk.Status
	reasons   string // the decision snapshot; "" for none
	finding   string
	fees      []claimdesk.CaseFee
	refunded  claimdesk.Minor
	currency  string
	merged    int64
}

func ptr(t time.Time) *time.Time { return &t }

func (e *env) reportCase(shopID string, customerID int64, rc reportCase) *claimdesk.Case {
	e.t.Helper()
	c := e.newCase(shopID, customerID)
	c.Kind, c.Lines, c.CreatedAt, c.UpdatedAt, c.DueAt = rc.kind, rc.lines, rc.created, rc.created, rc.due
	c.Finding, c.Fees, c.Refunded, c.MergedInto = rc.finding, rc.fees, rc.refunded, rc.merged
	if rc.order != nil {
		c.OrderID, c.OrderExternalID = rc.order.ID, rc.order.ExternalID
	}
	if rc.currency != "" {
		c.Currency = rc.currency
	}
	if rc.reasons != "" {
		c.Assessment = json.RawMessage(rc.reasons)
	}
	e.createCase(c)
	// Work the case as casework would: the reply clears the due time, the
	// status moves on; the first-response due time must survive that.
	c.FirstResponseAt, c.ClosedAt, c.Status = rc.responded, rc.closed, rc.status
	if rc.responded != nil || rc.closed != nil {
		c.DueAt = nil
	}
	if c.Status == "" {
		c.Status = claimdesk.StatusOpen
	}
	e.must(e.s.Cases.UpdateCase(e.ctx, claimdesk.CaseUpdate{Case: c, ExpectedVersion: c.Version}), "UpdateCase")
	return c
}

// seedReports builds the shop "rep" (Oslo) with orders and cases around
// the period Monday 2 – Sunday 15 November 2026, and a second shop whose
// data must never show.
func (e *env) seedReports() reportData {
	e.t.Helper()
	e.shop("rep")
	e.shop("other")
	cu := e.customer("rep", "Kari Nordmann")
	ou := e.customer("other", "Ola Nordmann")
	a := func(n int) claimdesk.OrderLine {
		return claimdesk.OrderLine{SKU: "A", Name: "Telefon", Category: "phone", Manufacturer: "Apple", Quantity: n}
	}
	b := claimdesk.OrderLine{SKU: "B", Name: "SSD", Category: "ssd", Manufacturer: "Samsung", Quantity: 10}
	c := claimdesk.OrderLine{SKU: "C", Name: "Telefon", Category: "phone", Manufacturer: "Samsung", Quantity: 1}
	o1 := e.reportOrder("rep", cu.ID, at(3, 9, 0), a(4), b)
	o2 := e.reportOrder("rep", cu.ID, at(10, 9, 0), a(1), a(1), c) // A on two lines
	o3 := e.reportOrder("rep", cu.ID, at(20, 9, 0).AddDate(0, -1, 0), a(100))
	e.reportOrder("other", ou.ID, at(4, 9, 0), a(50))
	fee := func(code, amount string) claimdesk.CaseFee {
		m, err := claimdesk.ParseMinor(amount)
		e.must(err, "ParseMinor")
		return claimdesk.CaseFee{Code: code, Amount: m}
	}
	c1 := e.reportCase("rep", cu.ID, reportCase{kind: claimdesk.KindWithdrawal, order: o1, lines: []claimdesk.CaseLine{{SKU: "A", Quantity: 1}},
		created: at(3, 10, 0), due: ptr(at(3, 14, 0)), responded: ptr(at(3, 12, 0)), status: claimdesk.StatusResolved,
		reasons: `{"reasons":["statutory_floor"]}`, fees: []claimdesk.CaseFee{fee("return_shipping", "99.00")}, refunded: 50000})
	e.reportCase("rep", cu.ID, reportCase{kind: claimdesk.KindDefect, order: o1, lines: []claimdesk.CaseLine{{SKU: "B", Quantity: 2}},
		created: at(4, 9, 0), due: ptr(at(4, 10, 0)), responded: ptr(at(4, 11, 0)), closed: ptr(at(6, 9, 0)), status: claimdesk.StatusClosed,
		reasons: `{"reasons":["manufacturer_route"]}`, finding: "fault_confirmed", currency: "SEK",
		fees: []claimdesk.CaseFee{fee("inspection", "300.00"), fee("technician_hour", "500.50")}})
	e.reportCase("rep", cu.ID, reportCase{kind: claimdesk.KindReturn, order: o2, lines: []claimdesk.CaseLine{{SKU: "A", Quantity: 2}, {SKU: "C", Quantity: 1}},
		created: at(10, 8, 0), due: ptr(at(10, 12, 0)), closed: ptr(at(10, 11, 0)), status: claimdesk.StatusClosed,
		reasons: `{"reasons":["statutory_floor","not_offered"]}`, refunded: 123456,
		fees: []claimdesk.CaseFee{fee("restocking", "0.29"), fee("other", "1234567.89")}})
	e.reportCase("rep", cu.ID, reportCase{kind: claimdesk.KindGeneral, created: at(15, 22, 30), due: ptr(at(25, 9, 0)),
		reasons: `{"reasons":null}`}) // 23:30 in Oslo: still in the period
	e.reportCase("rep", cu.ID, reportCase{kind: claimdesk.KindDefect, order: o3, lines: []claimdesk.CaseLine{{SKU: "A", Quantity: 5}},
		created: at(8, 23, 30), due: ptr(at(9, 8, 0)), reasons: `{"reasons":[]}`, finding: "no_fault_found"}) // Monday 9 in Oslo
	e.reportCase("rep", cu.ID, reportCase{kind: claimdesk.KindWithdrawal, order: o3, lines: []claimdesk.CaseLine{{SKU: "A", Quantity: 3}},
		created: at(1, 22, 30), due: ptr(at(2, 9, 0)), reasons: `{"reasons":["statutory_floor"]}`}) // Sunday 1 in Oslo: before
	e.reportCase("rep", cu.ID, reportCase{kind: claimdesk.KindWithdrawal, order: o1, lines: []claimdesk.CaseLine{{SKU: "A", Quantity: 1}},
		created: at(5, 9, 0), closed: ptr(at(5, 10, 0)), status: claimdesk.StatusClosed, merged: c1.ID,
		reasons: `{"reasons":["statutory_floor"]}`, fees: []claimdesk.CaseFee{fee("x", "10.00")}})
	e.reportCase("rep", cu.ID, reportCase{kind: claimdesk.KindWrongItem, order: o1, lines: []claimdesk.CaseLine{{SKU: "B", Quantity: 1}},
		created: at(12, 9, 0), status: claimdesk.StatusWaiting})
	e.reportCase("other", ou.ID, reportCase{kind: claimdesk.KindWithdrawal, created: at(4, 9, 0), due: ptr(at(4, 10, 0)),
		reasons: `{"reasons":["statutory_floor"]}`, fees: []claimdesk.CaseFee{fee("x", "10.00")}, refunded: 100})
	// Monday 2 November 00:00 in Oslo is 23:00 UTC the day before.
	q := claimdesk.ReportQuery{ShopID: "rep", From: at(1, 23, 0), To: at(15, 23, 0), Buckets: []time.Time{at(1, 23, 0), at(8, 23, 0)}, Now: at(20, 12, 0)}
	return reportData{q: q, now: q.Now}
}

func kc(b int, k claimdesk.CaseKind, n int) claimdesk.KindCount {
	return claimdesk.KindCount{Bucket: b, Kind: k, Cases: n}
}

func rc(src, code string, n int) claimdesk.ReasonCount {
	return claimdesk.ReasonCount{Source: src, Code: code, Cases: n}
}

func ret(group string, sold, returned, faulty int) claimdesk.ReturnCount {
	return claimdesk.ReturnCount{Group: group, Sold: sold, Returned: returned, Faulty: faulty}
}

func testReports(t *testing.T, open Opener) {
	e := newEnv(t, open)
	data := e.seedReports()
	q := data.q
	r := e.s.Reports
	check := func(t *testing.T, what string, got, want any, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s\n got %+v\nwant %+v", what, got, want)
		}
	}
	t.Run("volume", func(t *testing.T) {
		got, err := r.CaseVolume(e.ctx, q)
		check(t, "CaseVolume", got, []claimdesk.KindCount{
			kc(0, claimdesk.KindDefect, 1), kc(0, claimdesk.KindWithdrawal, 1),
			kc(1, claimdesk.KindDefect, 1), kc(1, claimdesk.KindGeneral, 1), kc(1, claimdesk.KindReturn, 1), kc(1, claimdesk.KindWrongItem, 1),
		}, err)
		one := q
		one.Buckets = nil
		got, err = r.CaseVolume(e.ctx, one)
		check(t, "CaseVolume in one bucket", got, []claimdesk.KindCount{
			kc(0, claimdesk.KindDefect, 2), kc(0, claimdesk.KindGeneral, 1), kc(0, claimdesk.KindReturn, 1),
			kc(0, claimdesk.KindWithdrawal, 1), kc(0, claimdesk.KindWrongItem, 1),
		}, err)
	})
	t.Run("sla", func(t *testing.T) {
		got, err := r.SLAAttainment(e.ctx, q)
		check(t, "SLAAttainment", got, []claimdesk.SLACount{{Bucket: 0, Met: 1, Missed: 1}, {Bucket: 1, Met: 1, Missed: 1, Pending: 1}}, err)
		n, err := r.Breaching(e.ctx, "rep", data.now)
		check(t, "Breaching", n, 2, err)
		n, err = r.Breaching(e.ctx, "rep", at(2, 8, 0))
		check(t, "Breaching earlier", n, 0, err)
	})
	t.Run("reasons", func(t *testing.T) {
		got, err := r.TopReasons(e.ctx, q, 10)
		check(t, "TopReasons", got, []claimdesk.ReasonCount{
			rc("decision", "statutory_floor", 2), rc("finding", "fault_confirmed", 1), rc("decision", "manufacturer_route", 1),
			rc("finding", "no_fault_found", 1), rc("decision", "not_offered", 1),
		}, err)
		got, err = r.TopReasons(e.ctx, q, 2)
		check(t, "TopReasons limit 2", got, []claimdesk.ReasonCount{rc("decision", "statutory_floor", 2), rc("finding", "fault_confirmed", 1)}, err)
	})
	t.Run("return rates", func(t *testing.T) {
		got, err := r.ReturnRates(e.ctx, q, claimdesk.ByCategory)
		check(t, "by category", got, []claimdesk.ReturnCount{ret("ssd", 10, 0, 2), ret("phone", 7, 4, 0)}, err)
		got, err = r.ReturnRates(e.ctx, q, claimdesk.ByManufacturer)
		check(t, "by manufacturer", got, []claimdesk.ReturnCount{ret("Samsung", 11, 1, 2), ret("Apple", 6, 3, 0)}, err)
		_, err = r.ReturnRates(e.ctx, q, "sku")
		wantCode(t, err, claimdesk.CodeInvalid, "by sku")
	})
	t.Run("money", func(t *testing.T) {
		got, err := r.MoneyTotals(e.ctx, q)
		check(t, "MoneyTotals", got, []claimdesk.MoneySum{
			{Bucket: 0, Currency: "NOK", Fees: 9900, Refunded: 50000, Cases: 1},
			{Bucket: 0, Currency: "SEK", Fees: 80050, Cases: 1},
			{Bucket: 1, Currency: "NOK", Fees: 123456818, Refunded: 123456, Cases: 1},
		}, err)
	})
	t.Run("invalid periods", func(t *testing.T) {
		bad := q
		bad.To = bad.From
		_, err := r.CaseVolume(e.ctx, bad)
		wantCode(t, err, claimdesk.CodeInvalid, "empty period")
		bad = q
		bad.Buckets = []time.Time{q.Buckets[1], q.Buckets[0]}
		_, err = r.MoneyTotals(e.ctx, bad)
		wantCode(t, err, claimdesk.CodeInvalid, "buckets out of order")
	})
	t.Run("bucket of an instant", func(t *testing.T) {
		for _, tc := range []struct {
			t    time.Time
			want int
		}{{at(1, 23, 0), 0}, {at(8, 22, 59), 0}, {at(8, 23, 0), 1}, {at(15, 22, 0), 1}} {
			if got := q.Bucket(tc.t); got != tc.want {
				t.Errorf("Bucket(%v) = %d, want %d", tc.t, got, tc.want)
			}
		}
	})
}
