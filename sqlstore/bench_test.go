package sqlstore_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/sqlstore"
	"github.com/claimdesk/claimdesk/storetest"
)

// benchDialects returns the databases benchmarks run on: SQLite always,
// PostgreSQL when CLAIMDESK_TEST_POSTGRES is set.
func benchDialects() map[string]storetest.BenchOpener {
	m := map[string]storetest.BenchOpener{
		"sqlite": func(b *testing.B) claimdesk.DB {
			db, err := sqlstore.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { db.Close() })
			return db
		},
	}
	if os.Getenv(storetest.EnvPostgres) != "" {
		m["postgres"] = func(b *testing.B) claimdesk.DB {
			db, err := sqlstore.Open(context.Background(), storetest.PostgresDSN(b))
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { db.Close() })
			return db
		}
	}
	return m
}
