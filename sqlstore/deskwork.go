package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk"
)

// The workspace's saved views, macros and satisfaction answers.

type savedViewStore struct{ c *conn }
type macroStore struct{ c *conn }
type csatStore struct{ c *conn }

var (
	_ claimdesk.SavedViewStore = savedViewStore{}
	_ claimdesk.MacroStore     = macroStore{}
	_ claimdesk.CSATStore      = csatStore{}
)

const (
	savedViewCols      = `id, user_id, name, shared, shop, kind, status, queue, query, sort, created_at, updated_at`
	sqlInsertSavedView = `INSERT INTO saved_views (user_id, name, shared, shop, kind, status, queue, query, sort, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	sqlUpdateSavedView = `UPDATE saved_views SET name = ?, shared = ?, shop = ?, kind = ?, status = ?, queue = ?, query = ?, sort = ?,
	updated_at = ? WHERE id = ? RETURNING user_id, created_at`
	sqlDeleteSavedView = `DELETE FROM saved_views WHERE id = ?`
	sqlFindSavedView   = `SELECT ` + savedViewCols + ` FROM saved_views WHERE id = ?`
	sqlListSavedViews  = `SELECT ` + savedViewCols + ` FROM saved_views WHERE user_id = ? OR (shared = ? AND shop IN (%s)) ORDER BY name, id`

	macroCols      = `id, shop_id, title, bodies, action, created_at, updated_at`
	sqlInsertMacro = `INSERT INTO macros (shop_id, title, bodies, action, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`
	sqlUpdateMacro = `UPDATE macros SET title = ?, bodies = ?, action = ?, updated_at = ? WHERE id = ? AND shop_id = ? RETURNING created_at`
	sqlDeleteMacro = `DELETE FROM macros WHERE id = ? AND shop_id = ?`
	sqlFindMacro   = `SELECT ` + macroCols + ` FROM macros WHERE id = ? AND shop_id = ?`
	sqlListMacros  = `SELECT ` + macroCols + ` FROM macros WHERE shop_id = ? ORDER BY title, id`

	sqlSaveCSAT = `INSERT INTO csat_answers (case_id, shop_id, rating, comment, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
	ON CONFLICT (case_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, updated_at = excluded.updated_at
	RETURNING created_at`
	sqlFindCSAT      = `SELECT case_id, shop_id, rating, comment, created_at, updated_at FROM csat_answers WHERE case_id = ?`
	sqlSummarizeCSAT = `SELECT rating, COUNT(*) FROM csat_answers WHERE shop_id = ? AND created_at >= ? AND created_at < ? GROUP BY rating`
)

func scanSavedView(sc scanner) (*claimdesk.SavedView, error) {
	v := &claimdesk.SavedView{}
	err := sc.Scan(&v.ID, &v.UserID, &v.Name, &v.Shared, &v.Shop, &v.Kind, &v.Status, &v.Queue, &v.Query, &v.Sort,
		timeCol{&v.CreatedAt}, timeCol{&v.UpdatedAt})
	return v, err
}

// stamp fills a record's times: created and updated now unless set.
func stamp(created, updated *time.Time) {
	if created.IsZero() {
		*created = time.Now()
	}
	if updated.IsZero() {
		*updated = *created
	}
	*created, *updated = normTime(*created), normTime(*updated)
}

// CreateSavedView stores a view.
func (s savedViewStore) CreateSavedView(ctx context.Context, v *claimdesk.SavedView) error {
	stamp(&v.CreatedAt, &v.UpdatedAt)
	d := s.c.db.d
	err := s.c.w().row(ctx, sqlInsertSavedView, v.UserID, v.Name, v.Shared, v.Shop, v.Kind, v.Status, v.Queue, v.Query, v.Sort,
		d.ts(v.CreatedAt), d.ts(v.UpdatedAt)).Scan(&v.ID)
	return mapErr(err, "saved view "+v.Name)
}

// UpdateSavedView replaces a view's name, sharing and filter.
func (s savedViewStore) UpdateSavedView(ctx context.Context, v *claimdesk.SavedView) error {
	if v.UpdatedAt.IsZero() {
		v.UpdatedAt = time.Now()
	}
	v.UpdatedAt = normTime(v.UpdatedAt)
	err := s.c.w().row(ctx, sqlUpdateSavedView, v.Name, v.Shared, v.Shop, v.Kind, v.Status, v.Queue, v.Query, v.Sort,
		s.c.db.d.ts(v.UpdatedAt), v.ID).Scan(&v.UserID, timeCol{&v.CreatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return claimdesk.NotFound("saved view", v.ID)
	}
	return mapErr(err, "saved view "+v.Name)
}

// DeleteSavedView removes a view.
func (s savedViewStore) DeleteSavedView(ctx context.Context, id int64) error {
	return deleteOne(ctx, s.c, "saved view", id, sqlDeleteSavedView, id)
}

// deleteOne runs a DELETE that must remove one row, else not_found.
func deleteOne(ctx context.Context, c *conn, what string, id int64, query string, args ...any) error {
	n, err := c.w().affected(ctx, query, args...)
	if err != nil {
		return mapErr(err, what)
	}
	if n == 0 {
		return claimdesk.NotFound(what, id)
	}
	return nil
}

// FindSavedView returns a view.
func (s savedViewStore) FindSavedView(ctx context.Context, id int64) (*claimdesk.SavedView, error) {
	v, err := scanSavedView(s.c.r().row(ctx, sqlFindSavedView, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, claimdesk.NotFound("saved view", id)
	}
	if err != nil {
		return nil, mapErr(err, "saved view")
	}
	return v, nil
}

// ListSavedViews lists the agent's views and those shared in the shops.
func (s savedViewStore) ListSavedViews(ctx context.Context, userID int64, shops []string) ([]*claimdesk.SavedView, error) {
	args := []any{userID, true}
	for _, sh := range shops {
		args = append(args, sh)
	}
	in := placeholders(len(shops))
	if in == "" {
		in = "NULL"
	}
	rows, err := s.c.r().query(ctx, strings.Replace(sqlListSavedViews, "%s", in, 1), args...)
	return collect(rows, err, "saved views", scanSavedView)
}

// collect scans every row with scan.
func collect[T any](rows *sql.Rows, err error, what string, scan func(scanner) (T, error)) ([]T, error) {
	if err != nil {
		return nil, mapErr(err, what)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, mapErr(err, what)
		}
		out = append(out, v)
	}
	return out, mapErr(rows.Err(), what)
}

func scanMacro(sc scanner) (*claimdesk.Macro, error) {
	m := &claimdesk.Macro{Bodies: map[claimdesk.Lang]string{}}
	err := sc.Scan(&m.ID, &m.ShopID, &m.Title, jsonCol{&m.Bodies}, &m.Action, timeCol{&m.CreatedAt}, timeCol{&m.UpdatedAt})
	return m, err
}

func macroBodies(m *claimdesk.Macro) (string, error) {
	if m.Bodies == nil {
		return "{}", nil
	}
	return jsonVal(m.Bodies)
}

// CreateMacro stores a macro.
func (s macroStore) CreateMacro(ctx context.Context, m *claimdesk.Macro) error {
	stamp(&m.CreatedAt, &m.UpdatedAt)
	bodies, err := macroBodies(m)
	if err != nil {
		return err
	}
	d := s.c.db.d
	err = s.c.w().row(ctx, sqlInsertMacro, m.ShopID, m.Title, bodies, m.Action, d.ts(m.CreatedAt), d.ts(m.UpdatedAt)).Scan(&m.ID)
	return mapErr(err, "macro "+m.Title)
}

// UpdateMacro replaces one of a shop's macros.
func (s macroStore) UpdateMacro(ctx context.Context, m *claimdesk.Macro) error {
	if m.UpdatedAt.IsZero() {
		m.UpdatedAt = time.Now()
	}
	m.UpdatedAt = normTime(m.UpdatedAt)
	bodies, err := macroBodies(m)
	if err != nil {
		return err
	}
	err = s.c.w().row(ctx, sqlUpdateMacro, m.Title, bodies, m.Action, s.c.db.d.ts(m.UpdatedAt), m.ID, m.ShopID).Scan(timeCol{&m.CreatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return claimdesk.NotFound("macro", m.ID)
	}
	return mapErr(err, "macro "+m.Title)
}

// DeleteMacro removes one of a shop's macros.
func (s macroStore) DeleteMacro(ctx context.Context, shopID string, id int64) error {
	return deleteOne(ctx, s.c, "macro", id, sqlDeleteMacro, id, shopID)
}

// FindMacro returns one of a shop's macros.
func (s macroStore) FindMacro(ctx context.Context, shopID string, id int64) (*claimdesk.Macro, error) {
	m, err := scanMacro(s.c.r().row(ctx, sqlFindMacro, id, shopID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, claimdesk.NotFound("macro", id)
	}
	if err != nil {
		return nil, mapErr(err, "macro")
	}
	return m, nil
}

// ListMacros lists a shop's macros by title.
func (s macroStore) ListMacros(ctx context.Context, shopID string) ([]*claimdesk.Macro, error) {
	rows, err := s.c.r().query(ctx, sqlListMacros, shopID)
	return collect(rows, err, "macros", scanMacro)
}

// SaveCSATAnswer stores a case's answer, replacing an earlier one.
func (s csatStore) SaveCSATAnswer(ctx context.Context, a *claimdesk.CSATAnswer) error {
	stamp(&a.CreatedAt, &a.UpdatedAt)
	d := s.c.db.d
	err := s.c.w().row(ctx, sqlSaveCSAT, a.CaseID, a.ShopID, a.Rating, a.Comment, d.ts(a.CreatedAt), d.ts(a.UpdatedAt)).Scan(timeCol{&a.CreatedAt})
	return mapErr(err, "survey answer")
}

// FindCSATAnswer returns a case's answer.
func (s csatStore) FindCSATAnswer(ctx context.Context, caseID int64) (*claimdesk.CSATAnswer, error) {
	a := &claimdesk.CSATAnswer{}
	err := s.c.r().row(ctx, sqlFindCSAT, caseID).Scan(&a.CaseID, &a.ShopID, &a.Rating, &a.Comment, timeCol{&a.CreatedAt}, timeCol{&a.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, claimdesk.NotFound("survey answer", caseID)
	}
	if err != nil {
		return nil, mapErr(err, "survey answer")
	}
	return a, nil
}

// SummarizeCSAT sums up a shop's answers first given in [from, to).
func (s csatStore) SummarizeCSAT(ctx context.Context, shopID string, from, to time.Time) (claimdesk.CSATSummary, error) {
	var sum claimdesk.CSATSummary
	d := s.c.db.d
	rows, err := s.c.r().query(ctx, sqlSummarizeCSAT, shopID, d.ts(from), d.ts(to))
	if err != nil {
		return sum, mapErr(err, "survey answers")
	}
	defer rows.Close()
	total := 0
	for rows.Next() {
		var rating, n int
		if err := rows.Scan(&rating, &n); err != nil {
			return sum, mapErr(err, "survey answers")
		}
		if rating >= 1 && rating <= 5 {
			sum.Distribution[rating-1] = n
			sum.Count += n
			total += rating * n
		}
	}
	if sum.Count > 0 {
		sum.Average = float64(total) / float64(sum.Count)
	}
	return sum, mapErr(rows.Err(), "survey answers")
}
