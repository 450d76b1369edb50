package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/storetest"
)

// Demo people the tests act as.
const (
	ingrid       = "ingrid.haugen@example.net"       // consumer at dustin
	ola          = "ola.berg@example.net"            // another consumer at dustin
	sigrid       = "sigrid@nordvik-regnskap.example" // company admin at dustin
	magnus       = "magnus@nordvik-regnskap.example" // company buyer at dustin
	hanne        = "hanne@nordvik-regnskap.example"  // company viewer at dustin
	elin         = "elin.johansson@example.org"      // consumer at compumail
	camilla      = "camilla.strand@dustin.example"   // dustin admin
	henrik       = "henrik.moe@dustin.example"       // dustin agent
	anders       = "anders.kjaer@compumail.example"  // compumail admin
	ingridOrder  = "5004127733"
	ingridOther  = "5003988120"           // Ingrid's older order
	guest        = "guest:" + ingridOrder // signed in with order number and email: that order only
	companyOrder = "5004090456"
)

func forEachDB(t *testing.T, fn func(t *testing.T, f *fixture)) {
	for name, open := range storetest.Dialects() {
		t.Run(name, func(t *testing.T) {
			fn(t, newFixture(t, open))
		})
	}
}

// TestAuthorisationMatrix checks every endpoint against every kind of
// caller: a customer sees only their own (or their company's) orders and
// cases, a guest only the order they signed in with and its cases, an
// agent only their shop's, a key only its shop's.
func TestAuthorisationMatrix(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ingridCase := f.openCase(ingrid, ingridOrder, "defect", "DELL-U2724D", "Skjermen flimrer og har en død stripe.")
		otherCase := f.openCase(ingrid, ingridOther, "defect", "LEN-T14-G5", "Batteriet lader ikke lenger over 60 prosent.")
		companyCase := f.openCase(sigrid, companyOrder, "defect", "LEN-TB4-DOCK", "Docken mister forbindelsen med skjermene hver time.")
		note := f.do(henrik, "POST", "/api/v1/cases/"+ingridCase+"/messages", map[string]any{"body": "Intern: sjekk serienummer", "note": true})
		if note.status != http.StatusCreated {
			t.Fatalf("agent note: %d %s", note.status, note.body)
		}
		upsert := func(id string) map[string]any {
			return map[string]any{"id": id, "ordered_at": "2026-11-20T10:00:00Z", "customer": map[string]any{"kind": "consumer", "name": "Per Hansen", "email": "per.hansen@example.net"},
				"lines": []any{map[string]any{"sku": "X-1", "name": "Kabel", "quantity": 1, "unit_price": 199}}}
		}
		openOn := func(order, sku string) map[string]any {
			return map[string]any{"kind": "defect", "order": order, "lines": []any{map[string]any{"sku": sku, "quantity": 1}}, "description": "Virker ikke etter oppdatering av driver, blinker rødt."}
		}
		nordvik, err := f.db.Stores().Customers.FindCustomerByExternalID(context.Background(), "dustin", "D-B-3001")
		if err != nil {
			t.Fatal(err)
		}
		colleagues := fmt.Sprintf("/api/v1/shops/dustin/customers/%d/users", nordvik.ID)
		hook := func(admin, shop string) string {
			r := f.do(admin, "POST", "/api/v1/shops/"+shop+"/webhooks", map[string]any{"url": "https://erp." + shop + ".example/hooks"})
			if r.status != http.StatusCreated {
				t.Fatalf("create webhook: %d %s", r.status, r.body)
			}
			return "/api/v1/shops/dustin/webhooks/" + itoa(int64(r.json(t)["id"].(float64)))
		}
		disableHook, enableHook, deleteHook, compumailHook := hook(camilla, "dustin"), hook(camilla, "dustin"), hook(camilla, "dustin"), hook(anders, "compumail")
		// onlyAdmin is every caller's answer to an action for dustin's admins.
		onlyAdmin := func(ok int) map[string]int {
			return map[string]int{"anon": 401, "key:dustin": 403, "key:compumail": 403, camilla: ok, henrik: 403, anders: 403,
				ingrid: 403, ola: 403, sigrid: 403, magnus: 403, hanne: 403, elin: 403, guest: 403}
		}
		type row struct {
			name, method, path string
			body               any
			want               map[string]int // caller → status
		}
		rows := []row{
			{"list shops", "GET", "/api/v1/shops", nil, map[string]int{"anon": 200, "key:dustin": 200, ingrid: 200}},
			{"get own order", "GET", "/api/v1/shops/dustin/orders/" + ingridOrder, nil, map[string]int{
				"anon": 401, "key:dustin": 200, "key:compumail": 403, camilla: 200, henrik: 200, anders: 404, ingrid: 200, ola: 404, sigrid: 404, elin: 403, guest: 200}},
			{"get the guest's other order", "GET", "/api/v1/shops/dustin/orders/" + ingridOther, nil, map[string]int{ingrid: 200, guest: 404}},
			{"get company order", "GET", "/api/v1/shops/dustin/orders/" + companyOrder, nil, map[string]int{
				sigrid: 200, magnus: 200, hanne: 200, ingrid: 404, "key:dustin": 200, guest: 404}},
			{"list orders", "GET", "/api/v1/shops/dustin/orders", nil, map[string]int{
				"anon": 401, "key:dustin": 200, "key:compumail": 403, henrik: 200, anders: 403, ingrid: 200, elin: 403, guest: 200}},
			{"upsert order", "POST", "/api/v1/shops/dustin/orders", upsert("T-1"), map[string]int{
				"anon": 401, "key:compumail": 403, anders: 403, ingrid: 403, sigrid: 403, "key:dustin": 201, henrik: 201}},
			{"get case", "GET", "/api/v1/cases/" + ingridCase, nil, map[string]int{
				"anon": 401, "key:dustin": 200, "key:compumail": 404, henrik: 200, anders: 404, ingrid: 200, ola: 404, sigrid: 404, elin: 404, guest: 200}},
			{"case on the guest's other order", "GET", "/api/v1/cases/" + otherCase, nil, map[string]int{ingrid: 200, guest: 404}},
			{"messages on the guest's other order", "GET", "/api/v1/cases/" + otherCase + "/messages", nil, map[string]int{ingrid: 200, guest: 404}},
			{"get company case", "GET", "/api/v1/cases/" + companyCase, nil, map[string]int{sigrid: 200, hanne: 200, magnus: 200, ingrid: 404, guest: 404}},
			{"case messages", "GET", "/api/v1/cases/" + ingridCase + "/messages", nil, map[string]int{"anon": 401, ingrid: 200, ola: 404, henrik: 200, anders: 404, guest: 200}},
			{"case events", "GET", "/api/v1/cases/" + ingridCase + "/events", nil, map[string]int{ingrid: 200, ola: 404, "key:dustin": 200, "key:compumail": 404}},
			{"write in own case", "POST", "/api/v1/cases/" + ingridCase + "/messages", map[string]any{"body": "Har dere fått bildene?"}, map[string]int{
				"anon": 401, ola: 404, anders: 404, ingrid: 201, henrik: 201, guest: 201}},
			{"viewer may not write", "POST", "/api/v1/cases/" + companyCase + "/messages", map[string]any{"body": "Hei"}, map[string]int{hanne: 403, magnus: 201}},
			{"customer may not write notes", "POST", "/api/v1/cases/" + ingridCase + "/messages", map[string]any{"body": "x", "note": true}, map[string]int{ingrid: 422}},
			{"open case on own order", "POST", "/api/v1/shops/dustin/cases", openOn(ingridOrder, "JAB-EV2-65"), map[string]int{
				"anon": 401, "key:compumail": 403, anders: 404, ola: 404, sigrid: 404, ingrid: 201, "key:dustin": 201, guest: 201}},
			{"open case on the guest's other order", "POST", "/api/v1/shops/dustin/cases", openOn(ingridOther, "LEN-T14-G5"), map[string]int{guest: 404}},
			{"open case on company order", "POST", "/api/v1/shops/dustin/cases", openOn(companyOrder, "DELL-U2724D"), map[string]int{hanne: 403, magnus: 201, ingrid: 404, guest: 404}},
			{"list customers", "GET", "/api/v1/shops/dustin/customers", nil, map[string]int{"anon": 401, "key:dustin": 200, henrik: 200, ingrid: 403, anders: 403, guest: 403}},
			{"create API key", "POST", "/api/v1/shops/dustin/api-keys", map[string]any{"name": "webshop"}, map[string]int{
				"anon": 401, camilla: 201, henrik: 403, "key:dustin": 403, ingrid: 403, anders: 403}},
			{"list API keys", "GET", "/api/v1/shops/dustin/api-keys", nil, map[string]int{camilla: 200, henrik: 403, ingrid: 403}},
			{"company users", "GET", colleagues, nil, map[string]int{
				"anon": 401, sigrid: 200, hanne: 200, henrik: 200, "key:dustin": 200, ingrid: 404, anders: 404, "key:compumail": 404, guest: 404}},
			{"add a colleague", "POST", colleagues, map[string]any{"email": "ny@nordvik-regnskap.example", "name": "Ny Kollega", "password": "passord-1234", "company_role": "viewer"}, map[string]int{
				"anon": 401, hanne: 403, magnus: 403, ingrid: 403, sigrid: 201, guest: 403}},
			{"shop settings", "PATCH", "/api/v1/shops/dustin/settings", map[string]any{"phone": "21 04 40 31", "mail": map[string]any{"smtp_url": "smtp://mail.dustin.example:587"}}, map[string]int{
				"anon": 401, camilla: 200, henrik: 403, ingrid: 403, "key:dustin": 403, anders: 403}},
			{"bad shop settings", "PATCH", "/api/v1/shops/dustin/settings", map[string]any{"mail": map[string]any{"smtp_url": "http://x"}}, map[string]int{camilla: 422}},
			{"me", "GET", "/api/v1/me", nil, map[string]int{"anon": 401, ingrid: 200, camilla: 200, guest: 401}},
			{"help search is public", "GET", "/api/v1/shops/dustin/help/search?q=DOA", nil, map[string]int{"anon": 200, ingrid: 200}},
			{"disable webhook", "DELETE", disableHook, nil, onlyAdmin(204)},
			{"enable webhook", "POST", enableHook + "/enable", nil, onlyAdmin(204)},
			{"delete webhook", "POST", deleteHook + "/delete", nil, onlyAdmin(204)},
			{"another shop's webhook", "POST", compumailHook + "/delete", nil, map[string]int{camilla: 404, anders: 403, "key:compumail": 403}},
			{"edit article", "POST", "/api/v1/shops/dustin/help/articles", map[string]any{"title": "Julestengt", "body": "Vi holder stengt 24.-26. desember.", "lang": "nb"}, map[string]int{
				"anon": 401, ingrid: 403, henrik: 403, anders: 403, camilla: 201}},
		}
		for _, r := range rows {
			for who, want := range r.want {
				t.Run(fmt.Sprintf("%s/%s", r.name, who), func(t *testing.T) {
					body := r.body
					if r.name == "upsert order" {
						body = upsert("T-" + strings.ReplaceAll(who, "@", "-"))
					}
					got := f.do(who, r.method, r.path, body)
					if got.status != want {
						t.Errorf("%s %s as %s = %d, want %d: %s", r.method, r.path, who, got.status, want, got.body)
					}
				})
			}
		}
		t.Run("lists are scoped", func(t *testing.T) {
			count := func(who, path string) int { return len(f.do(who, "GET", path, nil).list(t)) }
			if n := count(ingrid, "/api/v1/shops/dustin/orders"); n != 2 {
				t.Errorf("Ingrid sees %d orders, want her 2", n)
			}
			if n := count(guest, "/api/v1/shops/dustin/orders"); n != 1 {
				t.Errorf("a guest sees %d orders, want the one they signed in with", n)
			}
			for _, c := range f.do(guest, "GET", "/api/v1/cases", nil).list(t) {
				if c.(map[string]any)["order"] != ingridOrder {
					t.Errorf("a guest sees a case on order %v", c.(map[string]any)["order"])
				}
			}
			if n := count(hanne, "/api/v1/shops/dustin/orders"); n != 2 {
				t.Errorf("a company viewer sees %d orders, want the company's 2", n)
			}
			if n := count(ola, "/api/v1/cases"); n != 0 {
				t.Errorf("Ola sees %d cases, want 0", n)
			}
			for _, c := range f.do(ingrid, "GET", "/api/v1/cases", nil).list(t) {
				if c.(map[string]any)["customer_id"] != f.do(ingrid, "GET", "/api/v1/me", nil).json(t)["customer_id"] {
					t.Errorf("Ingrid sees another customer's case %v", c.(map[string]any)["number"])
				}
			}
			if r := f.do(anders, "GET", "/api/v1/cases?shop=dustin", nil); r.status != http.StatusForbidden {
				t.Errorf("a compumail agent asking for dustin's cases gets %d, want 403", r.status)
			}
			for _, m := range f.do(ingrid, "GET", "/api/v1/cases/"+ingridCase+"/messages", nil).list(t) {
				if m.(map[string]any)["direction"] == "note" {
					t.Error("a customer sees an internal note")
				}
			}
		})
	})
}

// openCase opens a case as who and returns its number.
func (f *fixture) openCase(who, order, kind, sku, description string) string {
	f.t.Helper()
	r := f.do(who, "POST", "/api/v1/shops/dustin/cases", map[string]any{
		"kind": kind, "order": order, "lines": []any{map[string]any{"sku": sku, "quantity": 1}}, "description": description})
	if r.status != http.StatusCreated {
		f.t.Fatalf("open case as %s: %d %s", who, r.status, r.body)
	}
	return r.json(f.t)["number"].(string)
}
