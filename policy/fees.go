package policy

import (
	"fmt"

	"github.com/claimdesk/claimdesk"
)

// FeeQuery describes the case a finding was made on.
type FeeQuery struct {
	Kind              string // the case kind (defect, withdrawal …)
	Business          bool   // the buyer is a business
	TechnicianMinutes int    // time the shop's technicians spent, for per-started-hour fees
}

// FeesForFinding returns the fees the shop's terms charge for a finding
// (fault_confirmed, no_fault_found, physical_damage, liquid_damage, misuse,
// third_party_software, illegal_software, diminished_value,
// missing_original_box, withdrawal_sent_as_complaint, find_my_enabled,
// accounts_not_removed, description_insufficient) on a case. A confirmed
// fault costs nothing. Per-started-hour fees are charged for every started
// hour of TechnicianMinutes, and not at all without technician time. A fee
// judged case by case comes back with CaseByCase set and a zero amount.
func FeesForFinding(t *Terms, finding string, q FeeQuery) ([]Fee, error) {
	if !contains(findings, finding) {
		return nil, fmt.Errorf("unknown finding %q", finding)
	}
	if q.Kind != "" && !contains(caseKinds, q.Kind) {
		return nil, fmt.Errorf("unknown case kind %q", q.Kind)
	}
	out := []Fee{}
	if finding == "fault_confirmed" {
		return out, nil
	}
	for _, f := range t.Fees {
		if !contains(f.Findings, finding) || !f.appliesTo(q.Business) {
			continue
		}
		if q.Kind != "" && len(f.Kinds) > 0 && !contains(f.Kinds, q.Kind) {
			continue
		}
		fee := Fee{Code: f.Code, Money: claimdesk.Money{Amount: f.amount, Currency: f.Currency}, CaseByCase: f.Variable}
		if f.Per == "started_hour" {
			hours := (q.TechnicianMinutes + 59) / 60
			if hours == 0 {
				continue
			}
			fee.Amount *= claimdesk.Minor(hours)
		}
		out = append(out, fee)
	}
	return out, nil
}
