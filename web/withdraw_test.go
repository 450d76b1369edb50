package web_test

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/mailbox"
)

// withMail makes the fixture write customer mail to the outbox, as
// `claimdesk serve` does.
func (f *fixture) withMail() *fixture {
	f.svc.SetNotifier(mailbox.NewNotifier(mailbox.Options{BaseURL: f.ts.URL, Now: f.svc.Now}))
	return f
}

// outboxKinds lists the kinds of mail written for a case.
func (f *fixture) outboxKinds(number string) []string {
	f.t.Helper()
	ctx := context.Background()
	id, _, err := f.svc.CaseIDByNumber(ctx, number)
	if err != nil {
		f.t.Fatal(err)
	}
	list, err := f.svc.DB().Stores().Mail.ListCaseMail(ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	var out []string
	for _, m := range list {
		out = append(out, m.Kind+" to "+m.To)
	}
	return out
}

// TestWithdrawalFunctionWithoutJavaScript walks the withdrawal function
// (CRD Art. 11a) as someone who is not signed in, with JavaScript off: the
// link on every portal page, errors beside their fields, the same error
// for a wrong order number or email, the summary with the pre-check before
// the separate confirmation, and the acknowledgement.
func TestWithdrawalFunctionWithoutJavaScript(t *testing.T) {
	f := newFixture(t).withMail()
	b := f.browser()
	login := b.get("/s/digitallassmed/orders") // not signed in: the sign-in page
	if !strings.Contains(login.url, "/login") || attr(login.byID("withdraw-footer"), "href") != "/s/digitallassmed/withdraw" ||
		text(login.byID("withdraw-footer")) != "Angre kjøpet her" {
		t.Fatalf("no withdrawal link on %s: %q", login.url, text(login.byID("withdraw-footer")))
	}
	if n := strings.Count(login.body, `href="/s/digitallassmed/withdraw"`); n != 2 {
		t.Errorf("the withdrawal link appears %d times, want header and footer", n)
	}

	const path = "/s/digitallassmed/withdraw"
	p := b.get(path)
	if p.status != 200 || p.byID("name") == nil || p.byID("order") == nil || p.byID("email") == nil {
		t.Fatalf("form: %d\n%s", p.status, text(p.byID("main")))
	}

	p = b.post(path, url.Values{"action": {"check"}})
	if p.status != 422 || p.byID("error-summary") == nil {
		t.Fatalf("empty form: %d", p.status)
	}
	for _, id := range []string{"name", "order", "email"} {
		n := p.byID(id)
		if attr(n, "aria-invalid") != "true" || !strings.Contains(attr(n, "aria-describedby"), id+"-error") || p.byID(id+"-error") == nil {
			t.Errorf("%s: not marked invalid and tied to its error", id)
		}
	}

	wrongEmail := b.post(path, url.Values{"action": {"check"}, "name": {"Silje Bakken"}, "order": {"DL-100457"}, "email": {"silje@example.org"}})
	wrongOrder := b.post(path, url.Values{"action": {"check"}, "name": {"Silje Bakken"}, "order": {"DL-100458"}, "email": {"silje.bakken@example.net"}})
	if wrongEmail.status != 422 || text(wrongEmail.byID("order-error")) == "" || text(wrongEmail.byID("order-error")) != text(wrongOrder.byID("order-error")) {
		t.Errorf("mismatch: %d %q vs %q", wrongEmail.status, text(wrongEmail.byID("order-error")), text(wrongOrder.byID("order-error")))
	}

	form := url.Values{"action": {"check"}, "name": {"Silje Bakken"}, "order": {"DL-100457"}, "email": {"silje.bakken@example.net"}}
	p = b.post(path, form)
	if p.status != 200 || p.byID("confirm") == nil {
		t.Fatalf("summary: %d\n%s", p.status, text(p.byID("main")))
	}
	dec := text(p.byID("decision"))
	for _, want := range []string{"Returgebyr", "250,00 NOK", "Forventet tilbakebetaling", "angrerettloven"} {
		if !strings.Contains(dec, want) {
			t.Errorf("summary decision lacks %q: %s", want, dec)
		}
	}
	if p.byID("warning") != nil {
		t.Errorf("a warning for an eligible withdrawal: %s", text(p.byID("warning")))
	}
	if attr(p.byID("items"), "checked") == "" && !strings.Contains(p.body, `value="HANG-ABUS-55" id="item-HANG-ABUS-55" checked`) {
		t.Errorf("delivered items not chosen by default")
	}

	// Confirm for other items than the summary showed: the summary again.
	v := url.Values{"step": {"summary"}, "action": {"confirm"}, "name": form["name"], "order": form["order"], "email": form["email"],
		"sku": {"LAS-ASSA-2000"}, "checked": {attr(p.byID("checked"), "value")}, "reason": {"Feil størrelse."}}
	p = b.post(path, v)
	if p.byID("notice") == nil || p.byID("confirm") == nil {
		t.Fatalf("confirm with a stale summary went through: %s", text(p.byID("main")))
	}
	v.Set("checked", attr(p.byID("checked"), "value"))
	p = b.post(path, v)
	number := text(p.byID("case-number"))
	if p.status != 200 || !regexp.MustCompile(`^DLS-26-\d{6}-\d$`).MatchString(number) {
		t.Fatalf("acknowledgement: %d %q\n%s", p.status, number, text(p.byID("main")))
	}
	main := text(p.byID("main"))
	for _, want := range []string{"23. nov. 2026 kl. 10:30 (CET)", "silje.bakken@example.net", "ASSA 2000", "Feil størrelse.", "DL-100457"} {
		if !strings.Contains(main, want) {
			t.Errorf("acknowledgement lacks %q: %s", want, main)
		}
	}
	if strings.Contains(main, "ABUS 55/50") {
		t.Error("an item left out is in the acknowledgement")
	}
	if got := f.outboxKinds(number); len(got) != 1 || got[0] != "withdrawal_received to silje.bakken@example.net" {
		t.Errorf("outbox: %v", got)
	}
	if c := b.get("/s/digitallassmed/cases/" + number); !strings.Contains(c.url, "/login") {
		t.Errorf("the declaration signed the browser in: %s", c.url)
	}
}

// TestWithdrawalFunctionCases: a signed-in customer finds the form filled
// in; a late declaration and a business's are flagged on the summary but
// may still be sent; the link speaks the page's language.
func TestWithdrawalFunctionCases(t *testing.T) {
	f := newFixture(t).withMail()
	silje := f.signIn("silje.bakken@example.net")
	p := silje.get("/s/digitallassmed/withdraw?order=DL-100457")
	if attr(p.byID("name"), "value") != "Silje Bakken" || attr(p.byID("email"), "value") != "silje.bakken@example.net" || attr(p.byID("order"), "value") != "DL-100457" {
		t.Errorf("not filled in: %q %q %q", attr(p.byID("name"), "value"), attr(p.byID("email"), "value"), attr(p.byID("order"), "value"))
	}

	tests := []struct {
		name, shop, order, email, warning string
	}{
		{"late", "digitallassmed", "DL-099870", "jonas.aasen@example.net", "Angrefristen gikk ut"},
		{"business", "dustin", "5004090456", "magnus@nordvik-regnskap.example", "ingen lovfestet angrerett"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := f.browser()
			path := "/s/" + tt.shop + "/withdraw"
			v := url.Values{"action": {"check"}, "name": {"Someone"}, "order": {tt.order}, "email": {tt.email}}
			p := b.post(path, v)
			if !strings.Contains(text(p.byID("warning")), tt.warning) || p.byID("confirm") == nil {
				t.Fatalf("summary: warning %q\n%s", text(p.byID("warning")), text(p.byID("main")))
			}
			v.Set("action", "confirm")
			v.Set("step", "summary")
			v.Set("checked", attr(p.byID("checked"), "value"))
			for _, m := range regexp.MustCompile(`name="sku" value="([^"]+)" id="[^"]+" checked`).FindAllStringSubmatch(p.body, -1) {
				v.Add("sku", m[1])
			}
			p = b.post(path, v)
			if p.byID("case-number") == nil {
				t.Fatalf("not received:\n%s", text(p.byID("main")))
			}
		})
	}

	b := f.browser()
	b.get("/s/digitallassmed/withdraw?lang=en")
	if p := b.get("/s/digitallassmed/withdraw"); text(p.byID("withdraw-footer")) != "Withdraw from contract here" {
		t.Errorf("English link: %q", text(p.byID("withdraw-footer")))
	}
}
