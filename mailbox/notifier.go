// Package mailbox wires claimdesk's e-mail channel: case events become
// customer notifications in the outbox (in the transaction of the change),
// a durable job sends each outbox message exactly once, and inbound mail
// from IMAP or the built-in SMTP listener is threaded onto its case or opens
// a new one.
package mailbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/mail"
	"github.com/claimdesk/claimdesk/notify"
	"github.com/claimdesk/claimdesk/policy"
)

// JobSend is the job kind that sends one outbox message.
const JobSend = "mail.send"

// Options configure the notifier and the mailer. Zero values pick defaults.
type Options struct {
	// BaseURL is the instance's public URL, for links in mail.
	BaseURL string
	// SMTPURL is the instance's default outgoing server
	// (CLAIMDESK_SMTP_URL), used when a shop names none.
	SMTPURL string
	// NewSender opens a sender for a server URL; mail.NewSMTPSender by
	// default. Tests may inject their own.
	NewSender func(url string) (mail.Sender, error)
	Now       func() time.Time
	Logger    *slog.Logger
	// Survey makes the token of a closed case's satisfaction-survey link
	// for the closing mail; New sets the service. Nil: no link.
	Survey SurveyTokens
}

// SurveyTokens makes survey-link tokens (casework.Service does).
type SurveyTokens interface {
	SurveyToken(ctx context.Context, tx claimdesk.Stores, c *claimdesk.Case) (string, error)
}

func (o Options) withDefaults() Options {
	o.BaseURL = strings.TrimRight(o.BaseURL, "/")
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.NewSender == nil {
		o.NewSender = func(u string) (mail.Sender, error) { return mail.NewSMTPSender(u) }
	}
	return o
}

// Notifier writes customer notifications into the outbox. It implements
// casework.Notifier.
type Notifier struct{ o Options }

var _ casework.Notifier = (*Notifier)(nil)

// NewNotifier returns a notifier.
func NewNotifier(o Options) *Notifier { return &Notifier{o: o.withDefaults()} }

// eventKinds maps the case events a customer hears about to messages.
var eventKinds = map[string]notify.Kind{
	"case.opened":             notify.CaseRegistered,
	"case.goods.received":     notify.GoodsReceived,
	"case.decided":            notify.Decision,
	"case.refund.recorded":    notify.RefundMade,
	"case.reminder.goods_due": notify.ReminderGoodsDue,
	"case.autoclose.notice":   notify.AutoCloseNotice,
	"case.closed":             notify.CaseClosed,
	"message.out":             notify.AgentReply,
	"case.escalated":          notify.Escalated,
	// The withdrawal function's acknowledgement replaces case_registered.
	casework.EventWithdrawalReceived: notify.WithdrawalReceived,
}

// Notify queues one message per event the customer should hear about. A
// message the catalogue cannot render for lack of data is logged and left
// out; a customer without an address gets nothing. Store errors abort the
// change.
func (n *Notifier) Notify(ctx context.Context, tx claimdesk.Stores, c *claimdesk.Case, events []claimdesk.Event) error {
	var r *recipient
	for _, e := range events {
		kind, ok := eventKinds[e.Type]
		if !ok || kind == notify.CaseRegistered && hasEvent(events, casework.EventWithdrawalReceived) {
			continue
		}
		if r == nil {
			var err error
			if r, err = findRecipient(ctx, tx, c, events); err != nil {
				return err
			}
		}
		if r.addr.Email == "" {
			return nil
		}
		d, err := n.data(ctx, tx, r, c, kind, e)
		if err != nil {
			return err
		}
		if d == nil {
			continue
		}
		msg, err := notify.Render(kind, notify.ResolveLang(c.Lang, r.shop.Lang), *d)
		if err != nil {
			n.o.Logger.Warn("mail: notification not rendered", "case", c.Number, "kind", kind, "err", err)
			continue
		}
		if err := n.queue(ctx, tx, r.shop, c.ID, r.addr, c.Number, msg); err != nil {
			return err
		}
	}
	return nil
}

// recipient is who a case's notifications go to, and from which shop.
type recipient struct {
	shop *claimdesk.Shop
	cu   *claimdesk.Customer
	addr mail.Address
}

// findRecipient finds the customer, or for a company the user who opened
// the case (Case.UserID, else the actor of its case.opened event).
func findRecipient(ctx context.Context, tx claimdesk.Stores, c *claimdesk.Case, events []claimdesk.Event) (*recipient, error) {
	shop, err := tx.Shops.FindShop(ctx, c.ShopID)
	if err != nil {
		return nil, err
	}
	cu, err := tx.Customers.FindCustomer(ctx, c.CustomerID)
	if err != nil {
		return nil, err
	}
	r := &recipient{shop: shop, cu: cu, addr: mail.Address{Name: cu.Name, Email: strings.ToLower(cu.Email)}}
	userID := c.UserID
	if userID == 0 && cu.IsBusiness() {
		if userID, err = opener(ctx, tx, c.ID, events); err != nil {
			return nil, err
		}
	}
	if userID != 0 {
		u, err := tx.Users.FindUser(ctx, userID)
		if err != nil && !claimdesk.IsCode(err, claimdesk.CodeNotFound) {
			return nil, err
		}
		if err == nil && u.Email != "" && u.CustomerID == c.CustomerID {
			r.addr = mail.Address{Name: u.Name, Email: strings.ToLower(u.Email)}
		}
	}
	if cu.AnonymizedAt != nil || !strings.Contains(r.addr.Email, "@") {
		r.addr.Email = ""
	}
	return r, nil
}

// opener is the customer user who opened the case, from its case.opened
// event (0 when a staff member or the shop's platform opened it).
func opener(ctx context.Context, tx claimdesk.Stores, caseID int64, events []claimdesk.Event) (int64, error) {
	find := func(list []claimdesk.Event) (int64, bool) {
		for _, e := range list {
			if e.Type == "case.opened" {
				if e.ActorKind == string(claimdesk.ActorCustomer) {
					return e.ActorID, true
				}
				return 0, true
			}
		}
		return 0, false
	}
	if id, ok := find(events); ok {
		return id, nil
	}
	all, err := tx.Cases.ListEvents(ctx, caseID)
	if err != nil {
		return 0, err
	}
	id, _ := find(all)
	return id, nil
}

// data gathers what the message of kind says; nil means no message.
func (n *Notifier) data(ctx context.Context, tx claimdesk.Stores, r *recipient, c *claimdesk.Case, kind notify.Kind, e claimdesk.Event) (*notify.Data, error) {
	shop := r.shop
	d := &notify.Data{
		Shop:         notify.Shop{Name: shop.Name, SupportEmail: shop.SupportEmail, Phone: shop.Phone, Website: shop.Website, Lang: shop.Lang},
		CustomerName: r.addr.Name,
		Case:         notify.Case{Number: c.Number, Kind: c.Kind, OrderNumber: c.OrderExternalID},
		Decision:     c.Decision, Remedy: c.Remedy, Deadline: c.Deadline, GoodsDue: c.GoodsDue, Step: c.Ladder,
	}
	for _, l := range c.Lines {
		d.Case.Lines = append(d.Case.Lines, notify.Line{Name: l.SKU, Quantity: l.Quantity})
	}
	for _, f := range c.Fees {
		d.Fees = append(d.Fees, notify.Fee{Label: f.Code, Amount: claimdesk.Money{Amount: f.Amount, Currency: c.Currency}})
	}
	if c.Refund != nil {
		d.Refund = &claimdesk.Money{Amount: *c.Refund, Currency: c.Currency}
	}
	if len(c.Assessment) > 0 {
		var dec policy.Decision
		if json.Unmarshal(c.Assessment, &dec) == nil {
			for _, x := range dec.Explanation {
				d.Explanations = append(d.Explanations, x.Text)
			}
		}
	}
	if n.o.BaseURL != "" {
		d.CaseURL = fmt.Sprintf("%s/s/%s/cases/%s", n.o.BaseURL, shop.ID, c.Number)
		if c.Logistics == claimdesk.LogisticsAwaitingGoods {
			d.LabelURL = fmt.Sprintf("%s/api/v1/cases/%s/label.pdf", n.o.BaseURL, c.Number)
		}
	}
	var ev map[string]any
	_ = json.Unmarshal(e.Data, &ev)
	switch kind {
	case notify.GoodsReceived:
		d.ReceivedOn = claimdesk.DateOf(e.At.In(shop.Location()))
	case notify.RefundMade:
		d.Refund = &claimdesk.Money{Amount: c.Refunded, Currency: c.Currency}
	case notify.AutoCloseNotice:
		d.CloseOn = c.GoodsDue
	case notify.CaseClosed:
		return n.survey(ctx, tx, c, d)
	case notify.Escalated:
		return n.escalated(ctx, tx, r.shop, e, d)
	case notify.AgentReply:
		return n.agentReply(ctx, tx, c, ev, d)
	case notify.WithdrawalReceived:
		return withdrawalData(ctx, tx, shop, c, e, d)
	}
	return d, nil
}

func hasEvent(events []claimdesk.Event, typ string) bool {
	for _, e := range events {
		if e.Type == typ {
			return true
		}
	}
	return false
}

// withdrawalData adds what the acknowledgement of a withdrawal states: the
// name the consumer gave, their words, the items by name, and the instant
// of receipt in the shop's time zone.
func withdrawalData(ctx context.Context, tx claimdesk.Stores, shop *claimdesk.Shop, c *claimdesk.Case, e claimdesk.Event, d *notify.Data) (*notify.Data, error) {
	var ev struct {
		Name   string `json:"name"`
		Reason string `json:"reason"`
	}
	_ = json.Unmarshal(e.Data, &ev)
	d.CustomerName, d.Reason, d.ReceivedAt = ev.Name, ev.Reason, e.At.In(shop.Location())
	if c.OrderID == 0 {
		return d, nil
	}
	o, err := tx.Orders.FindOrder(ctx, c.OrderID)
	if err != nil {
		return nil, err
	}
	for i, l := range d.Case.Lines {
		if ol, ok := o.Line(l.Name); ok {
			d.Case.Lines[i].Name = ol.Name
		}
	}
	return d, nil
}

// survey adds the satisfaction survey's link to the closing mail.
func (n *Notifier) survey(ctx context.Context, tx claimdesk.Stores, c *claimdesk.Case, d *notify.Data) (*notify.Data, error) {
	if n.o.Survey == nil || n.o.BaseURL == "" {
		return d, nil
	}
	token, err := n.o.Survey.SurveyToken(ctx, tx, c)
	if err != nil || token == "" {
		return d, err
	}
	d.SurveyURL = fmt.Sprintf("%s/s/%s/cases/%s/survey?t=%s", n.o.BaseURL, c.ShopID, c.Number, token)
	return d, nil
}

// escalated names where the case went: the shop's ombudsman (an agent
// with the ombudsman role) or the national body the event records.
func (n *Notifier) escalated(ctx context.Context, tx claimdesk.Stores, shop *claimdesk.Shop, e claimdesk.Event, d *notify.Data) (*notify.Data, error) {
	var ev struct {
		To   claimdesk.LadderStep `json:"to"`
		Body struct {
			Name string `json:"name"`
			URL  string `json:"url"`
		} `json:"body"`
	}
	_ = json.Unmarshal(e.Data, &ev)
	if ev.To != "" {
		d.Step = ev.To
	}
	d.NationalBody, d.NationalBodyURL = ev.Body.Name, ev.Body.URL
	if d.Step == claimdesk.LadderOmbudsman {
		agents, err := tx.Users.FindAgents(ctx, shop.ID)
		if err != nil {
			return nil, err
		}
		for _, a := range agents {
			if a.RoleIn(shop.ID) == claimdesk.RoleOmbudsman && a.DisabledAt == nil {
				d.Ombudsman = a.Name
				break
			}
		}
	}
	return d, nil
}

// agentReply loads the agent's message named by the event.
func (n *Notifier) agentReply(ctx context.Context, tx claimdesk.Stores, c *claimdesk.Case, ev map[string]any, d *notify.Data) (*notify.Data, error) {
	id, _ := ev["message_id"].(float64)
	msgs, err := tx.Cases.ListMessages(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	for _, m := range msgs {
		if m.ID == int64(id) && m.Direction == claimdesk.Outbound {
			d.AgentName, d.AgentText = m.AuthorName, m.Body
			return d, nil
		}
	}
	return nil, nil
}

// senderOf is the shop's sending address with its display name.
func senderOf(shop *claimdesk.Shop) mail.Address {
	from := shop.Mail.From
	if from == "" {
		from = shop.SupportEmail
	}
	name := shop.Mail.FromName
	if name == "" {
		name = shop.Name
	}
	return mail.Address{Name: name, Email: strings.ToLower(from)}
}

// replyMailbox is the address per-case reply addresses derive from.
func replyMailbox(shop *claimdesk.Shop) string {
	from := senderOf(shop).Email
	support := strings.ToLower(shop.SupportEmail)
	if support == "" {
		support = from
	}
	if shop.Mail.ReplyDomain != "" {
		local, _, _ := strings.Cut(support, "@")
		return local + "@" + strings.ToLower(shop.Mail.ReplyDomain)
	}
	return support
}

func domainOf(addr string) string {
	_, d, ok := strings.Cut(addr, "@")
	if !ok || d == "" {
		return "claimdesk.invalid"
	}
	return d
}

// queue renders the message to bytes, threads it to the case's previous
// mail, and writes it to the outbox with its send job.
func (n *Notifier) queue(ctx context.Context, tx claimdesk.Stores, shop *claimdesk.Shop, caseID int64, to mail.Address, number string, msg notify.Message) error {
	from := senderOf(shop)
	if from.Email == "" {
		n.o.Logger.Warn("mail: shop has no sender address", "shop", shop.ID)
		return nil
	}
	var replyTo mail.Address
	var inReplyTo string
	var refs []string
	if caseID != 0 {
		replyTo = mail.Address{Name: from.Name, Email: mail.ReplyAddress(replyMailbox(shop), strings.ToLower(number))}
		prev, err := tx.Mail.ListCaseMail(ctx, caseID)
		if err != nil {
			return err
		}
		sort.SliceStable(prev, func(i, j int) bool {
			if !prev[i].CreatedAt.Equal(prev[j].CreatedAt) {
				return prev[i].CreatedAt.Before(prev[j].CreatedAt)
			}
			return prev[i].ID < prev[j].ID
		})
		for _, p := range prev {
			if p.MessageID == "" {
				continue
			}
			if inReplyTo != "" {
				refs = append(refs, inReplyTo)
			}
			inReplyTo = p.MessageID
		}
		if inReplyTo != "" {
			refs = mail.ThreadReferences(refs, inReplyTo)
		}
	}
	now := n.o.Now().UTC()
	out := notify.Build(msg, from, to, replyTo, mail.NewMessageID(domainOf(from.Email)), inReplyTo, refs)
	out.Date = now
	raw, err := out.Bytes()
	if err != nil {
		n.o.Logger.Warn("mail: message not rendered", "shop", shop.ID, "kind", msg.Kind, "err", err)
		return nil
	}
	row := &claimdesk.OutboundMail{ShopID: shop.ID, CaseID: caseID, Kind: string(msg.Kind), From: from.Email, To: to.Email,
		Subject: msg.Subject, MessageID: out.MessageID, Raw: raw, Status: claimdesk.MailPending, CreatedAt: now}
	if err := tx.Mail.AddOutboundMail(ctx, row); err != nil {
		return err
	}
	payload, _ := json.Marshal(sendPayload{OutboundID: row.ID})
	_, err = tx.Jobs.EnqueueJob(ctx, &claimdesk.Job{Kind: JobSend, Key: fmt.Sprintf("mail:%d", row.ID), Payload: payload,
		RunAt: now, MaxAttempts: 10, CreatedAt: now})
	return err
}

// sendPayload is a send job's payload.
type sendPayload struct {
	OutboundID int64 `json:"outbound_id"`
}

// QueueAccountMail writes an account message (invitation, sign_in_link,
// password_reset) to the outbox in tx, with its send job. It returns
// invalid for a kind that is not an account message.
func (n *Notifier) QueueAccountMail(ctx context.Context, tx claimdesk.Stores, shop *claimdesk.Shop, kind notify.Kind, to mail.Address, lang claimdesk.Lang, d notify.Data) error {
	if !kind.Account() {
		return claimdesk.Errorf(claimdesk.CodeInvalid, "%s is not an account message", kind)
	}
	d.Shop = notify.Shop{Name: shop.Name, SupportEmail: shop.SupportEmail, Phone: shop.Phone, Website: shop.Website, Lang: shop.Lang}
	msg, err := notify.Render(kind, notify.ResolveLang(lang, shop.Lang), d)
	if err != nil {
		if errors.Is(err, notify.ErrMissing) {
			return claimdesk.Errorf(claimdesk.CodeInvalid, "%v", err)
		}
		return err
	}
	return n.queue(ctx, tx, shop, 0, to, "", msg)
}
