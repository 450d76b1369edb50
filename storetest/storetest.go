// Package storetest is the contract every claimdesk.DB implementation must
// meet: Run exercises each store against a fresh database. It also opens
// test databases for other packages' tests: OpenSQLite always, OpenPostgres
// when CLAIMDESK_TEST_POSTGRES holds a DSN.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/sqlstore"
)

// EnvPostgres names the environment variable holding the DSN of a
// PostgreSQL database the tests may create schemas in.
const EnvPostgres = "CLAIMDESK_TEST_POSTGRES"

// Opener opens a fresh, empty, migrated database for one test; the database
// is closed (and dropped) when the test ends.
type Opener func(t *testing.T) claimdesk.DB

// OpenSQLite opens a fresh SQLite database in a file under t.TempDir().
func OpenSQLite(t *testing.T) claimdesk.DB {
	t.Helper()
	return OpenDialect(t, "sqlite")
}

// OpenDialect opens a fresh database of the dialect ("sqlite" or
// "postgres") for a test or a benchmark; "postgres" skips without
// CLAIMDESK_TEST_POSTGRES.
func OpenDialect(tb testing.TB, dialect string) claimdesk.DB {
	tb.Helper()
	var dsn string
	var opts []sqlstore.Option
	switch dialect {
	case "sqlite":
		dsn = filepath.Join(tb.TempDir(), "claimdesk.db")
	case "postgres":
		dsn = PostgresDSN(tb)
		opts = append(opts, sqlstore.WithMaxOpenConns(8))
	default:
		tb.Fatalf("unknown dialect %q", dialect)
	}
	db, err := sqlstore.Open(context.Background(), dsn, opts...)
	if err != nil {
		tb.Fatalf("open %s: %v", dialect, err)
	}
	tb.Cleanup(func() { db.Close() }) // runs before a PostgreSQL schema is dropped
	return db
}

// PostgresDSN returns a DSN for a fresh schema on the PostgreSQL named by
// CLAIMDESK_TEST_POSTGRES, dropped when the test ends. It skips the test
// when the variable is unset.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		t.Skip("PostgreSQL suite skipped: set " + EnvPostgres + "=postgres://…")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open PostgreSQL: %v", err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "test_" + hex.EncodeToString(b)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
		admin.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", EnvPostgres, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// OpenPostgres opens a fresh schema on the PostgreSQL named by
// CLAIMDESK_TEST_POSTGRES; it skips the test when the variable is unset.
func OpenPostgres(t *testing.T) claimdesk.DB {
	t.Helper()
	return OpenDialect(t, "postgres")
}

// Dialects returns an opener per database: "sqlite" always, "postgres" too
// when CLAIMDESK_TEST_POSTGRES is set.
func Dialects() map[string]Opener {
	m := map[string]Opener{"sqlite": OpenSQLite}
	if os.Getenv(EnvPostgres) != "" {
		m["postgres"] = OpenPostgres
	}
	return m
}

// Run runs the whole contract against databases from open, one fresh
// database per test.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open Opener)
	}{
		{"Meta", testMeta},
		{"Ping", testPing},
		{"Shops", testShops},
		{"Customers", testCustomers},
		{"CustomerSearch", testCustomerSearch},
		{"Users", testUsers},
		{"Orders", testOrders},
		{"OrderPages", testOrderPages},
		{"Cases", testCases},
		{"CaseVersion", testCaseVersion},
		{"CaseEvents", testCaseEvents},
		{"CaseMessages", testCaseMessages},
		{"CaseFilters", testCaseFilters},
		{"CasePages", testCasePages},
		{"CaseSearch", testCaseSearch},
		{"CaseSequence", testCaseSequence},
		{"ConcurrentCreateCase", testConcurrentCreateCase},
		{"APIKeys", testAPIKeys},
		{"Idempotency", testIdempotency},
		{"Sessions", testSessions},
		{"GuestSessions", testGuestSessions},
		{"Articles", testArticles},
		{"WithTx", testWithTx},
		{"TimesAreUTC", testTimesUTC},
		{"Jobs", testJobs},
		{"JobsConcurrentClaims", testJobsConcurrentClaims},
		{"Webhooks", testWebhookStore},
		{"Mail", testMailStore},
		{"Tokens", testTokens},
		{"SavedViews", testSavedViews},
		{"Macros", testMacros},
		{"CSAT", testCSAT},
		{"ShopTerms", testShopTerms},
		{"Reports", testReports},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open) })
	}
}
