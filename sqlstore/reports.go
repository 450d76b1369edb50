package sqlstore

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk"
)

// reportStore runs the dashboard's aggregates. Buckets arrive as UTC
// instants made by the caller, so a bucket is a CASE over the timestamp
// column and neither database needs to know the shop's time zone.
type reportStore struct{ c *conn }

var _ claimdesk.ReportStore = reportStore{}

// checkReport refuses a query that selects nothing sensible.
func checkReport(q claimdesk.ReportQuery) error {
	if q.ShopID == "" || !q.From.Before(q.To) {
		return claimdesk.Errorf(claimdesk.CodeInvalid, "a report needs a shop and a period that ends after it starts")
	}
	for i, b := range q.Buckets {
		if (i == 0 && !b.Equal(q.From)) || (i > 0 && !q.Buckets[i-1].Before(b)) || !b.Before(q.To) {
			return claimdesk.Errorf(claimdesk.CodeInvalid, "report buckets must start at the period's start and ascend within it")
		}
	}
	return nil
}

// bucketExpr returns the expression numbering the bucket col falls in,
// with its arguments: nested CASEs that halve the buckets at each step, so
// a row takes a handful of comparisons however long the period.
func bucketExpr(d *dialect, col string, q claimdesk.ReportQuery) (string, []any) {
	var b strings.Builder
	var args []any
	var split func(lo, hi int)
	split = func(lo, hi int) {
		if lo >= hi {
			b.WriteString(strconv.Itoa(lo))
			return
		}
		mid := (lo + hi + 1) / 2
		b.WriteString("CASE WHEN " + col + " < ? THEN ")
		args = append(args, d.ts(q.Buckets[mid]))
		split(lo, mid-1)
		b.WriteString(" ELSE ")
		split(mid, hi)
		b.WriteString(" END")
	}
	split(0, len(q.Buckets)-1)
	return b.String(), args
}

// caseRange is the WHERE clause selecting the shop's cases opened in the
// period, merged duplicates left out; alias names the cases table.
func caseRange(d *dialect, alias string, q claimdesk.ReportQuery) (string, []any) {
	a := alias + "."
	return a + "shop_id = ? AND " + a + "created_at >= ? AND " + a + "created_at < ? AND " + a + "merged_into IS NULL",
		[]any{q.ShopID, d.ts(q.From), d.ts(q.To)}
}

// CaseVolume counts cases opened per bucket and kind.
func (s reportStore) CaseVolume(ctx context.Context, q claimdesk.ReportQuery) ([]claimdesk.KindCount, error) {
	if err := checkReport(q); err != nil {
		return nil, err
	}
	d := s.c.db.d
	bucket, args := bucketExpr(d, "c.created_at", q)
	where, wargs := caseRange(d, "c", q)
	query := `SELECT ` + bucket + `, c.kind, COUNT(*) FROM cases c WHERE ` + where + ` GROUP BY 1, 2 ORDER BY 1, 2`
	out := []claimdesk.KindCount{}
	err := s.scan(ctx, query, append(args, wargs...), func(sc scanner) error {
		var k claimdesk.KindCount
		err := sc.Scan(&k.Bucket, &k.Kind, &k.Cases)
		out = append(out, k)
		return err
	})
	return out, err
}

// answeredAt is when a case was first answered: the first reply to the
// customer or its closing, whichever came first (NULL for neither).
const answeredAt = `CASE WHEN c.first_response_at IS NULL THEN c.closed_at
	WHEN c.closed_at IS NULL OR c.first_response_at <= c.closed_at THEN c.first_response_at ELSE c.closed_at END`

// SLAAttainment counts cases opened per bucket by whether they were
// answered by the first-response due time they were opened with.
func (s reportStore) SLAAttainment(ctx context.Context, q claimdesk.ReportQuery) ([]claimdesk.SLACount, error) {
	if err := checkReport(q); err != nil {
		return nil, err
	}
	d := s.c.db.d
	bucket, args := bucketExpr(d, "x.created_at", q)
	where, wargs := caseRange(d, "c", q)
	query := `SELECT ` + bucket + `,
		SUM(CASE WHEN x.answered IS NOT NULL AND x.answered <= x.due THEN 1 ELSE 0 END),
		SUM(CASE WHEN x.answered > x.due OR (x.answered IS NULL AND x.due < ?) THEN 1 ELSE 0 END),
		SUM(CASE WHEN x.answered IS NULL AND x.due >= ? THEN 1 ELSE 0 END)
	FROM (SELECT c.created_at, c.first_due_at AS due, ` + answeredAt + ` AS answered
		FROM cases c WHERE ` + where + ` AND c.first_due_at IS NOT NULL) x
	GROUP BY 1 ORDER BY 1`
	args = append(args, d.ts(q.Now), d.ts(q.Now))
	out := []claimdesk.SLACount{}
	err := s.scan(ctx, query, append(args, wargs...), func(sc scanner) error {
		var c claimdesk.SLACount
		err := sc.Scan(&c.Bucket, &c.Met, &c.Missed, &c.Pending)
		out = append(out, c)
		return err
	})
	return out, err
}

// Breaching counts the shop's open cases whose due time has passed (a
// merged case is closed), from the queue's index alone.
func (s reportStore) Breaching(ctx context.Context, shopID string, now time.Time) (int, error) {
	var n int
	err := s.c.r().row(ctx, `SELECT COUNT(*) FROM cases WHERE shop_id = ? AND status IN ('open', 'waiting')
		AND due_at < ?`, shopID, s.c.db.d.ts(now)).Scan(&n)
	return n, mapErr(err, "cases")
}

// decisionReasons returns the FROM clause yielding one row (c, code) per
// reason of a case's stored decision.
func decisionReasons(d *dialect) string {
	if d.pg() {
		return `cases c CROSS JOIN LATERAL json_array_elements_text(CASE WHEN json_typeof(c.assessment -> 'reasons') = 'array'
			THEN c.assessment -> 'reasons' ELSE '[]'::json END) AS j(code)`
	}
	return `cases c, json_each(CASE WHEN json_type(c.assessment, '$.reasons') = 'array'
		THEN json_extract(c.assessment, '$.reasons') ELSE '[]' END) AS j`
}

// TopReasons returns the most frequent decision reasons and findings.
func (s reportStore) TopReasons(ctx context.Context, q claimdesk.ReportQuery, limit int) ([]claimdesk.ReasonCount, error) {
	if err := checkReport(q); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 100 {
		limit = 10
	}
	d := s.c.db.d
	where, wargs := caseRange(d, "c", q)
	code := "j.value"
	if d.pg() {
		code = "j.code"
	}
	query := `SELECT src, code, COUNT(*) FROM (
		SELECT 'decision' AS src, ` + code + ` AS code FROM ` + decisionReasons(d) + ` WHERE ` + where + `
		UNION ALL
		SELECT 'finding', c.finding FROM cases c WHERE ` + where + ` AND c.finding <> ''
	) x GROUP BY src, code ORDER BY 3 DESC, 2, 1 LIMIT ?`
	args := append(append(wargs, wargs...), limit)
	out := []claimdesk.ReasonCount{}
	err := s.scan(ctx, query, args, func(sc scanner) error {
		var r claimdesk.ReasonCount
		err := sc.Scan(&r.Source, &r.Code, &r.Cases)
		out = append(out, r)
		return err
	})
	return out, err
}

// sqlReturnRates adds up, per GROUPCOL (category or manufacturer), the
// units on the shop's orders placed in the period and the units of those
// orders that came back in cases. A case line takes the group of its SKU's
// line on the order (the smallest, should the SKU be on two lines).
const sqlReturnRates = `SELECT grp, CAST(SUM(sold) AS BIGINT), CAST(SUM(returned) AS BIGINT), CAST(SUM(faulty) AS BIGINT) FROM (
	SELECT ol.GROUPCOL AS grp, ol.quantity AS sold, 0 AS returned, 0 AS faulty
	FROM orders o JOIN order_lines ol ON ol.order_id = o.id
	WHERE o.shop_id = ? AND o.ordered_at >= ? AND o.ordered_at < ?
	UNION ALL
	SELECT COALESCE((SELECT MIN(ol.GROUPCOL) FROM order_lines ol WHERE ol.order_id = c.order_id AND ol.sku = cl.sku), ''), 0,
		CASE WHEN c.kind IN ('withdrawal', 'return') THEN cl.quantity ELSE 0 END,
		CASE WHEN c.kind IN ('defect', 'warranty', 'doa') THEN cl.quantity ELSE 0 END
	FROM orders o JOIN cases c ON c.order_id = o.id JOIN case_lines cl ON cl.case_id = c.id
	WHERE o.shop_id = ? AND o.ordered_at >= ? AND o.ordered_at < ? AND c.merged_into IS NULL
		AND c.kind IN ('withdrawal', 'return', 'defect', 'warranty', 'doa')
) x GROUP BY grp HAVING SUM(sold) > 0 ORDER BY SUM(sold) DESC, grp`

// ReturnRates groups units sold and returned by category or manufacturer.
func (s reportStore) ReturnRates(ctx context.Context, q claimdesk.ReportQuery, by string) ([]claimdesk.ReturnCount, error) {
	if err := checkReport(q); err != nil {
		return nil, err
	}
	if by != claimdesk.ByCategory && by != claimdesk.ByManufacturer {
		return nil, claimdesk.Errorf(claimdesk.CodeInvalid, "return rates are grouped by %q or %q", claimdesk.ByCategory, claimdesk.ByManufacturer)
	}
	d := s.c.db.d
	query := strings.ReplaceAll(sqlReturnRates, "GROUPCOL", by)
	out := []claimdesk.ReturnCount{}
	period := []any{q.ShopID, d.ts(q.From), d.ts(q.To)}
	err := s.scan(ctx, query, append(period, period...), func(sc scanner) error {
		var r claimdesk.ReturnCount
		err := sc.Scan(&r.Group, &r.Sold, &r.Returned, &r.Faulty)
		out = append(out, r)
		return err
	})
	return out, err
}

// caseFees returns the expression summing a case's fees in minor units.
// The fees are JSON with decimal amounts ("250.00"): PostgreSQL reads them
// as numeric; SQLite as a double, which holds every two-decimal amount
// below 2^53 minor units closely enough that rounding each one back to
// whole minor units before summing is exact.
func caseFees(d *dialect) string {
	if d.pg() {
		return `(SELECT COALESCE(SUM(ROUND((f ->> 'amount')::numeric * 100)), 0)::bigint FROM jsonb_array_elements(c.fees) AS f)`
	}
	return `(SELECT COALESCE(SUM(CAST(ROUND(json_extract(f.value, '$.amount') * 100) AS INTEGER)), 0) FROM json_each(c.fees) AS f)`
}

// MoneyTotals sums the fees and refunds of the cases opened per bucket and
// currency; buckets and currencies without either are left out.
func (s reportStore) MoneyTotals(ctx context.Context, q claimdesk.ReportQuery) ([]claimdesk.MoneySum, error) {
	if err := checkReport(q); err != nil {
		return nil, err
	}
	d := s.c.db.d
	bucket, args := bucketExpr(d, "x.created_at", q)
	where, wargs := caseRange(d, "c", q)
	query := `SELECT ` + bucket + `, x.currency, CAST(SUM(x.fee) AS BIGINT), CAST(SUM(x.refunded) AS BIGINT), COUNT(*)
	FROM (SELECT c.created_at, c.currency, c.refunded, ` + caseFees(d) + ` AS fee FROM cases c WHERE ` + where + `) x
	WHERE x.fee <> 0 OR x.refunded <> 0
	GROUP BY 1, 2 ORDER BY 1, 2`
	out := []claimdesk.MoneySum{}
	err := s.scan(ctx, query, append(args, wargs...), func(sc scanner) error {
		var m claimdesk.MoneySum
		var fees, refunded int64
		err := sc.Scan(&m.Bucket, &m.Currency, &fees, &refunded, &m.Cases)
		m.Fees, m.Refunded = claimdesk.Minor(fees), claimdesk.Minor(refunded)
		out = append(out, m)
		return err
	})
	return out, err
}

// scan runs a report query on the readers and hands each row to fn.
func (s reportStore) scan(ctx context.Context, query string, args []any, fn func(scanner) error) error {
	rows, err := s.c.r().query(ctx, query, args...)
	if err != nil {
		return mapErr(err, "report")
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return mapErr(err, "report")
		}
	}
	return mapErr(rows.Err(), "report")
}
