package casework

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/claimdesk/claimdesk"
)

// OpenCaseInput is a new case as a customer, an agent or a shop platform
// opens it.
type OpenCaseInput struct {
	Kind            claimdesk.CaseKind
	OrderExternalID string
	Lines           []claimdesk.CaseLine
	Subject         string
	Description     string
	Facts           map[string]bool
	DiscoveredOn    claimdesk.Date
	Lang            claimdesk.Lang
	Channel         string
	// CustomerEmail names the customer when staff open a case with no order.
	CustomerEmail string

	// alsoInTx, set by other use-cases, stores what must land together with
	// the case, in the same transaction.
	alsoInTx func(ctx context.Context, tx claimdesk.Stores) error
	// Attachments go with the case's first message (photos of the damage,
	// a receipt); see AttachmentLimits.
	Attachments []claimdesk.Attachment
}

// OpenCase opens a case: it checks the lines against the order, judges the
// case with the policy engine, gives it a number and stores it with its
// first events and message, all in one transaction.
func (s *Service) OpenCase(ctx context.Context, shopID string, in OpenCaseInput) (*claimdesk.Case, error) {
	a := claimdesk.ActorFrom(ctx)
	if a.Kind == claimdesk.ActorAnonymous {
		return nil, unauthenticated()
	}
	shop, err := s.shopFor(ctx, shopID)
	if err != nil {
		return nil, err
	}
	if err := validateOpenCase(in); err != nil {
		return nil, err
	}
	order, customer, err := s.caseParties(ctx, shop, in)
	if err != nil {
		return nil, err
	}
	var orderID int64
	if order != nil {
		orderID = order.ID
	}
	if !mayAct(a, shop.ID, customer.ID, orderID) {
		if sees(a, shop.ID, customer.ID, orderID) {
			return nil, forbidden()
		}
		return nil, hidden("order", in.OrderExternalID)
	}
	return s.createCase(ctx, a, shop, customer, order, in, nil)
}

// createCase checks the lines against the order, judges the case, gives it
// a number and stores it with its opening events, the events extra adds,
// and its first message, all in one transaction. The caller has checked
// that the actor may open it.
func (s *Service) createCase(ctx context.Context, a claimdesk.Actor, shop *claimdesk.Shop, customer *claimdesk.Customer, order *claimdesk.Order,
	in OpenCaseInput, extra func(c *claimdesk.Case) []claimdesk.Event) (*claimdesk.Case, error) {
	atts, err := prepareAttachments(in.Attachments)
	if err != nil {
		return nil, err
	}
	c := s.newCase(shop, customer, order, in)
	if a.Kind == claimdesk.ActorCustomer {
		c.UserID = a.UserID
	}
	if order != nil {
		if err := checkCaseLines(order, in.Lines); err != nil {
			return nil, err
		}
	}
	if err := s.assess(ctx, shop, customer, order, c, in.DiscoveredOn); err != nil {
		return nil, err
	}
	err = s.db.WithTx(ctx, func(tx claimdesk.Stores) error {
		seq, err := tx.Cases.NextCaseSequence(ctx, shop.ID, c.CreatedAt.In(shop.Location()).Year())
		if err != nil {
			return err
		}
		c.Number = claimdesk.CaseNumber(shop.CasePrefix, c.CreatedAt.In(shop.Location()).Year(), seq)
		events := s.openingEvents(a, c)
		if extra != nil {
			events = append(events, extra(c)...)
		}
		if err := tx.Cases.CreateCase(ctx, c, events); err != nil {
			return err
		}
		if strings.TrimSpace(in.Description) != "" || len(atts) > 0 {
			err := tx.Cases.AddMessage(ctx, &claimdesk.Message{
				CaseID: c.ID, Direction: s.directionFor(a), AuthorKind: string(a.Kind), AuthorID: a.UserID,
				AuthorName: a.Name, Body: in.Description, CreatedAt: c.CreatedAt, Attachments: atts,
			})
			if err != nil {
				return err
			}
		}
		if err := s.scheduleTimers(ctx, tx, shop, c); err != nil {
			return err
		}
		if in.alsoInTx != nil {
			if err := in.alsoInTx(ctx, tx); err != nil {
				return err
			}
		}
		return s.afterChange(ctx, tx, c, events)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

func validateOpenCase(in OpenCaseInput) error {
	var v claimdesk.Validation
	v.Check(claimdesk.ValidCaseKind(in.Kind), "kind", "invalid", "kind %q is not one of %s", in.Kind, kindList())
	if in.Kind.NeedsOrder() {
		v.Check(in.OrderExternalID != "", "order", "required", "a %s case needs the order number", in.Kind)
		v.Check(len(in.Lines) > 0, "lines", "required", "say which lines of the order the case is about")
	}
	seen := map[string]bool{}
	for i, l := range in.Lines {
		p := fmt.Sprintf("lines[%d]", i)
		v.Check(l.SKU != "", p+".sku", "required", "a line needs a sku")
		v.Check(!seen[l.SKU], p+".sku", "duplicate", "sku %q is named twice", l.SKU)
		seen[l.SKU] = true
		v.Check(l.Quantity > 0, p+".quantity", "not_positive", "quantity must be at least 1, not %d", l.Quantity)
	}
	v.Check(in.Lang == "" || claimdesk.ValidLang(in.Lang), "lang", "invalid", "language %q is not one of nb, nn, sv, da, en", in.Lang)
	v.Check(len(in.Description) <= 20000, "description", "too_long", "the description is longer than 20 000 characters")
	return v.Err()
}

func kindList() string {
	parts := make([]string, len(claimdesk.CaseKinds))
	for i, k := range claimdesk.CaseKinds {
		parts[i] = string(k)
	}
	return strings.Join(parts, ", ")
}

// caseParties finds the order and the customer a new case is about.
func (s *Service) caseParties(ctx context.Context, shop *claimdesk.Shop, in OpenCaseInput) (*claimdesk.Order, *claimdesk.Customer, error) {
	st := s.stores()
	a := claimdesk.ActorFrom(ctx)
	var order *claimdesk.Order
	var customerID int64
	switch {
	case in.OrderExternalID != "":
		o, err := st.Orders.FindOrderByExternalID(ctx, shop.ID, in.OrderExternalID)
		if err != nil {
			if claimdesk.IsCode(err, claimdesk.CodeNotFound) {
				return nil, nil, fieldErr("order", "unknown_order", "shop %s has no order %q", shop.ID, in.OrderExternalID)
			}
			return nil, nil, err
		}
		order, customerID = o, o.CustomerID
	case a.Kind == claimdesk.ActorCustomer:
		customerID = a.CustomerID
	case in.CustomerEmail != "":
		c, err := st.Customers.FindCustomerByEmail(ctx, shop.ID, in.CustomerEmail)
		if err != nil {
			return nil, nil, err
		}
		customerID = c.ID
	default:
		return nil, nil, fieldErr("customer_email", "required", "name the order or the customer")
	}
	customer, err := st.Customers.FindCustomer(ctx, customerID)
	return order, customer, err
}

func fieldErr(field, code, format string, args ...any) error {
	var v claimdesk.Validation
	v.Add(field, code, format, args...)
	return v.Err()
}

// checkCaseLines checks that every line of the case is on the order, in no
// more than the ordered quantity.
func checkCaseLines(o *claimdesk.Order, lines []claimdesk.CaseLine) error {
	var v claimdesk.Validation
	for i, l := range lines {
		ol, ok := o.Line(l.SKU)
		if !ok {
			v.Add(fmt.Sprintf("lines[%d].sku", i), "unknown_sku", "sku %q is not on order %s", l.SKU, o.ExternalID)
			continue
		}
		v.Check(l.Quantity <= ol.Quantity, fmt.Sprintf("lines[%d].quantity", i), "too_many",
			"order %s has %d of %q, not %d", o.ExternalID, ol.Quantity, l.SKU, l.Quantity)
	}
	return v.Err()
}

func (s *Service) newCase(shop *claimdesk.Shop, cu *claimdesk.Customer, o *claimdesk.Order, in OpenCaseInput) *claimdesk.Case {
	now := s.now()
	c := &claimdesk.Case{
		ShopID: shop.ID, Kind: in.Kind, Channel: in.Channel, CustomerID: cu.ID, Subject: strings.TrimSpace(in.Subject),
		Description: in.Description, Facts: in.Facts, Lines: in.Lines, Country: cu.Country, Lang: in.Lang,
		Status: claimdesk.StatusOpen, Decision: claimdesk.DecisionRequested, Logistics: claimdesk.LogisticsNone,
		Money: claimdesk.MoneyNone, Ladder: claimdesk.LadderCustomerService, Queue: "customer_service",
		Route: "shop", CreatedAt: now, UpdatedAt: now, Version: 1,
	}
	if c.Channel == "" {
		c.Channel = "api"
	}
	if c.Facts == nil {
		c.Facts = map[string]bool{}
	}
	if o != nil {
		c.OrderID, c.OrderExternalID, c.Currency, c.Country = o.ID, o.ExternalID, o.Currency, o.Country
		if c.Lang == "" {
			c.Lang = o.Lang
		}
	}
	if c.Lang == "" {
		c.Lang = cu.Lang
	}
	if m, ok := shop.Market(c.Country); ok && c.Currency == "" {
		c.Currency = m.Currency
	}
	if c.Lang == "" {
		c.Lang = shop.Lang
	}
	if c.Subject == "" {
		c.Subject = defaultSubject(c)
	}
	if s.sla != nil && shop.SLA.FirstResponseMinutes > 0 {
		due := s.sla.Due(shop, now, shop.SLA.FirstResponseMinutes)
		c.DueAt = &due
	}
	return c
}

func defaultSubject(c *claimdesk.Case) string {
	if c.OrderExternalID != "" {
		return fmt.Sprintf("%s, order %s", c.Kind, c.OrderExternalID)
	}
	return string(c.Kind)
}

// assess judges a case with the policy engine, under the shop's uploaded
// terms when it has active ones, and records the decision on it (with the
// terms version, which never changes afterwards).
func (s *Service) assess(ctx context.Context, shop *claimdesk.Shop, cu *claimdesk.Customer, o *claimdesk.Order, c *claimdesk.Case, discovered claimdesk.Date) error {
	if !c.Kind.Judged() || s.assessor == nil || o == nil {
		return nil
	}
	terms, err := s.uploadedTerms(ctx, shop.ID)
	if err != nil {
		return err
	}
	d, err := s.assessor.Assess(AssessInput{Shop: shop, Customer: cu, Order: o, Case: c, DiscoveredOn: discovered, Today: s.today(shop), Terms: terms})
	if err != nil {
		return err
	}
	eligible := d.Eligible
	c.Eligible, c.Deadline, c.GoodsDue, c.Route = &eligible, d.Deadline, d.GoodsDue, d.Route
	c.Fees, c.Refund, c.TermsVersion, c.Assessment = d.Fees, d.Refund, d.TermsVersion, json.RawMessage(d.Snapshot)
	if eligible && needsGoods(c.Kind) && d.Route == "shop" {
		c.Logistics = claimdesk.LogisticsAwaitingGoods
	}
	return nil
}

// needsGoods reports whether the customer sends goods back for the kind.
func needsGoods(k claimdesk.CaseKind) bool {
	switch k {
	case claimdesk.KindWithdrawal, claimdesk.KindReturn, claimdesk.KindDefect, claimdesk.KindDOA,
		claimdesk.KindTransportDamage, claimdesk.KindWrongItem:
		return true
	}
	return false
}

func (s *Service) directionFor(a claimdesk.Actor) claimdesk.Direction {
	if a.Kind == claimdesk.ActorCustomer {
		return claimdesk.Inbound
	}
	return claimdesk.Note
}

func (s *Service) openingEvents(a claimdesk.Actor, c *claimdesk.Case) []claimdesk.Event {
	data, _ := json.Marshal(map[string]any{"kind": c.Kind, "lines": c.Lines, "channel": c.Channel})
	events := []claimdesk.Event{{Type: "case.opened", ActorKind: string(a.Kind), ActorID: a.UserID, ActorName: a.Name, At: c.CreatedAt, Data: data}}
	if c.Eligible != nil {
		events = append(events, claimdesk.Event{Type: "case.assessed", ActorKind: string(claimdesk.ActorSystem),
			ActorName: "policy", At: c.CreatedAt, Reason: c.TermsVersion, Data: c.Assessment})
	}
	return events
}
