package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/httpapi"
	"github.com/claimdesk/claimdesk/web"
)

func TestSessionCookieMatchesAPI(t *testing.T) {
	if web.SessionCookie != httpapi.SessionCookie {
		t.Fatalf("web uses cookie %q, the API %q: a sign-in on one would not count on the other", web.SessionCookie, httpapi.SessionCookie)
	}
}

// TestPortalPages renders each portal page as a signed-in customer and
// checks its language, title and the content that matters on it.
func TestPortalPages(t *testing.T) {
	f := newFixture(t)
	ingrid := f.signIn("ingrid.haugen@example.net")
	elin := f.signIn("elin.johansson@example.org")
	kristian := f.signIn("kristian@fjordlys.example")
	anon := f.browser()
	tests := []struct {
		name   string
		b      *browser
		path   string
		status int
		lang   string
		want   []string
	}{
		{"order history", ingrid, "/s/dustin/orders", 200, "nb", []string{"Ordrehistorikk", "5004127733", "5003988120", "Dustin", "Ny sak"}},
		{"orders exclude other customers", ingrid, "/s/dustin/orders", 200, "nb", []string{"Levert"}},
		{"order detail", ingrid, "/s/dustin/orders/5004127733", 200, "nb", []string{"Dell UltraSharp U2724D", "Sporingsnummer", "PostNord", "F5004127733", "Leveringsadresse"}},
		{"new case form", ingrid, "/s/dustin/orders/5004127733/new-case", 200, "nb", []string{"Hvilke varer gjelder det?", "Hva har skjedd?", "Angret kjøpet", "Sjekk hva som gjelder"}},
		{"my account", ingrid, "/s/dustin/account", 200, "nb", []string{"Min konto", "Ingrid Haugen", "Thereses gate 23B", "Kundeprofil"}},
		{"company profile and address book", kristian, "/s/belysning/account", 200, "nb", []string{"Firmaprofil", "976 543 211", "NO976543211MVA", "Byggeplass Kronstad", "Administrator"}},
		{"case list empty", ingrid, "/s/dustin/cases", 200, "nb", []string{"Ærender og reklamasjoner", "Du har ingen saker."}},
		{"help center is public", anon, "/s/dustin/help", 200, "nb", []string{"Hjelpesenter", "Hva er DOA?"}},
		{"help search", anon, "/s/dustin/help?q=" + url.QueryEscape("hva er DOA"), 200, "nb", []string{"Beste svar", "Dead on Arrival"}},
		{"danish shop's language", elin, "/s/compumail/orders", 200, "da", []string{"Ordrehistorik", "CM-880245"}},
		{"sign-in page", anon, "/s/belysning/login", 200, "nb", []string{"Logg inn hos Belysning Proff"}},
		{"unknown shop", anon, "/s/nosuchshop/help", 404, "en", []string{"Page not found"}},
		{"unknown order", ingrid, "/s/dustin/orders/999", 404, "nb", []string{"Fant ikke siden"}},
		{"another customer's order", ingrid, "/s/dustin/orders/5004131902", 404, "nb", []string{"Fant ikke siden"}},
		{"start page lists shops", anon, "/", 200, "en", []string{"Digital Låssmed", "Belysning Proff"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.b.get(tt.path)
			if p.status != tt.status {
				t.Fatalf("status %d, want %d\n%s", p.status, tt.status, p.body)
			}
			if got := attr(htmlElement(p), "lang"); got != tt.lang {
				t.Errorf("lang=%q, want %q", got, tt.lang)
			}
			for _, w := range tt.want {
				if !strings.Contains(p.body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
}

func htmlElement(p page) *html.Node {
	for n := p.doc.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && n.Data == "html" {
			return n
		}
	}
	return nil
}

// TestSignIn covers the sign-in form without JavaScript: errors next to
// the fields, the cookie the API also accepts, redirects back, sign-out.
func TestSignIn(t *testing.T) {
	f := newFixture(t)
	ingrid := f.logins["ingrid.haugen@example.net"]
	tests := []struct {
		name     string
		path     string
		form     url.Values
		status   int
		errField string
		at       string
	}{
		{"empty form", "/s/dustin/login", url.Values{}, 422, "email", "/s/dustin/login"},
		{"wrong password", "/s/dustin/login", url.Values{"email": {ingrid.Email}, "password": {"wrong password"}}, 401, "password", "/s/dustin/login"},
		{"customer of another shop", "/s/compumail/login", url.Values{"email": {ingrid.Email}, "password": {ingrid.Password}}, 401, "password", "/s/compumail/login"},
		{"right password", "/s/dustin/login", url.Values{"email": {ingrid.Email}, "password": {ingrid.Password}}, 200, "", "/s/dustin/orders"},
		{"back to where they were going", "/s/dustin/login", url.Values{"email": {ingrid.Email}, "password": {ingrid.Password}, "next": {"/s/dustin/cases"}}, 200, "", "/s/dustin/cases"},
		{"never to another site", "/s/dustin/login", url.Values{"email": {ingrid.Email}, "password": {ingrid.Password}, "next": {"//evil.example/"}}, 200, "", "/s/dustin/orders"},
		{"agent in the workspace", "/desk/login", url.Values{"email": {"henrik.moe@dustin.example"}, "password": {f.logins["henrik.moe@dustin.example"].Password}}, 200, "", "/desk/cases"},
		{"customer is no agent", "/desk/login", url.Values{"email": {ingrid.Email}, "password": {ingrid.Password}}, 401, "password", "/desk/login"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := f.browser()
			p := b.post(tt.path, tt.form)
			if p.status != tt.status || !strings.HasPrefix(p.url, tt.at) {
				t.Fatalf("got %d at %s, want %d at %s", p.status, p.url, tt.status, tt.at)
			}
			if tt.errField == "" {
				return
			}
			in := p.byID(tt.errField)
			if attr(in, "aria-invalid") != "true" || !strings.Contains(attr(in, "aria-describedby"), tt.errField+"-error") {
				t.Errorf("field %s is not marked invalid with its error: %v", tt.errField, in)
			}
			if p.byID(tt.errField+"-error") == nil || p.byID("error-summary") == nil {
				t.Errorf("no error next to %s or no summary", tt.errField)
			}
			if strings.Contains(p.body, "wrong password") || strings.Contains(p.body, ingrid.Password) {
				t.Error("the password is echoed back")
			}
		})
	}

	t.Run("signed in on the pages is signed in on the API", func(t *testing.T) {
		b := f.signIn(ingrid.Email)
		req, _ := http.NewRequest(http.MethodGet, f.ts.URL+"/api/v1/me", nil)
		res, err := b.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Fatalf("/api/v1/me: %d", res.StatusCode)
		}
		out := b.post("/s/dustin/logout", nil)
		if !strings.HasPrefix(out.url, "/s/dustin/login") || !strings.Contains(out.body, "Du er logget ut.") {
			t.Fatalf("sign-out went to %s", out.url)
		}
		if again := b.get("/s/dustin/orders"); !strings.HasPrefix(again.url, "/s/dustin/login") {
			t.Fatalf("after sign-out the orders page is at %s", again.url)
		}
	})

	t.Run("pages need sign-in", func(t *testing.T) {
		for _, path := range []string{"/s/dustin/orders", "/s/dustin/cases", "/s/dustin/orders/5004127733/new-case", "/desk/cases"} {
			p := f.browser().get(path)
			if !strings.Contains(p.url, "/login?next=") {
				t.Errorf("%s: anonymous visitor ended at %s", path, p.url)
			}
		}
	})

	t.Run("cross-site form posts are refused", func(t *testing.T) {
		p := f.browser().post("/s/dustin/login", url.Values{"email": {ingrid.Email}, "password": {ingrid.Password}},
			"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
		if p.status != http.StatusForbidden {
			t.Fatalf("cross-site sign-in: %d", p.status)
		}
	})
}

// TestLanguageSwitch checks the ?lang= link: it sets a cookie, returns to
// the same page, and every page then speaks the language.
func TestLanguageSwitch(t *testing.T) {
	f := newFixture(t)
	b := f.browser()
	tests := []struct {
		lang, want string
	}{
		{"en", "Help center"}, {"sv", "Hjälpcenter"}, {"da", "Hjælpecenter"}, {"nn", "Hjelpesenter"}, {"nb", "Hjelpesenter"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			p := b.get("/s/digitallassmed/help?lang=" + tt.lang)
			if p.url != "/s/digitallassmed/help" {
				t.Errorf("after switching: %s", p.url)
			}
			if attr(htmlElement(p), "lang") != tt.lang || !strings.Contains(p.body, tt.want) {
				t.Errorf("page is not in %s", tt.lang)
			}
		})
	}
}

// TestOtherCustomersCase: a case number that belongs to someone else gives
// the same not-found page as one that does not exist, and shows nothing.
func TestOtherCustomersCase(t *testing.T) {
	f := newFixture(t)
	c := f.createCase("ingrid.haugen@example.net", casework.OpenCaseInput{Kind: claimdesk.KindDefect, OrderExternalID: "5004127733",
		Lines: []claimdesk.CaseLine{{SKU: "JAB-EV2-65", Quantity: 1}}, Description: "Mikrofonen slutter å virke etter en halvtime i Teams-møter."})
	tests := []struct {
		name   string
		who    string
		path   string
		status int
	}{
		{"owner sees it", "ingrid.haugen@example.net", "/s/dustin/cases/" + c.Number, 200},
		{"another consumer", "ola.berg@example.net", "/s/dustin/cases/" + c.Number, 404},
		{"another consumer's confirmation", "ola.berg@example.net", "/s/dustin/cases/" + c.Number + "/confirmation", 404},
		{"a company user", "sigrid@nordvik-regnskap.example", "/s/dustin/cases/" + c.Number, 404},
		{"a number that does not exist", "ola.berg@example.net", "/s/dustin/cases/DUS-26-999999-0", 404},
		{"nonsense", "ola.berg@example.net", "/s/dustin/cases/hello", 404},
		{"the shop's agent", "henrik.moe@dustin.example", "/desk/cases/" + c.Number, 200},
		{"another shop's agent", "nina.dahl@belysning.example", "/desk/cases/" + c.Number, 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := f.signIn(tt.who).get(tt.path)
			if p.status != tt.status {
				t.Fatalf("status %d, want %d", p.status, tt.status)
			}
			if tt.status == 404 && (strings.Contains(p.body, "Mikrofonen") || strings.Contains(p.body, "JAB-EV2-65")) {
				t.Error("the not-found page leaks the case")
			}
		})
	}
	t.Run("a reply to another's case is refused", func(t *testing.T) {
		p := f.signIn("ola.berg@example.net").post("/s/dustin/cases/"+c.Number+"/messages", url.Values{"body": {"hei"}})
		if p.status != 404 {
			t.Fatalf("status %d", p.status)
		}
	})
}

// TestCompanyRoles: company employees see the company's orders; a viewer
// may look but not open cases, and only admins manage colleagues.
func TestCompanyRoles(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name, who, path string
		status          int
		want, notWant   string
	}{
		{"buyer sees the company's orders", "magnus@nordvik-regnskap.example", "/s/dustin/orders", 200, "5003711208", "5004127733"},
		{"viewer sees them too", "hanne@nordvik-regnskap.example", "/s/dustin/orders", 200, "5004090456", "Ny sak"},
		{"viewer may not open a case", "hanne@nordvik-regnskap.example", "/s/dustin/orders/5004090456/new-case", 403, "Bare lesetilgang", ""},
		{"viewer has no reply form", "hanne@nordvik-regnskap.example", "/s/dustin/orders/5004090456", 200, "5004090456", "order.new_case"},
		{"buyer may not manage colleagues", "magnus@nordvik-regnskap.example", "/s/dustin/company/users", 403, "For firmaets administratorer", ""},
		{"consumer may not either", "ingrid.haugen@example.net", "/s/dustin/company/users", 403, "", ""},
		{"admin may", "sigrid@nordvik-regnskap.example", "/s/dustin/company/users", 200, "Nordvik Regnskap AS", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := f.signIn(tt.who).get(tt.path)
			if p.status != tt.status {
				t.Fatalf("status %d, want %d", p.status, tt.status)
			}
			if tt.want != "" && !strings.Contains(p.body, tt.want) {
				t.Errorf("page lacks %q", tt.want)
			}
			if tt.notWant != "" && strings.Contains(p.body, tt.notWant) {
				t.Errorf("page shows %q", tt.notWant)
			}
		})
	}
}

// TestStandalone: the pages work as their own http.Handler, without the
// API server in front, reading the session cookie themselves.
func TestStandalone(t *testing.T) {
	f := newFixture(t)
	alone := httptest.NewServer(web.New(f.svc, web.Options{}))
	t.Cleanup(alone.Close)
	api := f.ts
	f.ts = alone
	defer func() { f.ts = api }()
	b := f.signIn("jonas.aasen@example.net")
	p := b.get("/s/digitallassmed/orders")
	if p.status != 200 || !strings.Contains(p.body, "DL-099870") {
		t.Fatalf("orders without the API server: %d %s", p.status, p.url)
	}
	if css := b.get("/assets/app.css"); css.status != 200 {
		t.Errorf("stylesheet: %d", css.status)
	}
}

// TestOrderPaging: a long order history pages with the store's cursor.
func TestOrderPaging(t *testing.T) {
	f := newFixture(t)
	sys := claimdesk.WithActor(context.Background(), claimdesk.System)
	for i := 0; i < 22; i++ {
		_, _, err := f.svc.UpsertOrder(sys, "digitallassmed", casework.OrderInput{
			Order: claimdesk.Order{ExternalID: fmt.Sprintf("DL-2000%02d", i), OrderedAt: testNow.Add(-time.Duration(i) * time.Hour),
				Lines: []claimdesk.OrderLine{{SKU: "HANG-ABUS-55", Name: "ABUS 55/50 hengelås, messing", Quantity: 1, UnitPrice: 44900}}},
			Customer: casework.CustomerRef{ExternalID: "L-7002", Kind: claimdesk.Consumer, Name: "Jonas Aasen", Email: "jonas.aasen@example.net", Country: claimdesk.Norway},
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	b := f.signIn("jonas.aasen@example.net")
	first := b.get("/s/digitallassmed/orders")
	if n := strings.Count(first.body, `<th scope="row"><a href="/s/digitallassmed/orders/`); n != 20 {
		t.Fatalf("first page has %d orders, want 20", n)
	}
	m := regexp.MustCompile(`href="(/s/digitallassmed/orders\?before=\d+)"`).FindStringSubmatch(first.body)
	if m == nil {
		t.Fatal("no link to older orders")
	}
	second := b.get(m[1])
	if n := strings.Count(second.body, `<th scope="row"><a href="/s/digitallassmed/orders/`); n != 3 {
		t.Errorf("second page has %d orders, want 3 (22 new and DL-099870)", n)
	}
	if !strings.Contains(second.body, "DL-099870") || !strings.Contains(second.body, "Første side") {
		t.Error("the oldest order or the link back is missing")
	}
}
