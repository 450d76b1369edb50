package sqlstore_test

import (
	"os"
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/storetest"
)

// benchDialects returns the databases benchmarks run on: SQLite always,
// PostgreSQL when CLAIMDESK_TEST_POSTGRES is set.
func benchDialects() map[string]storetest.BenchOpener {
	m := map[string]storetest.BenchOpener{}
	names := []string{"sqlite"}
	if os.Getenv(storetest.EnvPostgres) != "" {
		names = append(names, "postgres")
	}
	for _, name := range names {
		m[name] = func(b *testing.B) claimdesk.DB { return storetest.OpenDialect(b, name) }
	}
	return m
}
