package web_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestNewCaseWithoutJavaScript walks the "new case" form as a browser with
// JavaScript off: Check shows the policy engine's decision before any
// case exists, Submit without having seen it shows it first, and the
// confirmation names the case (RMA) number and the packing list.
func TestNewCaseWithoutJavaScript(t *testing.T) {
	f := newFixture(t)
	silje := f.signIn("silje.bakken@example.net")
	form := url.Values{"sku": {"LAS-ASSA-2000"}, "qty-LAS-ASSA-2000": {"1"}, "kind": {"withdrawal"}}
	path := "/s/digitallassmed/orders/DL-100457/new-case"

	check := func(v url.Values, action string) page {
		t.Helper()
		w := url.Values{}
		for k, vs := range v {
			w[k] = vs
		}
		w.Set("action", action)
		return silje.post(path, w)
	}

	p := check(form, "check")
	if p.status != 200 {
		t.Fatalf("check: %d", p.status)
	}
	dec := text(p.byID("decision-body"))
	for _, want := range []string{"Dette er dekket", "Returgebyr", "250,00 NOK", "Forventet tilbakebetaling", "1 640,00 NOK", "angrerettloven"} {
		if !strings.Contains(dec, want) {
			t.Errorf("decision lacks %q: %s", want, dec)
		}
	}
	if n := countCases(silje); n != 0 {
		t.Fatalf("a check opened %d cases", n)
	}
	if text(p.byID("suggestions-body")) == "" {
		t.Error("no help-center suggestions")
	}

	// Submit with a stale token: the decision is shown first, no case yet.
	stale := url.Values{}
	for k, vs := range form {
		stale[k] = vs
	}
	stale.Set("checked", "0000")
	p = check(stale, "submit")
	if p.byID("notice") == nil || countCases(silje) != 0 {
		t.Fatalf("submit without the decision seen: notice=%v", p.byID("notice"))
	}

	// Submit with the token of the decision shown.
	form.Set("checked", attr(p.byID("checked"), "value"))
	p = check(form, "submit")
	if !strings.HasSuffix(p.url, "/confirmation") {
		t.Fatalf("submit ended at %s (%d)\n%s", p.url, p.status, text(p.byID("main")))
	}
	number := text(p.byID("rma-number"))
	if !regexp.MustCompile(`^DLS-26-\d{6}-\d$`).MatchString(number) {
		t.Fatalf("RMA number %q", number)
	}
	for _, want := range []string{"Skriv saksnummeret " + number, "Sandakerveien 24C", "Send pakken innen", "250,00 NOK"} {
		if !strings.Contains(text(p.byID("main")), want) {
			t.Errorf("confirmation lacks %q", want)
		}
	}
	if countCases(silje) != 1 {
		t.Fatal("the case is not in the case list")
	}
	label := silje.get("/s/digitallassmed/cases/" + number + "/label")
	if label.status != 200 || !strings.HasPrefix(label.body, "%PDF") {
		t.Errorf("return label: %d %.20q", label.status, label.body)
	}
	if other := f.signIn("jonas.aasen@example.net").get("/s/digitallassmed/cases/" + number + "/label"); other.status != 404 {
		t.Errorf("another customer fetches the label: %d", other.status)
	}
	casePage := silje.get("/s/digitallassmed/cases/" + number)
	if !strings.Contains(text(casePage.byID("main")), "Sak opprettet") {
		t.Error("the timeline lacks the opening")
	}
}

func countCases(b *browser) int {
	p := b.get("/s/" + strings.Split(strings.TrimPrefix(b.url[strings.Index(b.url, "/s/"):], "/s/"), "/")[0] + "/cases")
	return strings.Count(p.body, `<th scope="row"><a href="/s/`)
}

// TestNewCaseErrors checks that each problem is shown next to its field,
// tied to it with aria-describedby, and listed in the summary.
func TestNewCaseErrors(t *testing.T) {
	f := newFixture(t)
	elin := f.signIn("elin.johansson@example.org")
	path := "/s/compumail/orders/CM-880245/new-case"
	tests := []struct {
		name   string
		form   url.Values
		status int
		field  string // the field id the error belongs to
		input  string // the element that must point at the error
	}{
		{"nothing chosen", url.Values{"action": {"submit"}}, 422, "lines", ""},
		{"no kind", url.Values{"action": {"submit"}, "sku": {"HDD-WD-8TB"}}, 422, "kind", ""},
		{"too many", url.Values{"action": {"submit"}, "sku": {"HDD-WD-8TB"}, "qty-HDD-WD-8TB": {"3"}, "kind": {"defect"}}, 422, "qty-1", "qty-1"},
		{"not a number", url.Values{"action": {"check"}, "sku": {"HDD-WD-8TB"}, "qty-HDD-WD-8TB": {"two"}, "kind": {"defect"}}, 200, "qty-1", "qty-1"},
		{"no description", url.Values{"action": {"submit"}, "sku": {"HDD-WD-8TB"}, "kind": {"defect"}}, 422, "description", "description"},
		{"vague description on check", url.Values{"action": {"check"}, "sku": {"HDD-WD-8TB"}, "kind": {"defect"}, "description": {"fungerar inte"}}, 200, "description", "description"},
		{"vague description on submit", url.Values{"action": {"submit"}, "sku": {"HDD-WD-8TB"}, "kind": {"defect"}, "description": {"Död."}}, 422, "description", "description"},
		{"vague in Danish", url.Values{"action": {"check"}, "sku": {"HDD-WD-8TB"}, "kind": {"defect"}, "description": {"virker ikke"}}, 200, "description", "description"},
		{"vague in English", url.Values{"action": {"check"}, "sku": {"HDD-WD-8TB"}, "kind": {"defect"}, "description": {"dead"}}, 200, "description", "description"},
		{"bad date", url.Values{"action": {"check"}, "sku": {"HDD-WD-8TB"}, "kind": {"defect"}, "discovered_on": {"last week"}}, 200, "discovered_on", "discovered_on"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := elin.post(path, tt.form)
			if p.status != tt.status {
				t.Fatalf("status %d, want %d", p.status, tt.status)
			}
			errEl := p.byID(tt.field + "-error")
			if errEl == nil || text(errEl) == "" {
				t.Fatalf("no error shown for %s", tt.field)
			}
			if tt.input != "" {
				in := p.byID(tt.input)
				if attr(in, "aria-invalid") != "true" || !strings.Contains(attr(in, "aria-describedby"), tt.field+"-error") {
					t.Errorf("%s is not tied to its error: invalid=%q describedby=%q", tt.input, attr(in, "aria-invalid"), attr(in, "aria-describedby"))
				}
			}
			if tt.status == 422 && !strings.Contains(attr(p.byID("error-summary"), "role"), "alert") {
				t.Error("no error summary")
			}
		})
	}

	t.Run("a fixed description goes through", func(t *testing.T) {
		v := url.Values{"action": {"check"}, "sku": {"HDD-WD-8TB"}, "qty-HDD-WD-8TB": {"1"}, "kind": {"defect"},
			"description": {"Disken klickar högt och försvinner ur NAS:en efter ungefär en timme; SMART visar 40 omallokerade sektorer."}}
		p := elin.post(path, v)
		if p.byID("description-error") != nil {
			t.Fatalf("a precise description is still flagged: %s", text(p.byID("description-error")))
		}
		v.Set("checked", attr(p.byID("checked"), "value"))
		v.Set("action", "submit")
		p = elin.post(path, v)
		if !strings.HasSuffix(p.url, "/confirmation") {
			t.Fatalf("ended at %s: %s", p.url, text(p.byID("main")))
		}
		if !strings.Contains(text(p.byID("main")), "CMP-26-") {
			t.Error("no Compumail case number")
		}
	})
}

// TestNewCaseManufacturerRoute: a fault on a product the manufacturer
// handles gets the manufacturer's route on the confirmation instead of a
// packing list for the shop.
func TestNewCaseManufacturerRoute(t *testing.T) {
	f := newFixture(t)
	elin := f.signIn("elin.johansson@example.org")
	path := "/s/compumail/orders/CM-880245/new-case"
	v := url.Values{"action": {"check"}, "sku": {"SSD-990-2TB"}, "kind": {"defect"},
		"description": {"Disken försvinner ur BIOS efter omstart och Windows rapporterar I/O-fel vid kopiering."}}
	p := elin.post(path, v)
	if !strings.Contains(text(p.byID("decision-body")), "Producenten eller dennes servicepartner") {
		t.Fatalf("decision without the manufacturer route: %s", text(p.byID("decision-body")))
	}
	v.Set("checked", attr(p.byID("checked"), "value"))
	v.Set("action", "submit")
	p = elin.post(path, v)
	main := text(p.byID("main"))
	if !strings.HasSuffix(p.url, "/confirmation") || !strings.Contains(main, "send ikke varerne til os") {
		t.Fatalf("confirmation at %s: %s", p.url, main)
	}
	if strings.Contains(main, "Høgemosevænget") {
		t.Error("the confirmation asks for the goods to be sent to the shop")
	}
	number := text(p.byID("rma-number"))
	if label := elin.get("/s/compumail/cases/" + number + "/label"); label.status != 409 {
		t.Errorf("a manufacturer case has a shop label: %d", label.status)
	}
}
