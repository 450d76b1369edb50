package sqlstore_test

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/sqlstore"
)

// seedCases bulk-inserts n cases spread over 5 shops, 4 statuses and 1000
// customers straight through SQL, for the query benchmarks.
func seedCases(b *testing.B, db claimdesk.DB, n int) {
	b.Helper()
	ctx := context.Background()
	s := db.Stores()
	for i := 0; i < 5; i++ {
		id := "shop" + strconv.Itoa(i)
		if err := s.Shops.CreateShop(ctx, &claimdesk.Shop{ID: id, Name: id, Country: "NO", Lang: "nb", CasePrefix: "P" + id}); err != nil {
			b.Fatal(err)
		}
	}
	raw := db.(*sqlstore.DB).SQL()
	ts := "1780000000000000 + x * 1000000"
	due := "CASE WHEN x % 7 = 0 THEN NULL ELSE 1780000000000000 + (x % 5000) * 60000000 END"
	if db.Dialect() == "postgres" {
		ts = "to_timestamp(1780000000 + x)"
		due = "CASE WHEN x % 7 = 0 THEN NULL ELSE to_timestamp(1780000000 + (x % 5000) * 60) END"
	}
	stmts := []string{
		`INSERT INTO customers (id, shop_id, kind, name, created_at, updated_at, last_active_at)
		SELECT x, 'shop' || (x % 5), 'consumer', 'Kunde ' || x, ` + ts + `, ` + ts + `, ` + ts + `
		FROM (WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 1000) SELECT x FROM r) AS q`,
		`INSERT INTO cases (number, shop_id, kind, customer_id, subject, search, status, created_at, updated_at, due_at, version)
		SELECT 'N-' || x, 'shop' || (x % 5), 'defect', 1 + (x % 1000), 'Sak ' || x, 'n-' || x || ' sak ' || x,
		CASE x % 4 WHEN 0 THEN 'open' WHEN 1 THEN 'waiting' WHEN 2 THEN 'resolved' ELSE 'closed' END,
		` + ts + `, ` + ts + `, ` + due + `, 1
		FROM (WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < ` + strconv.Itoa(n) + `) SELECT x FROM r) AS q`,
	}
	for _, q := range stmts {
		if _, err := raw.ExecContext(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	analyze := `ANALYZE`
	if db.Dialect() == "postgres" {
		analyze = `VACUUM ANALYZE` // as autovacuum would have, for index-only scans
	}
	if _, err := raw.ExecContext(ctx, analyze); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkCaseQueries measures CountCases and the first page of FindCases
// on a million cases (set CLAIMDESK_BENCH_CASES to change the size).
func BenchmarkCaseQueries(b *testing.B) {
	n := 1000000
	if v, err := strconv.Atoi(os.Getenv("CLAIMDESK_BENCH_CASES")); err == nil && v > 0 {
		n = v
	}
	for name, open := range benchDialects() {
		b.Run(name, func(b *testing.B) {
			db := open(b)
			seedCases(b, db, n)
			ctx := context.Background()
			cs := db.Stores().Cases
			open := []claimdesk.Status{claimdesk.StatusOpen, claimdesk.StatusWaiting}
			for _, tc := range []struct {
				name string
				f    claimdesk.CaseFilter
			}{
				{"shop", claimdesk.CaseFilter{ShopIDs: []string{"shop1"}}},
				{"queue", claimdesk.CaseFilter{ShopIDs: []string{"shop1"}, Statuses: open, Sort: "due"}},
				{"customer", claimdesk.CaseFilter{CustomerIDs: []int64{42}}},
				{"query", claimdesk.CaseFilter{ShopIDs: []string{"shop1"}, Query: "n-4242"}},
			} {
				b.Run("count/"+tc.name, func(b *testing.B) {
					for i := 0; i < b.N; i++ {
						if _, err := cs.CountCases(ctx, tc.f); err != nil {
							b.Fatal(err)
						}
					}
				})
				b.Run("find/"+tc.name, func(b *testing.B) {
					for i := 0; i < b.N; i++ {
						if _, _, err := cs.FindCases(ctx, tc.f); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
