package claimdesk

import "fmt"

// Action is something done to a case; each one is validated against the
// case's kind and state, and recorded as an event.
type Action string

// Case actions.
const (
	ActAssign         Action = "assign"
	ActWait           Action = "wait"
	ActResume         Action = "resume"
	ActGoodsInTransit Action = "goods_in_transit"
	ActReceiveGoods   Action = "receive_goods"
	ActRecordFinding  Action = "record_finding"
	ActDecide         Action = "decide"
	ActRefund         Action = "refund"
	ActClose          Action = "close"
	ActReopen         Action = "reopen"
	ActEscalate       Action = "escalate"
	ActMerge          Action = "merge"
)

// Findings a workshop or agent records after looking at the goods.
const (
	FindingFaultConfirmed      = "fault_confirmed"
	FindingNoFaultFound        = "no_fault_found"
	FindingPhysicalDamage      = "physical_damage"
	FindingLiquidDamage        = "liquid_damage"
	FindingThirdPartySoftware  = "third_party_software"
	FindingIllegalSoftware     = "illegal_software"
	FindingTransportDamage     = "transport_damage"
	FindingWrongItemConfirmed  = "wrong_item_confirmed"
	FindingAsNew               = "as_new"
	FindingUsed                = "used"
	FindingMissingParts        = "missing_parts"
	FindingFindMyEnabled       = "find_my_enabled"
	FindingInsufficientDescrip = "description_insufficient"
)

// Findings lists every finding an agent may record.
var Findings = []string{
	FindingFaultConfirmed, FindingNoFaultFound, FindingPhysicalDamage, FindingLiquidDamage, FindingThirdPartySoftware,
	FindingIllegalSoftware, FindingTransportDamage, FindingWrongItemConfirmed, FindingAsNew, FindingUsed, FindingMissingParts,
	FindingFindMyEnabled, FindingInsufficientDescrip,
}

// ValidFinding reports whether f is a known finding.
func ValidFinding(f string) bool {
	for _, x := range Findings {
		if x == f {
			return true
		}
	}
	return false
}

// Remedies returns the remedies an approval may give for the kind.
func (k CaseKind) Remedies() []Remedy {
	switch k {
	case KindWithdrawal, KindReturn, KindCancellation:
		return []Remedy{RemedyRefund}
	case KindGeneral:
		return nil
	case KindComplaint:
		return []Remedy{RemedyNone, RemedyRepair, RemedyReplacement, RemedyRefund, RemedyPriceReduction}
	}
	return []Remedy{RemedyRepair, RemedyReplacement, RemedyRefund, RemedyPriceReduction}
}

// AllowsRemedy reports whether an approval of the kind may give r.
func (k CaseKind) AllowsRemedy(r Remedy) bool {
	for _, x := range k.Remedies() {
		if x == r {
			return true
		}
	}
	return false
}

// refuse is the conflict error for an action the case's state does not allow.
func refuse(c *Case, a Action, why string) error {
	return Errorf(CodeConflict, "case %s: cannot %s: %s", c.Number, a, why)
}

// Check reports whether the action is allowed on the case now, and why not.
func (c *Case) Check(a Action) error {
	closed := c.Status == StatusClosed
	switch a {
	case ActAssign, ActWait, ActResume, ActMerge:
		if closed {
			return refuse(c, a, "the case is closed")
		}
	case ActGoodsInTransit:
		if c.Logistics != LogisticsAwaitingGoods {
			return refuse(c, a, fmt.Sprintf("no goods are awaited (logistics: %s)", c.Logistics))
		}
	case ActReceiveGoods:
		switch c.Logistics {
		case LogisticsAwaitingGoods, LogisticsInTransit, LogisticsPartlyReceived:
		default:
			return refuse(c, a, fmt.Sprintf("no goods are awaited (logistics: %s)", c.Logistics))
		}
		if closed {
			return refuse(c, a, "the case is closed; reopen it first")
		}
	case ActRecordFinding:
		if closed || c.Kind == KindGeneral {
			return refuse(c, a, "only an open case about goods gets a finding")
		}
	case ActDecide:
		if closed {
			return refuse(c, a, "the case is closed; reopen it first")
		}
		if c.Kind == KindGeneral {
			return refuse(c, a, "a general question has nothing to decide")
		}
		if c.Decision != DecisionRequested {
			return refuse(c, a, fmt.Sprintf("it is decided already (%s); reopen or escalate it", c.Decision))
		}
	case ActRefund:
		if c.Decision != DecisionApproved && c.Decision != DecisionPartlyApproved {
			return refuse(c, a, "only an approved case is refunded")
		}
		if c.Refund == nil || *c.Refund <= c.Refunded {
			return refuse(c, a, "no refund is due")
		}
	case ActClose:
		if closed {
			return refuse(c, a, "the case is closed already")
		}
	case ActReopen:
		if c.Open() {
			return refuse(c, a, "the case is open")
		}
		if c.MergedInto != 0 {
			return refuse(c, a, "the case was merged into another")
		}
	case ActEscalate:
		return c.checkEscalate()
	default:
		return Errorf(CodeInvalid, "unknown action %q", a)
	}
	return nil
}

// checkEscalate: the ladder climbs from customer service to the shop's
// ombudsman once customer service has given its answer (or the case is a
// formal complaint), and from the ombudsman to the national consumer body
// once the ombudsman has decided.
func (c *Case) checkEscalate() error {
	switch c.Ladder {
	case LadderCustomerService:
		if c.Decision == DecisionRequested && c.Kind != KindComplaint {
			return refuse(c, ActEscalate, "customer service has not answered yet")
		}
	case LadderOmbudsman:
		if c.Decision == DecisionRequested {
			return refuse(c, ActEscalate, "the ombudsman has not decided yet")
		}
	default:
		return refuse(c, ActEscalate, "the case is with the national consumer body already")
	}
	if c.MergedInto != 0 {
		return refuse(c, ActEscalate, "the case was merged into another")
	}
	return nil
}

// NextLadderStep returns the step an escalation moves the case to.
func (c *Case) NextLadderStep() LadderStep {
	if c.Ladder == LadderCustomerService {
		return LadderOmbudsman
	}
	return LadderNationalBody
}
