package httpapi_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/jobs"
	"github.com/claimdesk/claimdesk/webhooks"
)

// TestWebhooksAndLifecycleOverHTTP: a shop platform registers an endpoint;
// a case is opened, its goods received, decided and refunded over the API;
// the platform receives every event signed the Standard Webhooks way; a
// failed delivery is logged and replayed; the return label is a PDF.
func TestWebhooksAndLifecycleOverHTTP(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		var mu sync.Mutex
		var got []webhooks.Envelope
		fail := true
		var secret string
		platform := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			mu.Lock()
			defer mu.Unlock()
			if err := webhooks.Verify(secret, r.Header, body, testNow, 10*time.Minute); err != nil {
				t.Errorf("signature: %v", err)
			}
			if fail {
				fail = false
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
			var env webhooks.Envelope
			if err := json.Unmarshal(body, &env); err != nil {
				t.Error(err)
			}
			got = append(got, env)
		}))
		defer platform.Close()
		camilla, henrik := "camilla.strand@dustin.example", "henrik.moe@dustin.example"
		r := f.do(camilla, "POST", "/api/v1/shops/dustin/webhooks", map[string]any{"url": platform.URL + "/hooks", "description": "webshop"})
		if r.status != http.StatusCreated {
			t.Fatalf("create webhook: %d %s", r.status, r.body)
		}
		ep := r.json(t)
		secret = ep["secret"].(string)
		if !strings.HasPrefix(secret, "whsec_") {
			t.Errorf("secret %q", secret)
		}
		if r := f.do(henrik, "POST", "/api/v1/shops/dustin/webhooks", map[string]any{"url": platform.URL}); r.status != http.StatusForbidden {
			t.Errorf("an agent who is no admin registers a webhook: %d", r.status)
		}
		number := f.openCase(ingrid, ingridOrder, "withdrawal", "JAB-EV2-65", "Jeg angrer.")
		if r := f.do(ingrid, "GET", "/api/v1/cases/"+number+"/label.pdf", nil); r.status != 200 || !strings.HasPrefix(string(r.body), "%PDF") || r.header.Get("Content-Type") != "application/pdf" {
			t.Errorf("label: %d %s", r.status, r.header.Get("Content-Type"))
		} else if _, err := exec.LookPath("pdftotext"); err == nil {
			cmd := exec.Command("pdftotext", "-", "-")
			cmd.Stdin = strings.NewReader(string(r.body))
			out, err := cmd.Output()
			if err != nil || !strings.Contains(string(out), number) || !strings.Contains(string(out), "Ryensvingen 5") {
				t.Errorf("label text lacks the number or the return address: %v\n%s", err, out)
			}
		}
		if r := f.do(ola, "GET", "/api/v1/cases/"+number+"/label.pdf", nil); r.status != http.StatusNotFound {
			t.Errorf("another customer's label: %d", r.status)
		}
		steps := []struct {
			who, action string
			body        any
		}{
			{ingrid, "return-method", map[string]any{"method": "own_carrier", "carrier": "Bring"}},
			{ingrid, "in-transit", map[string]any{"carrier": "Bring", "tracking_number": "70713"}},
			{henrik, "goods-received", map[string]any{"condition": "as_new"}},
			{henrik, "decision", map[string]any{"decision": "approved", "remedy": "refund"}},
			{henrik, "refunds", map[string]any{"amount": 2490}},
		}
		for _, st := range steps {
			if r := f.do(st.who, "POST", "/api/v1/cases/"+number+"/"+st.action, st.body); r.status != http.StatusOK {
				t.Fatalf("%s: %d %s", st.action, r.status, r.body)
			}
		}
		if r := f.do(ingrid, "POST", "/api/v1/cases/"+number+"/decision", map[string]any{"decision": "approved", "remedy": "refund"}); r.status != http.StatusForbidden {
			t.Errorf("a customer deciding: %d", r.status)
		}
		c := f.do(ingrid, "GET", "/api/v1/cases/"+number, nil).json(t)
		if c["money"] != "refunded" || c["status"] != "resolved" || c["logistics"] != "received" {
			t.Errorf("case after its life: %v", c)
		}
		runner := jobs.New(f.db, jobs.Options{Worker: "hooks"})
		f.svc.RegisterJobs(runner)
		ctx := context.Background()
		for i := 0; i < 3; i++ {
			if _, err := runner.RunOnce(ctx); err != nil {
				t.Fatal(err)
			}
		}
		mu.Lock()
		n := len(got)
		mu.Unlock()
		// The first attempt got 503 and waits for its retry: every other event arrived.
		types := map[string]bool{}
		for _, e := range got {
			types[string(e.Type)] = true
		}
		for _, want := range []string{"case.goods.received", "case.decided", "case.refund.recorded"} {
			if !types[want] {
				t.Errorf("the platform did not get %s (got %v)", want, types)
			}
		}
		epID := int64(ep["id"].(float64))
		log := f.do(camilla, "GET", "/api/v1/shops/dustin/webhooks/"+itoa(epID)+"/deliveries", nil).list(t)
		var failed string
		for _, d := range log {
			m := d.(map[string]any)
			if m["succeeded"] == false {
				failed = m["message_id"].(string)
			}
		}
		if failed == "" || len(log) != n+1 {
			t.Fatalf("delivery log: %d entries for %d received, failed %q", len(log), n, failed)
		}
		if r := f.do(camilla, "POST", "/api/v1/shops/dustin/webhooks/"+itoa(epID)+"/deliveries/"+failed+"/replay", nil); r.status != http.StatusAccepted {
			t.Fatalf("replay: %d %s", r.status, r.body)
		}
		if _, err := runner.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		defer mu.Unlock()
		if len(got) != n+1 {
			t.Errorf("the replay did not arrive: %d events", len(got))
		}
	})
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

// TestWebhookEnableDeleteOverHTTP: a disabled endpoint is enabled again;
// a deleted one is gone with its log; errors are problem+json; both
// operations are in the OpenAPI document.
func TestWebhookEnableDeleteOverHTTP(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		camilla := "camilla.strand@dustin.example"
		r := f.do(camilla, "POST", "/api/v1/shops/dustin/webhooks", map[string]any{"url": "https://erp.dustin.example/hooks"})
		if r.status != http.StatusCreated {
			t.Fatalf("create webhook: %d %s", r.status, r.body)
		}
		path := "/api/v1/shops/dustin/webhooks/" + itoa(int64(r.json(t)["id"].(float64)))
		state := func() map[string]any {
			t.Helper()
			for _, e := range f.do(camilla, "GET", "/api/v1/shops/dustin/webhooks", nil).list(t) {
				if m := e.(map[string]any); path == "/api/v1/shops/dustin/webhooks/"+itoa(int64(m["id"].(float64))) {
					return m
				}
			}
			return nil
		}
		steps := []struct {
			name, method, suffix string
			status               int
			disabled, listed     bool
		}{
			{"disable", "DELETE", "", 204, true, true},
			{"enable", "POST", "/enable", 204, false, true},
			{"enable again", "POST", "/enable", 204, false, true},
			{"delete", "POST", "/delete", 204, false, false},
			{"delete again", "POST", "/delete", 404, false, false},
			{"enable the deleted", "POST", "/enable", 404, false, false},
			{"the deleted's log", "GET", "/deliveries", 404, false, false},
		}
		for _, st := range steps {
			res := f.do(camilla, st.method, path+st.suffix, nil)
			if res.status != st.status {
				t.Fatalf("%s: %d %s", st.name, res.status, res.body)
			}
			if res.status >= 400 {
				if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") || res.json(t)["code"] != "not_found" {
					t.Errorf("%s: %s %s", st.name, ct, res.body)
				}
			}
			ep := state()
			if (ep != nil) != st.listed || (ep != nil && (ep["disabled_at"] != nil) != st.disabled) {
				t.Errorf("after %s: %v", st.name, ep)
			}
		}
		if r := f.do(henrik, "POST", "/api/v1/shops/dustin/webhooks/1/enable", nil); r.status != http.StatusForbidden || !strings.HasPrefix(r.header.Get("Content-Type"), "application/problem+json") {
			t.Errorf("an agent enables: %d %s", r.status, r.header.Get("Content-Type"))
		}
		paths := f.do("anon", "GET", "/api/v1/openapi.json", nil).json(t)["paths"].(map[string]any)
		for p, method := range map[string]string{"/api/v1/shops/{shop}/webhooks/{id}/enable": "post", "/api/v1/shops/{shop}/webhooks/{id}/delete": "post"} {
			if item, _ := paths[p].(map[string]any); item == nil || item[method] == nil {
				t.Errorf("the OpenAPI document lacks %s %s", method, p)
			}
		}
	})
}
