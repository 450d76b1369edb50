package casework

import (
	"context"
	"fmt"
	"strings"

	"github.com/claimdesk/claimdesk"
)

// DecideInput is the shop's (or its ombudsman's) decision.
type DecideInput struct {
	Decision claimdesk.DecisionState
	Remedy   claimdesk.Remedy
	// Refund overrides the refund the case was opened with: a partial refund,
	// or a refund as the remedy of a complaint. Nil keeps the case's.
	Refund *claimdesk.Minor
	// Fees overrides the fees (a value deduction judged case by case). Nil
	// keeps the case's fees.
	Fees   []claimdesk.CaseFee
	Reason string
}

// Decide records the decision. Only the shop's ombudsman decides a case on
// the ombudsman's step of the ladder; customer service cannot.
func (s *Service) Decide(ctx context.Context, number string, in DecideInput) (*claimdesk.Case, error) {
	switch in.Decision {
	case claimdesk.DecisionApproved, claimdesk.DecisionPartlyApproved, claimdesk.DecisionRejected:
	default:
		return nil, fieldErr("decision", "invalid", "a decision is approved, partly_approved or rejected")
	}
	a := claimdesk.ActorFrom(ctx)
	return s.change(ctx, number, staffOnly, claimdesk.ActDecide, func(tx claimdesk.Stores, c *claimdesk.Case) ([]claimdesk.Event, error) {
		if c.Ladder == claimdesk.LadderOmbudsman && a.Kind == claimdesk.ActorAgent && a.AgentRoleIn(c.ShopID) != claimdesk.RoleOmbudsman {
			return nil, claimdesk.Errorf(claimdesk.CodeForbidden, "only the shop's ombudsman decides a case on the ombudsman's step")
		}
		if err := applyDecision(c, in); err != nil {
			return nil, err
		}
		return []claimdesk.Event{event("case.decided", in.Reason, map[string]any{
			"decision": c.Decision, "remedy": c.Remedy, "refund": c.Refund, "fees": c.Fees, "ladder": c.Ladder})}, nil
	})
}

// applyDecision sets the decision, remedy, money and status.
func applyDecision(c *claimdesk.Case, in DecideInput) error {
	var v claimdesk.Validation
	if in.Decision == claimdesk.DecisionRejected {
		v.Check(in.Remedy == claimdesk.RemedyNone, "remedy", "not_allowed", "a rejection gives no remedy")
	} else {
		v.Check(c.Kind.AllowsRemedy(in.Remedy), "remedy", "invalid", "a %s case cannot be settled with %q", c.Kind, in.Remedy)
	}
	if in.Refund != nil {
		v.Check(*in.Refund >= 0, "refund", "negative", "a refund cannot be negative")
		v.Check(in.Decision != claimdesk.DecisionRejected, "refund", "not_allowed", "a rejection refunds nothing")
	}
	for i, f := range in.Fees {
		v.Check(f.Amount >= 0 && f.Code != "", fmt.Sprintf("fees[%d]", i), "invalid", "a fee needs a code and a non-negative amount")
	}
	if in.Decision == claimdesk.DecisionPartlyApproved && c.Refund != nil && in.Refund != nil {
		v.Check(*in.Refund < *c.Refund, "refund", "not_partial", "a partial approval refunds less than the full %s", c.Refund.String())
	}
	if err := v.Err(); err != nil {
		return err
	}
	c.Decision, c.Remedy = in.Decision, in.Remedy
	if in.Fees != nil {
		c.Fees = in.Fees
	}
	switch {
	case in.Decision == claimdesk.DecisionRejected:
		c.Refund = nil
	case in.Refund != nil:
		r := *in.Refund
		c.Refund = &r
	case in.Remedy != claimdesk.RemedyRefund && in.Remedy != claimdesk.RemedyPriceReduction:
		c.Refund = nil
	}
	return settle(c)
}

// settle derives the money state and whether the case is resolved.
func settle(c *claimdesk.Case) error {
	var fees claimdesk.Minor
	for _, f := range c.Fees {
		fees += f.Amount
	}
	due := claimdesk.Minor(0)
	if c.Refund != nil {
		due = *c.Refund
	}
	switch {
	case due > c.Refunded:
		c.Money = claimdesk.MoneyRefundDue
	case due > 0:
		c.Money = claimdesk.MoneyRefunded
	case fees > 0 && c.Decision == claimdesk.DecisionRejected:
		c.Money = claimdesk.MoneyFeeDue
	default:
		c.Money = claimdesk.MoneyNone
	}
	if c.Money != claimdesk.MoneyRefundDue && c.Status != claimdesk.StatusClosed {
		c.Status, c.DueAt = claimdesk.StatusResolved, nil
	}
	return nil
}

// RefundInput records money paid back.
type RefundInput struct {
	Amount    claimdesk.Minor
	Method    string // the original payment method when empty
	Reference string
}

// RecordRefund records a refund against the original payment method.
func (s *Service) RecordRefund(ctx context.Context, number string, in RefundInput) (*claimdesk.Case, error) {
	return s.change(ctx, number, staffOnly, claimdesk.ActRefund, func(tx claimdesk.Stores, c *claimdesk.Case) ([]claimdesk.Event, error) {
		left := *c.Refund - c.Refunded
		if in.Amount <= 0 || in.Amount > left {
			return nil, fieldErr("amount", "invalid", "the refund must be more than 0 and at most the %s still due", left.String())
		}
		method := in.Method
		if c.OrderID != 0 {
			if o, err := tx.Orders.FindOrder(ctx, c.OrderID); err == nil && method == "" {
				method = o.PaymentMethod
			}
		}
		if method == "" {
			return nil, fieldErr("method", "required", "say how the money was paid back")
		}
		c.Refunded += in.Amount
		if err := settle(c); err != nil {
			return nil, err
		}
		if c.Money == claimdesk.MoneyRefunded {
			if _, err := tx.Jobs.CancelJobs(ctx, caseJobPrefix(c)+"refund:", s.now()); err != nil {
				return nil, err
			}
		}
		return []claimdesk.Event{event("case.refund.recorded", "", map[string]any{
			"amount": in.Amount, "currency": c.Currency, "method": method, "reference": in.Reference, "refunded": c.Refunded})}, nil
	})
}

// NationalBody is the consumer body of a customer's country a case can be
// referred to, from shared/law.md section 4 (the EU ODR platform closed in
// July 2025 and is never offered).
type NationalBody struct {
	Country  claimdesk.Country `json:"country"`
	Name     string            `json:"name"`
	Role     string            `json:"role"`
	URL      string            `json:"url"`
	NextName string            `json:"next_name,omitempty"`
	NextRole string            `json:"next_role,omitempty"`
	Statute  string            `json:"statute"`
}

// nationalBodies: NO mediation by Forbrukertilsynet, decisions by
// Forbrukerklageutvalget (forbrukerklageloven 2020); SE Allmänna
// reklamationsnämnden; DK Nævnenes Hus (Forbrugerklagenævnet).
var nationalBodies = map[claimdesk.Country]NationalBody{
	claimdesk.Norway:  {Country: claimdesk.Norway, Name: "Forbrukertilsynet", Role: "mediation", URL: "https://www.forbrukertilsynet.no", NextName: "Forbrukerklageutvalget", NextRole: "decision", Statute: "forbrukerklageloven (LOV-2020-06-23-98)"},
	claimdesk.Sweden:  {Country: claimdesk.Sweden, Name: "Allmänna reklamationsnämnden (ARN)", Role: "recommendation", URL: "https://www.arn.se", Statute: "förordning (2015:739) med instruktion för ARN"},
	claimdesk.Denmark: {Country: claimdesk.Denmark, Name: "Nævnenes Hus (Forbrugerklagenævnet)", Role: "decision", URL: "https://naevneneshus.dk", Statute: "forbrugerklageloven (LBK nr. 1297 af 2019)"},
}

// Escalate moves the case up the complaint ladder: customer service → the
// shop's independent ombudsman (its own queue) → the national consumer body
// of the customer's country, with a referral summary made from the case.
func (s *Service) Escalate(ctx context.Context, number, reason string) (*claimdesk.Case, error) {
	return s.change(ctx, number, staffOrCustomer, claimdesk.ActEscalate, func(tx claimdesk.Stores, c *claimdesk.Case) ([]claimdesk.Event, error) {
		next := c.NextLadderStep()
		if next == claimdesk.LadderOmbudsman {
			c.Ladder, c.Queue, c.Decision, c.Remedy, c.AssigneeID = next, "ombudsman", claimdesk.DecisionRequested, claimdesk.RemedyNone, 0
			c.Status, c.ClosedAt, c.WaitingOn = claimdesk.StatusOpen, nil, claimdesk.WaitingOnNobody
			return []claimdesk.Event{event("case.escalated", reason, map[string]any{"to": next})}, nil
		}
		body, ok := nationalBodies[c.Country]
		if !ok {
			return nil, claimdesk.Errorf(claimdesk.CodeConflict, "no national consumer body is known for %s", c.Country)
		}
		summary, err := s.referral(ctx, tx, c, body)
		if err != nil {
			return nil, err
		}
		c.Ladder = next
		events, err := s.closeCase(tx, c, "referred to "+body.Name)
		if err != nil {
			return nil, err
		}
		return append([]claimdesk.Event{event("case.escalated", reason, map[string]any{"to": next, "body": body, "referral": summary})}, events...), nil
	})
}

// Referral is the summary a customer or the shop sends the national body.
type Referral struct {
	Title    string               `json:"title"`
	Intro    string               `json:"intro"`
	Body     NationalBody         `json:"body"`
	Case     string               `json:"case"`
	Kind     claimdesk.CaseKind   `json:"kind"`
	Shop     string               `json:"shop"`
	Customer string               `json:"customer"`
	Order    string               `json:"order,omitempty"`
	Lines    []claimdesk.CaseLine `json:"lines"`
	Opened   string               `json:"opened"`
	Timeline []string             `json:"timeline"`
	Claim    string               `json:"claim"`
}

func (s *Service) referral(ctx context.Context, tx claimdesk.Stores, c *claimdesk.Case, body NationalBody) (*Referral, error) {
	shop, err := tx.Shops.FindShop(ctx, c.ShopID)
	if err != nil {
		return nil, err
	}
	cu, err := tx.Customers.FindCustomer(ctx, c.CustomerID)
	if err != nil {
		return nil, err
	}
	events, err := tx.Cases.ListEvents(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	vars := map[string]string{"Number": c.Number, "Customer": cu.Name, "Shop": shop.LegalName, "Body": body.Name}
	r := &Referral{
		Title: text(c.Lang, "referral.title", vars), Intro: text(c.Lang, "referral.intro", vars), Body: body, Case: c.Number,
		Kind: c.Kind, Shop: shop.LegalName, Customer: cu.Name, Order: c.OrderExternalID, Lines: c.Lines,
		Opened: claimdesk.DateIn(c.CreatedAt, shop.Location()).String(), Claim: c.Description,
	}
	for _, e := range events {
		line := claimdesk.DateIn(e.At, shop.Location()).String() + " " + e.Type
		if e.Reason != "" {
			line += ": " + e.Reason
		}
		r.Timeline = append(r.Timeline, line)
	}
	return r, nil
}

// Merge folds a duplicate case into another of the same customer: the
// duplicate is closed and points at the case that goes on, which gets the
// duplicate's messages.
func (s *Service) Merge(ctx context.Context, number, into string) (*claimdesk.Case, error) {
	target, err := s.GetCase(ctx, into)
	if err != nil {
		return nil, err
	}
	return s.change(ctx, number, staffOnly, claimdesk.ActMerge, func(tx claimdesk.Stores, c *claimdesk.Case) ([]claimdesk.Event, error) {
		if err := mergeable(c, target); err != nil {
			return nil, err
		}
		msgs, err := tx.Cases.ListMessages(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		for _, m := range msgs {
			m.ID, m.CaseID, m.Attachments = 0, target.ID, nil
			m.Body = strings.TrimSpace(m.Body) + "\n\n(" + c.Number + ")"
			if err := tx.Cases.AddMessage(ctx, &m); err != nil {
				return nil, err
			}
		}
		if err := tx.Cases.AppendEvents(ctx, target.ID, []claimdesk.Event{event("case.merged", "", map[string]any{"from": c.Number})}); err != nil {
			return nil, err
		}
		c.MergedInto = target.ID
		events, err := s.closeCase(tx, c, "merged into "+target.Number)
		return append([]claimdesk.Event{event("case.merged", "", map[string]any{"into": target.Number})}, events...), err
	})
}

// mergeable says whether c may be merged into target: another open case of
// the same customer in the same shop.
func mergeable(c, target *claimdesk.Case) error {
	if target.ID == c.ID || target.ShopID != c.ShopID || target.CustomerID != c.CustomerID || target.Status == claimdesk.StatusClosed {
		return fieldErr("into", "not_mergeable", "case %s can only be merged into another open case of the same customer", c.Number)
	}
	return nil
}

// PreviewMerge checks, without changing anything, that case number may be
// merged into the case into, and returns that case for the agent to
// confirm. A case the agent cannot see, or that does not exist, is an
// error on the field "into" (not_found), like one that does not fit.
func (s *Service) PreviewMerge(ctx context.Context, number, into string) (*claimdesk.Case, error) {
	c, err := s.GetCase(ctx, number)
	if err != nil {
		return nil, err
	}
	if err := requireStaff(ctx, c.ShopID); err != nil {
		return nil, err
	}
	if err := c.Check(claimdesk.ActMerge); err != nil {
		return nil, err
	}
	target, err := s.GetCase(ctx, into)
	if claimdesk.IsCode(err, claimdesk.CodeNotFound) {
		return nil, fieldErr("into", "not_found", "there is no case %q", into)
	}
	if err != nil {
		return nil, err
	}
	if err := mergeable(c, target); err != nil {
		return nil, err
	}
	return target, nil
}
