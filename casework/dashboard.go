package casework

import (
	"context"
	"sort"
	"time"

	"github.com/claimdesk/claimdesk"
)

// Dashboard period presets; a custom period names its dates instead.
const (
	PeriodLast7    = "7d"
	PeriodLast30   = "30d"
	PeriodLast90   = "90d"
	PeriodThisYear = "year"
)

// PeriodPresets lists the presets in the order pages offer them.
var PeriodPresets = []string{PeriodLast7, PeriodLast30, PeriodLast90, PeriodThisYear}

// MinUnitsForRate is how many units must have been sold in a group before
// the dashboard gives it a return rate; fewer are shown as counts only.
const MinUnitsForRate = 5

// maxDashboardDays bounds a custom period.
const maxDashboardDays = 400

// DashboardInput names the shop and the period: a preset, or the first
// and last day (civil dates in the shop's time zone, both included). With
// neither, the last 30 days.
type DashboardInput struct {
	ShopID string
	Preset string
	From   claimdesk.Date
	To     claimdesk.Date
	// ReasonLimit is how many reasons to list; 0 means 10.
	ReasonLimit int
}

// DashboardWeek is one bucket of the dashboard: a week from Monday to
// Sunday in the shop's time zone, cut at the period's ends.
type DashboardWeek struct {
	Start claimdesk.Date // the bucket's first day
	End   claimdesk.Date // its last day
	Year  int            // ISO year and week of Start
	Week  int
}

// ReturnRow is one product group's return record with its rates in basis
// points of the units sold (1234 is 12.34 %); Rated is false when fewer
// than MinUnitsForRate units were sold, and the rates are then zero.
type ReturnRow struct {
	claimdesk.ReturnCount
	Rated      bool
	ReturnedBP int
	FaultyBP   int
}

// MoneyRow is one currency's fees and refunds per week (index as Weeks)
// and in total.
type MoneyRow struct {
	Currency string
	Weeks    []claimdesk.MoneySum
	Total    claimdesk.MoneySum
}

// Dashboard is the shop's after-sales overview for a period.
type Dashboard struct {
	Shop   *claimdesk.Shop
	Preset string // "" for a custom period
	From   claimdesk.Date
	To     claimdesk.Date
	Now    time.Time
	Weeks  []DashboardWeek

	// Kinds are the kinds with cases in the period, in CaseKinds order;
	// Volume[w][k] counts the cases of Kinds[k] opened in Weeks[w].
	Kinds       []claimdesk.CaseKind
	Volume      [][]int
	WeekTotals  []int
	KindTotals  []int
	TotalCases  int
	SLA         []claimdesk.SLACount // per week
	SLATotal    claimdesk.SLACount
	Breaching   int // open cases past their due time now, whenever opened
	Reasons     []claimdesk.ReasonCount
	Categories  []ReturnRow
	Makers      []ReturnRow
	Money       []MoneyRow
	ReasonTotal int // cases in the period, the reasons' denominator
	// CSAT sums up the satisfaction surveys first answered in the period.
	CSAT claimdesk.CSATSummary
}

// Attainment returns the share of answered-or-overdue cases that met the
// first-response target, in basis points, and false when there are none.
func Attainment(c claimdesk.SLACount) (int, bool) {
	return Share(c.Met, c.Met+c.Missed)
}

// Share returns n/d in basis points rounded half up, false for d = 0.
func Share(n, d int) (int, bool) {
	if d <= 0 {
		return 0, false
	}
	return (n*10000 + d/2) / d, true
}

// DashboardPeriod returns the first and last day of a preset ending today.
func DashboardPeriod(preset string, today claimdesk.Date) (claimdesk.Date, claimdesk.Date, bool) {
	switch preset {
	case PeriodLast7:
		return today.AddDays(-6), today, true
	case PeriodLast30:
		return today.AddDays(-29), today, true
	case PeriodLast90:
		return today.AddDays(-89), today, true
	case PeriodThisYear:
		return claimdesk.Date{Year: today.Year, Month: time.January, Day: 1}, today, true
	}
	return claimdesk.Date{}, claimdesk.Date{}, false
}

// Dashboard aggregates a shop's cases and orders for a period: case volume
// per week and kind, first-response SLA attainment, the cases breaching
// now, top reasons, return rates by category and manufacturer, and fees and
// refunds per currency. Only the shop's staff (its agents, its API keys)
// may read it.
func (s *Service) Dashboard(ctx context.Context, in DashboardInput) (*Dashboard, error) {
	a := claimdesk.ActorFrom(ctx)
	if a.Kind == claimdesk.ActorAnonymous {
		return nil, unauthenticated()
	}
	if !a.Staff(in.ShopID) {
		return nil, forbidden()
	}
	shop, err := s.stores().Shops.FindShop(ctx, in.ShopID)
	if err != nil {
		return nil, err
	}
	d := &Dashboard{Shop: shop, Now: s.now()}
	if err := d.setPeriod(in, s.today(shop)); err != nil {
		return nil, err
	}
	q := d.query()
	if err := s.fillDashboard(ctx, d, q, in.ReasonLimit); err != nil {
		return nil, err
	}
	if d.CSAT, err = s.stores().CSAT.SummarizeCSAT(ctx, shop.ID, q.From, q.To); err != nil {
		return nil, err
	}
	return d, nil
}

// setPeriod settles the period and cuts it into weeks.
func (d *Dashboard) setPeriod(in DashboardInput, today claimdesk.Date) error {
	d.From, d.To = in.From, in.To
	if d.From.IsZero() && d.To.IsZero() {
		d.Preset = in.Preset
		if d.Preset == "" {
			d.Preset = PeriodLast30
		}
		var ok bool
		if d.From, d.To, ok = DashboardPeriod(d.Preset, today); !ok {
			return fieldErr("period", "invalid", "the period must be one of 7d, 30d, 90d or year")
		}
	}
	switch {
	case d.From.IsZero() || d.To.IsZero():
		return fieldErr("from", "required", "a custom period needs its first and last day")
	case d.To.Before(d.From):
		return fieldErr("to", "before_from", "the period ends before it starts")
	case d.From.AddDays(maxDashboardDays).Before(d.To):
		return fieldErr("to", "too_long", "a period may be at most %d days", maxDashboardDays)
	}
	for start := d.From; !d.To.Before(start); {
		next := start.AddDays(1)
		for next.Time(time.UTC).Weekday() != time.Monday {
			next = next.AddDays(1)
		}
		end := next.AddDays(-1)
		if d.To.Before(end) {
			end = d.To
		}
		y, w := start.Time(time.UTC).ISOWeek()
		d.Weeks = append(d.Weeks, DashboardWeek{Start: start, End: end, Year: y, Week: w})
		start = next
	}
	return nil
}

// query returns the store query for the period: the weeks' starts as UTC
// instants of midnight in the shop's time zone.
func (d *Dashboard) query() claimdesk.ReportQuery {
	loc := d.Shop.Location()
	q := claimdesk.ReportQuery{ShopID: d.Shop.ID, From: d.From.Time(loc).UTC(), To: d.To.AddDays(1).Time(loc).UTC(), Now: d.Now}
	for _, w := range d.Weeks {
		q.Buckets = append(q.Buckets, w.Start.Time(loc).UTC())
	}
	return q
}

func (s *Service) fillDashboard(ctx context.Context, d *Dashboard, q claimdesk.ReportQuery, reasons int) error {
	r := s.stores().Reports
	volume, err := r.CaseVolume(ctx, q)
	if err != nil {
		return err
	}
	d.setVolume(volume)
	sla, err := r.SLAAttainment(ctx, q)
	if err != nil {
		return err
	}
	d.SLA = make([]claimdesk.SLACount, len(d.Weeks))
	for i := range d.SLA {
		d.SLA[i].Bucket = i
	}
	for _, c := range sla {
		d.SLA[c.Bucket] = c
		d.SLATotal.Met, d.SLATotal.Missed, d.SLATotal.Pending = d.SLATotal.Met+c.Met, d.SLATotal.Missed+c.Missed, d.SLATotal.Pending+c.Pending
	}
	if d.Breaching, err = r.Breaching(ctx, d.Shop.ID, d.Now); err != nil {
		return err
	}
	if reasons <= 0 {
		reasons = 10
	}
	if d.Reasons, err = r.TopReasons(ctx, q, reasons); err != nil {
		return err
	}
	if d.Categories, err = returnRows(ctx, r, q, claimdesk.ByCategory); err != nil {
		return err
	}
	if d.Makers, err = returnRows(ctx, r, q, claimdesk.ByManufacturer); err != nil {
		return err
	}
	money, err := r.MoneyTotals(ctx, q)
	if err != nil {
		return err
	}
	d.setMoney(money)
	return nil
}

// setVolume lays the counts out as weeks × the kinds that occur.
func (d *Dashboard) setVolume(counts []claimdesk.KindCount) {
	seen := map[claimdesk.CaseKind]bool{}
	for _, c := range counts {
		seen[c.Kind] = true
	}
	col := map[claimdesk.CaseKind]int{}
	for _, k := range claimdesk.CaseKinds {
		if seen[k] {
			col[k] = len(d.Kinds)
			d.Kinds = append(d.Kinds, k)
		}
	}
	d.Volume = make([][]int, len(d.Weeks))
	for i := range d.Volume {
		d.Volume[i] = make([]int, len(d.Kinds))
	}
	d.WeekTotals, d.KindTotals = make([]int, len(d.Weeks)), make([]int, len(d.Kinds))
	for _, c := range counts {
		k, ok := col[c.Kind]
		if !ok { // a kind this version does not know
			continue
		}
		d.Volume[c.Bucket][k] += c.Cases
		d.WeekTotals[c.Bucket] += c.Cases
		d.KindTotals[k] += c.Cases
		d.TotalCases += c.Cases
	}
	d.ReasonTotal = d.TotalCases
}

func returnRows(ctx context.Context, r claimdesk.ReportStore, q claimdesk.ReportQuery, by string) ([]ReturnRow, error) {
	counts, err := r.ReturnRates(ctx, q, by)
	if err != nil {
		return nil, err
	}
	out := make([]ReturnRow, 0, len(counts))
	for _, c := range counts {
		row := ReturnRow{ReturnCount: c, Rated: c.Sold >= MinUnitsForRate}
		if row.Rated {
			row.ReturnedBP, _ = Share(c.Returned, c.Sold)
			row.FaultyBP, _ = Share(c.Faulty, c.Sold)
		}
		out = append(out, row)
	}
	return out, nil
}

// setMoney groups the sums by currency, each with a row per week.
func (d *Dashboard) setMoney(sums []claimdesk.MoneySum) {
	byCur := map[string]int{}
	for _, m := range sums {
		i, ok := byCur[m.Currency]
		if !ok {
			i = len(d.Money)
			byCur[m.Currency] = i
			row := MoneyRow{Currency: m.Currency, Weeks: make([]claimdesk.MoneySum, len(d.Weeks)), Total: claimdesk.MoneySum{Currency: m.Currency}}
			for w := range row.Weeks {
				row.Weeks[w] = claimdesk.MoneySum{Bucket: w, Currency: m.Currency}
			}
			d.Money = append(d.Money, row)
		}
		row := &d.Money[i]
		row.Weeks[m.Bucket] = m
		row.Total.Fees += m.Fees
		row.Total.Refunded += m.Refunded
		row.Total.Cases += m.Cases
	}
	sort.Slice(d.Money, func(i, j int) bool { return d.Money[i].Currency < d.Money[j].Currency })
}
