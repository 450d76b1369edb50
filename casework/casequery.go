package casework

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/claimdesk/claimdesk"
)

// GetCase returns a case by its number to the shop's staff or the case's
// customer; anyone else is told it does not exist.
func (s *Service) GetCase(ctx context.Context, number string) (*claimdesk.Case, error) {
	a := claimdesk.ActorFrom(ctx)
	if a.Kind == claimdesk.ActorAnonymous {
		return nil, unauthenticated()
	}
	n, err := claimdesk.ParseCaseNumber(number)
	if err != nil {
		return nil, hidden("case", number)
	}
	c, err := s.stores().Cases.FindCaseByNumber(ctx, n)
	if err != nil {
		return nil, err
	}
	if !sees(a, c.ShopID, c.CustomerID, c.OrderID) {
		return nil, hidden("case", number)
	}
	return c, nil
}

// ListCases lists cases the actor may see: staff their shops' cases (with
// every filter), customers their own or their company's, guests those on
// their order.
func (s *Service) ListCases(ctx context.Context, f claimdesk.CaseFilter) ([]*claimdesk.Case, string, error) {
	if err := scopeFilter(claimdesk.ActorFrom(ctx), &f); err != nil {
		return nil, "", err
	}
	f.Limit = clampLimit(f.Limit)
	return s.stores().Cases.FindCases(ctx, f)
}

// CountCases counts the cases ListCases would list over every page (the
// counts beside saved views).
func (s *Service) CountCases(ctx context.Context, f claimdesk.CaseFilter) (int, error) {
	if err := scopeFilter(claimdesk.ActorFrom(ctx), &f); err != nil {
		return 0, err
	}
	return s.stores().Cases.CountCases(ctx, f)
}

// scopeFilter narrows a filter to the cases the actor may see.
func scopeFilter(a claimdesk.Actor, f *claimdesk.CaseFilter) error {
	switch a.Kind {
	case claimdesk.ActorAnonymous:
		return unauthenticated()
	case claimdesk.ActorCustomer:
		f.ShopIDs = []string{a.ShopID}
		f.CustomerIDs = []int64{a.CustomerID}
		if a.Guest() {
			f.OrderID = a.OrderID
		}
	case claimdesk.ActorAPIKey:
		f.ShopIDs = []string{a.ShopID}
	case claimdesk.ActorAgent:
		f.ShopIDs = agentShops(a, f.ShopIDs)
		if len(f.ShopIDs) == 0 {
			return forbidden()
		}
	}
	f.Query = strings.TrimSpace(f.Query)
	return nil
}

// agentShops narrows the requested shops to the agent's; none requested
// means all of them.
func agentShops(a claimdesk.Actor, requested []string) []string {
	var out []string
	for _, m := range a.Memberships {
		if len(requested) == 0 {
			out = append(out, m.ShopID)
			continue
		}
		for _, r := range requested {
			if r == m.ShopID {
				out = append(out, r)
			}
		}
	}
	return out
}

// CaseMessages returns a case's messages; customers do not see staff notes.
func (s *Service) CaseMessages(ctx context.Context, number string) ([]claimdesk.Message, error) {
	c, err := s.GetCase(ctx, number)
	if err != nil {
		return nil, err
	}
	msgs, err := s.stores().Cases.ListMessages(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	if claimdesk.ActorFrom(ctx).Staff(c.ShopID) {
		return msgs, nil
	}
	out := msgs[:0]
	for _, m := range msgs {
		if m.Direction != claimdesk.Note {
			out = append(out, m)
		}
	}
	return out, nil
}

// CaseEvents returns a case's event log; customers do not see staff notes
// or assignments.
func (s *Service) CaseEvents(ctx context.Context, number string) ([]claimdesk.Event, error) {
	c, err := s.GetCase(ctx, number)
	if err != nil {
		return nil, err
	}
	events, err := s.stores().Cases.ListEvents(ctx, c.ID)
	if err != nil || claimdesk.ActorFrom(ctx).Staff(c.ShopID) {
		return events, err
	}
	out := events[:0]
	for _, e := range events {
		if e.Type != "message.note" && e.Type != "case.assigned" {
			out = append(out, e)
		}
	}
	return out, nil
}

// MessageInput is a new message on a case.
type MessageInput struct {
	Body string
	// Note makes an agent's message an internal note the customer never sees.
	Note bool
	// Attachments go with the message (see MaxAttachments); a message may
	// be files alone.
	Attachments []claimdesk.Attachment
}

// AddMessage adds a message: a customer writes to the shop, an agent replies
// or notes. A customer's message reopens a resolved case's conversation and
// an agent's reply stops the first-response clock.
func (s *Service) AddMessage(ctx context.Context, number string, in MessageInput) (*claimdesk.Message, error) {
	c, err := s.GetCase(ctx, number)
	if err != nil {
		return nil, err
	}
	a := claimdesk.ActorFrom(ctx)
	if !mayAct(a, c.ShopID, c.CustomerID, c.OrderID) {
		return nil, forbidden()
	}
	body := strings.TrimSpace(in.Body)
	if body == "" && len(in.Attachments) == 0 {
		return nil, fieldErr("body", "required", "the message is empty")
	}
	if len(body) > 20000 {
		return nil, fieldErr("body", "too_long", "the message is longer than 20 000 characters")
	}
	atts, err := prepareAttachments(in.Attachments)
	if err != nil {
		return nil, err
	}
	m := &claimdesk.Message{CaseID: c.ID, AuthorKind: string(a.Kind), AuthorID: a.UserID, AuthorName: a.Name, Body: body, CreatedAt: s.now(), Attachments: atts}
	switch {
	case a.Kind == claimdesk.ActorCustomer:
		m.Direction = claimdesk.Inbound
		if in.Note {
			return nil, fieldErr("note", "forbidden", "customers cannot write internal notes")
		}
	case in.Note:
		m.Direction = claimdesk.Note
	default:
		m.Direction = claimdesk.Outbound
	}
	shop, err := s.stores().Shops.FindShop(ctx, c.ShopID)
	if err != nil {
		return nil, err
	}
	err = s.db.WithTx(ctx, func(tx claimdesk.Stores) error {
		if err := tx.Cases.AddMessage(ctx, m); err != nil {
			return err
		}
		events := []claimdesk.Event{{
			Type: "message." + string(m.Direction), ActorKind: string(a.Kind), ActorID: a.UserID, ActorName: a.Name, At: m.CreatedAt,
			Data: mustJSON(map[string]any{"message_id": m.ID, "direction": m.Direction}),
		}}
		version := c.Version
		if m.Direction == claimdesk.Inbound && c.Status == claimdesk.StatusWaiting && c.WaitingOn == claimdesk.WaitingOnCustomer {
			more, err := s.resume(tx, c, "the customer answered")
			if err != nil {
				return err
			}
			events = append(events, more...)
		}
		changed := s.moveSLA(shop, c, m) || c.Version != version || len(events) > 1
		if err := tx.Cases.AppendEvents(ctx, c.ID, events); err != nil {
			return err
		}
		if changed {
			if err := tx.Cases.UpdateCase(ctx, claimdesk.CaseUpdate{Case: c, ExpectedVersion: version}); err != nil {
				return err
			}
		}
		return s.afterChange(ctx, tx, c, events)
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// moveSLA moves the SLA clock for a new message and reports whether the
// case changed: an agent's reply is a response (the first one is recorded);
// a customer's message sets the next response due.
func (s *Service) moveSLA(shop *claimdesk.Shop, c *claimdesk.Case, m *claimdesk.Message) bool {
	switch m.Direction {
	case claimdesk.Outbound:
		if c.FirstResponseAt == nil {
			at := m.CreatedAt
			c.FirstResponseAt = &at
		}
		c.DueAt = nil
	case claimdesk.Inbound:
		if s.sla == nil || shop.SLA.NextResponseMinutes <= 0 || !c.Open() {
			return false
		}
		due := s.sla.Due(shop, m.CreatedAt, shop.SLA.NextResponseMinutes)
		if c.DueAt != nil && !due.Before(*c.DueAt) {
			return false
		}
		c.DueAt = &due
	default:
		return false
	}
	c.UpdatedAt = m.CreatedAt
	return true
}

func mustJSON(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}
