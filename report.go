package claimdesk

import (
	"context"
	"time"
)

// ReportQuery selects what a report aggregates: one shop's cases opened (or
// orders placed) in [From, To), counted per bucket. Instants are UTC; the
// caller makes the buckets (weeks starting on Monday in the shop's time
// zone), so no database has to know about time zones.
type ReportQuery struct {
	ShopID string
	From   time.Time // inclusive
	To     time.Time // exclusive
	// Buckets are the start instants of the buckets, ascending; Buckets[0]
	// is From and bucket i ends where bucket i+1 starts (the last at To).
	// Empty means one bucket for the whole period.
	Buckets []time.Time
	// Now decides which unanswered cases have missed their due time.
	Now time.Time
}

// Bucket returns the index of the bucket holding t (0 when there are none).
func (q ReportQuery) Bucket(t time.Time) int {
	i := 0
	for i+1 < len(q.Buckets) && !t.Before(q.Buckets[i+1]) {
		i++
	}
	return i
}

// KindCount is the number of cases of one kind opened in one bucket.
type KindCount struct {
	Bucket int
	Kind   CaseKind
	Cases  int
}

// SLACount is the first-response record of the cases opened in one bucket
// that had a first-response due time. A case is answered when an agent
// first replied to the customer or the case was closed, whichever came
// first; it met the target when that was no later than the due time it was
// opened with. Unanswered cases have missed it once that time is past
// (Now), and are pending before.
type SLACount struct {
	Bucket  int
	Met     int
	Missed  int
	Pending int
}

// ReasonCount is how many cases carry a reason code: a reason of the policy
// engine's decision (Source "decision") or the finding recorded after the
// goods were inspected (Source "finding").
type ReasonCount struct {
	Source string
	Code   string
	Cases  int
}

// Report groupings of ReturnRates.
const (
	ByCategory     = "category"
	ByManufacturer = "manufacturer"
)

// ReturnCount compares units sold with units that came back in cases, for
// one product category or manufacturer. Sold counts the units on the
// shop's orders placed in the period; Returned the units of those orders
// in withdrawal and return cases, Faulty those in defect, warranty and
// dead-on-arrival cases, whenever these were opened.
type ReturnCount struct {
	Group    string
	Sold     int
	Returned int
	Faulty   int
}

// MoneySum is what the cases opened in one bucket in one currency charged
// and paid back, in minor units: the fees of their decisions, and the
// refunds paid.
type MoneySum struct {
	Bucket   int
	Currency string
	Fees     Minor
	Refunded Minor
	Cases    int // cases with a fee or a refund
}

// ReportStore aggregates a shop's cases and orders for the dashboard. Every
// method leaves out cases merged into another one.
type ReportStore interface {
	// CaseVolume counts cases opened per bucket and kind.
	CaseVolume(ctx context.Context, q ReportQuery) ([]KindCount, error)
	// SLAAttainment counts cases opened per bucket by whether they met
	// their first-response due time.
	SLAAttainment(ctx context.Context, q ReportQuery) ([]SLACount, error)
	// Breaching counts the shop's open cases whose current due time is
	// before now, whenever they were opened.
	Breaching(ctx context.Context, shopID string, now time.Time) (int, error)
	// TopReasons returns the most frequent reason codes of the cases opened
	// in the period, most frequent first (ties by code), at most limit.
	TopReasons(ctx context.Context, q ReportQuery, limit int) ([]ReasonCount, error)
	// ReturnRates groups units sold and returned by ByCategory or
	// ByManufacturer, most sold first. Buckets are ignored. Returns invalid
	// for another grouping.
	ReturnRates(ctx context.Context, q ReportQuery, by string) ([]ReturnCount, error)
	// MoneyTotals sums fees and refunds of the cases opened per bucket and
	// currency.
	MoneyTotals(ctx context.Context, q ReportQuery) ([]MoneySum, error)
}
