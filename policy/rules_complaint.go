package policy

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/calendar"
)

// complaint judges defect, DOA, transport damage and wrong or missing items
// (rules 3, 4, 6, 9).
func (e *Engine) complaint(j *job) {
	delivery, ok := j.firstDelivery()
	if !ok {
		j.dec.reason("not_delivered")
		e.explain(j, "complaint.not_delivered", lawSource(e.law.Lookup(KeyConsumerRiskOnReceipt, j.country, j.ordered)))
	}
	e.route(j)
	if !delivery.IsZero() {
		if j.business {
			e.businessPeriod(j, delivery)
		} else {
			e.consumerPeriod(j, delivery)
		}
	}
	e.noticeCheck(j)
	if *j.dec.Route == "shop" {
		e.intakeChecks(j)
	}
	if j.eligibleSoFar() && *j.dec.Route == "shop" {
		e.complaintGoodsDue(j)
		j.dec.PossibleFees = append(j.dec.PossibleFees, e.laterFees(j)...)
	}
}

// firstDelivery is the earliest delivery of the case's lines; ok is false
// when one of them was never delivered.
func (j *job) firstDelivery() (first time.Time, ok bool) {
	ok = true
	for _, cl := range j.lines {
		d := j.delivered[cl.idx]
		if d.IsZero() {
			ok = false
			continue
		}
		if first.IsZero() || d.Before(first) {
			first = d
		}
	}
	return first, ok
}

// route applies rule 6 for complaint kinds.
func (e *Engine) route(j *job) {
	for _, cl := range j.lines {
		if cl.line.HandledByManufacturer {
			src := source{text: "order line: handled_by_manufacturer"}
			if j.business && j.t.Complaint.BusinessClause != "" {
				if c := j.t.ClauseByID("business_route"); c != nil {
					src = clauseSource(c)
				}
			}
			e.toManufacturer(j, src)
			return
		}
	}
	for _, r := range j.t.Routes {
		if r.Kind == j.s.Case.Kind && r.To != "shop" {
			j.dec.setRoute(r.To)
			if r.To == "manufacturer" {
				e.toManufacturer(j, clauseSource(j.t.ClauseByID(r.Clause)))
			}
			return
		}
	}
}

func (e *Engine) toManufacturer(j *job, src source) {
	j.dec.setRoute("manufacturer")
	j.dec.reason("manufacturer_route")
	e.explain(j, "route.manufacturer", src)
}

// consumerPeriod: the longer of the law's and the shop's period (rule 3).
func (e *Engine) consumerPeriod(j *job, delivery time.Time) {
	law := e.law.Lookup(KeyComplaintMonths, j.country, j.ordered)
	if long := e.law.Lookup(KeyComplaintLongLived, j.country, j.ordered); long != nil && j.allLongLived() {
		law = long
	}
	months, src := law.Value, lawSource(law)
	c := j.t.Complaint
	if c.ConsumerMonths > months {
		months, src = c.ConsumerMonths, clauseSource(j.t.ClauseByID(c.ConsumerClause))
	}
	deadline := calendar.AddMonths(delivery, months)
	j.dec.Deadline = dayPtr(deadline)
	e.explainPeriod(j, src, deadline, months)
	if c.ConsumerMonths > 0 && law.Value > c.ConsumerMonths {
		j.dec.reason("statutory_floor")
		e.explain(j, "complaint.statutory_floor", src, arg{"months", itoa(law.Value)}, arg{"shop_months", itoa(c.ConsumerMonths)})
	}
	if w := j.window(); w != nil && j.opened.After(delivery.AddDate(0, 0, w.Days)) {
		j.dec.reason("reported_after_shop_window")
		rule := "complaint.window_late"
		if w.Days == 0 {
			rule = "complaint.window_late_delivery_day"
		}
		e.explain(j, rule, clauseSource(j.t.ClauseByID(w.Clause)), arg{"days", itoa(w.Days)})
	}
}

func (j *job) allLongLived() bool {
	for _, cl := range j.lines {
		if !cl.line.LongLived {
			return false
		}
	}
	return true
}

func (e *Engine) explainPeriod(j *job, src source, deadline time.Time, months int) {
	rule := "complaint.deadline"
	if j.opened.After(deadline) {
		rule = "complaint.deadline_passed"
		j.dec.reason("deadline_passed")
	}
	e.explain(j, rule, src, e.dateArg(j, "deadline", deadline), arg{"months", itoa(months)})
}

// businessPeriod: the shop's window or period as written, else the
// statutory business default (rule 4).
func (e *Engine) businessPeriod(j *job, delivery time.Time) {
	if w := j.window(); w != nil && contains(w.Audience, "business") {
		deadline := delivery.AddDate(0, 0, w.Days)
		j.dec.Deadline = dayPtr(deadline)
		rule := "complaint.window"
		if j.opened.After(deadline) {
			rule = "complaint.window_passed"
			j.dec.reason("deadline_passed")
		}
		e.explain(j, rule, clauseSource(j.t.ClauseByID(w.Clause)), e.dateArg(j, "deadline", deadline))
		return
	}
	months, src := 0, source{}
	if c := j.t.Complaint; c.BusinessMonths > 0 {
		months, src = c.BusinessMonths, clauseSource(j.t.ClauseByID(c.BusinessClause))
	} else {
		law := e.law.Lookup(KeyBusinessComplaint, j.country, j.ordered)
		months, src = law.Value, lawSource(law)
	}
	deadline := calendar.AddMonths(delivery, months)
	j.dec.Deadline = dayPtr(deadline)
	e.explainPeriod(j, src, deadline, months)
}

// window is the shop's reporting window for this case, or nil.
func (j *job) window() *Window {
	damage := "visible"
	if h := j.s.Case.Facts.HiddenDamage; h != nil && *h {
		damage = "hidden"
	}
	aud := "consumer"
	if j.business {
		aud = "business"
	}
	for i := range j.t.Windows {
		w := &j.t.Windows[i]
		if contains(w.Kinds, j.s.Case.Kind) && (w.Damage == "any" || w.Damage == damage) && contains(w.Audience, aud) {
			return w
		}
	}
	return nil
}

// noticeCheck warns when the fault was found more than two months before
// the case was opened.
func (e *Engine) noticeCheck(j *job) {
	if j.found.IsZero() {
		return
	}
	r := e.law.Lookup(KeyNoticeSafeMonths, j.country, j.ordered)
	if r == nil || !j.opened.After(calendar.AddMonths(j.found, r.Value)) {
		return
	}
	j.dec.reason("notice_after_two_months")
	e.explain(j, "complaint.notice_late", lawSource(r), e.dateArg(j, "date", j.found))
}

// intakeChecks are the description and phone checks the terms demand (rule 9).
func (e *Engine) intakeChecks(j *job) {
	ch := j.t.Checks
	if ch == nil || (j.s.Case.Kind != "defect" && j.s.Case.Kind != "doa") {
		return
	}
	if ch.Description && vague(j.s.Case.Description, ch) {
		e.threat(j, "description_insufficient", "check.description_insufficient", ch.DescriptionClause)
	}
	if !ch.FindMy || !j.hasCategory(ch.PhoneCategories) {
		return
	}
	f := j.s.Case.Facts
	if isFalse(f.FindMyDisabled) {
		e.threat(j, "find_my_enabled", "check.find_my_enabled", ch.PhoneClause)
	}
	if isFalse(f.AccountsRemoved) {
		e.threat(j, "accounts_not_removed", "check.accounts_not_removed", ch.PhoneClause)
	}
}

// threat records a failed intake check and the fee it threatens.
func (e *Engine) threat(j *job, code, rule, clause string) {
	j.dec.reason(code)
	var args []arg
	for _, f := range j.t.Fees {
		if (f.Threat == code || contains(f.Findings, code)) && !f.Variable {
			fee := Fee{Code: f.Code, Money: claimdesk.Money{Amount: f.amount, Currency: f.Currency}}
			j.dec.addPossible(fee)
			args = append(args, e.moneyArg(j, "amount", fee.Money))
			break
		}
	}
	e.explain(j, rule, clauseSource(j.t.ClauseByID(clause)), args...)
}

func (d *Decision) addPossible(f Fee) {
	for _, x := range d.PossibleFees {
		if x.Code == f.Code {
			return
		}
	}
	d.PossibleFees = append(d.PossibleFees, f)
}

func (j *job) hasCategory(cats []string) bool {
	for _, cl := range j.lines {
		if contains(cats, strings.ToLower(cl.line.Category)) {
			return true
		}
	}
	return false
}

// vague reports whether a description says nothing beyond the phrases the
// terms call insufficient ("död", "fungerar inte", "inget ljus" …) and
// filler words.
func vague(desc string, ch *Checks) bool {
	words := strings.FieldsFunc(strings.ToLower(desc), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
	for i := 0; i < len(words); {
		if n := matchPhrase(words[i:], ch.phrases); n > 0 {
			i += n
			continue
		}
		if !contains(ch.FillerWords, words[i]) {
			return false
		}
		i++
	}
	return true
}

// matchPhrase returns how many words of the longest phrase that starts
// words, or 0.
func matchPhrase(words []string, phrases [][]string) int {
	best := 0
	for _, p := range phrases {
		if len(p) > len(words) || len(p) <= best {
			continue
		}
		ok := true
		for k, w := range p {
			if words[k] != w {
				ok = false
				break
			}
		}
		if ok {
			best = len(p)
		}
	}
	return best
}

// complaintGoodsDue: the goods must reach the shop within the terms' days
// of opening, for cases where goods travel back.
func (e *Engine) complaintGoodsDue(j *job) {
	c := j.t.Complaint
	if c.GoodsDueDays <= 0 || j.s.Case.Kind == "missing_item" {
		return
	}
	due := j.opened.AddDate(0, 0, c.GoodsDueDays)
	j.dec.GoodsDue = dayPtr(due)
	e.explain(j, "complaint.goods_due", clauseSource(j.t.ClauseByID(c.GoodsDueClause)), e.dateArg(j, "date", due))
}

// laterFees are the fees a later finding may bring on a complaint.
func (e *Engine) laterFees(j *job) []Fee {
	var out []Fee
	for _, f := range j.t.Fees {
		if f.Variable || f.Threat != "" || len(f.Findings) == 0 || !f.appliesTo(j.business) {
			continue
		}
		if len(f.Kinds) > 0 && !contains(f.Kinds, j.s.Case.Kind) {
			continue
		}
		out = append(out, Fee{Code: f.Code, Money: claimdesk.Money{Amount: f.amount, Currency: f.Currency}})
	}
	return out
}

// warranty: the manufacturer's guarantee (rule 5).
func (e *Engine) warranty(j *job) {
	j.dec.setRoute("manufacturer")
	delivery, ok := j.firstDelivery()
	if !ok {
		j.dec.reason("not_delivered")
		e.explain(j, "complaint.not_delivered", lawSource(e.law.Lookup(KeyConsumerRiskOnReceipt, j.country, j.ordered)))
		return
	}
	months, src := 0, source{text: "order line: manufacturer_warranty_months"}
	for _, cl := range j.lines {
		if m := cl.line.ManufacturerWarrantyMonths; m > 0 && (months == 0 || m < months) {
			months = m
		}
	}
	if w := j.t.Warranty; months == 0 && w != nil {
		months, src = w.Months, clauseSource(j.t.ClauseByID(w.Clause))
	}
	if months == 0 {
		e.explain(j, "warranty.none", source{text: "manufacturer's warranty terms"})
		return
	}
	deadline := calendar.AddMonths(delivery, months)
	j.dec.Deadline = dayPtr(deadline)
	rule := "warranty.deadline"
	if j.opened.After(deadline) {
		rule = "warranty.deadline_passed"
		j.dec.reason("deadline_passed")
	}
	e.explain(j, rule, src, e.dateArg(j, "deadline", deadline))
}

// cancellation: possible while none of the case's lines is shipped (rule 7).
func (e *Engine) cancellation(j *job) {
	src := source{text: "assessment rule 7"}
	for _, cl := range j.lines {
		if !j.delivered[cl.idx].IsZero() {
			j.dec.reason("already_shipped")
			e.explain(j, "cancellation.already_shipped", src)
			return
		}
	}
	e.explain(j, "cancellation.ok", src)
}

// lostParcel: the seller bears the risk until a consumer has the goods.
func (e *Engine) lostParcel(j *job) {
	e.explain(j, "lost_parcel.risk", lawSource(e.law.Lookup(KeyConsumerRiskOnReceipt, j.country, j.ordered)))
}

func itoa(n int) string { return strconv.Itoa(n) }
