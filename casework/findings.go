package casework

import (
	"context"
	"encoding/json"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/policy"
)

// FindingOption is a finding an agent may record on a case, with the fees
// the shop's terms attach to it: a fixed amount, and an amount per started
// technician hour (Compumail's "no fault found": 300 SEK plus 500 SEK per
// started hour).
type FindingOption struct {
	Finding string
	Fees    []claimdesk.CaseFee // charged once
	PerHour []claimdesk.CaseFee // charged per started technician hour
}

// FindingOptions lists the findings the policy engine knows for the case's
// kind, with their fees under the shop's terms. Staff of the case's shop
// only; a shop without terms gets every finding, without fees.
func (s *Service) FindingOptions(ctx context.Context, number string) ([]FindingOption, error) {
	c, err := s.GetCase(ctx, number)
	if err != nil {
		return nil, err
	}
	if err := requireStaff(ctx, c.ShopID); err != nil {
		return nil, err
	}
	t, q, err := s.feeTerms(ctx, s.stores(), c)
	if err != nil {
		return nil, err
	}
	out := make([]FindingOption, 0, len(claimdesk.Findings))
	for _, f := range claimdesk.Findings {
		o := FindingOption{Finding: f}
		if t != nil {
			q.TechnicianMinutes = 0
			once, err := policy.FeesForFinding(t, f, q)
			if err != nil {
				continue // a finding the engine does not know cannot be charged for
			}
			q.TechnicianMinutes = 60
			hour, _ := policy.FeesForFinding(t, f, q)
			o.Fees, o.PerHour = splitHourly(once, hour)
		}
		out = append(out, o)
	}
	return out, nil
}

// splitHourly tells the fixed fees (those charged without technician time)
// from the hourly ones (those one hour adds); fees judged case by case are
// left out, the agent states them when deciding.
func splitHourly(once, hour []policy.Fee) (fixed, perHour []claimdesk.CaseFee) {
	seen := map[string]bool{}
	for _, f := range once {
		seen[f.Code] = true
		if !f.CaseByCase {
			fixed = append(fixed, claimdesk.CaseFee{Code: f.Code, Amount: f.Amount})
		}
	}
	for _, f := range hour {
		if !seen[f.Code] && !f.CaseByCase {
			perHour = append(perHour, claimdesk.CaseFee{Code: f.Code, Amount: f.Amount})
		}
	}
	return fixed, perHour
}

// ReceivedLines adds up the quantities per SKU that a case's
// goods-received events record.
func ReceivedLines(events []claimdesk.Event) map[string]int {
	got := map[string]int{}
	for _, e := range events {
		if e.Type != "case.goods.received" {
			continue
		}
		var d struct {
			Lines []claimdesk.CaseLine `json:"lines"`
		}
		_ = json.Unmarshal(e.Data, &d)
		for _, l := range d.Lines {
			got[l.SKU] += l.Quantity
		}
	}
	return got
}
