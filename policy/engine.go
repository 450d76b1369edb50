// Package policy turns a customer's request (a Scenario) into a Decision:
// eligibility, deadlines, fees, refund, route and an explanation, from the
// shop's terms (declarative files, see terms/) and the statutory rules of the
// customer's country (law/nordic.toml). It is pure: no I/O, and "today" is
// the scenario's opened_on.
package policy

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/calendar"
)

//go:embed terms/*.toml
var termsFS embed.FS

// Engine judges scenarios against a set of shop terms and the law. It is
// safe for concurrent use once built.
type Engine struct {
	terms map[string]*Terms
	law   *Law
	cat   *catalogue
}

// NewEngine builds an engine from terms (one per shop id; a later one with
// the same id replaces an earlier one).
func NewEngine(terms ...*Terms) *Engine {
	e := &Engine{terms: make(map[string]*Terms, len(terms)), law: defaultLaw, cat: defaultCatalogue}
	for _, t := range terms {
		e.terms[t.ID] = t
	}
	return e
}

// EmbeddedTerms loads the terms files shipped in the binary, sorted by id.
func EmbeddedTerms() ([]*Terms, error) {
	names, err := fs.Glob(termsFS, "terms/*.toml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := make([]*Terms, 0, len(names))
	for _, n := range names {
		data, err := termsFS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		t, err := LoadTermsFile(n, data)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// Default returns an engine over the embedded terms of the demo shops.
func Default() (*Engine, error) {
	ts, err := EmbeddedTerms()
	if err != nil {
		return nil, err
	}
	return NewEngine(ts...), nil
}

// With returns a copy of the engine where t replaces the terms of its shop
// id (for `assess --terms FILE`).
func (e *Engine) With(t *Terms) *Engine {
	c := NewEngine()
	for id, x := range e.terms {
		c.terms[id] = x
	}
	c.terms[t.ID] = t
	return c
}

// Terms returns the terms of a shop, or nil.
func (e *Engine) Terms(shop string) *Terms { return e.terms[shop] }

// job is a scenario with its dates parsed and lines resolved.
type job struct {
	s        *Scenario
	t        *Terms
	country  calendar.Country
	business bool
	lang     string
	currency string
	ordered  time.Time
	opened   time.Time
	found    time.Time // discovered_on, or zero
	lines    []caseLine
	// delivered maps an order line index to its delivery day (zero: not delivered).
	delivered []time.Time
	dec       *Decision
}

type caseLine struct {
	line *Line
	idx  int // index in the order
	qty  int
}

// Assess judges one scenario. A scenario that cannot be judged yields a
// decision with Error set; "not eligible" is not an error.
func (e *Engine) Assess(s *Scenario) Decision {
	dec := Decision{ID: s.ID, Reasons: []string{}, Fees: []Fee{}, PossibleFees: []Fee{}, Explanation: make([]Explanation, 0, 4)}
	j, err := e.prepare(s, &dec)
	if err != nil {
		return errorDecision(s.ID, err.Error())
	}
	dec.TermsVersion = j.t.Version
	dec.setRoute("shop")
	switch s.Case.Kind {
	case "withdrawal":
		e.withdrawal(j)
	case "return":
		e.voluntaryReturn(j)
	case "defect", "doa", "transport_damage", "wrong_item", "missing_item":
		e.complaint(j)
	case "warranty":
		e.warranty(j)
	case "cancellation":
		e.cancellation(j)
	case "lost_parcel":
		e.lostParcel(j)
	}
	dec.finish()
	return dec
}

func (e *Engine) prepare(s *Scenario, dec *Decision) (*job, error) {
	t := e.terms[s.Shop]
	if t == nil {
		return nil, fmt.Errorf("unknown shop %q", s.Shop)
	}
	j := &job{s: s, t: t, dec: dec, country: calendar.Country(s.Customer.Country)}
	if !j.country.Valid() {
		return nil, fmt.Errorf("unsupported customer country %q (want NO, SE or DK)", s.Customer.Country)
	}
	switch s.Customer.Kind {
	case "consumer":
		j.business = s.Customer.OrgNumber != "" && t.OrgNumberMeansBusiness
	case "business":
		j.business = true
	default:
		return nil, fmt.Errorf("unknown customer kind %q (want consumer or business)", s.Customer.Kind)
	}
	if !contains(caseKinds, s.Case.Kind) {
		return nil, fmt.Errorf("unknown case kind %q", s.Case.Kind)
	}
	var err error
	if j.ordered, err = calendar.ParseDate(s.Order.OrderedOn); err != nil {
		return nil, fmt.Errorf("order.ordered_on: %w", err)
	}
	if j.opened, err = calendar.ParseDate(s.Case.OpenedOn); err != nil {
		return nil, fmt.Errorf("case.opened_on: %w", err)
	}
	if s.Case.DiscoveredOn != nil {
		if j.found, err = calendar.ParseDate(*s.Case.DiscoveredOn); err != nil {
			return nil, fmt.Errorf("case.discovered_on: %w", err)
		}
	}
	if err := j.resolveLines(); err != nil {
		return nil, err
	}
	j.lang = e.language(j)
	j.currency = s.Order.Currency
	if !claimdesk.ValidCurrency(j.currency) {
		return nil, fmt.Errorf("order.currency: unknown currency %q", j.currency)
	}
	return j, nil
}

func (j *job) resolveLines() error {
	o := &j.s.Order
	j.delivered = make([]time.Time, len(o.Lines))
	bySKU := make(map[string]int, len(o.Lines))
	for i, l := range o.Lines {
		if l.Quantity <= 0 {
			return fmt.Errorf("order line %s: quantity must be positive", l.SKU)
		}
		bySKU[l.SKU] = i
	}
	for _, d := range o.Deliveries {
		day, err := calendar.ParseDate(d.DeliveredOn)
		if err != nil {
			return fmt.Errorf("order.deliveries: %w", err)
		}
		for _, sku := range d.SKUs {
			i, ok := bySKU[sku]
			if !ok {
				return fmt.Errorf("delivery names sku %q, which is not in the order", sku)
			}
			if day.After(j.delivered[i]) {
				j.delivered[i] = day
			}
		}
	}
	if len(j.s.Case.SKUs) == 0 {
		return fmt.Errorf("case.skus: the case names no lines")
	}
	for _, cs := range j.s.Case.SKUs {
		i, ok := bySKU[cs.SKU]
		if !ok {
			return fmt.Errorf("case names sku %q, which is not in the order", cs.SKU)
		}
		if cs.Quantity <= 0 || cs.Quantity > o.Lines[i].Quantity {
			return fmt.Errorf("case sku %q: quantity %d outside 1..%d", cs.SKU, cs.Quantity, o.Lines[i].Quantity)
		}
		j.lines = append(j.lines, caseLine{line: &o.Lines[i], idx: i, qty: cs.Quantity})
	}
	return nil
}

// language is customer.lang, else the shop's language for the customer's
// market, else the shop's language.
func (e *Engine) language(j *job) string {
	if l := j.s.Customer.Lang; e.cat.has(l) {
		return l
	}
	if m := j.t.MarketFor(string(j.country)); m != nil {
		return m.Lang
	}
	return j.t.Language
}

// lastDelivery is the day the order's last line was delivered; ok is false
// while a line is undelivered.
func (j *job) lastDelivery() (last time.Time, ok bool) {
	for _, d := range j.delivered {
		if d.IsZero() {
			return time.Time{}, false
		}
		if d.After(last) {
			last = d
		}
	}
	return last, true
}

// wholeOrder reports whether the case covers the full quantity of every
// order line, counting only the lines kept (keep(i) true).
func (j *job) wholeOrder(keep func(cl caseLine) bool) bool {
	covered := make([]int, len(j.s.Order.Lines))
	for _, cl := range j.lines {
		if keep(cl) {
			covered[cl.idx] += cl.qty
		}
	}
	for i, l := range j.s.Order.Lines {
		if covered[i] < l.Quantity {
			return false
		}
	}
	return true
}

func (d *Decision) setRoute(r string) { d.Route = &r }

func (d *Decision) setEligible(b bool) { d.Eligible = &b }

func (d *Decision) reason(code string) {
	for _, r := range d.Reasons {
		if r == code {
			return
		}
	}
	d.Reasons = append(d.Reasons, code)
}

// blocking are the reason codes that make a case not eligible.
var blocking = map[string]bool{"deadline_passed": true, "custom_made": true, "business_customer": true,
	"not_delivered": true, "already_shipped": true, "not_unused": true, "labels_removed": true,
	"description_insufficient": true, "find_my_enabled": true, "accounts_not_removed": true, "not_offered": true}

// reasonOrder is the order reasons are listed in: blocking reasons first.
var reasonOrder = []string{"deadline_passed", "business_customer", "not_offered", "custom_made", "not_delivered",
	"already_shipped", "not_unused", "labels_removed", "description_insufficient", "find_my_enabled",
	"accounts_not_removed", "manufacturer_route", "reported_after_shop_window", "statutory_floor",
	"notice_after_two_months"}

func reasonRank(code string) int {
	for i, r := range reasonOrder {
		if r == code {
			return i
		}
	}
	return len(reasonOrder)
}

// finish orders the reasons and sets eligibility from them.
func (d *Decision) finish() {
	sort.SliceStable(d.Reasons, func(i, k int) bool { return reasonRank(d.Reasons[i]) < reasonRank(d.Reasons[k]) })
	ok := true
	for _, r := range d.Reasons {
		if blocking[r] {
			ok = false
		}
	}
	d.setEligible(ok)
	if !ok {
		d.Refund = nil
		d.GoodsDue = nil
		d.Fees = d.Fees[:0]
	}
}
