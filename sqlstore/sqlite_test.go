package sqlstore_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/sqlstore"
	"github.com/claimdesk/claimdesk/storetest"
)

func TestSQLite(t *testing.T) {
	storetest.Run(t, storetest.OpenSQLite)
}

func TestSQLiteDSNForms(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ name, dsn string }{
		{"plain path", filepath.Join(dir, "a.db")},
		{"sqlite: prefix", "sqlite:" + filepath.Join(dir, "b.db")},
		{"file: prefix with query", "file:" + filepath.Join(dir, "c.db") + "?cache=private"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, err := sqlstore.Open(context.Background(), tc.dsn)
			if err != nil {
				t.Fatalf("Open(%q): %v", tc.dsn, err)
			}
			defer db.Close()
			if err := db.Ping(context.Background()); err != nil {
				t.Errorf("Ping: %v", err)
			}
			if db.Dialect() != sqlstore.DialectSQLite {
				t.Errorf("Dialect = %q", db.Dialect())
			}
		})
	}
	_, err := sqlstore.Open(context.Background(), ":memory:")
	if !claimdesk.IsCode(err, claimdesk.CodeInvalid) {
		t.Errorf("Open(:memory:) = %v, want invalid", err)
	}
}

func TestSQLiteMigrationStatus(t *testing.T) {
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "m.db")
	db, err := sqlstore.Open(ctx, dsn, sqlstore.WithoutMigrate())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Ping(ctx); !claimdesk.IsCode(err, claimdesk.CodeUnavailable) {
		t.Errorf("Ping before migrating = %v, want unavailable", err)
	}
	cur, target, err := sqlstore.MigrationStatus(ctx, dsn)
	if err != nil || cur != 0 || target < 1 {
		t.Errorf("MigrationStatus before = %d, %d, %v", cur, target, err)
	}
	if err := sqlstore.Migrate(ctx, dsn); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	if err := sqlstore.Migrate(ctx, dsn); err != nil {
		t.Fatalf("Migrate again: %v", err)
	}
	if err := db.Ping(ctx); err != nil {
		t.Errorf("Ping after migrating: %v", err)
	}
	cur, target, err = sqlstore.MigrationStatus(ctx, dsn)
	if err != nil || cur != target {
		t.Errorf("MigrationStatus after = %d, %d, %v", cur, target, err)
	}
}

func BenchmarkCreateCase(b *testing.B) {
	for name, open := range benchDialects() {
		b.Run(name, func(b *testing.B) { storetest.BenchCreateCase(b, open) })
	}
}
