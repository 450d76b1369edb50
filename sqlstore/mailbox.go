package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/claimdesk/claimdesk"
)

type mailStore struct{ c *conn }

const (
	outboundColumns = `id, shop_id, case_id, kind, from_addr, to_addr, subject, message_id, raw, status, attempts,
	last_error, created_at, sent_at`
	sqlInsertOutbound = `INSERT INTO outbound_mail (shop_id, case_id, kind, from_addr, to_addr, subject, message_id, raw,
	status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	sqlFindOutbound = `SELECT ` + outboundColumns + ` FROM outbound_mail WHERE id = ?`
	sqlMarkOutbound = `UPDATE outbound_mail SET status = ?, last_error = ?, attempts = attempts + 1,
	sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?`
	sqlCaseMail  = `SELECT ` + outboundColumns + ` FROM outbound_mail WHERE case_id = ? ORDER BY id`
	sqlCaseByMsg = `SELECT case_id FROM outbound_mail WHERE message_id = ? AND case_id IS NOT NULL
	UNION ALL SELECT case_id FROM inbound_mail WHERE message_id = ? AND case_id IS NOT NULL`
	sqlAddInbound = `INSERT INTO inbound_mail (shop_id, message_id, case_id, rule, from_addr, subject, at)
	VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`
)

// AddOutboundMail puts a message in the outbox.
func (s mailStore) AddOutboundMail(ctx context.Context, m *claimdesk.OutboundMail) error {
	if m.CreatedAt.IsZero() {
		m.CreatedAt = time.Now()
	}
	if m.Status == "" {
		m.Status = claimdesk.MailPending
	}
	m.CreatedAt = normTime(m.CreatedAt)
	err := s.c.w().row(ctx, sqlInsertOutbound, m.ShopID, idVal(m.CaseID), m.Kind, m.From, m.To, m.Subject, m.MessageID,
		blob(m.Raw), m.Status, s.c.db.d.ts(m.CreatedAt)).Scan(&m.ID)
	return mapErr(err, "outbound mail")
}

// FindOutboundMail returns an outbox message. Returns not_found.
func (s mailStore) FindOutboundMail(ctx context.Context, id int64) (*claimdesk.OutboundMail, error) {
	m, err := scanOutbound(s.c.r().row(ctx, sqlFindOutbound, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, claimdesk.NotFound("outbound mail", id)
	}
	return m, mapErr(err, "outbound mail")
}

// MarkOutboundMail records a send attempt's result.
func (s mailStore) MarkOutboundMail(ctx context.Context, id int64, status, lastErr string, at time.Time) error {
	d := s.c.db.d
	n, err := s.c.w().affected(ctx, sqlMarkOutbound, status, lastErr, status, d.ts(at), id)
	if err != nil {
		return mapErr(err, "outbound mail")
	}
	if n == 0 {
		return claimdesk.NotFound("outbound mail", id)
	}
	return nil
}

// ListCaseMail lists a case's outbound messages.
func (s mailStore) ListCaseMail(ctx context.Context, caseID int64) ([]*claimdesk.OutboundMail, error) {
	rows, err := s.c.r().query(ctx, sqlCaseMail, caseID)
	if err != nil {
		return nil, mapErr(err, "outbound mail")
	}
	defer rows.Close()
	out := []*claimdesk.OutboundMail{}
	for rows.Next() {
		m, err := scanOutbound(rows)
		if err != nil {
			return nil, mapErr(err, "outbound mail")
		}
		out = append(out, m)
	}
	return out, mapErr(rows.Err(), "outbound mail")
}

// CaseByMessageID finds the case of one of our outbound or recorded inbound
// messages. Returns not_found.
func (s mailStore) CaseByMessageID(ctx context.Context, messageID string) (int64, error) {
	var id int64
	err := s.c.r().row(ctx, sqlCaseByMsg, messageID, messageID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, claimdesk.NotFound("message", messageID)
	}
	return id, mapErr(err, "message")
}

// AddInboundMail records a received message. Returns conflict on a repeat.
func (s mailStore) AddInboundMail(ctx context.Context, m *claimdesk.InboundMail) error {
	if m.At.IsZero() {
		m.At = time.Now()
	}
	m.At = normTime(m.At)
	err := s.c.w().row(ctx, sqlAddInbound, m.ShopID, m.MessageID, idVal(m.CaseID), m.Rule, m.From, m.Subject, s.c.db.d.ts(m.At)).Scan(&m.ID)
	return mapErr(err, "inbound mail "+m.MessageID)
}

func scanOutbound(r scanner) (*claimdesk.OutboundMail, error) {
	var m claimdesk.OutboundMail
	err := r.Scan(&m.ID, &m.ShopID, idCol{&m.CaseID}, &m.Kind, &m.From, &m.To, &m.Subject, &m.MessageID, &m.Raw, &m.Status,
		&m.Attempts, &m.LastError, timeCol{&m.CreatedAt}, timePtrCol{&m.SentAt})
	return &m, err
}
