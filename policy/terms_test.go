package policy

import (
	"errors"
	"os"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestEmbeddedTermsLoad(t *testing.T) {
	ts, err := EmbeddedTerms()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, x := range ts {
		ids = append(ids, x.ID)
		if x.Version == "" || x.Location() == nil {
			t.Errorf("%s: version %q, location %v", x.ID, x.Version, x.Location())
		}
	}
	if got := strings.Join(ids, ","); got != "belysning,compumail,digitallassmed,dustin,statutory-dk,statutory-no,statutory-se" {
		t.Errorf("ids = %s", got)
	}
}

// TestTermsExposeService checks the service facts other packages read.
func TestTermsExposeService(t *testing.T) {
	e := testEngine(t)
	d := e.Terms("dustin")
	phone := d.HoursFor("phone")
	if phone == nil || len(phone.Schedule().Days[time.Monday]) != 1 || phone.Schedule().Days[time.Saturday] != nil {
		t.Fatalf("dustin phone hours: %+v", phone)
	}
	if d.Retention == nil || d.Retention.InactiveAccountMonths != 36 {
		t.Errorf("dustin retention: %+v", d.Retention)
	}
	if len(d.Ladder) != 5 || d.Ladder[0].Step != "customer_service" {
		t.Errorf("dustin ladder: %+v", d.Ladder)
	}
	// Dustin answers e-mail within 24 hours on weekdays (seed 000).
	a := d.Answers[0]
	clock := d.SLAClock(a, "NO")
	start := time.Date(2026, 4, 1, 12, 0, 0, 0, d.Location()) // Wednesday before Easter
	if due := clock.Due(start, a.Duration()); !due.Equal(time.Date(2026, 4, 7, 12, 0, 0, 0, d.Location())) {
		t.Errorf("email due %s", due)
	}
	c := e.Terms("compumail")
	if m := c.MarketFor("DK"); m == nil || m.Currency != "DKK" || m.Lang != "da" {
		t.Errorf("compumail DK market: %+v", m)
	}
	if len(c.Packing) == 0 || e.Terms("belysning").Serves("consumer") {
		t.Error("compumail packing notes missing or belysning serves consumers")
	}
}

func TestLoadTermsFileRefuses(t *testing.T) {
	clean, err := os.ReadFile("testdata/clean.toml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		edit func(string) string
		line int
		want string
	}{
		{"syntax error", func(s string) string { return strings.Replace(s, `days = 30`, `days = = 30`, 1) }, 63, "toml"},
		{"unknown key", func(s string) string { return strings.Replace(s, `days = 30`, "days = 30\nfrobnicate = 1", 1) }, 0, "frobnicate"},
		{"missing version", func(s string) string { return strings.Replace(s, `version = "clean-2026-11-01.1"`, `version = ""`, 1) }, 6, "version"},
		{"undefined clause", func(s string) string { return strings.Replace(s, `clause = "retur"`, `clause = "nope"`, 1) }, 0, "not defined"},
		{"offered without period", func(s string) string { return strings.Replace(s, "days = 30\n", "days = 0\n", 1) }, 0, "no period"},
		{"contradictory windows", func(s string) string {
			return s + "\n[[window]]\nkinds = [\"transport_damage\"]\ndamage = \"visible\"\ndays = 5\naudience = [\"business\"]\nclause = \"bedrift\"\n"
		}, 0, "contradicts"},
		{"bad time zone", func(s string) string { return strings.Replace(s, "Europe/Oslo", "Mars/Olympus", 1) }, 9, "time zone"},
		{"fee on a confirmed fault", func(s string) string {
			return s + "\n[[fee]]\ncode = \"no_fault_found_fee\"\namount = \"100.00\"\ncurrency = \"NOK\"\nfindings = [\"fault_confirmed\"]\nclause = \"reklamasjon\"\n"
		}, 0, "justified complaint is free"},
		{"float amount", func(s string) string {
			return s + "\n[[fee]]\ncode = \"return_fee\"\namount = \"12.345\"\ncurrency = \"NOK\"\ncharged_on = [\"return\"]\nclause = \"retur\"\n"
		}, 0, "amount"},
		{"overlapping shifts", func(s string) string {
			return strings.Replace(s, `"12:30-16:00"`, `"11:00-16:00"`, 1)
		}, 0, "overlap"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.edit(string(clean))
			_, err := LoadTermsFile("clean.toml", []byte(data))
			var te *TermsError
			if !errors.As(err, &te) {
				t.Fatalf("err = %v, want a *TermsError", err)
			}
			if te.File != "clean.toml" || te.Line == 0 || !strings.Contains(te.Msg, tt.want) {
				t.Errorf("got %q (line %d), want a line and %q", err, te.Line, tt.want)
			}
			if tt.line > 0 && te.Line != tt.line {
				t.Errorf("line = %d, want %d", te.Line, tt.line)
			}
		})
	}
}

func TestLintCleanFindsNothing(t *testing.T) {
	data, err := os.ReadFile("testdata/clean.toml")
	if err != nil {
		t.Fatal(err)
	}
	clean, err := LoadTermsFile("testdata/clean.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	if fs := Lint(clean, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)); len(fs) != 0 {
		t.Errorf("clean terms gave findings: %+v", fs)
	}
}

// TestLintDemoShops checks that every conflict law.md § 8 lists is found.
func TestLintDemoShops(t *testing.T) {
	e := testEngine(t)
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		shop string
		want []string // codes, each at least once
	}{
		{"dustin", []string{"consumer_binding_window", "outdated_mediator", "foreign_dispute_body", "dead_odr_link"}},
		{"compumail", []string{"outdated_presumption", "period_below_floor", "consumer_binding_window", "consumer_complaint_fee"}},
		{"digitallassmed", []string{"withdrawal_return_fee", "flat_box_deduction", "dead_odr_link", "outdated_mediator",
			"foreign_dispute_body", "consumer_binding_window", "foreign_statute"}},
		{"belysning", nil},
	}
	for _, tt := range tests {
		t.Run(tt.shop, func(t *testing.T) {
			got := map[string]bool{}
			for _, f := range Lint(e.Terms(tt.shop), today) {
				got[f.Code] = true
				if f.Clause == "" || f.Law == "" || f.Message == "" {
					t.Errorf("incomplete finding %+v", f)
				}
			}
			for _, c := range tt.want {
				if !got[c] {
					t.Errorf("missing %s", c)
				}
			}
			if len(tt.want) == 0 && len(got) > 0 {
				t.Errorf("valid B2B terms gave findings: %v", keys(got))
			}
		})
	}
	// Before the ODR platform closed, the link was still required.
	for _, f := range Lint(e.Terms("dustin"), time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)) {
		if f.Code == "dead_odr_link" {
			t.Error("dead_odr_link reported before the platform closed")
		}
	}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestLawVersions(t *testing.T) {
	l := NordicLaw()
	tests := []struct {
		name    string
		key     string
		country string
		day     string
		want    int
	}{
		{"NO presumption before 2024 (fkjl § 18)", KeyPresumptionMonths, "NO", "2023-12-31", 6},
		{"NO presumption from 2024 (fkjl § 18, Prop. 49 LS)", KeyPresumptionMonths, "NO", "2024-01-01", 24},
		{"DK presumption from 2022 (købeloven § 77 a)", KeyPresumptionMonths, "DK", "2022-01-01", 12},
		{"SE presumption from 1 May 2022 (KKöpL 4 kap. 17 §)", KeyPresumptionMonths, "SE", "2022-05-01", 24},
		{"DK business period (købeloven § 54)", KeyBusinessComplaint, "DK", "2026-01-01", 12},
		{"SE consumer period (KKöpL)", KeyComplaintMonths, "SE", "2026-01-01", 36},
		{"NO long-lived goods (fkjl § 27 (2))", KeyComplaintLongLived, "NO", "2026-01-01", 60},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			day, _ := time.Parse(time.DateOnly, tt.day)
			r := l.Lookup(tt.key, countryOf(tt.country), day)
			if r == nil || r.Value != tt.want || r.Statute == "" {
				t.Errorf("got %+v, want %d", r, tt.want)
			}
		})
	}
}

// TestStatutoryTemplates: the templates a new shop starts on state nothing
// the linter finds wrong, and give consumers exactly the law: withdrawal
// with the weekend roll (angrerettloven § 20, distansavtalslagen 2 kap.
// 12 §, forbrugeraftaleloven § 19), no voluntary return, and the statutory
// complaint period without a statutory_floor warning.
func TestStatutoryTemplates(t *testing.T) {
	e, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		terms, country, currency string
		complaintDeadline        string // delivered 2026-03-02
	}{
		{"statutory-no", "NO", "NOK", "2028-03-02"}, // forbrukerkjøpsloven § 27: 2 years
		{"statutory-se", "SE", "SEK", "2029-03-02"}, // konsumentköplagen 5 kap. 4 §: 3 years
		{"statutory-dk", "DK", "DKK", "2028-03-02"}, // købeloven § 83: 2 years
	}
	for _, tt := range tests {
		t.Run(tt.terms, func(t *testing.T) {
			if f := Lint(e.Terms(tt.terms), time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)); len(f) != 0 {
				t.Errorf("lint findings: %+v", f)
			}
			sc := func(kind string) *Scenario {
				return &Scenario{Shop: tt.terms, Customer: Customer{Kind: "consumer", Country: tt.country},
					Order: Order{OrderedOn: "2026-02-27", Currency: tt.currency, Lines: []Line{{SKU: "A", Quantity: 1, UnitPrice: 100000}},
						Deliveries: []Delivery{{DeliveredOn: "2026-03-02", SKUs: []string{"A"}}}},
					Case: ScenarioCase{Kind: kind, OpenedOn: "2026-03-10", SKUs: []CaseSKU{{SKU: "A", Quantity: 1}}, Description: "Skärmen flimrar vid uppstart."}}
			}
			w := e.Assess(sc("withdrawal"))
			if w.Error != nil || !*w.Eligible || w.Deadline.Format("2006-01-02") != "2026-03-16" {
				t.Errorf("withdrawal: %+v", w)
			}
			if r := e.Assess(sc("return")); r.Error != nil || *r.Eligible || len(r.Reasons) != 1 || r.Reasons[0] != "not_offered" {
				t.Errorf("return: %+v", r)
			}
			d := e.Assess(sc("defect"))
			if d.Error != nil || !*d.Eligible || d.Deadline.Format("2006-01-02") != tt.complaintDeadline {
				t.Errorf("defect: deadline %v, want %s (%+v)", d.Deadline, tt.complaintDeadline, d)
			}
			for _, r := range d.Reasons {
				if r == "statutory_floor" {
					t.Error("a template states no period of its own, so no statutory_floor")
				}
			}
		})
	}
}
