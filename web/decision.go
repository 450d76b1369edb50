package web

import (
	"encoding/json"
	"slices"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/policy"
)

// decisionView is the policy engine's decision as the pages show it.
type decisionView struct {
	Ready     bool // the input says enough to judge
	Judged    bool // the kind is one the engine judges
	Failed    bool // the engine could not judge the input
	Eligible  bool
	Route     string
	Deadline  claimdesk.Date
	GoodsDue  claimdesk.Date
	Fees      []feeView
	Possible  []feeView
	Refund    string
	Sentences []string
	Vague     bool // the description says only "does not work"
}

type feeView struct {
	Code   string
	Amount string // "" when judged case by case
}

// newDecisionView turns a decision into what the page shows, amounts in
// the page's language.
func newDecisionView(l *locale, d *policy.Decision) decisionView {
	v := decisionView{Ready: true, Judged: true}
	if d.Eligible != nil {
		v.Eligible = *d.Eligible
	}
	if d.Route != nil {
		v.Route = *d.Route
	}
	if d.Deadline != nil {
		v.Deadline = claimdesk.DateOf(d.Deadline.Time)
	}
	if d.GoodsDue != nil {
		v.GoodsDue = claimdesk.DateOf(d.GoodsDue.Time)
	}
	v.Fees = feeViews(l, d.Fees)
	v.Possible = feeViews(l, d.PossibleFees)
	if d.Refund != nil {
		v.Refund = l.Money(d.Refund.Amount, d.Refund.Currency)
	}
	for _, e := range d.Explanation {
		v.Sentences = append(v.Sentences, e.Text)
	}
	v.Vague = slices.Contains(d.Reasons, "description_insufficient")
	return v
}

func feeViews(l *locale, fees []policy.Fee) []feeView {
	out := make([]feeView, 0, len(fees))
	for _, f := range fees {
		fv := feeView{Code: f.Code}
		if !f.CaseByCase {
			fv.Amount = l.Money(f.Amount, f.Currency)
		}
		out = append(out, fv)
	}
	return out
}

// caseDecision is the decision stored with a case (the snapshot made when
// it was opened), or nothing for a case the engine did not judge.
func caseDecision(l *locale, c *claimdesk.Case) decisionView {
	if c.Eligible == nil || len(c.Assessment) == 0 {
		return decisionView{Ready: true}
	}
	var d policy.Decision
	if err := json.Unmarshal(c.Assessment, &d); err != nil {
		v := decisionView{Ready: true, Judged: true, Eligible: *c.Eligible, Route: c.Route, Deadline: c.Deadline, GoodsDue: c.GoodsDue}
		if c.Refund != nil {
			v.Refund = l.Money(*c.Refund, c.Currency)
		}
		return v
	}
	return newDecisionView(l, &d)
}
