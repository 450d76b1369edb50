package sqlstore

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/claimdesk/claimdesk"
)

// Sort orders of FindCases.
const (
	SortNewest = "newest" // created_at desc, id desc
	SortDue    = "due"    // due_at asc with no due time last, id asc
)

var validStatus = map[claimdesk.Status]bool{
	claimdesk.StatusOpen: true, claimdesk.StatusWaiting: true, claimdesk.StatusResolved: true, claimdesk.StatusClosed: true,
}

// caseWhere builds the WHERE clause of a case filter, cursor aside.
func caseWhere(d *dialect, f claimdesk.CaseFilter) ([]string, []any, error) {
	var where []string
	var args []any
	in := func(col string, n int, add func(i int) any) {
		where = append(where, col+" IN ("+placeholders(n)+")")
		for i := 0; i < n; i++ {
			args = append(args, add(i))
		}
	}
	if len(f.ShopIDs) > 0 {
		in("shop_id", len(f.ShopIDs), func(i int) any { return f.ShopIDs[i] })
	}
	if len(f.CustomerIDs) > 0 {
		in("customer_id", len(f.CustomerIDs), func(i int) any { return f.CustomerIDs[i] })
	}
	if f.UserID != 0 {
		where, args = append(where, "user_id = ?"), append(args, f.UserID)
	}
	if f.OrderID != 0 {
		where, args = append(where, "order_id = ?"), append(args, f.OrderID)
	}
	if len(f.Kinds) > 0 {
		in("kind", len(f.Kinds), func(i int) any { return string(f.Kinds[i]) })
	}
	if len(f.Statuses) > 0 {
		// Statuses are inlined as literals (after checking them against the
		// known set) so that the planner can use the partial queue index.
		lits := make([]string, 0, len(f.Statuses))
		for _, st := range f.Statuses {
			if !validStatus[st] {
				return nil, nil, claimdesk.Errorf(claimdesk.CodeInvalid, "unknown case status %q", st)
			}
			lits = append(lits, "'"+string(st)+"'")
		}
		where = append(where, "status IN ("+strings.Join(lits, ", ")+")")
	}
	if f.Queue != "" {
		where, args = append(where, "queue = ?"), append(args, f.Queue)
	}
	if f.AssigneeID != 0 {
		where, args = append(where, "assignee_id = ?"), append(args, f.AssigneeID)
	}
	if f.Unassigned {
		where = append(where, "assignee_id IS NULL")
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		if d.pg() || utf8.RuneCountInString(q) < 3 {
			where, args = append(where, `search LIKE ? ESCAPE '\'`), append(args, likePattern(q))
		} else {
			// The trigram index matches a quoted phrase as a substring.
			phrase := `"` + strings.ReplaceAll(strings.ToLower(q), `"`, `""`) + `"`
			where = append(where, `id IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?)`)
			args = append(args, phrase)
		}
	}
	return where, args, nil
}

// caseCursor is the position after the last case of a page.
type caseCursor struct {
	sort  string
	null  bool // due sort: the last case had no due time
	at    time.Time
	id    int64
	valid bool
}

// encode returns the opaque cursor string.
func (c caseCursor) encode() string {
	var s string
	switch {
	case c.sort == SortDue && c.null:
		s = fmt.Sprintf("d:-:%d", c.id)
	case c.sort == SortDue:
		s = fmt.Sprintf("d:%d:%d", c.at.UnixMicro(), c.id)
	default:
		s = fmt.Sprintf("n:%d:%d", c.at.UnixMicro(), c.id)
	}
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

func decodeCaseCursor(s, sort string) (caseCursor, error) {
	bad := claimdesk.Errorf(claimdesk.CodeInvalid, "the cursor is not valid for this list")
	if s == "" {
		return caseCursor{sort: sort}, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return caseCursor{}, bad
	}
	parts := strings.Split(string(b), ":")
	if len(parts) != 3 {
		return caseCursor{}, bad
	}
	c := caseCursor{sort: sort, valid: true}
	if (parts[0] == "d") != (sort == SortDue) {
		return caseCursor{}, bad
	}
	if c.id, err = strconv.ParseInt(parts[2], 10, 64); err != nil {
		return caseCursor{}, bad
	}
	if parts[1] == "-" && sort == SortDue {
		c.null = true
		return c, nil
	}
	us, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		return caseCursor{}, bad
	}
	c.at = time.UnixMicro(us).UTC()
	return c, nil
}

// FindCases lists cases and the cursor of the next page ("" at the end).
// Sort is "newest" (default) or "due"; Limit defaults to 50, at most 200.
// Pages are keyset pages: rows added meanwhile never shift them.
func (s caseStore) FindCases(ctx context.Context, f claimdesk.CaseFilter) ([]*claimdesk.Case, string, error) {
	sort := f.Sort
	if sort == "" {
		sort = SortNewest
	}
	if sort != SortNewest && sort != SortDue {
		return nil, "", claimdesk.Errorf(claimdesk.CodeInvalid, "sort must be %q or %q", SortNewest, SortDue)
	}
	cur, err := decodeCaseCursor(f.Cursor, sort)
	if err != nil {
		return nil, "", err
	}
	limit := clampLimit(f.Limit)
	where, args, err := caseWhere(s.c.db.d, f)
	if err != nil {
		return nil, "", err
	}
	d := s.c.db.d
	var order string
	if sort == SortDue {
		order = " ORDER BY due_at ASC NULLS LAST, id ASC"
		if cur.valid {
			if cur.null {
				where, args = append(where, "(due_at IS NULL AND id > ?)"), append(args, cur.id)
			} else {
				where = append(where, "(due_at > ? OR (due_at = ? AND id > ?) OR due_at IS NULL)")
				args = append(args, d.ts(cur.at), d.ts(cur.at), cur.id)
			}
		}
	} else {
		order = " ORDER BY created_at DESC, id DESC"
		if cur.valid {
			where = append(where, "(created_at < ? OR (created_at = ? AND id < ?))")
			args = append(args, d.ts(cur.at), d.ts(cur.at), cur.id)
		}
	}
	q := `SELECT ` + caseColumns + ` FROM cases`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += order + " LIMIT ?"
	args = append(args, limit+1)
	cs, err := s.list(ctx, s.c.r(), q, args...)
	if err != nil {
		return nil, "", err
	}
	if len(cs) <= limit {
		return cs, "", nil
	}
	cs = cs[:limit]
	last := cs[limit-1]
	next := caseCursor{sort: sort, id: last.ID}
	if sort == SortDue {
		if last.DueAt == nil {
			next.null = true
		} else {
			next.at = *last.DueAt
		}
	} else {
		next.at = last.CreatedAt
	}
	return cs, next.encode(), nil
}

// CountCases counts the cases the filter selects (cursor and limit ignored).
func (s caseStore) CountCases(ctx context.Context, f claimdesk.CaseFilter) (int, error) {
	where, args, err := caseWhere(s.c.db.d, f)
	if err != nil {
		return 0, err
	}
	q := `SELECT COUNT(*) FROM cases`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	var n int
	if err := s.c.r().row(ctx, q, args...).Scan(&n); err != nil {
		return 0, mapErr(err, "cases")
	}
	return n, nil
}
