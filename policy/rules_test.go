package policy

import (
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk"
)

// sc builds a one-line scenario; opts adjust it.
func sc(shop, kind, country, custKind, delivered, opened string, opts ...func(*Scenario)) *Scenario {
	id := "t"
	s := &Scenario{ID: &id, Shop: shop,
		Customer: Customer{Kind: custKind, Country: country},
		Order: Order{OrderedOn: "2025-01-01", Currency: map[string]string{"NO": "NOK", "SE": "SEK", "DK": "DKK"}[country],
			DeliveryFee: 9900,
			Lines:       []Line{{SKU: "A", Category: "laptop", Quantity: 1, UnitPrice: 100000}}},
		Case: ScenarioCase{Kind: kind, OpenedOn: opened, SKUs: []CaseSKU{{SKU: "A", Quantity: 1}}, Description: "Skjermen flimrer."},
	}
	if delivered != "" {
		s.Order.Deliveries = []Delivery{{DeliveredOn: delivered, SKUs: []string{"A"}}}
	}
	for _, o := range opts {
		o(s)
	}
	return s
}

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

type want struct {
	eligible bool
	deadline string // "" = null
	reasons  string // comma-joined, in order
	route    string // "" = shop
	goodsDue string
	refund   claimdesk.Minor // -1 = null
}

func checkDecision(t *testing.T, d Decision, w want) {
	t.Helper()
	if d.Error != nil {
		t.Fatalf("error: %s", *d.Error)
	}
	if *d.Eligible != w.eligible {
		t.Errorf("eligible = %v, want %v", *d.Eligible, w.eligible)
	}
	if got := dayString(d.Deadline); got != w.deadline {
		t.Errorf("deadline = %q, want %q", got, w.deadline)
	}
	if got := strings.Join(d.Reasons, ","); got != w.reasons {
		t.Errorf("reasons = %q, want %q", got, w.reasons)
	}
	route := w.route
	if route == "" {
		route = "shop"
	}
	if *d.Route != route {
		t.Errorf("route = %s, want %s", *d.Route, route)
	}
	if w.goodsDue != "" && dayString(d.GoodsDue) != w.goodsDue {
		t.Errorf("goods_due = %q, want %q", dayString(d.GoodsDue), w.goodsDue)
	}
	switch {
	case w.refund < 0 && d.Refund != nil:
		t.Errorf("refund = %v, want null", d.Refund)
	case w.refund >= 0 && (d.Refund == nil || d.Refund.Amount != w.refund):
		t.Errorf("refund = %v, want %v", d.Refund, w.refund)
	}
	if len(d.Explanation) == 0 {
		t.Error("no explanation")
	}
}

func dayString(d *Day) string {
	if d == nil {
		return ""
	}
	return d.Format("2006-01-02")
}

func TestWithdrawalRules(t *testing.T) {
	e := testEngine(t)
	split := func(s *Scenario) {
		s.Order.Lines = append(s.Order.Lines, Line{SKU: "B", Category: "mouse", Quantity: 1, UnitPrice: 20000})
	}
	tests := []struct {
		name string
		s    *Scenario
		w    want
	}{
		{"14 days (angrerettloven § 20)", sc("dustin", "withdrawal", "NO", "consumer", "2026-02-10", "2026-02-20"),
			want{true, "2026-02-24", "", "", "2026-03-06", 109900}},
		{"NO 17 May is a holiday (lov om 1. og 17. mai)", sc("dustin", "withdrawal", "NO", "consumer", "2026-05-03", "2026-05-18"),
			want{true, "2026-05-18", "", "", "2026-06-01", 109900}},
		{"NO Christmas Eve is not a non-day", sc("dustin", "withdrawal", "NO", "consumer", "2026-12-10", "2026-12-28"),
			want{false, "2026-12-24", "deadline_passed", "", "", -1}},
		{"SE Christmas Eve (1930:173 2 §)", sc("compumail", "withdrawal", "SE", "consumer", "2026-12-10", "2026-12-28"),
			want{true, "2026-12-28", "", "", "2027-01-11", 109900}},
		{"SE Midsummer Eve (1930:173 2 §)", sc("compumail", "withdrawal", "SE", "consumer", "2026-06-05", "2026-06-22"),
			want{true, "2026-06-22", "", "", "", 109900}},
		{"DK Grundlovsdag (forbrugeraftaleloven § 19, stk. 6)", sc("compumail", "withdrawal", "DK", "consumer", "2026-05-22", "2026-06-08"),
			want{true, "2026-06-08", "", "", "", 109900}},
		{"DK Store Bededag 2024 is a workday (lov af 28.2.2023)", sc("compumail", "withdrawal", "DK", "consumer", "2024-04-12", "2024-04-29"),
			want{false, "2024-04-26", "deadline_passed", "", "", -1}},
		{"business buyer has no withdrawal (CRD art. 9)", sc("dustin", "withdrawal", "NO", "business", "2026-02-10", "2026-02-11"),
			want{false, "", "business_customer", "", "", -1}},
		{"org number makes a business buyer (Compumail)", sc("compumail", "withdrawal", "SE", "consumer", "2026-02-10", "2026-02-11",
			func(s *Scenario) { s.Customer.OrgNumber = "556677-8899" }),
			want{false, "", "business_customer", "", "", -1}},
		{"custom-made excluded (angrerettloven § 22)", sc("dustin", "withdrawal", "NO", "consumer", "2026-02-10", "2026-02-11",
			func(s *Scenario) { s.Order.Lines[0].CustomMade = true }),
			want{false, "2026-02-24", "custom_made", "", "", -1}},
		{"not all delivered: period not started (angrerettloven § 20)", sc("dustin", "withdrawal", "NO", "consumer", "2026-02-10", "2026-02-11", split),
			want{true, "", "", "", "2026-02-25", 100000}},
		{"return fee deducted (Digital Låssmed, Ångerrätt)", sc("digitallassmed", "withdrawal", "NO", "consumer", "2026-02-10", "2026-02-11"),
			want{true, "2026-02-24", "", "", "", 109900 - 25000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkDecision(t, e.Assess(tt.s), tt.w) })
	}
}

func TestReturnRules(t *testing.T) {
	e := testEngine(t)
	tests := []struct {
		name string
		s    *Scenario
		w    want
	}{
		{"50 days (belysning, angrefrist 50 dager)", sc("belysning", "return", "NO", "business", "2026-02-03", "2026-03-25"),
			want{true, "2026-03-25", "", "", "", 109900}},
		{"no weekend rule on a voluntary return (belysning)", sc("belysning", "return", "NO", "business", "2026-02-07", "2026-03-30"),
			want{false, "2026-03-29", "deadline_passed", "", "", -1}},
		{"not offered (Compumail)", sc("compumail", "return", "SE", "consumer", "2026-02-03", "2026-02-04"),
			want{false, "", "not_offered", "", "", -1}},
		{"not offered (Dustin)", sc("dustin", "return", "NO", "consumer", "2026-02-03", "2026-02-04"),
			want{false, "", "not_offered", "", "", -1}},
		{"labels removed (Digital Låssmed, Returrätt)", sc("digitallassmed", "return", "NO", "consumer", "2026-02-03", "2026-02-04",
			func(s *Scenario) { s.Case.Facts.LabelsIntact = no() }),
			want{false, "2026-03-05", "labels_removed", "", "", -1}},
		{"custom-made (Digital Låssmed, Returrätt)", sc("digitallassmed", "return", "NO", "consumer", "2026-02-03", "2026-02-04",
			func(s *Scenario) { s.Order.Lines[0].CustomMade = true; s.Case.Facts.Unused = no() }),
			want{false, "2026-03-05", "custom_made,not_unused", "", "", -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkDecision(t, e.Assess(tt.s), tt.w) })
	}
}

func TestComplaintRules(t *testing.T) {
	e := testEngine(t)
	found := func(day string) func(*Scenario) { return func(s *Scenario) { s.Case.DiscoveredOn = &day } }
	desc := func(d string) func(*Scenario) { return func(s *Scenario) { s.Case.Description = d } }
	hidden := func(s *Scenario) { s.Case.Facts.HiddenDamage = yes() }
	tests := []struct {
		name string
		s    *Scenario
		w    want
	}{
		{"NO 2 years (forbrukerkjøpsloven § 27 (2))", sc("dustin", "defect", "NO", "consumer", "2025-03-11", "2027-03-11"),
			want{true, "2027-03-11", "", "", "", -1}},
		{"NO 5 years for long-lived goods (forbrukerkjøpsloven § 27 (2))", sc("dustin", "defect", "NO", "consumer", "2025-03-11", "2028-03-11",
			func(s *Scenario) { s.Order.Lines[0].LongLived = true }),
			want{true, "2030-03-11", "", "", "", -1}},
		{"SE 3 years beat the shop's 24 months (konsumentköplagen 5 kap. 4 §)", sc("compumail", "defect", "SE", "consumer", "2025-03-11", "2027-06-01"),
			want{true, "2028-03-11", "statutory_floor", "", "2027-06-22", -1}},
		{"DK 2 years equal the shop's (købeloven § 83)", sc("compumail", "defect", "DK", "consumer", "2025-03-11", "2027-03-12"),
			want{false, "2027-03-11", "deadline_passed", "", "", -1}},
		{"shop's 3 years beat NO's 2 (Digital Låssmed, Reklamation)", sc("digitallassmed", "defect", "NO", "consumer", "2025-03-11", "2027-06-01"),
			want{true, "2028-03-11", "", "", "", -1}},
		{"two months after discovery (forbrukerkjøpsloven § 27 (1))", sc("dustin", "defect", "NO", "consumer", "2025-03-11", "2025-09-11", found("2025-07-10")),
			want{true, "2027-03-11", "notice_after_two_months", "", "", -1}},
		{"exactly two months is in time (købeloven § 81)", sc("compumail", "defect", "DK", "consumer", "2025-03-11", "2025-09-10", found("2025-07-10")),
			want{true, "2027-03-11", "", "", "", -1}},
		{"never delivered", sc("dustin", "defect", "NO", "consumer", "", "2025-09-10"),
			want{false, "", "not_delivered", "", "", -1}},
		{"consumer after the shop's window (forbrukerkjøpsloven § 14)", sc("dustin", "transport_damage", "NO", "consumer", "2026-01-13", "2026-01-14"),
			want{true, "2028-01-13", "reported_after_shop_window", "", "", -1}},
		{"consumer hidden damage inside a week", sc("dustin", "transport_damage", "NO", "consumer", "2026-01-13", "2026-01-20", hidden),
			want{true, "2028-01-13", "", "", "", -1}},
		{"business hidden damage after a week (Dustin, transportskade)", sc("dustin", "transport_damage", "NO", "business", "2026-01-13", "2026-01-21", hidden),
			want{false, "2026-01-20", "deadline_passed", "", "", -1}},
		{"business default 2 years (kjøpsloven § 32 (2))", sc("dustin", "defect", "NO", "business", "2025-01-13", "2027-01-13"),
			want{true, "2027-01-13", "", "", "", -1}},
		{"DK business default 1 year (købeloven § 54)", sc("dustin", "defect", "DK", "business", "2025-01-13", "2026-01-14"),
			want{false, "2026-01-13", "deadline_passed", "", "", -1}},
		{"business 12 months as written (Compumail)", sc("compumail", "defect", "SE", "business", "2025-01-13", "2026-01-13"),
			want{true, "2026-01-13", "", "", "2026-02-03", -1}},
		{"belysning's 12-month warranty is no complaint period", sc("belysning", "defect", "NO", "business", "2025-01-13", "2026-06-01"),
			want{true, "2027-01-13", "", "", "", -1}},
		{"DOA to an authorised workshop (Dustin)", sc("dustin", "doa", "NO", "consumer", "2026-01-13", "2026-01-14"),
			want{true, "2028-01-13", "manufacturer_route", "manufacturer", "", -1}},
		{"vague Swedish description (Compumail)", sc("compumail", "defect", "SE", "consumer", "2026-01-13", "2026-01-14", desc("Fungerar inte!")),
			want{false, "2029-01-13", "description_insufficient,statutory_floor", "", "", -1}},
		{"vague English description", sc("compumail", "defect", "SE", "consumer", "2026-01-13", "2026-01-14", desc("It's dead, not working")),
			want{false, "2029-01-13", "description_insufficient,statutory_floor", "", "", -1}},
		{"empty description", sc("compumail", "defect", "DK", "consumer", "2026-01-13", "2026-01-14", desc("")),
			want{false, "2028-01-13", "description_insufficient", "", "", -1}},
		{"a real description passes", sc("compumail", "defect", "DK", "consumer", "2026-01-13", "2026-01-14", desc("Virker ikke efter opdatering; skærmen blinker.")),
			want{true, "2028-01-13", "", "", "", -1}},
		{"accounts not removed (Compumail, smartphones)", sc("compumail", "defect", "DK", "consumer", "2026-01-13", "2026-01-14",
			func(s *Scenario) { s.Order.Lines[0].Category = "phone"; s.Case.Facts.AccountsRemoved = no() }),
			want{false, "2028-01-13", "accounts_not_removed", "", "", -1}},
		{"checks skip manufacturer-routed lines", sc("compumail", "defect", "DK", "consumer", "2026-01-13", "2026-01-14",
			func(s *Scenario) { s.Order.Lines[0].HandledByManufacturer = true; s.Case.Description = "död" }),
			want{true, "2028-01-13", "manufacturer_route", "manufacturer", "", -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkDecision(t, e.Assess(tt.s), tt.w) })
	}
}

func TestOtherKinds(t *testing.T) {
	e := testEngine(t)
	tests := []struct {
		name string
		s    *Scenario
		w    want
	}{
		{"warranty from the line (rule 5)", sc("dustin", "warranty", "NO", "consumer", "2025-06-13", "2027-09-07",
			func(s *Scenario) { s.Order.Lines[0].ManufacturerWarrantyMonths = 36 }),
			want{true, "2028-06-13", "", "manufacturer", "", -1}},
		{"warranty from the terms (belysning, 12 months)", sc("belysning", "warranty", "NO", "business", "2025-06-13", "2026-06-14"),
			want{false, "2026-06-13", "deadline_passed", "manufacturer", "", -1}},
		{"warranty without a period", sc("dustin", "warranty", "NO", "consumer", "2025-06-13", "2027-09-07"),
			want{true, "", "", "manufacturer", "", -1}},
		{"cancel before shipping (rule 7)", sc("dustin", "cancellation", "NO", "consumer", "", "2026-01-01"),
			want{true, "", "", "", "", -1}},
		{"cancel after shipping (rule 7)", sc("dustin", "cancellation", "NO", "consumer", "2026-01-01", "2026-01-02"),
			want{false, "", "already_shipped", "", "", -1}},
		{"lost parcel (forbrukerkjøpsloven § 14)", sc("dustin", "lost_parcel", "NO", "consumer", "", "2026-01-02"),
			want{true, "", "", "", "", -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkDecision(t, e.Assess(tt.s), tt.w) })
	}
}

func TestAssessErrors(t *testing.T) {
	e := testEngine(t)
	tests := []struct {
		name string
		edit func(*Scenario)
		want string
	}{
		{"unknown shop", func(s *Scenario) { s.Shop = "nope" }, "unknown shop"},
		{"bad date", func(s *Scenario) { s.Case.OpenedOn = "2026-13-01" }, "opened_on"},
		{"unknown kind", func(s *Scenario) { s.Case.Kind = "refund_please" }, "case kind"},
		{"unknown country", func(s *Scenario) { s.Customer.Country = "US" }, "country"},
		{"unknown sku", func(s *Scenario) { s.Case.SKUs[0].SKU = "Z" }, "not in the order"},
		{"too many", func(s *Scenario) { s.Case.SKUs[0].Quantity = 5 }, "quantity"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := sc("dustin", "defect", "NO", "consumer", "2026-01-01", "2026-01-02")
			tt.edit(s)
			d := e.Assess(s)
			if d.Error == nil || !strings.Contains(*d.Error, tt.want) {
				t.Errorf("error = %v, want %q", d.Error, tt.want)
			}
			if d.Eligible != nil || d.Reasons == nil || d.Fees == nil || d.Explanation == nil {
				t.Errorf("error decision fields: %+v", d)
			}
		})
	}
}

// TestShopWithdrawalClause checks a shop's own withdrawal clause: a longer
// period wins, a shorter one gives way to the law (angrerettloven § 20).
func TestShopWithdrawalClause(t *testing.T) {
	base := readTerms(t, "terms/digitallassmed.toml")
	tests := []struct {
		name string
		days string
		w    want
	}{
		{"30 days win", "days = 30", want{true, "2026-03-12", "", "", "", 109900 - 25000}},
		{"7 days give way to the law's 14", "days = 7", want{true, "2026-02-24", "statutory_floor", "", "", 109900 - 25000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := strings.Replace(base, "days = 14\nweekend_rule", tt.days+"\nweekend_rule", 1)
			tr, err := LoadTermsFile("x.toml", []byte(data))
			if err != nil {
				t.Fatal(err)
			}
			e := NewEngine(tr)
			checkDecision(t, e.Assess(sc("digitallassmed", "withdrawal", "NO", "consumer", "2026-02-10", "2026-02-20")), tt.w)
		})
	}
}
