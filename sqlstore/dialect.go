package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/claimdesk/claimdesk"
)

// Dialect names returned by DB.Dialect.
const (
	DialectSQLite   = "sqlite"
	DialectPostgres = "postgres"
)

// dialect isolates what differs between SQLite and PostgreSQL. Queries are
// written once with ? placeholders; rebind turns them into $1… for PG.
type dialect struct {
	name  string
	cache sync.Map // query with ? → rebound query
}

func (d *dialect) pg() bool { return d.name == DialectPostgres }

// rebind returns query with its ? placeholders numbered for PostgreSQL.
// Question marks inside quoted strings are left alone.
func (d *dialect) rebind(query string) string {
	if !d.pg() {
		return query
	}
	if q, ok := d.cache.Load(query); ok {
		return q.(string)
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	inQuote := false
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'':
			inQuote = !inQuote
			b.WriteByte(c)
		case c == '?' && !inQuote:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	q := b.String()
	d.cache.Store(query, q)
	return q
}

// ts converts an instant to the column value: microseconds since the epoch
// on SQLite, a UTC time.Time on PostgreSQL.
func (d *dialect) ts(t time.Time) any {
	t = normTime(t)
	if d.pg() {
		return t
	}
	return t.UnixMicro()
}

// tsp is ts for an optional instant; nil stays NULL.
func (d *dialect) tsp(t *time.Time) any {
	if t == nil || t.IsZero() {
		return nil
	}
	return d.ts(*t)
}

// lockSQL is the statement that takes a transaction-scoped named lock, or ""
// where write transactions are exclusive anyway.
func (d *dialect) lockSQL() string {
	if d.pg() {
		return "SELECT pg_advisory_xact_lock(hashtext(?))"
	}
	return ""
}

// normTime returns t in UTC, truncated to the microsecond both databases keep.
func normTime(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(time.Microsecond)
}

// normTimeP is normTime for an optional instant.
func normTimeP(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	if t.IsZero() {
		return nil
	}
	v := normTime(*t)
	return &v
}

// mapErr turns a driver error into a domain error: unique violations become
// conflicts, foreign-key and check violations invalid input, timeouts and
// busy databases unavailable. what names the thing being written.
func mapErr(err error, what string) error {
	if err == nil {
		return nil
	}
	var de *claimdesk.Error
	if errors.As(err, &de) {
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return claimdesk.Wrap(err, claimdesk.CodeUnavailable, "the database did not answer in time")
	}
	if errors.Is(err, sql.ErrNoRows) {
		return claimdesk.Wrap(err, claimdesk.CodeNotFound, what+" not found")
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	if errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) {
		return claimdesk.Wrap(err, claimdesk.CodeUnavailable, "the database cannot be reached")
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505":
			return claimdesk.Wrap(err, claimdesk.CodeConflict, what+" already exists")
		case "23503":
			return claimdesk.Wrap(err, claimdesk.CodeInvalid, what+" refers to something that does not exist")
		case "23514", "23502", "22P02", "22001", "22003", "22007", "22008":
			return claimdesk.Wrap(err, claimdesk.CodeInvalid, what+" has an invalid value")
		case "40001", "40P01", "55P03", "57014", "53300":
			return claimdesk.Wrap(err, claimdesk.CodeUnavailable, "the database is busy, try again")
		}
		return claimdesk.Wrap(err, claimdesk.CodeInternal, "database error")
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return claimdesk.Wrap(err, claimdesk.CodeConflict, what+" already exists")
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return claimdesk.Wrap(err, claimdesk.CodeInvalid, what+" refers to something that does not exist")
		case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
			return claimdesk.Wrap(err, claimdesk.CodeInvalid, what+" has an invalid value")
		}
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return claimdesk.Wrap(err, claimdesk.CodeUnavailable, "the database is busy, try again")
		case sqlite3.SQLITE_INTERRUPT:
			return claimdesk.Wrap(err, claimdesk.CodeUnavailable, "the database did not answer in time")
		}
	}
	return claimdesk.Wrap(err, claimdesk.CodeInternal, "database error")
}

// checkJSON returns invalid when raw is set but is not JSON, so both
// databases refuse the same documents.
func checkJSON(raw json.RawMessage, what string) error {
	if len(raw) > 0 && !json.Valid(raw) {
		return claimdesk.Errorf(claimdesk.CodeInvalid, "%s is not valid JSON", what)
	}
	return nil
}

// isFKViolation reports whether err is a foreign-key violation.
func isFKViolation(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23503"
	}
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
}

// likePattern returns a LIKE pattern matching s anywhere, lower-cased in Go
// (so æøå fold on both databases) and with LIKE's wildcards escaped by \.
func likePattern(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// placeholders returns "?, ?, …" with n marks.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}
