package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk"
)

type caseStore struct{ c *conn }

const caseColumns = `id, number, shop_id, kind, channel, customer_id, user_id, order_id, order_external_id,
	subject, description, facts, country, lang, currency, status, decision, remedy, logistics, money,
	waiting_on, ladder, eligible, route, deadline, goods_due, fees, refund, refunded, assessment,
	terms_version, assignee_id, queue, priority, due_at, first_response_at, merged_into, created_at,
	updated_at, closed_at, version, finding`

const (
	sqlNextCaseSeq = `INSERT INTO case_counters (shop_id, year, next) VALUES (?, ?, 1)
	ON CONFLICT (shop_id, year) DO UPDATE SET next = case_counters.next + 1 RETURNING next`
	sqlInsertCase = `INSERT INTO cases (number, shop_id, kind, channel, customer_id, user_id, order_id,
	order_external_id, subject, description, search, facts, country, lang, currency, status, decision, remedy,
	logistics, money, waiting_on, ladder, eligible, route, deadline, goods_due, fees, refund, refunded,
	assessment, terms_version, assignee_id, queue, priority, due_at, first_response_at, merged_into,
	created_at, updated_at, closed_at, version, finding, first_due_at, event_seq)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
	?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) RETURNING id`
	sqlUpdateCase = `UPDATE cases SET kind = ?, channel = ?, customer_id = ?, user_id = ?, order_id = ?,
	order_external_id = ?, subject = ?, description = ?, search = ?, facts = ?, country = ?, lang = ?,
	currency = ?, status = ?, decision = ?, remedy = ?, logistics = ?, money = ?, waiting_on = ?, ladder = ?,
	eligible = ?, route = ?, deadline = ?, goods_due = ?, fees = ?, refund = ?, refunded = ?, assessment = ?,
	terms_version = ?, assignee_id = ?, queue = ?, priority = ?, due_at = ?, first_response_at = ?,
	merged_into = ?, updated_at = ?, closed_at = ?, finding = ?, version = version + 1
	WHERE id = ? AND version = ? RETURNING version, number, shop_id, created_at`
	sqlCaseVersion    = `SELECT version FROM cases WHERE id = ?`
	sqlDeleteCaseLine = `DELETE FROM case_lines WHERE case_id = ?`
	sqlInsertCaseLine = `INSERT INTO case_lines (case_id, position, sku, quantity) VALUES (?, ?, ?, ?)`
	sqlBumpEventSeq   = `UPDATE cases SET event_seq = event_seq + ? WHERE id = ? RETURNING event_seq`
	sqlInsertEvent    = `INSERT INTO case_events (case_id, seq, type, actor_kind, actor_id, actor_name, at,
	reason, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	sqlListEvents = `SELECT id, case_id, seq, type, actor_kind, actor_id, actor_name, at, reason, data
	FROM case_events WHERE case_id = ? ORDER BY seq`
	sqlInsertMessage = `INSERT INTO case_messages (case_id, direction, author_kind, author_id, author_name, body,
	email_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	sqlInsertAttachment = `INSERT INTO attachments (case_id, message_id, filename, content_type, size, sha256,
	data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	sqlListMessages = `SELECT id, case_id, direction, author_kind, author_id, author_name, body, email_id,
	created_at FROM case_messages WHERE case_id = ? ORDER BY created_at, id`
	sqlListAttachments = `SELECT id, case_id, message_id, filename, content_type, size, sha256, created_at
	FROM attachments WHERE case_id = ? ORDER BY id`
	sqlFindAttachment = `SELECT id, case_id, message_id, filename, content_type, size, sha256, created_at, data
	FROM attachments WHERE id = ?`
	sqlFindCaseByID     = `SELECT ` + caseColumns + ` FROM cases WHERE id = ?`
	sqlFindCaseByNumber = `SELECT ` + caseColumns + ` FROM cases WHERE number = ?`
)

// NextCaseSequence returns the next number in the shop's series for a year:
// 1, 2, 3 … It is a single atomic upsert, so the numbers are unique even
// when many instances ask at once.
func (s caseStore) NextCaseSequence(ctx context.Context, shopID string, year int) (int64, error) {
	var n int64
	err := s.c.w().row(ctx, sqlNextCaseSeq, shopID, year).Scan(&n)
	if err != nil {
		return 0, mapErr(err, "case sequence of shop "+shopID)
	}
	return n, nil
}

// caseSearch is the lower-cased text FindCases' Query matches against.
func caseSearch(c *claimdesk.Case) string {
	return strings.ToLower(c.Number + "\n" + c.Subject + "\n" + c.Description + "\n" + c.OrderExternalID)
}

// caseArgs are the column values UpdateCase and CreateCase share, from kind
// to closed_at.
type caseVals struct {
	facts, fees string
}

func encodeCase(c *claimdesk.Case) (caseVals, error) {
	var v caseVals
	if err := checkJSON(c.Assessment, "the assessment"); err != nil {
		return v, err
	}
	var err error
	facts := c.Facts
	if facts == nil {
		facts = map[string]bool{}
	}
	if v.facts, err = jsonVal(facts); err != nil {
		return v, err
	}
	fees := c.Fees
	if fees == nil {
		fees = []claimdesk.CaseFee{}
	}
	v.fees, err = jsonVal(fees)
	return v, err
}

func normCaseTimes(c *claimdesk.Case) {
	c.CreatedAt, c.UpdatedAt = normTime(c.CreatedAt), normTime(c.UpdatedAt)
	c.DueAt, c.FirstResponseAt, c.ClosedAt = normTimeP(c.DueAt), normTimeP(c.FirstResponseAt), normTimeP(c.ClosedAt)
}

func refundVal(m *claimdesk.Minor) any {
	if m == nil {
		return nil
	}
	return int64(*m)
}

// CreateCase stores a new case with its lines and first events. Returns
// conflict on a duplicate number. A zero Version becomes 1. The due time
// the case is created with is kept as its first-response due time, for
// the dashboard's SLA attainment.
func (s caseStore) CreateCase(ctx context.Context, c *claimdesk.Case, events []claimdesk.Event) error {
	if c.CreatedAt.IsZero() {
		c.CreatedAt = time.Now()
	}
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = c.CreatedAt
	}
	if c.Version <= 0 {
		c.Version = 1
	}
	normCaseTimes(c)
	v, err := encodeCase(c)
	if err != nil {
		return err
	}
	return s.c.inTx(ctx, func(r run) error {
		d := r.d
		err := r.row(ctx, sqlInsertCase, c.Number, c.ShopID, string(c.Kind), c.Channel, c.CustomerID,
			idVal(c.UserID), idVal(c.OrderID), c.OrderExternalID, c.Subject, c.Description, caseSearch(c), v.facts,
			string(c.Country), string(c.Lang), c.Currency, string(c.Status), string(c.Decision), string(c.Remedy),
			string(c.Logistics), string(c.Money), string(c.WaitingOn), string(c.Ladder), c.Eligible, c.Route,
			dateVal(c.Deadline), dateVal(c.GoodsDue), v.fees, refundVal(c.Refund), int64(c.Refunded),
			rawVal(c.Assessment), c.TermsVersion, idVal(c.AssigneeID), c.Queue, c.Priority, d.tsp(c.DueAt),
			d.tsp(c.FirstResponseAt), idVal(c.MergedInto), d.ts(c.CreatedAt), d.ts(c.UpdatedAt), d.tsp(c.ClosedAt),
			c.Version, c.Finding, d.tsp(c.DueAt)).Scan(&c.ID)
		if err != nil {
			return mapErr(err, "case "+c.Number)
		}
		if err := insertCaseLines(ctx, r, c); err != nil {
			return err
		}
		return appendEvents(ctx, r, c.ID, events)
	})
}

func insertCaseLines(ctx context.Context, r run, c *claimdesk.Case) error {
	for i, l := range c.Lines {
		if _, err := r.exec(ctx, sqlInsertCaseLine, c.ID, i, l.SKU, l.Quantity); err != nil {
			return mapErr(err, "case line "+l.SKU)
		}
	}
	return nil
}

// UpdateCase stores the case if its version is still u.ExpectedVersion and
// bumps the version (u.Case.Version is set to the new one). The number, shop
// and creation time never change. Returns conflict when someone else changed
// it first, not_found when there is no such case.
func (s caseStore) UpdateCase(ctx context.Context, u claimdesk.CaseUpdate) error {
	c := u.Case
	if c == nil {
		return claimdesk.Errorf(claimdesk.CodeInvalid, "no case to update")
	}
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = time.Now()
	}
	normCaseTimes(c)
	v, err := encodeCase(c)
	if err != nil {
		return err
	}
	return s.c.inTx(ctx, func(r run) error {
		d := r.d
		var version int
		var created time.Time
		var number, shop string
		err := r.row(ctx, sqlUpdateCase, string(c.Kind), c.Channel, c.CustomerID, idVal(c.UserID), idVal(c.OrderID),
			c.OrderExternalID, c.Subject, c.Description, caseSearch(c), v.facts, string(c.Country), string(c.Lang),
			c.Currency, string(c.Status), string(c.Decision), string(c.Remedy), string(c.Logistics), string(c.Money),
			string(c.WaitingOn), string(c.Ladder), c.Eligible, c.Route, dateVal(c.Deadline), dateVal(c.GoodsDue),
			v.fees, refundVal(c.Refund), int64(c.Refunded), rawVal(c.Assessment), c.TermsVersion,
			idVal(c.AssigneeID), c.Queue, c.Priority, d.tsp(c.DueAt), d.tsp(c.FirstResponseAt),
			idVal(c.MergedInto), d.ts(c.UpdatedAt), d.tsp(c.ClosedAt), c.Finding, c.ID, u.ExpectedVersion,
		).Scan(&version, &number, &shop, timeCol{&created})
		if errors.Is(err, sql.ErrNoRows) {
			var cur int
			err := r.row(ctx, sqlCaseVersion, c.ID).Scan(&cur)
			if errors.Is(err, sql.ErrNoRows) {
				return claimdesk.NotFound("case", c.ID)
			}
			if err != nil {
				return mapErr(err, "case")
			}
			return claimdesk.Errorf(claimdesk.CodeConflict,
				"case %d was changed by someone else (version %d, expected %d)", c.ID, cur, u.ExpectedVersion)
		}
		if err != nil {
			return mapErr(err, "case")
		}
		if _, err := r.exec(ctx, sqlDeleteCaseLine, c.ID); err != nil {
			return mapErr(err, "case lines")
		}
		if err := insertCaseLines(ctx, r, c); err != nil {
			return err
		}
		c.Version, c.Number, c.ShopID, c.CreatedAt = version, number, shop, created
		return nil
	})
}

// FindCase returns a case. Returns not_found.
func (s caseStore) FindCase(ctx context.Context, id int64) (*claimdesk.Case, error) {
	cs, err := s.list(ctx, s.c.r(), sqlFindCaseByID, id)
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, claimdesk.NotFound("case", id)
	}
	return cs[0], nil
}

// FindCaseByNumber returns a case by its number. Returns not_found.
func (s caseStore) FindCaseByNumber(ctx context.Context, number string) (*claimdesk.Case, error) {
	cs, err := s.list(ctx, s.c.r(), sqlFindCaseByNumber, number)
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, claimdesk.NotFound("case", number)
	}
	return cs[0], nil
}

// list runs a case query and loads the lines of every case found.
func (s caseStore) list(ctx context.Context, r run, query string, args ...any) ([]*claimdesk.Case, error) {
	rows, err := r.query(ctx, query, args...)
	if err != nil {
		return nil, mapErr(err, "cases")
	}
	out := []*claimdesk.Case{}
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			rows.Close()
			return nil, mapErr(err, "cases")
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapErr(err, "cases")
	}
	if len(out) == 0 {
		return out, nil
	}
	byID := make(map[int64]*claimdesk.Case, len(out))
	ids := make([]any, 0, len(out))
	for _, c := range out {
		byID[c.ID] = c
		ids = append(ids, c.ID)
	}
	lrows, err := r.query(ctx, `SELECT case_id, sku, quantity FROM case_lines WHERE case_id IN (`+
		placeholders(len(ids))+`) ORDER BY case_id, position`, ids...)
	if err != nil {
		return nil, mapErr(err, "case lines")
	}
	defer lrows.Close()
	for lrows.Next() {
		var id int64
		var l claimdesk.CaseLine
		if err := lrows.Scan(&id, &l.SKU, &l.Quantity); err != nil {
			return nil, mapErr(err, "case lines")
		}
		byID[id].Lines = append(byID[id].Lines, l)
	}
	return out, mapErr(lrows.Err(), "case lines")
}

func scanCase(r scanner) (*claimdesk.Case, error) {
	var c claimdesk.Case
	var kind, country, lang, status, decision, remedy, logistics, money, waiting, ladder string
	var eligible sql.NullBool
	var refund sql.NullInt64
	var refunded int64
	err := r.Scan(&c.ID, &c.Number, &c.ShopID, &kind, &c.Channel, &c.CustomerID, idCol{&c.UserID},
		idCol{&c.OrderID}, &c.OrderExternalID, &c.Subject, &c.Description, jsonCol{&c.Facts}, &country, &lang,
		&c.Currency, &status, &decision, &remedy, &logistics, &money, &waiting, &ladder, &eligible, &c.Route,
		dateCol{&c.Deadline}, dateCol{&c.GoodsDue}, jsonCol{&c.Fees}, &refund, &refunded, rawCol{&c.Assessment},
		&c.TermsVersion, idCol{&c.AssigneeID}, &c.Queue, &c.Priority, timePtrCol{&c.DueAt},
		timePtrCol{&c.FirstResponseAt}, idCol{&c.MergedInto}, timeCol{&c.CreatedAt}, timeCol{&c.UpdatedAt},
		timePtrCol{&c.ClosedAt}, &c.Version, &c.Finding)
	if err != nil {
		return nil, err
	}
	c.Kind, c.Country, c.Lang, c.Status = claimdesk.CaseKind(kind), claimdesk.Country(country), claimdesk.Lang(lang), claimdesk.Status(status)
	c.Decision, c.Remedy, c.Logistics = claimdesk.DecisionState(decision), claimdesk.Remedy(remedy), claimdesk.LogisticsState(logistics)
	c.Money, c.WaitingOn, c.Ladder = claimdesk.MoneyState(money), claimdesk.WaitingOn(waiting), claimdesk.LadderStep(ladder)
	if eligible.Valid {
		b := eligible.Bool
		c.Eligible = &b
	}
	if refund.Valid {
		m := claimdesk.Minor(refund.Int64)
		c.Refund = &m
	}
	c.Refunded = claimdesk.Minor(refunded)
	if c.Facts == nil {
		c.Facts = map[string]bool{}
	}
	if c.Fees == nil {
		c.Fees = []claimdesk.CaseFee{}
	}
	c.Lines = []claimdesk.CaseLine{}
	return &c, nil
}

// AppendEvents adds events to a case's log, numbering them after the last
// (Seq, ID and CaseID are set on the events). Returns not_found for an
// unknown case.
func (s caseStore) AppendEvents(ctx context.Context, caseID int64, events []claimdesk.Event) error {
	if len(events) == 0 {
		return nil
	}
	return s.c.inTx(ctx, func(r run) error { return appendEvents(ctx, r, caseID, events) })
}

// appendEvents reserves sequence numbers by bumping the case's counter (a
// row lock on PostgreSQL) and inserts the events.
func appendEvents(ctx context.Context, r run, caseID int64, events []claimdesk.Event) error {
	if len(events) == 0 {
		return nil
	}
	for i := range events {
		if err := checkJSON(events[i].Data, "event data"); err != nil {
			return err
		}
	}
	var last int
	err := r.row(ctx, sqlBumpEventSeq, len(events), caseID).Scan(&last)
	if errors.Is(err, sql.ErrNoRows) {
		return claimdesk.NotFound("case", caseID)
	}
	if err != nil {
		return mapErr(err, "events")
	}
	first := last - len(events) + 1
	now := time.Now()
	for i := range events {
		e := &events[i]
		e.CaseID, e.Seq = caseID, first+i
		if e.At.IsZero() {
			e.At = now
		}
		e.At = normTime(e.At)
		if err := r.row(ctx, sqlInsertEvent, caseID, e.Seq, e.Type, e.ActorKind, e.ActorID, e.ActorName,
			r.d.ts(e.At), e.Reason, rawVal(e.Data)).Scan(&e.ID); err != nil {
			return mapErr(err, "event")
		}
	}
	return nil
}

// ListEvents returns a case's log in order.
func (s caseStore) ListEvents(ctx context.Context, caseID int64) ([]claimdesk.Event, error) {
	rows, err := s.c.r().query(ctx, sqlListEvents, caseID)
	if err != nil {
		return nil, mapErr(err, "events")
	}
	defer rows.Close()
	out := []claimdesk.Event{}
	for rows.Next() {
		var e claimdesk.Event
		if err := rows.Scan(&e.ID, &e.CaseID, &e.Seq, &e.Type, &e.ActorKind, &e.ActorID, &e.ActorName,
			timeCol{&e.At}, &e.Reason, rawCol{&e.Data}); err != nil {
			return nil, mapErr(err, "events")
		}
		out = append(out, e)
	}
	return out, mapErr(rows.Err(), "events")
}

// AddMessage stores a message with its attachments, setting their ids.
// Returns not_found for an unknown case.
func (s caseStore) AddMessage(ctx context.Context, m *claimdesk.Message) error {
	if m.CreatedAt.IsZero() {
		m.CreatedAt = time.Now()
	}
	m.CreatedAt = normTime(m.CreatedAt)
	return s.c.inTx(ctx, func(r run) error {
		d := r.d
		if err := r.row(ctx, sqlInsertMessage, m.CaseID, string(m.Direction), m.AuthorKind, m.AuthorID,
			m.AuthorName, m.Body, m.EmailID, d.ts(m.CreatedAt)).Scan(&m.ID); err != nil {
			if isFKViolation(err) {
				return claimdesk.NotFound("case", m.CaseID)
			}
			return mapErr(err, "message")
		}
		for i := range m.Attachments {
			a := &m.Attachments[i]
			a.CaseID, a.MessageID = m.CaseID, m.ID
			if a.CreatedAt.IsZero() {
				a.CreatedAt = m.CreatedAt
			}
			a.CreatedAt = normTime(a.CreatedAt)
			if a.Size == 0 {
				a.Size = int64(len(a.Data))
			}
			if err := r.row(ctx, sqlInsertAttachment, a.CaseID, a.MessageID, a.Filename, a.ContentType, a.Size,
				a.SHA256, blob(a.Data), d.ts(a.CreatedAt)).Scan(&a.ID); err != nil {
				return mapErr(err, "attachment "+a.Filename)
			}
		}
		return nil
	})
}

// ListMessages returns a case's messages in order, attachments without data.
func (s caseStore) ListMessages(ctx context.Context, caseID int64) ([]claimdesk.Message, error) {
	r := s.c.r()
	rows, err := r.query(ctx, sqlListMessages, caseID)
	if err != nil {
		return nil, mapErr(err, "messages")
	}
	out := []claimdesk.Message{}
	index := map[int64]int{}
	for rows.Next() {
		var m claimdesk.Message
		var dir string
		if err := rows.Scan(&m.ID, &m.CaseID, &dir, &m.AuthorKind, &m.AuthorID, &m.AuthorName, &m.Body,
			&m.EmailID, timeCol{&m.CreatedAt}); err != nil {
			rows.Close()
			return nil, mapErr(err, "messages")
		}
		m.Direction = claimdesk.Direction(dir)
		m.Attachments = []claimdesk.Attachment{}
		index[m.ID] = len(out)
		out = append(out, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapErr(err, "messages")
	}
	if len(out) == 0 {
		return out, nil
	}
	arows, err := r.query(ctx, sqlListAttachments, caseID)
	if err != nil {
		return nil, mapErr(err, "attachments")
	}
	defer arows.Close()
	for arows.Next() {
		a, err := scanAttachment(arows, false)
		if err != nil {
			return nil, mapErr(err, "attachments")
		}
		if i, ok := index[a.MessageID]; ok {
			out[i].Attachments = append(out[i].Attachments, *a)
		}
	}
	return out, mapErr(arows.Err(), "attachments")
}

// FindAttachment returns an attachment with its data. Returns not_found.
func (s caseStore) FindAttachment(ctx context.Context, id int64) (*claimdesk.Attachment, error) {
	a, err := scanAttachment(s.c.r().row(ctx, sqlFindAttachment, id), true)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, claimdesk.NotFound("attachment", id)
	}
	if err != nil {
		return nil, mapErr(err, "attachment")
	}
	return a, nil
}

func scanAttachment(r scanner, withData bool) (*claimdesk.Attachment, error) {
	var a claimdesk.Attachment
	dest := []any{&a.ID, &a.CaseID, idCol{&a.MessageID}, &a.Filename, &a.ContentType, &a.Size, &a.SHA256,
		timeCol{&a.CreatedAt}}
	if withData {
		dest = append(dest, &a.Data)
	}
	if err := r.Scan(dest...); err != nil {
		return nil, err
	}
	return &a, nil
}
