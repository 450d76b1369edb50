package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestBadInputStoresNothing sends wrong requests and checks each gets a
// problem that says what is wrong and where, and that nothing was stored.
func TestBadInputStoresNothing(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		key := "key:dustin"
		order := func(mut func(m map[string]any)) map[string]any {
			m := map[string]any{"id": "BAD-1", "ordered_at": "2026-11-20T10:00:00Z", "customer": map[string]any{"kind": "consumer", "name": "Per Hansen", "email": "per.hansen@example.net"},
				"lines":      []any{map[string]any{"sku": "X-1", "name": "Kabel", "quantity": 2, "unit_price": 199}},
				"deliveries": []any{map[string]any{"number": "D1", "delivered_on": "2026-11-21", "lines": []any{map[string]any{"sku": "X-1", "quantity": 2}}}}}
			mut(m)
			return m
		}
		tests := []struct {
			name       string
			who        string
			path       string
			body       any
			wantStatus int
			wantField  string // a field error the problem must name
		}{
			{"unknown shop", key, "/api/v1/shops/nosuchshop/orders", order(func(map[string]any) {}), 403, ""},
			{"unknown shop for staff", "camilla.strand@dustin.example", "/api/v1/shops/nosuchshop/orders", order(func(map[string]any) {}), 403, ""},
			{"malformed JSON", key, "/api/v1/shops/dustin/orders", `{"id": "BAD-1", "lines": [`, 400, "body"},
			{"negative quantity", key, "/api/v1/shops/dustin/orders", order(func(m map[string]any) {
				m["lines"].([]any)[0].(map[string]any)["quantity"] = -1
			}), 422, "body.lines[0].quantity"},
			{"delivery of a sku not in the order", key, "/api/v1/shops/dustin/orders", order(func(m map[string]any) {
				m["deliveries"].([]any)[0].(map[string]any)["lines"] = []any{map[string]any{"sku": "Y-9", "quantity": 1}}
			}), 422, "body.deliveries[0].lines[0].sku"},
			{"price with three decimals", key, "/api/v1/shops/dustin/orders", order(func(m map[string]any) {
				m["lines"].([]any)[0].(map[string]any)["unit_price"] = 1.999
			}), 422, "body"},
			{"consumer at a business-only shop", "key:belysning", "/api/v1/shops/belysning/orders", order(func(map[string]any) {}), 422, "body.customer.kind"},
			{"case on a sku not in the order", key, "/api/v1/shops/dustin/cases", map[string]any{"kind": "defect", "order": "5004127733",
				"lines": []any{map[string]any{"sku": "NOPE-1", "quantity": 1}}}, 422, "body.lines[0].sku"},
			{"case with more than ordered", key, "/api/v1/shops/dustin/cases", map[string]any{"kind": "withdrawal", "order": "5004127733",
				"lines": []any{map[string]any{"sku": "DELL-U2724D", "quantity": 5}}}, 422, "body.lines[0].quantity"},
			{"case of an unknown kind", key, "/api/v1/shops/dustin/cases", map[string]any{"kind": "refund-please", "order": "5004127733",
				"lines": []any{map[string]any{"sku": "DELL-U2724D", "quantity": 1}}}, 422, "body.kind"},
			{"case on an unknown order", key, "/api/v1/shops/dustin/cases", map[string]any{"kind": "defect", "order": "0000",
				"lines": []any{map[string]any{"sku": "DELL-U2724D", "quantity": 1}}}, 422, "body.order"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := f.do(tt.who, "POST", tt.path, tt.body)
				if r.status != tt.wantStatus {
					t.Fatalf("status %d, want %d: %s", r.status, tt.wantStatus, r.body)
				}
				if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
					t.Errorf("Content-Type %q, want application/problem+json", ct)
				}
				p := r.json(t)
				if p["status"] != float64(tt.wantStatus) || p["detail"] == "" || p["type"] == "" {
					t.Errorf("not an RFC 9457 problem: %s", r.body)
				}
				if tt.wantField != "" && !strings.Contains(string(r.body), `"field":"`+tt.wantField+`"`) {
					t.Errorf("the problem does not name field %s: %s", tt.wantField, r.body)
				}
			})
		}
		if r := f.do(key, "GET", "/api/v1/shops/dustin/orders/BAD-1", nil); r.status != http.StatusNotFound {
			t.Errorf("a refused order was stored: %d %s", r.status, r.body)
		}
		if n := len(f.do(key, "GET", "/api/v1/cases", nil).list(t)); n != 0 {
			t.Errorf("refused cases left %d cases behind", n)
		}
	})
}

// TestIdempotencyKey: the same key and body give the first response again;
// the same key with another body is a conflict.
func TestIdempotencyKey(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		body := map[string]any{"kind": "defect", "order": "5004127733", "lines": []any{map[string]any{"sku": "DELL-U2724D", "quantity": 1}},
			"description": "Skjermen slår seg av etter ti minutter."}
		first := f.do("key:dustin", "POST", "/api/v1/shops/dustin/cases", body, "Idempotency-Key", "k-1")
		again := f.do("key:dustin", "POST", "/api/v1/shops/dustin/cases", body, "Idempotency-Key", "k-1")
		if first.status != http.StatusCreated || again.status != http.StatusCreated {
			t.Fatalf("statuses %d, %d: %s", first.status, again.status, again.body)
		}
		if a, b := first.json(t)["number"], again.json(t)["number"]; a != b {
			t.Errorf("a replay opened a second case: %v then %v", a, b)
		}
		if again.header.Get("Idempotent-Replayed") != "true" {
			t.Error("the replay is not marked")
		}
		body["description"] = "Noe annet."
		if r := f.do("key:dustin", "POST", "/api/v1/shops/dustin/cases", body, "Idempotency-Key", "k-1"); r.status != http.StatusConflict {
			t.Errorf("same key, other body: %d, want 409", r.status)
		}
		if n := len(f.do("key:dustin", "GET", "/api/v1/cases", nil).list(t)); n != 1 {
			t.Errorf("%d cases stored, want 1", n)
		}
		if r := f.do("key:dustin", "POST", "/api/v1/shops/dustin/cases", body, "Idempotency-Key", "k-2"); r.status != http.StatusCreated {
			t.Errorf("a new key opens a new case: %d", r.status)
		}
	})
}

// TestOpenAPIDocument checks the document is generated from the routes.
func TestOpenAPIDocument(t *testing.T) {
	f := newFixture(t, storetestSQLite)
	r := f.do("anon", "GET", "/api/v1/openapi.json", nil)
	if r.status != http.StatusOK {
		t.Fatalf("openapi.json: %d", r.status)
	}
	doc := r.json(t)
	if doc["openapi"] != "3.1.0" {
		t.Errorf("openapi version %v", doc["openapi"])
	}
	paths := doc["paths"].(map[string]any)
	for _, p := range []string{"/api/v1/shops", "/api/v1/shops/{shop}/orders", "/api/v1/shops/{shop}/cases", "/api/v1/cases/{number}", "/api/v1/cases/{number}/messages", "/api/v1/shops/{shop}/assess", "/api/v1/shops/{shop}/help/search"} {
		if paths[p] == nil {
			t.Errorf("the document has no path %s", p)
		}
	}
	for _, p := range []string{"/healthz", "/readyz", "/metrics"} {
		if r := f.do("anon", "GET", p, nil); r.status != http.StatusOK {
			t.Errorf("%s: %d %s", p, r.status, r.body)
		}
	}
}

// TestIdempotencyKeyConcurrent: two identical requests with one key at the
// same moment open one case; the other gets the first's answer or is told
// to retry.
func TestIdempotencyKeyConcurrent(t *testing.T) {
	f := newFixture(t, storetestSQLite)
	body := map[string]any{"kind": "defect", "order": "5004127733", "lines": []any{map[string]any{"sku": "DELL-U2724D", "quantity": 1}},
		"description": "Skjermen slår seg av etter ti minutter."}
	statuses := make(chan int, 4)
	done := make(chan struct{})
	for i := 0; i < 4; i++ {
		go func() {
			statuses <- f.do("key:dustin", "POST", "/api/v1/shops/dustin/cases", body, "Idempotency-Key", "same").status
			done <- struct{}{}
		}()
	}
	for i := 0; i < 4; i++ {
		<-done
	}
	close(statuses)
	for s := range statuses {
		if s != http.StatusCreated && s != http.StatusConflict {
			t.Errorf("status %d", s)
		}
	}
	if n := len(f.do("key:dustin", "GET", "/api/v1/cases", nil).list(t)); n != 1 {
		t.Errorf("%d cases opened by one key", n)
	}
}

// TestShopBrandSettings: a shop admin sets the portal's brand colour over
// the API under casework's rules; a colour white text cannot be read on
// (WCAG 2.x SC 1.4.3, 4.5:1) is refused with the ratio it has.
func TestShopBrandSettings(t *testing.T) {
	f := newFixture(t, storetestSQLite)
	admin := "camilla.strand@dustin.example"
	r := f.do(admin, "PATCH", "/api/v1/shops/dustin/settings", map[string]any{"brand": map[string]any{"color": "#f0c000"}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(string(r.body), `"field":"body.brand.color"`) || !strings.Contains(string(r.body), "1.71:1") {
		t.Fatalf("a light colour: %d %s", r.status, r.body)
	}
	r = f.do(admin, "PATCH", "/api/v1/shops/dustin/settings", map[string]any{"brand": map[string]any{"color": "#0B3D91"}})
	if r.status != http.StatusOK {
		t.Fatalf("a dark colour: %d %s", r.status, r.body)
	}
	got := f.do("anon", "GET", "/api/v1/shops/dustin", nil).json(t)["brand"]
	if c, _ := got.(map[string]any); c["color"] != "#0b3d91" {
		t.Errorf("the shop's brand is %v, want #0b3d91", got)
	}
}
