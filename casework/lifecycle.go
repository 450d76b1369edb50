package casework

import (
	"context"
	"encoding/json"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/policy"
)

// who may take an action on a case.
type mayDo int

const (
	staffOnly       mayDo = iota // the shop's agents, its API key, the system
	staffOrCustomer              // also the case's customer (not a company viewer)
)

// change is one action on a case: it checks who asks and whether the case
// allows the action, lets apply change the case, then stores the case, its
// events and the jobs that follow in one transaction. A concurrent change
// to the same case makes it fail with conflict rather than lose an update.
func (s *Service) change(ctx context.Context, number string, who mayDo, act claimdesk.Action, apply func(tx claimdesk.Stores, c *claimdesk.Case) ([]claimdesk.Event, error)) (*claimdesk.Case, error) {
	c, err := s.GetCase(ctx, number)
	if err != nil {
		return nil, err
	}
	a := claimdesk.ActorFrom(ctx)
	switch {
	case a.Staff(c.ShopID):
	case who == staffOrCustomer && mayAct(a, c.ShopID, c.CustomerID, c.OrderID):
	default:
		return nil, forbidden()
	}
	err = s.db.WithTx(ctx, func(tx claimdesk.Stores) error {
		c, err = s.changeIn(ctx, tx, c.ID, act, apply)
		return err
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// changeIn applies an action to a case inside a transaction: the fresh case
// is checked, changed, stored at its expected version, and its events and
// their consequences (jobs, notifications, webhooks) are written.
func (s *Service) changeIn(ctx context.Context, tx claimdesk.Stores, id int64, act claimdesk.Action, apply func(tx claimdesk.Stores, c *claimdesk.Case) ([]claimdesk.Event, error)) (*claimdesk.Case, error) {
	a := claimdesk.ActorFrom(ctx)
	c, err := tx.Cases.FindCase(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := c.Check(act); err != nil {
		return nil, err
	}
	version := c.Version
	events, err := apply(tx, c)
	if err != nil {
		return nil, err
	}
	c.UpdatedAt = s.now()
	if err := tx.Cases.UpdateCase(ctx, claimdesk.CaseUpdate{Case: c, ExpectedVersion: version}); err != nil {
		return nil, err
	}
	for i := range events {
		events[i].ActorKind, events[i].ActorID, events[i].ActorName, events[i].At = string(a.Kind), a.UserID, a.Name, c.UpdatedAt
	}
	if err := tx.Cases.AppendEvents(ctx, c.ID, events); err != nil {
		return nil, err
	}
	return c, s.afterChange(ctx, tx, c, events)
}

// event builds an event with its data.
func event(typ, reason string, data any) claimdesk.Event {
	e := claimdesk.Event{Type: typ, Reason: reason}
	if data != nil {
		e.Data, _ = json.Marshal(data)
	}
	return e
}

// Assign gives the case to an agent of its shop (0: nobody).
func (s *Service) Assign(ctx context.Context, number string, agentID int64) (*claimdesk.Case, error) {
	return s.change(ctx, number, staffOnly, claimdesk.ActAssign, func(tx claimdesk.Stores, c *claimdesk.Case) ([]claimdesk.Event, error) {
		if agentID != 0 {
			u, err := tx.Users.FindUser(context.Background(), agentID)
			if err != nil || u.Kind != claimdesk.AgentUser || u.RoleIn(c.ShopID) == "" {
				return nil, fieldErr("assignee", "not_an_agent", "user %d is no agent of %s", agentID, c.ShopID)
			}
		}
		c.AssigneeID = agentID
		return []claimdesk.Event{event("case.assigned", "", map[string]any{"assignee_id": agentID})}, nil
	})
}

// Wait puts the case on hold while it waits on the customer, the carrier or
// the manufacturer; the SLA clock stops and the business time left is kept.
func (s *Service) Wait(ctx context.Context, number string, on claimdesk.WaitingOn, reason string) (*claimdesk.Case, error) {
	if on != claimdesk.WaitingOnCustomer && on != claimdesk.WaitingOnCarrier && on != claimdesk.WaitingOnManufacturer {
		return nil, fieldErr("waiting_on", "invalid", "a case waits on the customer, the carrier or the manufacturer")
	}
	return s.change(ctx, number, staffOnly, claimdesk.ActWait, func(tx claimdesk.Stores, c *claimdesk.Case) ([]claimdesk.Event, error) {
		left := 0
		if c.DueAt != nil {
			shop, err := tx.Shops.FindShop(context.Background(), c.ShopID)
			if err != nil {
				return nil, err
			}
			left = int(ShopClock(shop).Elapsed(s.now(), *c.DueAt).Minutes())
		}
		c.Status, c.WaitingOn, c.DueAt = claimdesk.StatusWaiting, on, nil
		return []claimdesk.Event{event("case.waiting", reason, map[string]any{"waiting_on": on, "sla_minutes_left": left})}, nil
	})
}

// Resume takes the case off hold; the SLA clock runs on from where it stopped.
func (s *Service) Resume(ctx context.Context, number, reason string) (*claimdesk.Case, error) {
	return s.change(ctx, number, staffOnly, claimdesk.ActResume, func(tx claimdesk.Stores, c *claimdesk.Case) ([]claimdesk.Event, error) {
		return s.resume(tx, c, reason)
	})
}

// resume reopens a waiting case's SLA clock from the minutes it had left.
func (s *Service) resume(tx claimdesk.Stores, c *claimdesk.Case, reason string) ([]claimdesk.Event, error) {
	if c.Status != claimdesk.StatusWaiting {
		return nil, nil
	}
	left := s.slaLeft(tx, c)
	c.Status, c.WaitingOn = claimdesk.StatusOpen, claimdesk.WaitingOnNobody
	if left > 0 && s.sla != nil {
		shop, err := tx.Shops.FindShop(context.Background(), c.ShopID)
		if err != nil {
			return nil, err
		}
		due := s.sla.Due(shop, s.now(), left)
		c.DueAt = &due
	}
	return []claimdesk.Event{event("case.resumed", reason, map[string]any{"sla_minutes_left": left})}, nil
}

// slaLeft reads the business minutes that were left when the case last
// went on hold.
func (s *Service) slaLeft(tx claimdesk.Stores, c *claimdesk.Case) int {
	events, err := tx.Cases.ListEvents(context.Background(), c.ID)
	if err != nil {
		return 0
	}
	for i := len(events) - 1; i >= 0; i-- {
		if events[i].Type == "case.waiting" {
			var d struct {
				Left int `json:"sla_minutes_left"`
			}
			_ = json.Unmarshal(events[i].Data, &d)
			return d.Left
		}
	}
	return 0
}

// InTransitInput is the customer's word that the goods are on their way.
type InTransitInput struct {
	Carrier, TrackingNumber string
}

// MarkInTransit records that the goods are on their way back.
func (s *Service) MarkInTransit(ctx context.Context, number string, in InTransitInput) (*claimdesk.Case, error) {
	return s.change(ctx, number, staffOrCustomer, claimdesk.ActGoodsInTransit, func(tx claimdesk.Stores, c *claimdesk.Case) ([]claimdesk.Event, error) {
		c.Logistics = claimdesk.LogisticsInTransit
		return []claimdesk.Event{event("case.goods.in_transit", "", map[string]any{"carrier": in.Carrier, "tracking_number": in.TrackingNumber})}, nil
	})
}

// ReceiveInput is what came back.
type ReceiveInput struct {
	Lines     []claimdesk.CaseLine // nil: every line of the case
	Condition string               // as_new, used, damaged, missing_parts …
	Note      string
}

// ReceiveGoods registers goods received. When everything came back, the
// reminders and the auto-close timer are cancelled.
func (s *Service) ReceiveGoods(ctx context.Context, number string, in ReceiveInput) (*claimdesk.Case, error) {
	return s.change(ctx, number, staffOnly, claimdesk.ActReceiveGoods, func(tx claimdesk.Stores, c *claimdesk.Case) ([]claimdesk.Event, error) {
		lines := in.Lines
		if lines == nil {
			lines = c.Lines
		}
		want := map[string]int{}
		for _, l := range c.Lines {
			want[l.SKU] = l.Quantity
		}
		received := s.receivedSoFar(tx, c)
		for i, l := range lines {
			if _, ok := want[l.SKU]; !ok || l.Quantity <= 0 {
				return nil, fieldErr("lines["+itoa(i)+"]", "unknown_line", "sku %q with quantity %d is not a line of case %s", l.SKU, l.Quantity, c.Number)
			}
			received[l.SKU] += l.Quantity
			if received[l.SKU] > want[l.SKU] {
				return nil, fieldErr("lines["+itoa(i)+"].quantity", "too_many", "more of %q received than the case is about", l.SKU)
			}
		}
		c.Logistics = claimdesk.LogisticsReceived
		for sku, q := range want {
			if received[sku] < q {
				c.Logistics = claimdesk.LogisticsPartlyReceived
			}
		}
		if c.Logistics == claimdesk.LogisticsReceived {
			if _, err := tx.Jobs.CancelJobs(context.Background(), goodsJobPrefix(c), s.now()); err != nil {
				return nil, err
			}
		}
		return []claimdesk.Event{event("case.goods.received", in.Note, map[string]any{"lines": lines, "condition": in.Condition, "logistics": c.Logistics})}, nil
	})
}

// receivedSoFar adds up earlier goods-received events.
func (s *Service) receivedSoFar(tx claimdesk.Stores, c *claimdesk.Case) map[string]int {
	events, err := tx.Cases.ListEvents(context.Background(), c.ID)
	if err != nil {
		return map[string]int{}
	}
	return ReceivedLines(events)
}

// FindingInput is what the shop or its workshop found.
type FindingInput struct {
	Finding           string
	TechnicianMinutes int
	Note              string
}

// RecordFinding records the finding and the fees the shop's terms attach to
// it (Compumail: 300 SEK for no fault found or physical damage, 500 SEK per
// started technician hour).
func (s *Service) RecordFinding(ctx context.Context, number string, in FindingInput) (*claimdesk.Case, error) {
	if !claimdesk.ValidFinding(in.Finding) {
		return nil, fieldErr("finding", "invalid", "finding %q is not one of the known findings", in.Finding)
	}
	if in.TechnicianMinutes < 0 {
		return nil, fieldErr("technician_minutes", "negative", "technician minutes cannot be negative")
	}
	return s.change(ctx, number, staffOnly, claimdesk.ActRecordFinding, func(tx claimdesk.Stores, c *claimdesk.Case) ([]claimdesk.Event, error) {
		fees, err := s.findingFees(tx, c, in)
		if err != nil {
			return nil, err
		}
		c.Finding = in.Finding
		c.Fees = append(intakeFees(c), fees...)
		return []claimdesk.Event{event("case.finding.recorded", in.Note, map[string]any{"finding": in.Finding, "technician_minutes": in.TechnicianMinutes, "fees": fees})}, nil
	})
}

// findingFees asks the policy engine what the finding costs under the
// shop's terms.
func (s *Service) findingFees(tx claimdesk.Stores, c *claimdesk.Case, in FindingInput) ([]claimdesk.CaseFee, error) {
	t, q, err := s.feeTerms(context.Background(), tx, c)
	if err != nil || t == nil {
		return nil, err
	}
	q.TechnicianMinutes = in.TechnicianMinutes
	fees, err := policy.FeesForFinding(t, in.Finding, q)
	if err != nil {
		return nil, claimdesk.Wrap(err, claimdesk.CodeInvalid, "the finding's fees cannot be computed")
	}
	out := make([]claimdesk.CaseFee, 0, len(fees))
	for _, f := range fees {
		if f.CaseByCase {
			continue // judged case by case: the agent states it when deciding
		}
		out = append(out, claimdesk.CaseFee{Code: f.Code, Amount: f.Amount})
	}
	return out, nil
}

// feeTerms returns the shop's terms (nil: none) and the fee query for the
// case: its kind and whether its customer is a business.
func (s *Service) feeTerms(ctx context.Context, st claimdesk.Stores, c *claimdesk.Case) (*policy.Terms, policy.FeeQuery, error) {
	q := policy.FeeQuery{Kind: string(c.Kind)}
	shop, err := st.Shops.FindShop(ctx, c.ShopID)
	if err != nil {
		return nil, q, err
	}
	cu, err := st.Customers.FindCustomer(ctx, c.CustomerID)
	if err != nil {
		return nil, q, err
	}
	q.Business = cu.IsBusiness()
	return s.termsOf(shop), q, nil
}

// intakeFees are the fees of the decision the case was opened with (a
// return fee announced in the terms), without earlier finding fees.
func intakeFees(c *claimdesk.Case) []claimdesk.CaseFee {
	var d policy.Decision
	if len(c.Assessment) == 0 || json.Unmarshal(c.Assessment, &d) != nil {
		return nil
	}
	out := []claimdesk.CaseFee{}
	for _, f := range d.Fees {
		out = append(out, claimdesk.CaseFee{Code: f.Code, Amount: f.Amount})
	}
	return out
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

// termsOf returns the policy terms a shop's cases are judged by now.
func (s *Service) termsOf(shop *claimdesk.Shop) *policy.Terms {
	return s.TermsFor(context.Background(), shop)
}

// Close closes a case; its pending timers are cancelled.
func (s *Service) Close(ctx context.Context, number, reason string) (*claimdesk.Case, error) {
	return s.change(ctx, number, staffOnly, claimdesk.ActClose, func(tx claimdesk.Stores, c *claimdesk.Case) ([]claimdesk.Event, error) {
		return s.closeCase(tx, c, reason)
	})
}

func (s *Service) closeCase(tx claimdesk.Stores, c *claimdesk.Case, reason string) ([]claimdesk.Event, error) {
	now := s.now()
	c.Status, c.ClosedAt, c.DueAt, c.WaitingOn = claimdesk.StatusClosed, &now, nil, claimdesk.WaitingOnNobody
	if _, err := tx.Jobs.CancelJobs(context.Background(), caseJobPrefix(c), now); err != nil {
		return nil, err
	}
	return []claimdesk.Event{event("case.closed", reason, nil)}, nil
}

// Reopen reopens a resolved or closed case for a new decision.
func (s *Service) Reopen(ctx context.Context, number, reason string) (*claimdesk.Case, error) {
	return s.change(ctx, number, staffOnly, claimdesk.ActReopen, func(tx claimdesk.Stores, c *claimdesk.Case) ([]claimdesk.Event, error) {
		c.Status, c.ClosedAt, c.Decision, c.Remedy = claimdesk.StatusOpen, nil, claimdesk.DecisionRequested, claimdesk.RemedyNone
		if shop, err := tx.Shops.FindShop(context.Background(), c.ShopID); err == nil && s.sla != nil && shop.SLA.NextResponseMinutes > 0 {
			due := s.sla.Due(shop, s.now(), shop.SLA.NextResponseMinutes)
			c.DueAt = &due
		}
		return []claimdesk.Event{event("case.reopened", reason, nil)}, nil
	})
}

// caseJobPrefix is the key prefix of every timer of a case.
func caseJobPrefix(c *claimdesk.Case) string { return "case:" + c.Number + ":" }

// goodsJobPrefix is the key prefix of the timers that wait for goods.
func goodsJobPrefix(c *claimdesk.Case) string { return caseJobPrefix(c) + "goods:" }

var _ = time.Second
