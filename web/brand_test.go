package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk"
)

// brandLink is the href of the page's brand stylesheet link, or "".
func brandLink(p page) string { return attr(p.byID("brand-css"), "href") }

// fetchCSS gets a stylesheet as a browser does.
func (b *browser) fetchCSS(path string) (*http.Response, string) {
	b.f.t.Helper()
	res, data := b.raw(path)
	return res, string(data)
}

// TestBrandStylesheet: a shop's portal pages (public and signed in) link
// its brand stylesheet, which carries the shop's colour as the accent,
// as text/css cached for good under its hash; the workspace links none.
func TestBrandStylesheet(t *testing.T) {
	f := newFixture(t)
	anon, ingrid, agent := f.browser(), f.signIn("ingrid.haugen@example.net"), f.signIn("henrik.moe@dustin.example")
	for _, tt := range []struct {
		name string
		b    *browser
		path string
	}{
		{"sign-in page", anon, "/s/dustin/login"},
		{"help center", anon, "/s/dustin/help"},
		{"order history", ingrid, "/s/dustin/orders"},
		{"not found in the shop's frame", ingrid, "/s/dustin/orders/999"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if href := brandLink(tt.b.get(tt.path)); !strings.HasPrefix(href, "/s/dustin/brand.css?v=") {
				t.Fatalf("brand stylesheet link %q", href)
			}
		})
	}
	href := brandLink(anon.get("/s/dustin/login"))
	res, css := anon.fetchCSS(href)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("brand.css: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") || !strings.Contains(cc, "max-age=31536000") {
		t.Errorf("Cache-Control %q, want a year, immutable", cc)
	}
	for _, w := range []string{":root{", "--accent:#0b3d91;", "--accent-soft:#"} {
		if !strings.Contains(css, w) {
			t.Errorf("brand.css lacks %q:\n%s", w, css)
		}
	}
	if res, _ := anon.fetchCSS("/s/dustin/brand.css?v=old"); res.StatusCode != 200 || res.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("a stale hash: %d, Cache-Control %q", res.StatusCode, res.Header.Get("Cache-Control"))
	}
	if res, _ := anon.fetchCSS("/s/nosuchshop/brand.css"); res.StatusCode != 404 {
		t.Errorf("unknown shop: %d", res.StatusCode)
	}
	if other := brandLink(anon.get("/s/compumail/login")); other == href || other == "" {
		t.Errorf("compumail's link %q, dustin's %q: each shop has its own", other, href)
	}
	for _, path := range []string{"/desk/login", "/desk/cases", "/desk/shops/dustin/settings", "/"} {
		b := agent
		if path == "/desk/shops/dustin/settings" {
			b = f.signIn("camilla.strand@dustin.example")
		}
		if p := b.get(path); p.status != 200 || strings.Contains(p.body, "brand.css") {
			t.Errorf("%s (%d) links a brand stylesheet: the workspace stays neutral", path, p.status)
		}
	}
}

// TestBrandColorSetting: on the settings page a colour too light for white
// text (WCAG 2.x SC 1.4.3, 4.5:1) comes back beside the field with the
// ratio it has; a dark one gives the portal a new stylesheet URL; the
// reset box goes back to claimdesk's colour, and the portal links none.
func TestBrandColorSetting(t *testing.T) {
	f := newFixture(t)
	admin := f.signIn("camilla.strand@dustin.example")
	p := admin.get("/desk/shops/dustin/settings?lang=en")
	if in := p.byID("brand_color"); attr(in, "type") != "color" || attr(in, "value") != "#0b3d91" || text(p.byID("brand_color-hex")) != "#0b3d91" {
		t.Fatalf("colour field type %q value %q, hex shown %q", attr(in, "type"), attr(in, "value"), text(p.byID("brand_color-hex")))
	}
	form := func(change map[string]string) url.Values { return settingsValues(p, change) }
	before := brandLink(f.browser().get("/s/dustin/login"))

	res := admin.post("/desk/shops/dustin/settings", form(map[string]string{"brand_color": "#f0c000"}))
	msg := text(res.byID("brand_color-error"))
	if res.status != 422 || !strings.Contains(msg, "1.71:1") || !strings.Contains(msg, "#f0c000") || attr(res.byID("brand_color"), "aria-invalid") != "true" {
		t.Fatalf("a light colour: %d, error %q", res.status, msg)
	}
	if !strings.Contains(attr(res.byID("brand_color"), "aria-describedby"), "brand_color-error") || attr(res.byID("brand_color"), "value") != "#f0c000" {
		t.Error("the error is not tied to the field, or the field lost the colour sent")
	}
	admin.get("/desk/shops/dustin/settings?lang=nb")
	res = admin.post("/desk/shops/dustin/settings", form(map[string]string{"brand_color": "#f0c000"}))
	if msg := text(res.byID("brand_color-error")); !strings.Contains(msg, "1,71:1") || !strings.Contains(msg, "Hvit tekst") {
		t.Errorf("in bokmål the ratio has a decimal comma: %q", msg)
	}
	admin.get("/desk/shops/dustin/settings?lang=en")

	res = admin.post("/desk/shops/dustin/settings", form(map[string]string{"brand_color": "#5B2A86"}))
	if res.status != 200 || !strings.Contains(res.body, "The settings have been saved.") {
		t.Fatalf("a dark colour: %d %s", res.status, text(res.byID("error-summary")))
	}
	after := brandLink(f.browser().get("/s/dustin/login"))
	if after == before || after == "" {
		t.Errorf("the stylesheet URL %q did not change from %q with the colour", after, before)
	}
	if _, css := f.browser().fetchCSS(after); !strings.Contains(css, "--accent:#5b2a86;") {
		t.Errorf("brand.css after the change:\n%s", css)
	}

	res = admin.post("/desk/shops/dustin/settings", form(map[string]string{"brand_reset": "1"}))
	shop, _ := f.svc.GetShop(claimdesk.WithActor(context.Background(), claimdesk.System), "dustin")
	if res.status != 200 || shop.Brand.Color != "" {
		t.Fatalf("reset: %d, colour %q", res.status, shop.Brand.Color)
	}
	if href := brandLink(f.browser().get("/s/dustin/login")); href != "" {
		t.Errorf("a shop without a colour links %q", href)
	}
	if res, _ := f.browser().fetchCSS(after); res.StatusCode != 404 {
		t.Errorf("brand.css of a shop without a colour: %d", res.StatusCode)
	}
	if v := attr(res.byID("brand_color"), "value"); v != "#1f5a96" {
		t.Errorf("without a colour the field shows %q, want claimdesk's #1f5a96", v)
	}
	// Sending claimdesk's own colour back unchanged keeps the shop unbranded.
	admin.post("/desk/shops/dustin/settings", form(map[string]string{"brand_color": "#1f5a96"}))
	if shop, _ := f.svc.GetShop(claimdesk.WithActor(context.Background(), claimdesk.System), "dustin"); shop.Brand.Color != "" {
		t.Errorf("claimdesk's colour was stored as %q", shop.Brand.Color)
	}
}
