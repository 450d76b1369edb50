// Package sqlstore implements claimdesk.DB on SQLite (modernc.org/sqlite) and
// PostgreSQL (pgx through database/sql). One store implementation serves
// both; what differs between them lives in the dialect type. Open migrates
// the database with the embedded goose migrations of its dialect.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/claimdesk/claimdesk"
)

// DB is an opened, migrated database. It implements claimdesk.DB.
type DB struct {
	d      *dialect
	writer *sql.DB // SQLite: one connection; PostgreSQL: the pool
	reader *sql.DB // SQLite: a pool of readers; PostgreSQL: the same pool
	dsn    string

	wstmts, rstmts *stmtCache // SQLite only: prepared statements per pool
}

var _ claimdesk.DB = (*DB)(nil)

// Dialect returns "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.d.name }

// Close closes both pools.
func (db *DB) Close() error {
	db.wstmts.close()
	db.rstmts.close()
	err := db.writer.Close()
	if db.reader != db.writer {
		err = errors.Join(err, db.reader.Close())
	}
	return err
}

// SQL returns the underlying writer pool, for tools and tests that need raw
// access (on SQLite it holds the one write connection: do not keep it busy).
func (db *DB) SQL() *sql.DB { return db.writer }

// Ping checks that the database answers and that its migrations are current.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.reader.PingContext(ctx); err != nil {
		return mapErr(err, "database")
	}
	cur, target, err := versions(ctx, db.reader, db.d)
	if err != nil {
		return mapErr(err, "migration version")
	}
	if cur < target {
		return claimdesk.Errorf(claimdesk.CodeUnavailable, "database schema is at version %d, this binary needs %d: run claimdesk migrate", cur, target)
	}
	return nil
}

// Stores returns stores whose methods each run on their own (a write that
// needs several statements runs them in its own transaction).
func (db *DB) Stores() claimdesk.Stores { return (&conn{db: db}).stores() }

// WithTx runs fn in one write transaction: every store it gets shares it. It
// commits when fn returns nil and rolls back otherwise (and on panic). Use
// only the stores fn is given inside it: on SQLite the transaction holds the
// one writer connection, so a write through db.Stores() or a nested WithTx
// would wait for it forever.
func (db *DB) WithTx(ctx context.Context, fn func(claimdesk.Stores) error) (err error) {
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err, "transaction")
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
	}()
	c := &conn{db: db, tx: tx}
	if err := fn(c.stores()); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return mapErr(err, "transaction")
	}
	return nil
}

// queryer is what *sql.DB and *sql.Tx have in common.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// run executes queries written with ? placeholders on a queryer, through
// cached prepared statements where it has them.
type run struct {
	q  queryer
	d  *dialect
	sc *stmtCache // statements of the pool q is (or whose connection tx holds)
	tx *sql.Tx    // set when q is a transaction
}

// stmt returns a prepared statement for query, or nil.
func (r run) stmt(ctx context.Context, query string) *sql.Stmt {
	if r.sc == nil {
		return nil
	}
	if r.tx == nil {
		return r.sc.get(ctx, query, true)
	}
	s := r.sc.get(ctx, query, false)
	if s == nil {
		return nil
	}
	return r.tx.StmtContext(ctx, s)
}

func (r run) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	query = r.d.rebind(query)
	if s := r.stmt(ctx, query); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return r.q.ExecContext(ctx, query, args...)
}

func (r run) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	query = r.d.rebind(query)
	if s := r.stmt(ctx, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return r.q.QueryContext(ctx, query, args...)
}

func (r run) row(ctx context.Context, query string, args ...any) *sql.Row {
	query = r.d.rebind(query)
	if s := r.stmt(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return r.q.QueryRowContext(ctx, query, args...)
}

// affected returns the rows a statement changed, or its error.
func (r run) affected(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := r.exec(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// conn is the state every store shares: the database and, within WithTx,
// the transaction.
type conn struct {
	db *DB
	tx *sql.Tx
}

func (c *conn) stores() claimdesk.Stores {
	return claimdesk.Stores{
		Shops:       shopStore{c},
		Customers:   customerStore{c},
		Users:       userStore{c},
		Orders:      orderStore{c},
		Cases:       caseStore{c},
		APIKeys:     keyStore{c},
		Idempotency: idemStore{c},
		Sessions:    sessionStore{c},
		Articles:    articleStore{c},
		Meta:        metaStore{c},
		Jobs:        jobStore{c},
		Webhooks:    webhookStore{c},
		Mail:        mailStore{c},
		Tokens:      tokenStore{c},
		SavedViews:  savedViewStore{c},
		Macros:      macroStore{c},
		CSAT:        csatStore{c},
		Terms:       termsStore{c},
		Reports:     reportStore{c},
	}
}

// r returns a runner for reads: the transaction, or the reader pool.
func (c *conn) r() run {
	if c.tx != nil {
		return c.txRun(c.tx)
	}
	return run{q: c.db.reader, d: c.db.d, sc: c.db.rstmts}
}

// txRun returns a runner on a write transaction.
func (c *conn) txRun(tx *sql.Tx) run {
	return run{q: tx, d: c.db.d, sc: c.db.wstmts, tx: tx}
}

// w returns a runner for single-statement writes: the transaction, or the
// writer.
func (c *conn) w() run {
	if c.tx != nil {
		return c.txRun(c.tx)
	}
	return run{q: c.db.writer, d: c.db.d, sc: c.db.wstmts}
}

// inTx runs fn in the current transaction, or in a new write transaction
// that it commits when fn succeeds.
func (c *conn) inTx(ctx context.Context, fn func(r run) error) error {
	if c.tx != nil {
		return fn(c.txRun(c.tx))
	}
	tx, err := c.db.writer.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err, "transaction")
	}
	if err := fn(c.txRun(tx)); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return mapErr(err, "transaction")
	}
	return nil
}
