package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"strings"

	_ "modernc.org/sqlite" // the SQLite driver, as the store uses it
)

// runBackup writes a consistent copy of the SQLite database with VACUUM
// INTO, which reads one snapshot of a WAL database and so works while the
// server is writing to it.
func runBackup(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	var dest string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		dest, args = args[0], args[1:]
	}
	cfg, err := parseConfig(env, fs, args)
	if err != nil {
		return err
	}
	if dest == "" && fs.NArg() > 0 {
		dest = fs.Arg(0)
	}
	if dest == "" {
		return usageErr("usage: claimdesk backup FILE")
	}
	path, ok := sqlitePath(cfg.DatabaseURL)
	if !ok {
		return usageErr("backup copies SQLite databases; for PostgreSQL use pg_dump")
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("database %s: %w", path, err)
	}
	if _, err := os.Stat(dest); err == nil {
		return usageErr("%s exists; choose a new file", dest)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fi, err := os.Stat(dest)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "backed up %s to %s (%d bytes)\n", path, dest, fi.Size())
	return nil
}

// sqlitePath returns the file of a SQLite DSN, as sqlstore reads it.
func sqlitePath(dsn string) (string, bool) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return "", false
	}
	p := strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite:"), "file:")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	return p, true
}
