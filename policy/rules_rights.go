package policy

import (
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/calendar"
)

// withdrawal judges the statutory right of withdrawal (rule 1).
func (e *Engine) withdrawal(j *job) {
	law := e.law.Lookup(KeyWithdrawalDays, j.country, j.ordered)
	src := lawSource(law)
	if j.business {
		j.dec.reason("business_customer")
		e.explain(j, "withdrawal.business_customer", src)
		return
	}
	days, w := law.Value, j.t.Withdrawal
	if w != nil && w.Days > days {
		days, src = w.Days, clauseSource(j.t.ClauseByID(w.Clause))
	}
	if w != nil && w.Days > 0 && w.Days < law.Value {
		j.dec.reason("statutory_floor") // the shop states a shorter period of its own
	}
	if last, ok := j.lastDelivery(); ok {
		raw := last.AddDate(0, 0, days)
		deadline, kind := calendar.RollForward(j.country, raw)
		j.dec.Deadline = dayPtr(deadline)
		e.explainDeadline(j, "withdrawal", src, deadline, raw, kind)
	} else {
		e.explain(j, "withdrawal.not_started", src)
	}
	custom := e.customMade(j, "withdrawal", e.withdrawalCustomSource(j))
	if !j.eligibleSoFar() {
		return
	}
	goodsDue := e.law.Lookup(KeyWithdrawalGoodsDue, j.country, j.ordered)
	dueDays, dueSrc := goodsDue.Value, lawSource(goodsDue)
	if w != nil && w.GoodsDueDays > dueDays {
		dueDays, dueSrc = w.GoodsDueDays, clauseSource(j.t.ClauseByID(w.Clause))
	}
	due := j.opened.AddDate(0, 0, dueDays)
	j.dec.GoodsDue = dayPtr(due)
	e.explain(j, "withdrawal.goods_due", dueSrc, e.dateArg(j, "date", due))
	e.refund(j, "withdrawal", custom)
}

func (e *Engine) withdrawalCustomSource(j *job) source {
	if w := j.t.Withdrawal; w != nil && w.ExcludeCustomMade {
		return clauseSource(j.t.ClauseByID(w.Clause))
	}
	return lawSource(e.law.Lookup(KeyWithdrawalCustomMade, j.country, j.ordered))
}

// explainDeadline explains a deadline (prefix.deadline or
// prefix.deadline_passed, "_extended" when it was rolled forward) and
// records deadline_passed.
func (e *Engine) explainDeadline(j *job, prefix string, src source, deadline, raw time.Time, kind calendar.DayKind) {
	rule := prefix + ".deadline"
	if j.opened.After(deadline) {
		rule = prefix + ".deadline_passed"
		j.dec.reason("deadline_passed")
	}
	args := []arg{e.dateArg(j, "deadline", deadline)}
	if !deadline.Equal(raw) {
		rule += "_extended"
		args = append(args, e.dateArg(j, "moved", raw), e.dayKindArg(j, kind.String()))
	}
	e.explain(j, rule, src, args...)
}

// customMade excludes custom-made lines; all of them custom-made makes the
// case not eligible. It reports which lines were excluded.
func (e *Engine) customMade(j *job, prefix string, src source) (excluded map[int]bool) {
	for _, cl := range j.lines {
		if cl.line.CustomMade {
			if excluded == nil {
				excluded = map[int]bool{}
			}
			excluded[cl.idx] = true
		}
	}
	switch {
	case len(excluded) == 0:
	case len(excluded) == len(j.lines):
		j.dec.reason("custom_made")
		e.explain(j, prefix+".custom_made", src)
	default:
		e.explain(j, prefix+".custom_made_part", src)
	}
	return excluded
}

func (j *job) eligibleSoFar() bool {
	for _, r := range j.dec.Reasons {
		if blocking[r] {
			return false
		}
	}
	return true
}

// voluntaryReturn judges the shop's own return right (rule 2).
func (e *Engine) voluntaryReturn(j *job) {
	r := j.t.Return
	if r == nil || !r.Offered {
		j.dec.reason("not_offered")
		src := source{text: "shop terms"}
		if r != nil {
			src = clauseSource(j.t.ClauseByID(r.Clause))
		}
		e.explain(j, "return.not_offered", src)
		return
	}
	src := clauseSource(j.t.ClauseByID(r.Clause))
	if last, ok := j.lastDelivery(); ok {
		raw := last.AddDate(0, 0, r.Days)
		deadline, kind := raw, calendar.Workday
		if r.WeekendRule {
			deadline, kind = calendar.RollForward(j.country, raw)
		}
		j.dec.Deadline = dayPtr(deadline)
		e.explainDeadline(j, "return", src, deadline, raw, kind)
	} else {
		e.explain(j, "return.not_started", src)
	}
	var excluded map[int]bool
	if r.ExcludeCustomMade {
		excluded = e.customMade(j, "return", src)
	}
	facts := j.s.Case.Facts
	if contains(r.Conditions, "unused") && isFalse(facts.Unused) {
		j.dec.reason("not_unused")
		e.explain(j, "return.not_unused", src)
	}
	if contains(r.Conditions, "labels_intact") && isFalse(facts.LabelsIntact) {
		j.dec.reason("labels_removed")
		e.explain(j, "return.labels_removed", src)
	}
	if j.eligibleSoFar() {
		e.refund(j, "return", excluded)
	}
}

// refund computes rule 8: the case lines' value, plus the delivery fee when
// the whole order comes back, never the extra fees, minus the fees the case
// carries when opened.
func (e *Engine) refund(j *job, kind string, excluded map[int]bool) {
	var total claimdesk.Minor
	keep := func(cl caseLine) bool { return !excluded[cl.idx] }
	for _, cl := range j.lines {
		if keep(cl) {
			total += cl.line.UnitPrice * claimdesk.Minor(cl.qty)
		}
	}
	o := &j.s.Order
	src := e.refundSource(j, kind)
	whole := j.wholeOrder(keep)
	if whole {
		total += o.DeliveryFee
	}
	for _, f := range e.intakeFees(j, kind) {
		j.dec.Fees = append(j.dec.Fees, f)
		total -= f.Amount
		e.explain(j, "fee."+f.Code, clauseSource(j.t.ClauseByID(e.feeClause(j, kind, f.Code))), e.moneyArg(j, "amount", f.Money))
	}
	if total < 0 {
		total = 0
	}
	j.dec.Refund = &claimdesk.Money{Amount: total, Currency: j.currency}
	rule := "refund.partial"
	if whole || o.DeliveryFee == 0 {
		rule = "refund.full"
	}
	e.explain(j, rule, src, e.moneyArg(j, "amount", *j.dec.Refund))
	if len(o.ExtraFees) > 0 {
		e.explain(j, "refund.extra_fees", src)
	}
}

func (e *Engine) refundSource(j *job, kind string) source {
	if kind == "return" {
		return clauseSource(j.t.ClauseByID(j.t.Return.Clause))
	}
	if w := j.t.Withdrawal; w != nil {
		return clauseSource(j.t.ClauseByID(w.Clause))
	}
	return lawSource(e.law.Lookup(KeyWithdrawalDays, j.country, j.ordered))
}

// intakeFees are the fees the terms charge on a case of this kind as opened.
func (e *Engine) intakeFees(j *job, kind string) []Fee {
	var out []Fee
	for _, f := range j.t.Fees {
		if f.Variable || !contains(f.ChargedOn, kind) || !f.appliesTo(j.business) {
			continue
		}
		out = append(out, Fee{Code: f.Code, Money: claimdesk.Money{Amount: f.amount, Currency: f.Currency}})
	}
	return out
}

func (e *Engine) feeClause(j *job, kind, code string) string {
	for _, f := range j.t.Fees {
		if f.Code == code && (kind == "" || contains(f.ChargedOn, kind) || len(f.ChargedOn) == 0) {
			return f.Clause
		}
	}
	return ""
}

func (f FeeRule) appliesTo(business bool) bool {
	if len(f.Audience) == 0 {
		return true
	}
	if business {
		return contains(f.Audience, "business")
	}
	return contains(f.Audience, "consumer")
}
