package casework

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/helpcenter"
)

// MailIn is a customer's e-mail, parsed and stripped of quoted history.
type MailIn struct {
	MessageID   string
	From        string // the customer's address
	FromName    string
	Subject     string
	Text        string
	Rule        string // which threading rule matched, for the log
	Automatic   bool   // an auto-reply or bounce: never reopens or answers
	Attachments []claimdesk.Attachment
}

// AddMailToCase adds a mail to its case as the customer's message. A mail
// seen before (same Message-ID in the shop) is a conflict and changes
// nothing; a customer's answer takes a case off hold when it waited on them.
func (s *Service) AddMailToCase(ctx context.Context, caseID int64, m MailIn) (*claimdesk.Message, error) {
	var msg *claimdesk.Message
	err := s.db.WithTx(ctx, func(tx claimdesk.Stores) error {
		c, err := tx.Cases.FindCase(ctx, caseID)
		if err != nil {
			return err
		}
		if err := tx.Mail.AddInboundMail(ctx, &claimdesk.InboundMail{ShopID: c.ShopID, MessageID: m.MessageID, CaseID: c.ID, Rule: m.Rule,
			From: m.From, Subject: m.Subject, At: s.now()}); err != nil {
			return err
		}
		msg, err = s.addMailMessage(ctx, tx, c, m)
		return err
	})
	return msg, err
}

// addMailMessage stores the mail as an inbound message with its
// attachments and moves the case as a customer's message does.
func (s *Service) addMailMessage(ctx context.Context, tx claimdesk.Stores, c *claimdesk.Case, m MailIn) (*claimdesk.Message, error) {
	name := m.FromName
	if name == "" {
		name = m.From
	}
	body := strings.TrimSpace(m.Text)
	if body == "" {
		body = "(" + m.Subject + ")"
	}
	msg := &claimdesk.Message{CaseID: c.ID, Direction: claimdesk.Inbound, AuthorKind: string(claimdesk.ActorCustomer), AuthorName: name,
		Body: body, EmailID: m.MessageID, CreatedAt: s.now(), Attachments: m.Attachments}
	for i := range msg.Attachments {
		msg.Attachments[i].CaseID = c.ID
	}
	if err := tx.Cases.AddMessage(ctx, msg); err != nil {
		return nil, err
	}
	events := []claimdesk.Event{{Type: "message.in", ActorKind: string(claimdesk.ActorCustomer), ActorName: name, At: msg.CreatedAt,
		Reason: "e-mail", Data: mustJSON(map[string]any{"message_id": msg.ID, "direction": msg.Direction, "email": m.MessageID, "automatic": m.Automatic})}}
	version := c.Version
	changed := false
	if !m.Automatic {
		if c.Status == claimdesk.StatusWaiting && c.WaitingOn == claimdesk.WaitingOnCustomer {
			more, err := s.resume(tx, c, "the customer answered by e-mail")
			if err != nil {
				return nil, err
			}
			events, changed = append(events, more...), true
		}
		if shop, err := tx.Shops.FindShop(ctx, c.ShopID); err == nil && s.moveSLA(shop, c, msg) {
			changed = true
		}
	}
	if err := tx.Cases.AppendEvents(ctx, c.ID, events); err != nil {
		return nil, err
	}
	if changed {
		if err := tx.Cases.UpdateCase(ctx, claimdesk.CaseUpdate{Case: c, ExpectedVersion: version}); err != nil {
			return nil, err
		}
	}
	return msg, s.afterChange(ctx, tx, c, events)
}

// OpenCaseFromMail opens a general case for a mail that belongs to no
// case. The customer is found by address, or created as a consumer of the
// shop's home market. A suggested kind and the help center's answer, when
// it has a confident one, are left as a note for the agent.
func (s *Service) OpenCaseFromMail(ctx context.Context, shopID string, m MailIn, suggestedKind claimdesk.CaseKind, orderNumber string) (*claimdesk.Case, error) {
	shop, err := s.stores().Shops.FindShop(ctx, shopID)
	if err != nil {
		return nil, err
	}
	suggestion := s.suggest(shop, m)
	now := s.now()
	var c *claimdesk.Case
	err = s.db.WithTx(ctx, func(tx claimdesk.Stores) error {
		cu, err := mailCustomer(ctx, tx, shop, m, now)
		if err != nil {
			return err
		}
		c = s.newCase(shop, cu, nil, OpenCaseInput{Kind: claimdesk.KindGeneral, Subject: m.Subject, Description: m.Text, Channel: "email"})
		if orderNumber != "" {
			if o, err := tx.Orders.FindOrderByExternalID(ctx, shop.ID, orderNumber); err == nil && o.CustomerID == cu.ID {
				c.OrderID, c.OrderExternalID, c.Currency = o.ID, o.ExternalID, o.Currency
			}
		}
		seq, err := tx.Cases.NextCaseSequence(ctx, shop.ID, now.In(shop.Location()).Year())
		if err != nil {
			return err
		}
		c.Number = claimdesk.CaseNumber(shop.CasePrefix, now.In(shop.Location()).Year(), seq)
		events := []claimdesk.Event{{Type: "case.opened", ActorKind: string(claimdesk.ActorCustomer), ActorName: cu.Name, At: now,
			Reason: "e-mail", Data: mustJSON(map[string]any{"kind": c.Kind, "channel": "email", "suggested_kind": suggestedKind})}}
		if err := tx.Cases.CreateCase(ctx, c, events); err != nil {
			return err
		}
		if err := tx.Mail.AddInboundMail(ctx, &claimdesk.InboundMail{ShopID: shop.ID, MessageID: m.MessageID, CaseID: c.ID, Rule: m.Rule,
			From: m.From, Subject: m.Subject, At: now}); err != nil {
			return err
		}
		if _, err := s.addMailMessage(ctx, tx, c, m); err != nil {
			return err
		}
		if note := triageNote(suggestedKind, suggestion); note != "" {
			if err := tx.Cases.AddMessage(ctx, &claimdesk.Message{CaseID: c.ID, Direction: claimdesk.Note, AuthorKind: string(claimdesk.ActorSystem),
				AuthorName: "claimdesk", Body: note, CreatedAt: now}); err != nil {
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

// suggest asks the help center for a confident answer to the mail.
func (s *Service) suggest(shop *claimdesk.Shop, m MailIn) *helpcenter.Hit {
	if s.help == nil {
		return nil
	}
	r := s.help.Search(helpcenter.Query{Shop: shop.ID, Q: m.Subject + "\n" + m.Text})
	return r.Answer
}

func triageNote(kind claimdesk.CaseKind, answer *helpcenter.Hit) string {
	var b strings.Builder
	if kind != "" && kind != claimdesk.KindGeneral {
		fmt.Fprintf(&b, "Suggested case kind: %s.\n", kind)
	}
	if answer != nil {
		fmt.Fprintf(&b, "Suggested help-center answer (%.2f): %s\n\n%s", answer.Score, answer.Title, answer.Text)
	}
	return strings.TrimSpace(b.String())
}

// mailCustomer finds the shop's customer with the address, or makes one.
func mailCustomer(ctx context.Context, tx claimdesk.Stores, shop *claimdesk.Shop, m MailIn, now time.Time) (*claimdesk.Customer, error) {
	cu, err := tx.Customers.FindCustomerByEmail(ctx, shop.ID, m.From)
	if err == nil || !claimdesk.IsCode(err, claimdesk.CodeNotFound) {
		return cu, err
	}
	if u, err := tx.Users.FindUserByEmail(ctx, claimdesk.CustomerUser, shop.ID, m.From); err == nil {
		return tx.Customers.FindCustomer(ctx, u.CustomerID)
	}
	name := m.FromName
	if name == "" {
		name = m.From
	}
	kind := claimdesk.Consumer
	if shop.BusinessOnly {
		kind = claimdesk.Company
	}
	home := shop.Country
	if len(shop.Markets) > 0 {
		home = shop.Markets[0].Country
	}
	cu = &claimdesk.Customer{ShopID: shop.ID, Kind: kind, Name: name, Email: strings.ToLower(m.From), Country: home, CreatedAt: now, UpdatedAt: now, LastActiveAt: now}
	return cu, tx.Customers.CreateCustomer(ctx, cu)
}

// CaseIDByNumber resolves a case number for the mail threading (the system
// reads any case).
func (s *Service) CaseIDByNumber(ctx context.Context, number string) (int64, string, error) {
	c, err := s.stores().Cases.FindCaseByNumber(ctx, number)
	if err != nil {
		return 0, "", err
	}
	return c.ID, c.ShopID, nil
}
