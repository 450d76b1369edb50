package mailbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/jobs"
	"github.com/claimdesk/claimdesk/mail"
)

// Mailer sends the outbox and receives inbound mail.
type Mailer struct {
	*Notifier
	db  claimdesk.DB
	svc *casework.Service

	mu      sync.Mutex
	senders map[string]mail.Sender
}

// New returns a mailer on db; svc takes inbound mail into cases.
func New(db claimdesk.DB, svc *casework.Service, o Options) *Mailer {
	if o.Survey == nil && svc != nil {
		o.Survey = svc
	}
	return &Mailer{Notifier: NewNotifier(o), db: db, svc: svc, senders: map[string]mail.Sender{}}
}

// RegisterJobs registers the mail.send job on r.
func (m *Mailer) RegisterJobs(r *jobs.Runner) { r.Handle(JobSend, m.sendJob) }

// ErrNoServer is a send job's error when neither the shop nor the instance
// names an outgoing server.
var ErrNoServer = errors.New("mailbox: no SMTP server configured (CLAIMDESK_SMTP_URL or the shop's smtp_url)")

// sendJob sends one outbox message. A message already sent is done, so a
// restart between sending and marking never sends twice.
func (m *Mailer) sendJob(ctx context.Context, j *claimdesk.Job) error {
	var p sendPayload
	if err := json.Unmarshal(j.Payload, &p); err != nil {
		return jobs.Permanent(fmt.Errorf("mail.send payload: %w", err))
	}
	st := m.db.Stores()
	out, err := st.Mail.FindOutboundMail(ctx, p.OutboundID)
	if claimdesk.IsCode(err, claimdesk.CodeNotFound) {
		return jobs.Permanent(err)
	}
	if err != nil {
		return err
	}
	if out.Status != claimdesk.MailPending {
		return nil // sent, or given up on: never again
	}
	sender, err := m.sender(ctx, out.ShopID)
	if err != nil {
		_ = st.Mail.MarkOutboundMail(ctx, out.ID, claimdesk.MailFailed, err.Error(), m.o.Now().UTC())
		return jobs.Permanent(err)
	}
	err = sender.Send(ctx, out.From, []string{out.To}, out.Raw)
	now := m.o.Now().UTC()
	switch {
	case err == nil:
		if merr := st.Mail.MarkOutboundMail(ctx, out.ID, claimdesk.MailSent, "", now); merr != nil {
			m.o.Logger.Error("mail sent but not marked", "outbound", out.ID, "err", merr)
		}
		return nil
	case mail.IsPermanent(err):
		_ = st.Mail.MarkOutboundMail(ctx, out.ID, claimdesk.MailFailed, err.Error(), now)
		return jobs.Permanent(err)
	case j.MaxAttempts > 0 && j.Attempts >= j.MaxAttempts:
		_ = st.Mail.MarkOutboundMail(ctx, out.ID, claimdesk.MailFailed, err.Error(), now)
		return jobs.Permanent(err) // the last attempt: the row must not stay pending
	default:
		_ = st.Mail.MarkOutboundMail(ctx, out.ID, claimdesk.MailPending, err.Error(), now)
		return err
	}
}

// sender returns the cached sender for the shop's server, or the
// instance's default.
func (m *Mailer) sender(ctx context.Context, shopID string) (mail.Sender, error) {
	shop, err := m.db.Stores().Shops.FindShop(ctx, shopID)
	if err != nil {
		return nil, err
	}
	url := shop.Mail.SMTPURL
	if url == "" {
		url = m.o.SMTPURL
	}
	if url == "" {
		return nil, ErrNoServer
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if s, ok := m.senders[url]; ok {
		return s, nil
	}
	s, err := m.o.NewSender(url)
	if err != nil {
		return nil, fmt.Errorf("mailbox: shop %s: %w", shopID, err)
	}
	m.senders[url] = s
	return s, nil
}
