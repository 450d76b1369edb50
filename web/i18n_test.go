package web

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/claimdesk/claimdesk"
)

// TestCataloguesComplete: every language has exactly the keys English has,
// with the same placeholders, so no page ever shows a key or a hole.
func TestCataloguesComplete(t *testing.T) {
	cat, err := loadCatalogues(i18nFS)
	if err != nil {
		t.Fatal(err)
	}
	en := cat.byLang[claimdesk.English]
	ph := regexp.MustCompile(`\{[a-z_]+\}`)
	for _, l := range claimdesk.Langs {
		t.Run(string(l), func(t *testing.T) {
			loc := cat.byLang[l]
			for _, k := range en.keys() {
				v, ok := loc.msgs[k]
				if !ok {
					t.Errorf("missing key %s", k)
					continue
				}
				want, got := ph.FindAllString(en.msgs[k], -1), ph.FindAllString(v, -1)
				slices.Sort(want)
				slices.Sort(got)
				if !slices.Equal(want, got) && !strings.HasPrefix(k, "format.") {
					t.Errorf("%s: placeholders %v, English has %v", k, got, want)
				}
			}
			for _, k := range loc.keys() {
				if _, ok := en.msgs[k]; !ok {
					t.Errorf("extra key %s (not in en.toml)", k)
				}
			}
		})
	}
}

// TestTemplateKeysExist: every literal key a template or handler asks for
// is in the English catalogue (and so, by the test above, in all).
func TestTemplateKeysExist(t *testing.T) {
	cat, err := loadCatalogues(i18nFS)
	if err != nil {
		t.Fatal(err)
	}
	en := cat.byLang[claimdesk.English]
	re := regexp.MustCompile(`\.T "([a-z_.]+)"`)
	err = fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := fs.ReadFile(templateFS, p)
		for _, m := range re.FindAllStringSubmatch(string(data), -1) {
			if !en.Has(m[1]) {
				t.Errorf("%s asks for %s, which en.toml lacks", p, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Keys built from values: every kind, status, fact and flash.
	var keys []string
	for _, k := range claimdesk.CaseKinds {
		keys = append(keys, "kind."+string(k), "kindhint."+string(k))
	}
	for _, s := range []string{"open", "waiting", "resolved", "closed"} {
		keys = append(keys, "status."+s, "queue.status_"+s)
	}
	for _, k := range formKinds {
		for _, fact := range append(factsFor(k, true), factsFor(k, false)...) {
			keys = append(keys, "fact."+fact)
		}
	}
	for _, k := range []string{"assigned_you", "assigned_other", "assigned_none", "waiting_customer", "waiting_carrier", "waiting_manufacturer"} {
		keys = append(keys, "deskcase."+k)
	}
	for _, k := range []string{"requested", "approved", "partly_approved", "rejected"} {
		keys = append(keys, "decisionstate."+k)
	}
	for _, k := range claimdesk.KindComplaint.Remedies() {
		if k != "" {
			keys = append(keys, "remedy."+string(k))
		}
	}
	for _, k := range []string{"customer_service", "ombudsman", "national_body"} {
		keys = append(keys, "ladder."+k)
		if k != "customer_service" {
			keys = append(keys, "escalate.to_"+k, "escalate.button_"+k)
		}
	}
	for f := range flashes {
		keys = append(keys, "flash."+f)
	}
	for _, e := range []string{"not_found", "forbidden", "unauthenticated", "rate_limited", "unavailable", "invalid", "internal", "cross_origin", "viewer", "company_admin", "conflict"} {
		keys = append(keys, "error."+e+"_title", "error."+e+"_text")
	}
	for _, k := range keys {
		if !en.Has(k) {
			t.Errorf("en.toml lacks %s", k)
		}
	}
}

func TestFormats(t *testing.T) {
	cat, err := loadCatalogues(i18nFS)
	if err != nil {
		t.Fatal(err)
	}
	d := claimdesk.Date{Year: 2026, Month: 5, Day: 17}
	tests := []struct {
		lang        claimdesk.Lang
		money, date string
	}{
		{claimdesk.Bokmal, "12 345,50 NOK", "17. mai 2026"},
		{claimdesk.Nynorsk, "12 345,50 NOK", "17. mai 2026"},
		{claimdesk.Swedish, "12 345,50 NOK", "17 maj 2026"},
		{claimdesk.Danish, "12.345,50 NOK", "17. maj 2026"},
		{claimdesk.English, "NOK 12,345.50", "17 May 2026"},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang), func(t *testing.T) {
			l := cat.byLang[tt.lang]
			if got := l.Money(1234550, "NOK"); got != tt.money {
				t.Errorf("money %q, want %q", got, tt.money)
			}
			if got := l.Date(d); got != tt.date {
				t.Errorf("date %q, want %q", got, tt.date)
			}
		})
	}
}

func TestNegotiate(t *testing.T) {
	tests := []struct {
		name, header string
		want         claimdesk.Lang
		ok           bool
	}{
		{"Norwegian macro tag", "no,en;q=0.8", claimdesk.Bokmal, true},
		{"region subtag", "sv-SE,sv;q=0.9", claimdesk.Swedish, true},
		{"quality order", "de;q=1,da;q=0.5,en;q=0.7", claimdesk.English, true},
		{"nothing we speak", "de,fr", "", false},
		{"refused language", "nn;q=0", "", false},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := negotiate(tt.header)
			if got != tt.want || ok != tt.ok {
				t.Errorf("negotiate(%q) = %q, %v", tt.header, got, ok)
			}
		})
	}
}

func TestSafeNext(t *testing.T) {
	tests := []struct{ name, next, want string }{
		{"local path", "/s/dustin/cases", "/s/dustin/cases"},
		{"other shop", "/s/compumail/cases", "/s/dustin/orders"},
		{"protocol-relative", "//evil.example/s/dustin/", "/s/dustin/orders"},
		{"absolute", "https://evil.example/s/dustin/", "/s/dustin/orders"},
		{"backslash", "/s/dustin/\\evil", "/s/dustin/orders"},
		{"empty", "", "/s/dustin/orders"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := safeNext(tt.next, "/s/dustin/", "/s/dustin/orders"); got != tt.want {
				t.Errorf("safeNext(%q) = %q", tt.next, got)
			}
		})
	}
}

// Feature folders (i18n/FEATURE/LANG.toml) add keys to a language; the same
// key in two files is refused, so two features cannot silently fight over a text.
func TestCatalogueFeatureFiles(t *testing.T) {
	base := map[string]*fstest.MapFile{}
	for _, l := range claimdesk.Langs {
		base["i18n/"+string(l)+".toml"] = &fstest.MapFile{Data: []byte(`[format]
decimal = ","
thousands = " "
money = "{amount} {currency}"
date = "{d}. {month} {y}"
date_time = "{date} {time}"
months = "a,b,c,d,e,f,g,h,i,j,k,l"
[orders]
title = "Orders"
`)}
		base["i18n/returns/"+string(l)+".toml"] = &fstest.MapFile{Data: []byte("[returns]\ntitle = \"Returns " + string(l) + "\"\n")}
	}
	c, err := loadCatalogues(fstest.MapFS(base))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.byLang[claimdesk.Swedish].T("returns.title"); got != "Returns sv" {
		t.Errorf("feature key = %q", got)
	}
	base["i18n/clash/nb.toml"] = &fstest.MapFile{Data: []byte("[orders]\ntitle = \"Again\"\n")}
	if _, err := loadCatalogues(fstest.MapFS(base)); err == nil || !strings.Contains(err.Error(), "orders.title is defined twice") {
		t.Errorf("duplicate key: err = %v", err)
	}
}
