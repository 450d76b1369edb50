package sqlstore_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/sqlstore"
)

// seedReports bulk-inserts n cases on n/2 orders (two lines each) spread
// over a year, five shops and 1000 customers, with fees, refunds, reasons,
// findings and first-response times, straight through SQL.
func seedReports(b *testing.B, db claimdesk.DB, n int) {
	b.Helper()
	ctx := context.Background()
	for i := 0; i < 5; i++ {
		id := "shop" + strconv.Itoa(i)
		if err := db.Stores().Shops.CreateShop(ctx, &claimdesk.Shop{ID: id, Name: id, Country: "NO", Lang: "nb", CasePrefix: "P" + id}); err != nil {
			b.Fatal(err)
		}
	}
	// Orders every 630 s, cases every 315 s from 2026-05-28: a year each.
	ts := func(expr string) string { return "(1780000000000000 + (" + expr + ") * 1000000)" }
	if db.Dialect() == "postgres" {
		ts = func(expr string) string { return "to_timestamp(1780000000 + (" + expr + "))" }
	}
	json := func(expr, typ string) string { return expr }
	if db.Dialect() == "postgres" {
		json = func(expr, typ string) string { return "CAST(" + expr + " AS " + typ + ")" }
	}
	seq := func(n int) string {
		return `(WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < ` + strconv.Itoa(n) + `) SELECT x FROM r) AS q`
	}
	orders := n / 2
	order := `((x - 1) % ` + strconv.Itoa(orders) + ` + 1)`
	stmts := []string{
		`INSERT INTO customers (id, shop_id, kind, name, created_at, updated_at, last_active_at)
		SELECT x, 'shop' || (x % 5), 'consumer', 'Kunde ' || x, ` + ts("0") + `, ` + ts("0") + `, ` + ts("0") + ` FROM ` + seq(1000),
		`INSERT INTO orders (id, shop_id, external_id, customer_id, ordered_at, currency, created_at, updated_at)
		SELECT x, 'shop' || (x % 5), 'O-' || x, 1 + (x % 1000), ` + ts("x * 630") + `, 'NOK', ` + ts("x * 630") + `, ` + ts("x * 630") + `
		FROM ` + seq(orders),
		`INSERT INTO order_lines (order_id, position, line_no, sku, category, manufacturer, quantity, unit_price, vat_rate)
		SELECT x, p.p, p.p + 1, 'SKU-' || ((x + p.p) % 40), 'cat' || ((x + p.p) % 12), 'maker' || ((x + p.p) % 30), 1 + (x % 3), 19900, 2500
		FROM ` + seq(orders) + `, (SELECT 0 AS p UNION ALL SELECT 1) AS p`,
		`INSERT INTO cases (number, shop_id, kind, customer_id, order_id, subject, search, status, currency, fees, refunded,
			assessment, finding, created_at, updated_at, due_at, first_due_at, first_response_at, version)
		SELECT 'N-' || x, 'shop' || (` + order + ` % 5), CASE x % 6 WHEN 0 THEN 'withdrawal' WHEN 1 THEN 'return' WHEN 2 THEN 'defect'
			WHEN 3 THEN 'warranty' WHEN 4 THEN 'general' ELSE 'transport_damage' END,
			1 + (` + order + ` % 1000), ` + order + `, 'Sak', 'sak', CASE x % 4 WHEN 0 THEN 'open' WHEN 1 THEN 'waiting' ELSE 'closed' END, 'NOK',
			` + json(`CASE WHEN x % 3 = 0 THEN '[{"code":"return_fee","amount":250.00}]' ELSE '[]' END`, "JSONB") + `, CASE WHEN x % 5 = 0 THEN 49900 ELSE 0 END,
			` + json(`CASE x % 4 WHEN 0 THEN '{"reasons":["statutory_floor"]}' WHEN 1 THEN '{"reasons":["deadline_passed","not_unused"]}' ELSE '{"reasons":[]}' END`, "JSON") + `,
			CASE WHEN x % 7 = 0 THEN 'no_fault_found' ELSE '' END,
			` + ts("x * 315") + `, ` + ts("x * 315") + `, ` + ts("x * 315 + 86400") + `, ` + ts("x * 315 + 86400") + `,
			CASE WHEN x % 3 = 0 THEN NULL ELSE ` + ts("x * 315 + (x % 2) * 100000") + ` END, 1
		FROM ` + seq(n),
		`INSERT INTO case_lines (case_id, position, sku, quantity)
		SELECT c.id, 0, ol.sku, 1 FROM cases c JOIN order_lines ol ON ol.order_id = c.order_id AND ol.position = 0`,
	}
	raw := db.(*sqlstore.DB).SQL()
	for _, q := range stmts {
		if _, err := raw.ExecContext(ctx, q); err != nil {
			b.Fatalf("%v\n%s", err, q)
		}
	}
	analyze := `ANALYZE`
	if db.Dialect() == "postgres" {
		analyze = `VACUUM ANALYZE`
	}
	if _, err := raw.ExecContext(ctx, analyze); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkDashboard runs every dashboard report of one shop for 90 days
// in 13 weekly buckets, on 100 000 cases (CLAIMDESK_BENCH_REPORT_CASES
// changes it), and reports its time as a multiple of counting the shop's
// cases (x-count) measured in the same run.
func BenchmarkDashboard(b *testing.B) {
	n := 100000
	if v, err := strconv.Atoi(os.Getenv("CLAIMDESK_BENCH_REPORT_CASES")); err == nil && v > 1 {
		n = v
	}
	for name, open := range benchDialects() {
		b.Run(name, func(b *testing.B) {
			db := open(b)
			seedReports(b, db, n)
			ctx := context.Background()
			s := db.Stores()
			to := time.Unix(1780000000, 0).UTC().AddDate(0, 9, 0)
			q := claimdesk.ReportQuery{ShopID: "shop1", From: to.AddDate(0, 0, -91), To: to, Now: to}
			for w := q.From; w.Before(to); w = w.AddDate(0, 0, 7) {
				q.Buckets = append(q.Buckets, w)
			}
			dashboard := func() {
				_, err1 := s.Reports.CaseVolume(ctx, q)
				_, err2 := s.Reports.SLAAttainment(ctx, q)
				_, err3 := s.Reports.Breaching(ctx, q.ShopID, q.Now)
				_, err4 := s.Reports.TopReasons(ctx, q, 10)
				_, err5 := s.Reports.ReturnRates(ctx, q, claimdesk.ByCategory)
				_, err6 := s.Reports.ReturnRates(ctx, q, claimdesk.ByManufacturer)
				_, err7 := s.Reports.MoneyTotals(ctx, q)
				for _, err := range []error{err1, err2, err3, err4, err5, err6, err7} {
					if err != nil {
						b.Fatal(err)
					}
				}
			}
			count := func() {
				if _, err := s.Cases.CountCases(ctx, claimdesk.CaseFilter{ShopIDs: []string{"shop1"}}); err != nil {
					b.Fatal(err)
				}
			}
			dashboard() // warm the statement caches
			if v, err := s.Reports.CaseVolume(ctx, q); err != nil || len(v) == 0 {
				b.Fatalf("no cases in the period: %v", err)
			}
			if r, err := s.Reports.ReturnRates(ctx, q, claimdesk.ByManufacturer); err != nil || len(r) == 0 || r[0].Returned == 0 {
				b.Fatalf("no returns in the period: %v %v", r, err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				dashboard()
			}
			b.StopTimer()
			per := b.Elapsed() / time.Duration(b.N)
			start := time.Now()
			for i := 0; i < b.N; i++ {
				count()
			}
			base := time.Since(start) / time.Duration(b.N)
			b.ReportMetric(float64(per)/float64(base), "x-count")
			b.ReportMetric(float64(base.Microseconds()), "µs-count")
		})
	}
}
