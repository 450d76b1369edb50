package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// guestEmail is a Dustin customer who never made an account: the shop
// sent two orders, G-1001 and G-1002.
const guestEmail = "kari.gjest@example.net"

// guestOrders imports two delivered orders of a customer without a login
// through the shop's own use-case, as the shop platform would.
func (f *fixture) guestOrders() {
	f.t.Helper()
	sys := claimdesk.WithActor(context.Background(), claimdesk.System)
	today := claimdesk.DateIn(testNow, time.UTC)
	for i, id := range []string{"G-1001", "G-1002"} {
		d := claimdesk.Delivery{Number: id + "-1", ShippedOn: today.AddDays(-5), DeliveredOn: today.AddDays(-4), Carrier: "Bring", TrackingNumber: "7000000000" + id[2:],
			Lines: []claimdesk.DeliveryLine{{SKU: "JAB-EV2-65", Quantity: 1}}}
		_, _, err := f.svc.UpsertOrder(sys, "dustin", casework.OrderInput{
			Order: claimdesk.Order{ExternalID: id, OrderedAt: testNow.AddDate(0, 0, -6-i), Lines: []claimdesk.OrderLine{
				{SKU: "JAB-EV2-65", Name: "Jabra Evolve2 65", Category: "headset", Manufacturer: "Jabra", Quantity: 1, UnitPrice: 189900}},
				Deliveries: []claimdesk.Delivery{d}},
			Customer: casework.CustomerRef{ExternalID: "D-GJEST", Kind: claimdesk.Consumer, Name: "Kari Gjest", Email: guestEmail, Country: claimdesk.Norway, Lang: claimdesk.Bokmal},
		})
		if err != nil {
			f.t.Fatal(err)
		}
	}
}

// TestOrderNumberSignIn: a customer without an account signs in with an
// order number and email, as a guest of that order: they see it and its
// cases and write on them; the other order, its case, other customers'
// orders and the account pages are refused, on the pages and on the JSON
// API the same cookie reaches.
func TestOrderNumberSignIn(t *testing.T) {
	f := newFixture(t)
	f.guestOrders()
	sys := claimdesk.WithActor(context.Background(), claimdesk.System)
	other, err := f.svc.OpenCase(sys, "dustin", casework.OpenCaseInput{Kind: claimdesk.KindGeneral, OrderExternalID: "G-1002", Description: "Spørsmål om ordre G-1002."})
	if err != nil {
		t.Fatal(err)
	}
	mine, err := f.svc.OpenCase(sys, "dustin", casework.OpenCaseInput{Kind: claimdesk.KindGeneral, OrderExternalID: "G-1001", Description: "Spørsmål om ordre G-1001."})
	if err != nil {
		t.Fatal(err)
	}

	forms := []struct {
		name     string
		form     url.Values
		status   int
		errField string
	}{
		{"empty", url.Values{}, 422, "order_number"},
		{"no email", url.Values{"order_number": {"G-1001"}}, 422, "order_email"},
		{"wrong email", url.Values{"order_number": {"G-1001"}, "order_email": {"ingrid.haugen@example.net"}}, 401, "order_number"},
		{"wrong number", url.Values{"order_number": {"G-9999"}, "order_email": {guestEmail}}, 401, "order_number"},
	}
	var wrong []string
	for _, tt := range forms {
		t.Run(tt.name, func(t *testing.T) {
			p := f.browser().post("/s/dustin/login/order", tt.form)
			if p.status != tt.status {
				t.Fatalf("status %d, want %d", p.status, tt.status)
			}
			wantFieldError(t, p, tt.errField)
			if tt.status == 401 {
				wrong = append(wrong, text(p.byID("order_number-error")))
			}
		})
	}
	if len(wrong) == 2 && wrong[0] != wrong[1] {
		t.Errorf("a wrong number and a wrong address read differently: %q / %q", wrong[0], wrong[1])
	}

	b := f.browser()
	if p := b.get("/s/dustin/login"); p.byID("order_number") == nil || p.byID("order_email") == nil {
		t.Fatal("the sign-in page lacks the order-number form")
	}
	p := b.post("/s/dustin/login/order", url.Values{"order_number": {" G-1001 "}, "order_email": {"Kari.Gjest@example.net"}})
	if p.status != 200 || p.url != "/s/dustin/orders/G-1001" || p.byID("guest-note") == nil {
		t.Fatalf("guest sign-in: %d at %s", p.status, p.url)
	}
	if strings.Contains(p.body, `href="/s/dustin/account"`) {
		t.Error("a guest is offered the account page")
	}
	pages := []struct {
		name   string
		path   string
		status int
		want   string
	}{
		{"order list has the one order", "/s/dustin/orders", 200, "G-1001"},
		{"the order's case", "/s/dustin/cases/" + mine.Number, 200, "G-1001"},
		{"case list", "/s/dustin/cases", 200, mine.Number},
		{"new case on the order", "/s/dustin/orders/G-1001/new-case", 200, "Hva har skjedd?"},
		{"the other order", "/s/dustin/orders/G-1002", 404, "Fant ikke siden"},
		{"the other order's case", "/s/dustin/cases/" + other.Number, 404, "Fant ikke siden"},
		{"new case on the other order", "/s/dustin/orders/G-1002/new-case", 404, "Fant ikke siden"},
		{"another customer's order", "/s/dustin/orders/5004127733", 404, "Fant ikke siden"},
		{"the account", "/s/dustin/account", 403, "Ingen konto"},
		{"company users", "/s/dustin/company/users", 403, ""},
		{"API: the order", "/api/v1/shops/dustin/orders/G-1001", 200, "G-1001"},
		{"API: the other order", "/api/v1/shops/dustin/orders/G-1002", 404, ""},
		{"API: the other order's case", "/api/v1/cases/" + other.Number, 404, ""},
		{"API: me", "/api/v1/me", 401, ""},
	}
	for _, tt := range pages {
		t.Run(tt.name, func(t *testing.T) {
			p := b.get(tt.path)
			if p.status != tt.status || !strings.Contains(p.body, tt.want) {
				t.Errorf("%s: %d, want %d with %q", tt.path, p.status, tt.status, tt.want)
			}
		})
	}
	if p := b.get("/s/dustin/orders"); strings.Contains(p.body, "G-1002") {
		t.Error("the order list shows the other order")
	}
	if p := b.get("/s/dustin/cases"); strings.Contains(p.body, other.Number) {
		t.Error("the case list shows the other order's case")
	}
	if p := b.post("/s/dustin/cases/"+mine.Number+"/messages", url.Values{"body": {"Hei, her er kvitteringen."}}); p.status != 200 || !strings.Contains(p.body, "Hei, her er kvitteringen.") {
		t.Errorf("guest reply: %d", p.status)
	}
	if p := b.post("/s/dustin/cases/"+other.Number+"/messages", url.Values{"body": {"Hei."}}); p.status != http.StatusNotFound {
		t.Errorf("reply on the other order's case: %d, want 404", p.status)
	}
	if p := b.get("/s/dustin/login"); p.status != 200 || p.byID("password") == nil {
		t.Error("a guest cannot reach the sign-in form to use an account")
	}
}
