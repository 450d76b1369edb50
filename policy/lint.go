package policy

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk/calendar"
)

// Finding is one problem the terms linter found.
type Finding struct {
	Code     string `json:"code"`
	Severity string `json:"severity"` // error, warning or info
	Clause   string `json:"clause"`   // the clause of the terms, "id: title"
	Law      string `json:"law"`      // the statute or fact it conflicts with
	Message  string `json:"message"`  // in English
}

// Severities of findings.
const (
	SeverityError   = "error"   // the terms state something false or unlawful
	SeverityWarning = "warning" // not binding on consumers, or needs a person's review
	SeverityInfo    = "info"    // lawful only within limits
)

// Lint checks terms against the law in force on today: stale facts (the
// presumption period, the EU ODR platform, the Norwegian mediator),
// consumer-binding reporting windows, periods below the statutory floor,
// foreign bodies and statutes, and fees that need review.
func Lint(t *Terms, today time.Time) []Finding {
	l := &linter{t: t, law: defaultLaw, today: today}
	if t.Serves("consumer") {
		for _, m := range t.Markets {
			l.markets = append(l.markets, calendar.Country(m.Country))
		}
	}
	l.presumption()
	l.periods()
	l.windows()
	l.ladder()
	l.fees()
	l.statutes()
	sort.SliceStable(l.out, func(i, k int) bool { return severityRank(l.out[i].Severity) < severityRank(l.out[k].Severity) })
	return l.out
}

func severityRank(s string) int {
	switch s {
	case SeverityError:
		return 0
	case SeverityWarning:
		return 1
	}
	return 2
}

type linter struct {
	t       *Terms
	law     *Law
	today   time.Time
	markets []calendar.Country // consumer markets
	out     []Finding
}

func (l *linter) add(code, sev, clause, law, format string, args ...any) {
	l.out = append(l.out, Finding{Code: code, Severity: sev, Clause: l.clause(clause), Law: law, Message: fmt.Sprintf(format, args...)})
}

func (l *linter) clause(id string) string {
	if c := l.t.ClauseByID(id); c != nil {
		return c.ID + ": " + c.Title
	}
	return id
}

func (l *linter) presumption() {
	s := l.t.Statements
	if s.PresumptionMonths == 0 {
		return
	}
	for _, c := range l.markets {
		r := l.law.Lookup(KeyPresumptionMonths, c, l.today)
		if r != nil && s.PresumptionMonths < r.Value {
			l.add("outdated_presumption", SeverityError, s.PresumptionClause, r.Cite(),
				"The terms state a %d-month presumption period; for consumers in %s it is %d months for contracts from %s.",
				s.PresumptionMonths, c, r.Value, r.FromRaw)
		}
	}
}

func (l *linter) periods() {
	c := l.t.Complaint
	for _, m := range l.markets {
		if r := l.law.Lookup(KeyComplaintMonths, m, l.today); r != nil && c.ConsumerMonths > 0 && c.ConsumerMonths < r.Value {
			l.add("period_below_floor", SeverityWarning, c.ConsumerClause, r.Cite(),
				"The terms give consumers %d months to complain; consumers in %s have %d months by law, so the engine applies the law.",
				c.ConsumerMonths, m, r.Value)
		}
		if w := l.t.Withdrawal; w != nil && w.Days > 0 {
			if r := l.law.Lookup(KeyWithdrawalDays, m, l.today); r != nil && w.Days < r.Value {
				l.add("withdrawal_below_floor", SeverityError, w.Clause, r.Cite(),
					"The terms give %d days to withdraw; the law gives consumers in %s %d days.", w.Days, m, r.Value)
			}
		}
	}
}

func (l *linter) windows() {
	for _, w := range l.t.Windows {
		if !contains(w.Audience, "consumer") {
			continue
		}
		for _, m := range l.markets {
			r := l.law.Lookup(KeyNoticeSafeMonths, m, l.today)
			risk := l.law.Lookup(KeyConsumerRiskOnReceipt, m, l.today)
			if r == nil || risk == nil {
				continue
			}
			l.add("consumer_binding_window", SeverityWarning, w.Clause, r.Cite()+"; "+risk.Cite(),
				"The terms require consumers to report %s %s; for consumers in %s that can only be a request: a complaint within %d months of discovery is always in time.",
				strings.Join(w.Kinds, "/"), windowText(w.Days), m, r.Value)
		}
	}
}

func windowText(days int) string {
	if days == 0 {
		return "on the delivery day"
	}
	return fmt.Sprintf("within %d days of delivery", days)
}

func (l *linter) ladder() {
	for _, s := range l.t.Ladder {
		b := l.law.Body(s.Name)
		if b == nil && strings.Contains(s.URL, "ec.europa.eu/odr") {
			b = l.law.Body("EU ODR platform")
		}
		if b == nil {
			continue
		}
		l.ladderStep(s, b)
	}
}

func (l *linter) ladderStep(s LadderStep, b *Body) {
	if b.Role == "odr" && b.ToRaw != "" {
		if end, err := calendar.ParseDate(b.ToRaw); err == nil && l.today.After(end) {
			l.add("dead_odr_link", SeverityError, s.Clause, b.Statute,
				"The terms refer to the EU ODR platform (%s); it took no complaints after %s and has been discontinued: remove the reference.", b.URL, b.ToRaw)
			return
		}
	}
	if b.MediationTo != "" && s.Role == "mediation" {
		if end, err := calendar.ParseDate(b.MediationTo); err == nil && l.today.After(end) {
			l.add("outdated_mediator", SeverityError, s.Clause, b.Statute,
				"The terms send disputes to %s for mediation; since %s mediation is done by Forbrukertilsynet, and Forbrukerklageutvalget decides.",
				b.Name, end.AddDate(0, 0, 1).Format(time.DateOnly))
		}
	}
	if b.Country != "EU" && len(l.markets) > 0 && !containsCountry(l.markets, calendar.Country(b.Country)) {
		l.add("foreign_dispute_body", SeverityWarning, s.Clause, b.Statute,
			"The terms name %s, a body of %s, for customers in %s.", b.Name, b.Country, joinCountries(l.markets))
	}
}

// unjustified are findings whose fee charges a consumer for a complaint.
var unjustified = []string{"physical_damage", "liquid_damage", "misuse", "no_fault_found",
	"third_party_software", "illegal_software"}

func (l *linter) fees() {
	if len(l.markets) == 0 {
		return
	}
	for _, f := range l.t.Fees {
		if !f.appliesTo(false) {
			continue
		}
		switch {
		case f.Code == "return_fee" && hasComplaintKind(f.ChargedOn):
			l.add("fee_on_complaint", SeverityError, f.Clause, "Dir. (EU) 2019/771 art. 14",
				"The terms charge a return fee on complaints; a justified complaint is free to the consumer, freight included.")
		case f.Code == "return_fee" && contains(f.ChargedOn, "withdrawal"):
			l.add("withdrawal_return_fee", SeverityInfo, f.Clause, "CRD art. 14 (1)",
				"The terms charge %s %s on every withdrawal; lawful only as the direct cost of returning the goods, disclosed before the purchase.",
				f.AmountRaw, f.Currency)
		case contains(f.Findings, "missing_original_box"):
			l.add("flat_box_deduction", SeverityWarning, f.Clause, "CRD art. 14 (2); angrerettloven § 25",
				"The terms deduct for a missing or damaged original box; only real loss of value from handling beyond what is needed to examine the goods may be deducted.")
		case overlaps(f.Findings, unjustified) && hasComplaintKind(f.Kinds):
			l.add("consumer_complaint_fee", SeverityWarning, f.Clause, "Dir. (EU) 2019/771 art. 14",
				"The terms charge consumers %s %s (%s) when a complaint proves unjustified; treat as shop policy that needs a person's review before charging.",
				f.AmountRaw, f.Currency, strings.Join(f.Findings, ", "))
		}
	}
}

func hasComplaintKind(kinds []string) bool {
	if len(kinds) == 0 {
		return true
	}
	return overlaps(kinds, []string{"defect", "doa", "transport_damage", "wrong_item", "missing_item"})
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if contains(b, x) {
			return true
		}
	}
	return false
}

func (l *linter) statutes() {
	for _, s := range l.t.Statements.Statutes {
		if len(l.markets) > 0 && !containsCountry(l.markets, calendar.Country(s.Country)) {
			l.add("foreign_statute", SeverityWarning, s.Clause, s.Name,
				"The terms invoke %s, a statute of %s, for customers in %s; cite the law of the customer's country.",
				s.Name, s.Country, joinCountries(l.markets))
		}
	}
}

func containsCountry(list []calendar.Country, c calendar.Country) bool {
	for _, x := range list {
		if x == c {
			return true
		}
	}
	return false
}

func joinCountries(cs []calendar.Country) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = string(c)
	}
	return strings.Join(parts, ", ")
}
