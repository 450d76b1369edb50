package sqlstore_test

import (
	"context"
	"sync"
	"testing"

	"github.com/claimdesk/claimdesk"

	"github.com/claimdesk/claimdesk/sqlstore"
	"github.com/claimdesk/claimdesk/storetest"
)

// TestPostgres runs the contract on PostgreSQL, one fresh schema per test,
// when CLAIMDESK_TEST_POSTGRES holds a DSN.
func TestPostgres(t *testing.T) {
	storetest.Run(t, storetest.OpenPostgres)
}

// TestPostgresConcurrentMigrate opens several DBs on one empty schema at
// once: they must all migrate without error.
func TestPostgresConcurrentMigrate(t *testing.T) {
	dsn := storetest.PostgresDSN(t)
	ctx := context.Background()
	const n = 4
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := sqlstore.Open(ctx, dsn, sqlstore.WithMaxOpenConns(2))
			if err != nil {
				errs[i] = err
				return
			}
			defer db.Close()
			errs[i] = db.Ping(ctx)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("instance %d: %v", i, err)
		}
	}
	cur, target, err := sqlstore.MigrationStatus(ctx, dsn)
	if err != nil || cur != target {
		t.Errorf("MigrationStatus = %d, %d, %v", cur, target, err)
	}
}

// TestPostgresUnreachable needs no server: a database nobody answers for
// is unavailable, not an internal error.
func TestPostgresUnreachable(t *testing.T) {
	_, err := sqlstore.Open(context.Background(), "postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	if !claimdesk.IsCode(err, claimdesk.CodeUnavailable) {
		t.Errorf("Open of an unreachable PostgreSQL = %v, want unavailable", err)
	}
}
