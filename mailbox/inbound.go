package mailbox

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/mail"
)

// Receive takes one raw inbound message for a shop: it is threaded onto its
// case, or opens a general case, or is dropped (a re-delivery, or machine
// mail that belongs to no case). It is the mail.Handler of the IMAP poller
// and the SMTP listener: an error means "try again later" (IMAP leaves the
// message unseen, SMTP answers 451).
func (m *Mailer) Receive(ctx context.Context, shopID string, raw []byte) error {
	in, err := mail.ParseInbound(raw)
	if err != nil {
		m.o.Logger.Warn("mail: not a message, dropped", "shop", shopID, "err", err)
		return nil
	}
	match, err := mail.Thread(ctx, in, &lookup{db: m.db, shopID: shopID})
	if err != nil {
		return err
	}
	log := m.o.Logger.With("shop", shopID, "message_id", in.MessageID, "rule", match.Rule)
	mi := mailIn(in, match)
	switch match.Rule {
	case mail.RuleDuplicate:
		log.Debug("mail: re-delivery ignored")
		return nil
	case mail.RuleDiscard:
		log.Info("mail: automatic mail without a case dropped", "auto", in.Auto, "reason", in.AutoReason)
		return nil
	case mail.RuleNewCase:
		order := ""
		if len(match.OrderNumbers) > 0 {
			order = match.OrderNumbers[0]
		}
		hint := mail.Triage(in.Subject, in.Text)
		c, err := m.svc.OpenCaseFromMail(ctx, shopID, mi, claimdesk.CaseKind(hint.Kind), order)
		if claimdesk.IsCode(err, claimdesk.CodeConflict) {
			return nil // the same message, taken in by another worker meanwhile
		}
		if err != nil {
			return err
		}
		log.Info("mail: new case", "case", c.Number, "suggested_kind", hint.Kind)
		return nil
	}
	id, err := strconv.ParseInt(match.CaseID, 10, 64)
	if err != nil {
		return err
	}
	if _, err := m.svc.AddMailToCase(ctx, id, mi); err != nil && !claimdesk.IsCode(err, claimdesk.CodeConflict) {
		return err
	}
	log.Info("mail: added to case", "case_id", id)
	return nil
}

// mailIn converts a parsed message for the case layer.
func mailIn(in *mail.Inbound, match mail.Match) casework.MailIn {
	from := in.Customer()
	mi := casework.MailIn{MessageID: in.MessageID, From: strings.ToLower(from.Email), FromName: from.Name, Subject: in.Subject,
		Text: in.Text, Rule: string(match.Rule), Automatic: in.IsAutomatic() || match.Auto != mail.AutoNone}
	if strings.TrimSpace(mi.Text) == "" {
		mi.Text = in.FullText
	}
	for _, a := range in.Attachments {
		mi.Attachments = append(mi.Attachments, claimdesk.Attachment{Filename: a.Filename, ContentType: a.ContentType,
			Size: int64(a.Size), SHA256: a.SHA256, Data: a.Data})
	}
	return mi
}

// lookup is mail.Lookup over the stores, scoped to one shop.
type lookup struct {
	db     claimdesk.DB
	shopID string
}

var _ mail.Lookup = (*lookup)(nil)

func (l *lookup) InboundExists(ctx context.Context, messageID string) (bool, error) {
	_, found, err := l.CaseByMessageID(ctx, messageID)
	return found, err
}

func (l *lookup) CaseByReplyToken(ctx context.Context, token string) (string, bool, error) {
	c, err := l.db.Stores().Cases.FindCaseByNumber(ctx, strings.ToUpper(token))
	if claimdesk.IsCode(err, claimdesk.CodeNotFound) || (err == nil && c.ShopID != l.shopID) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	return strconv.FormatInt(c.ID, 10), true, nil
}

func (l *lookup) CaseByMessageID(ctx context.Context, messageID string) (string, bool, error) {
	st := l.db.Stores()
	id, err := st.Mail.CaseByMessageID(ctx, messageID)
	if claimdesk.IsCode(err, claimdesk.CodeNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	c, err := st.Cases.FindCase(ctx, id)
	if err != nil || c.ShopID != l.shopID {
		return "", false, ignoreNotFound(err)
	}
	return strconv.FormatInt(id, 10), true, nil
}

// CaseByNumber matches only the sender's own cases (or their company's),
// so a stranger cannot write into a case by guessing its number.
func (l *lookup) CaseByNumber(ctx context.Context, number, from string) (string, bool, error) {
	st := l.db.Stores()
	c, err := st.Cases.FindCaseByNumber(ctx, number)
	if err != nil || c.ShopID != l.shopID {
		return "", false, ignoreNotFound(err)
	}
	ok, err := isCustomersAddress(ctx, st, c.CustomerID, from)
	if err != nil || !ok {
		return "", false, err
	}
	return strconv.FormatInt(c.ID, 10), true, nil
}

func (l *lookup) OpenCaseByCustomerOrder(ctx context.Context, email, orderNumber string) (string, bool, error) {
	st := l.db.Stores()
	o, err := st.Orders.FindOrderByExternalID(ctx, l.shopID, orderNumber)
	if err != nil {
		return "", false, ignoreNotFound(err)
	}
	ok, err := isCustomersAddress(ctx, st, o.CustomerID, email)
	if err != nil || !ok {
		return "", false, err
	}
	cases, _, err := st.Cases.FindCases(ctx, claimdesk.CaseFilter{ShopIDs: []string{l.shopID}, CustomerIDs: []int64{o.CustomerID},
		OrderID: o.ID, Statuses: []claimdesk.Status{claimdesk.StatusOpen, claimdesk.StatusWaiting}, Limit: 1})
	if err != nil || len(cases) == 0 {
		return "", false, err
	}
	return strconv.FormatInt(cases[0].ID, 10), true, nil
}

// isCustomersAddress reports whether addr is the customer's address or one
// of its users'.
func isCustomersAddress(ctx context.Context, st claimdesk.Stores, customerID int64, addr string) (bool, error) {
	addr = strings.ToLower(strings.TrimSpace(addr))
	if addr == "" {
		return false, nil
	}
	cu, err := st.Customers.FindCustomer(ctx, customerID)
	if err != nil {
		return false, ignoreNotFound(err)
	}
	if strings.EqualFold(cu.Email, addr) {
		return true, nil
	}
	users, err := st.Users.FindUsersByCustomer(ctx, customerID)
	if err != nil {
		return false, err
	}
	for _, u := range users {
		if strings.EqualFold(u.Email, addr) {
			return true, nil
		}
	}
	return false, nil
}

func ignoreNotFound(err error) error {
	if claimdesk.IsCode(err, claimdesk.CodeNotFound) {
		return nil
	}
	return err
}

// Run polls each shop's IMAP mailbox (the shop's imap_url, else
// defaultIMAP; a shop with neither is skipped) every interval and hands
// each message to Receive, until ctx ends.
func (m *Mailer) Run(ctx context.Context, shops []*claimdesk.Shop, defaultIMAP string, every time.Duration) {
	done := make(chan struct{})
	n := 0
	for _, shop := range shops {
		url := shop.Mail.IMAPURL
		if url == "" {
			url = defaultIMAP
		}
		if url == "" {
			continue
		}
		p, err := mail.NewIMAPPoller(url)
		if err != nil {
			m.o.Logger.Error("mail: IMAP URL", "shop", shop.ID, "err", err)
			continue
		}
		id := shop.ID
		n++
		go func() {
			defer func() { done <- struct{}{} }()
			h := func(ctx context.Context, raw []byte) error { return m.Receive(ctx, id, raw) }
			if err := p.Run(ctx, every, h, m.o.Logger.With("shop", id)); err != nil && ctx.Err() == nil {
				m.o.Logger.Error("mail: IMAP poller stopped", "shop", id, "err", err)
			}
		}()
	}
	for ; n > 0; n-- {
		<-done
	}
}

// Domains lists the mail domains of the shops (reply domains and sender
// domains), for the built-in SMTP listener's ListenerConfig.Domains.
func Domains(shops []*claimdesk.Shop) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range shops {
		for _, d := range shopDomains(s) {
			if !seen[d] {
				seen[d] = true
				out = append(out, d)
			}
		}
	}
	return out
}

func shopDomains(s *claimdesk.Shop) []string {
	var out []string
	for _, a := range []string{replyMailbox(s), senderOf(s).Email, s.SupportEmail} {
		if _, d, ok := strings.Cut(strings.ToLower(a), "@"); ok && d != "" {
			out = append(out, d)
		}
	}
	return out
}

// ListenerHandler is the built-in SMTP listener's handler: it finds the
// shop by the recipients' domains and hands the message to Receive. Mail
// for no known shop is dropped with a log line.
func (m *Mailer) ListenerHandler(shops []*claimdesk.Shop) mail.Handler {
	byDomain := map[string]string{}
	for _, s := range shops {
		for _, d := range shopDomains(s) {
			if _, ok := byDomain[d]; !ok {
				byDomain[d] = s.ID
			}
		}
	}
	return func(ctx context.Context, raw []byte) error {
		in, err := mail.ParseInbound(raw)
		if err != nil {
			m.o.Logger.Warn("mail: not a message, dropped", "err", err)
			return nil
		}
		for _, r := range in.Recipients() {
			if _, d, ok := strings.Cut(strings.ToLower(r), "@"); ok && byDomain[d] != "" {
				return m.Receive(ctx, byDomain[d], raw)
			}
		}
		m.o.Logger.Warn("mail: no shop for the recipients, dropped", "message_id", in.MessageID, "to", in.Recipients())
		return nil
	}
}
