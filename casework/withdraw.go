package casework

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/policy"
)

// ChannelWithdrawal is the channel of cases opened through the public
// "withdraw from contract here" function (CRD Art. 11a).
const ChannelWithdrawal = "withdrawal_function"

// EventWithdrawalReceived records a declaration of withdrawal and the
// instant it was received; the customer's acknowledgement follows from it.
const EventWithdrawalReceived = "case.withdrawal.received"

// WithdrawalInput is a declaration of withdrawal as a consumer gives it,
// signed in or not: who they are, the order (the contract), the email the
// order was placed with, and optionally which lines and why.
type WithdrawalInput struct {
	Name            string
	OrderExternalID string
	Email           string
	// SKUs are the order lines withdrawn from; none means every delivered
	// line (every line when nothing has been delivered yet).
	SKUs []string
	// Reason is optional: no reason is needed to withdraw.
	Reason string
	Lang   claimdesk.Lang
}

// WithdrawalItem is one order line as the withdrawal pages show it.
type WithdrawalItem struct {
	SKU       string
	Name      string
	Quantity  int
	UnitPrice claimdesk.Minor
	Delivered bool
	Chosen    bool
}

// WithdrawalCheck is what the consumer sees before confirming: the order's
// lines, those chosen, and the policy engine's pre-check for them.
type WithdrawalCheck struct {
	OrderExternalID string
	Currency        string
	Items           []WithdrawalItem
	Lines           []claimdesk.CaseLine
	// Business is set for a company's order: no statutory withdrawal right.
	Business bool
	Decision policy.Decision
}

// Withdrawal is a received declaration: the case it opened and the
// instant it was received (UTC; show it in the shop's time zone).
type Withdrawal struct {
	WithdrawalCheck
	Case       *claimdesk.Case
	Name       string
	ReceivedAt time.Time
}

// CheckWithdrawal checks a declaration before it is sent: the order and
// email must match (the same invalid error on field "order", code
// "withdrawal_mismatch", whichever is wrong; repeated failures are
// rate_limited), the lines must be on the order; then the policy engine
// judges it. Nothing is stored. Anyone may call it.
func (s *Service) CheckWithdrawal(ctx context.Context, shopID string, in WithdrawalInput) (*WithdrawalCheck, error) {
	shop, err := s.stores().Shops.FindShop(ctx, shopID)
	if err != nil {
		return nil, err
	}
	o, cu, _, err := s.withdrawalParties(ctx, shop, in)
	if err != nil {
		return nil, err
	}
	return s.withdrawalCheck(ctx, shop, o, cu, in)
}

// WithdrawFromContract receives a declaration of withdrawal: after the
// same checks as CheckWithdrawal it opens a withdrawal case for the lines
// (channel withdrawal_function) acting as the order's customer and for
// nothing else, records the instant of receipt, and writes the
// acknowledgement to the outbox, all in one transaction. A declaration
// the engine finds out of time, or from a business, is still received:
// it is the consumer's statement, and staff decide.
func (s *Service) WithdrawFromContract(ctx context.Context, shopID string, in WithdrawalInput) (*Withdrawal, error) {
	shop, err := s.stores().Shops.FindShop(ctx, shopID)
	if err != nil {
		return nil, err
	}
	o, cu, a, err := s.withdrawalParties(ctx, shop, in)
	if err != nil {
		return nil, err
	}
	chk, err := s.withdrawalCheck(ctx, shop, o, cu, in)
	if err != nil {
		return nil, err
	}
	w := &Withdrawal{WithdrawalCheck: *chk, Name: a.Name}
	if c, err := s.recentWithdrawal(ctx, shop, o, chk.Lines); err != nil || c != nil {
		if c != nil {
			w.Case, w.ReceivedAt = c, c.CreatedAt
		}
		return w, err
	}
	oc := OpenCaseInput{Kind: claimdesk.KindWithdrawal, OrderExternalID: o.ExternalID, Lines: chk.Lines,
		Description: strings.TrimSpace(in.Reason), Lang: in.Lang, Channel: ChannelWithdrawal}
	if err := validateOpenCase(oc); err != nil {
		return nil, err
	}
	c, err := s.createCase(ctx, a, shop, cu, o, oc, func(c *claimdesk.Case) []claimdesk.Event {
		w.ReceivedAt = c.CreatedAt
		return []claimdesk.Event{{Type: EventWithdrawalReceived, ActorKind: string(a.Kind), ActorID: a.UserID, ActorName: a.Name,
			At: c.CreatedAt, Data: mustJSON(map[string]any{
				"name": a.Name, "email": normEmail(in.Email), "order": o.ExternalID, "lines": chk.Lines,
				"reason": oc.Description, "received_at": c.CreatedAt, "channel": ChannelWithdrawal,
			})}}
	})
	if err != nil {
		return nil, err
	}
	w.Case = c
	return w, nil
}

// recentWithdrawal returns the withdrawal case the function opened for the
// same lines of the order in the last ten minutes, if any: a page reloaded
// after "Confirm withdrawal" sends the same declaration twice.
func (s *Service) recentWithdrawal(ctx context.Context, shop *claimdesk.Shop, o *claimdesk.Order, lines []claimdesk.CaseLine) (*claimdesk.Case, error) {
	list, _, err := s.stores().Cases.FindCases(ctx, claimdesk.CaseFilter{ShopIDs: []string{shop.ID}, OrderID: o.ID,
		Kinds: []claimdesk.CaseKind{claimdesk.KindWithdrawal}, Limit: 20})
	if err != nil {
		return nil, err
	}
	for _, c := range list {
		if c.Channel == ChannelWithdrawal && s.now().Sub(c.CreatedAt) < 10*time.Minute && slices.Equal(c.Lines, lines) {
			return c, nil
		}
	}
	return nil, nil
}

func normEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// withdrawalParties checks the declarant's order number and email against
// the order, throttled like sign-ins, and returns the order, its customer
// and the narrow actor the declaration is made as: that customer (or the
// company user with that email), named as the declarant said.
func (s *Service) withdrawalParties(ctx context.Context, shop *claimdesk.Shop, in WithdrawalInput) (*claimdesk.Order, *claimdesk.Customer, claimdesk.Actor, error) {
	name, number, email := strings.TrimSpace(in.Name), strings.TrimSpace(in.OrderExternalID), normEmail(in.Email)
	var v claimdesk.Validation
	v.Check(name != "", "name", "required", "give your name")
	v.Check(len(name) <= 200, "name", "too_long", "the name is longer than 200 characters")
	v.Check(number != "", "order", "required", "give the order number")
	v.Check(email != "", "email", "required", "give the email address of the order")
	v.Check(email == "" || strings.Contains(email, "@"), "email", "email_invalid", "%q is not an email address", email)
	v.Check(len(in.Reason) <= 20000, "reason", "too_long", "the reason is longer than 20 000 characters")
	v.Check(in.Lang == "" || claimdesk.ValidLang(in.Lang), "lang", "invalid", "language %q is not one of nb, nn, sv, da, en", in.Lang)
	if err := v.Err(); err != nil {
		return nil, nil, claimdesk.Actor{}, err
	}
	o, cu, userID, err := s.proveOrder(ctx, "withdraw", shop.ID, number, email)
	if claimdesk.IsCode(err, claimdesk.CodeNotFound) {
		return nil, nil, claimdesk.Actor{}, fieldErr("order", "withdrawal_mismatch", "no order %q with that email address", number)
	}
	if err != nil {
		return nil, nil, claimdesk.Actor{}, err
	}
	a := claimdesk.Actor{Kind: claimdesk.ActorCustomer, ShopID: shop.ID, CustomerID: cu.ID, UserID: userID}
	a.Name = name
	return o, cu, a, nil
}

// withdrawalCheck resolves the chosen lines and asks the policy engine.
func (s *Service) withdrawalCheck(ctx context.Context, shop *claimdesk.Shop, o *claimdesk.Order, cu *claimdesk.Customer, in WithdrawalInput) (*WithdrawalCheck, error) {
	chk := &WithdrawalCheck{OrderExternalID: o.ExternalID, Currency: o.Currency, Business: cu.IsBusiness()}
	delivered := deliveredSKUs(o)
	chosen := in.SKUs
	if len(chosen) == 0 {
		chosen = delivered
		if len(chosen) == 0 {
			for _, l := range o.Lines {
				chosen = append(chosen, l.SKU)
			}
		}
	}
	for _, sku := range chosen {
		if _, ok := o.Line(sku); !ok {
			return nil, fieldErr("items", "unknown_sku", "sku %q is not on order %s", sku, o.ExternalID)
		}
	}
	for _, l := range o.Lines {
		it := WithdrawalItem{SKU: l.SKU, Name: l.Name, Quantity: l.Quantity, UnitPrice: l.UnitPrice,
			Delivered: slices.Contains(delivered, l.SKU), Chosen: slices.Contains(chosen, l.SKU)}
		chk.Items = append(chk.Items, it)
		if it.Chosen {
			chk.Lines = append(chk.Lines, claimdesk.CaseLine{SKU: l.SKU, Quantity: l.Quantity})
		}
	}
	lang := in.Lang
	if lang == "" {
		lang = o.Lang
	}
	c := &claimdesk.Case{Kind: claimdesk.KindWithdrawal, Country: o.Country, Lang: lang, Lines: chk.Lines, Facts: map[string]bool{}}
	d, err := s.PreCheck(ctx, shop.ID, Scenario(AssessInput{Shop: shop, Customer: cu, Order: o, Case: c, Today: s.today(shop)}))
	if err != nil {
		return nil, err
	}
	chk.Decision = d
	return chk, nil
}

// deliveredSKUs lists the order's delivered lines, in order.
func deliveredSKUs(o *claimdesk.Order) []string {
	var out []string
	for _, l := range o.Lines {
		for _, d := range o.Deliveries {
			if d.DeliveredOn.IsZero() {
				continue
			}
			if slices.ContainsFunc(d.Lines, func(dl claimdesk.DeliveryLine) bool { return dl.SKU == l.SKU }) && !slices.Contains(out, l.SKU) {
				out = append(out, l.SKU)
			}
		}
	}
	return out
}
