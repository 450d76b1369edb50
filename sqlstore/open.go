package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/claimdesk/claimdesk"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// Option changes how Open opens a database.
type Option func(*options)

type options struct {
	migrate      bool
	maxOpen      int
	busyTimeout  time.Duration
	connLifetime time.Duration
}

// WithoutMigrate opens the database without applying pending migrations; Ping
// then fails until someone runs Migrate.
func WithoutMigrate() Option { return func(o *options) { o.migrate = false } }

// WithMaxOpenConns sets the size of the PostgreSQL pool, or of the SQLite
// reader pool (SQLite always has exactly one writer connection).
func WithMaxOpenConns(n int) Option { return func(o *options) { o.maxOpen = n } }

// WithBusyTimeout sets how long SQLite waits for a lock before it gives up
// (default 10 s).
func WithBusyTimeout(d time.Duration) Option { return func(o *options) { o.busyTimeout = d } }

// Open opens and migrates the database named by dsn: "postgres://…" or
// "postgresql://…" opens PostgreSQL; "sqlite:PATH", "file:PATH" or a plain
// path opens SQLite (created if missing). Query parameters of a SQLite DSN
// other than the pragmas Open sets are passed on to the driver.
func Open(ctx context.Context, dsn string, opts ...Option) (claimdesk.DB, error) {
	db, err := open(ctx, dsn, opts...)
	if err != nil {
		return nil, err
	}
	return db, nil
}

func open(ctx context.Context, dsn string, opts ...Option) (*DB, error) {
	o := options{migrate: true, busyTimeout: 10 * time.Second, connLifetime: time.Hour}
	for _, opt := range opts {
		opt(&o)
	}
	var db *DB
	var err error
	if isPostgres(dsn) {
		db, err = openPostgres(dsn, o)
	} else {
		db, err = openSQLite(dsn, o)
	}
	if err != nil {
		return nil, err
	}
	if o.migrate {
		if err := migrateDB(ctx, db); err != nil {
			db.Close()
			return nil, err
		}
	}
	db.prepareHot(ctx)
	return db, nil
}

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

func openPostgres(dsn string, o options) (*DB, error) {
	p, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, claimdesk.Wrap(err, claimdesk.CodeInvalid, "bad PostgreSQL DSN")
	}
	n := o.maxOpen
	if n <= 0 {
		n = 20
	}
	n = max(n, 2) // migrations hold one connection for their lock
	p.SetMaxOpenConns(n)
	p.SetMaxIdleConns(n)
	p.SetConnMaxLifetime(o.connLifetime)
	return &DB{d: &dialect{name: DialectPostgres}, writer: p, reader: p, dsn: dsn}, nil
}

// sqliteDSNs returns the modernc DSNs of the writer and of the readers.
func sqliteDSNs(dsn string, busy time.Duration) (writer, reader string, err error) {
	p := strings.TrimPrefix(dsn, "sqlite://")
	p = strings.TrimPrefix(p, "sqlite:")
	p = strings.TrimPrefix(p, "file:")
	p, rawQuery, _ := strings.Cut(p, "?")
	if p == "" || p == ":memory:" || strings.HasPrefix(p, ":memory:") {
		return "", "", claimdesk.Errorf(claimdesk.CodeInvalid, "SQLite needs a file path (in-memory databases are not supported)")
	}
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return "", "", claimdesk.Wrap(err, claimdesk.CodeInvalid, "bad SQLite DSN")
	}
	// The pool opens connections lazily, maybe long after Open: a relative
	// path must not follow the process's working directory when it moves,
	// or a later connection opens (and creates) another, empty database.
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	q.Del("_txlock")
	q.Add("_pragma", "busy_timeout("+strconv.FormatInt(busy.Milliseconds(), 10)+")")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	base := "file:" + p + "?" + q.Encode()
	return base + "&_txlock=immediate", base, nil
}

func openSQLite(dsn string, o options) (*DB, error) {
	wdsn, rdsn, err := sqliteDSNs(dsn, o.busyTimeout)
	if err != nil {
		return nil, err
	}
	w, err := sql.Open("sqlite", wdsn)
	if err != nil {
		return nil, claimdesk.Wrap(err, claimdesk.CodeInvalid, "bad SQLite DSN")
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	r, err := sql.Open("sqlite", rdsn)
	if err != nil {
		w.Close()
		return nil, claimdesk.Wrap(err, claimdesk.CodeInvalid, "bad SQLite DSN")
	}
	n := o.maxOpen
	if n <= 0 {
		n = max(4, runtime.NumCPU())
	}
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	r.SetConnMaxLifetime(0)
	return &DB{d: &dialect{name: DialectSQLite}, writer: w, reader: r, dsn: dsn,
		wstmts: newStmtCache(w), rstmts: newStmtCache(r)}, nil
}

// Migrate opens the database named by dsn, applies every pending migration
// and closes it. Several instances may migrate one PostgreSQL at once: they
// take turns under an advisory lock.
func Migrate(ctx context.Context, dsn string) error {
	db, err := open(ctx, dsn)
	if err != nil {
		return err
	}
	return db.Close()
}

// MigrationStatus reports the schema version of the database named by dsn
// and the version the embedded migrations lead to, without changing anything.
func MigrationStatus(ctx context.Context, dsn string) (current, target int64, err error) {
	db, err := open(ctx, dsn, WithoutMigrate())
	if err != nil {
		return 0, 0, err
	}
	defer db.Close()
	cur, tgt, err := versions(ctx, db.reader, db.d)
	if err != nil {
		return 0, 0, mapErr(err, "migration version")
	}
	return cur, tgt, nil
}

// migrationsFS returns the dialect's migrations directory.
func migrationsFS(d *dialect) fs.FS {
	sub, err := fs.Sub(migrations, path.Join("migrations", d.name))
	if err != nil {
		panic(err) // the embedded directories exist
	}
	return sub
}

// targetVersion returns the highest embedded migration version.
func targetVersion(d *dialect) (int64, error) {
	entries, err := fs.ReadDir(migrationsFS(d), ".")
	if err != nil {
		return 0, err
	}
	var max int64
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		if !ok {
			continue
		}
		v, err := strconv.ParseInt(num, 10, 64)
		if err == nil && v > max {
			max = v
		}
	}
	return max, nil
}

// versions returns the applied schema version (0 before any migration) and
// the target version.
func versions(ctx context.Context, q *sql.DB, d *dialect) (current, target int64, err error) {
	target, err = targetVersion(d)
	if err != nil {
		return 0, 0, err
	}
	var exists bool
	if d.pg() {
		err = q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'goose_db_version')`).Scan(&exists)
	} else {
		err = q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'goose_db_version')`).Scan(&exists)
	}
	if err != nil || !exists {
		return 0, target, err
	}
	err = q.QueryRowContext(ctx, `SELECT COALESCE(MAX(version_id), 0) FROM goose_db_version WHERE is_applied`).Scan(&current)
	return current, target, err
}

// migrateDB applies pending migrations. On PostgreSQL it holds a session
// advisory lock, keyed by the current schema, for the whole run so that
// concurrent instances wait for each other instead of failing.
func migrateDB(ctx context.Context, db *DB) error {
	dialect := goose.DialectSQLite3
	if db.d.pg() {
		dialect = goose.DialectPostgres
	}
	if db.d.pg() {
		c, err := db.writer.Conn(ctx)
		if err != nil {
			return claimdesk.Wrap(err, claimdesk.CodeUnavailable, "the database cannot be reached")
		}
		defer c.Close()
		if _, err := c.ExecContext(ctx, `SELECT pg_advisory_lock(hashtext('claimdesk.migrate.' || current_schema()))`); err != nil {
			return mapErr(err, "migration lock")
		}
		defer c.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(hashtext('claimdesk.migrate.' || current_schema()))`)
	}
	p, err := goose.NewProvider(dialect, db.writer, migrationsFS(db.d))
	if err != nil {
		return claimdesk.Wrap(err, claimdesk.CodeInternal, "loading migrations")
	}
	if _, err := p.Up(ctx); err != nil {
		return claimdesk.Wrap(err, claimdesk.CodeUnavailable, fmt.Sprintf("migrating the %s database", db.d.name))
	}
	return nil
}
