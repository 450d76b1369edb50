package web

import (
	"html/template"
	"strconv"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// layout makes the dashboard's tables and charts from the overview;
// csvBase is the export link without the table's name.
func (d *dashData) layout(l *locale, csvBase string) {
	dash := d.D
	weeks := make([]string, len(dash.Weeks))
	for i, w := range dash.Weeks {
		weeks[i] = strconv.Itoa(w.Week)
	}
	d.volume(l, weeks)
	d.sla(l, weeks)
	d.reasons(l)
	d.Categories, d.CategoryChart = returnsTable(l, "categories", "dashboard.categories_caption", "dashboard.col_category", dash.Categories)
	d.Makers, d.MakerChart = returnsTable(l, "manufacturers", "dashboard.manufacturers_caption", "dashboard.col_manufacturer", dash.Makers)
	d.money(l, weeks)
	for _, t := range d.tables() {
		t.CSV = csvBase + t.Name
	}
}

// weekHead is a week's row header: "Week 47, 16 Nov 2026 – 22 Nov 2026",
// exported as an ISO interval.
func weekHead(l *locale, w casework.DashboardWeek) dashCell {
	return rowHead(l.T("dashboard.week_span", "week", w.Week, "from", l.Date(w.Start), "to", l.Date(w.End)), w.Start.String()+"/"+w.End.String())
}

func (d *dashData) volume(l *locale, weeks []string) {
	dash := d.D
	t := &dashTable{Name: "volume", Caption: l.T("dashboard.volume_caption"), Head: []string{l.T("dashboard.col_week")}}
	c := chart{ID: "chart-volume", Title: l.T("dashboard.volume_h"), Desc: l.T("dashboard.volume_chart"), Labels: weeks, Stacked: true}
	for k, kind := range dash.Kinds {
		name := l.T("kind." + string(kind))
		t.Head = append(t.Head, name)
		s := series{Name: name, Values: make([]int64, len(dash.Weeks))}
		for w := range dash.Weeks {
			s.Values[w] = int64(dash.Volume[w][k])
		}
		c.Series = append(c.Series, s)
	}
	t.Head = append(t.Head, l.T("dashboard.total"))
	for w, week := range dash.Weeks {
		row := []dashCell{weekHead(l, week)}
		for _, n := range dash.Volume[w] {
			row = append(row, numCell(l, n))
		}
		t.Rows = append(t.Rows, append(row, numCell(l, dash.WeekTotals[w])))
	}
	foot := []dashCell{rowHead(l.T("dashboard.total"), "")}
	for _, n := range dash.KindTotals {
		foot = append(foot, numCell(l, n))
	}
	t.Foot = [][]dashCell{append(foot, numCell(l, dash.TotalCases))}
	d.Volume = t
	if dash.TotalCases > 0 {
		d.VolumeChart = c.SVG()
	}
}

func (d *dashData) sla(l *locale, weeks []string) {
	dash := d.D
	t := &dashTable{Name: "sla", Caption: l.T("dashboard.sla_caption"), Head: []string{l.T("dashboard.col_week"),
		l.T("dashboard.col_target"), l.T("dashboard.col_met"), l.T("dashboard.col_missed"), l.T("dashboard.col_pending"), l.T("dashboard.col_rate")}}
	row := func(head dashCell, c claimdesk.SLACount) []dashCell {
		rate := dashCell{Text: l.T("dashboard.no_rate"), Raw: "-", Num: true, Muted: true}
		if bp, ok := casework.Attainment(c); ok {
			rate = rateCell(l, bp)
		}
		return []dashCell{head, numCell(l, c.Met+c.Missed+c.Pending), numCell(l, c.Met), numCell(l, c.Missed), numCell(l, c.Pending), rate}
	}
	s := series{Name: l.T("dashboard.col_rate"), Values: make([]int64, len(dash.Weeks))}
	for w, week := range dash.Weeks {
		t.Rows = append(t.Rows, row(weekHead(l, week), dash.SLA[w]))
		s.Values[w] = -1
		if bp, ok := casework.Attainment(dash.SLA[w]); ok {
			s.Values[w] = int64(bp)
		}
	}
	t.Foot = [][]dashCell{row(rowHead(l.T("dashboard.total"), ""), dash.SLATotal)}
	d.SLA = t
	if _, ok := casework.Attainment(dash.SLATotal); ok {
		d.SLAChart = chart{ID: "chart-sla", Title: l.T("dashboard.sla_h"), Desc: l.T("dashboard.sla_chart"), Labels: weeks,
			Series: []series{s}, Max: 10000, Format: func(v int64) string { return percent(l, int(v)) }}.SVG()
	}
}

// reasonLabel names a decision reason or a finding in the page's language.
func reasonLabel(l *locale, r claimdesk.ReasonCount) string {
	if r.Source == "finding" {
		return l.Label("dashboard.finding.", r.Code)
	}
	return l.Label("dashboard.reason.", r.Code)
}

func (d *dashData) reasons(l *locale) {
	dash := d.D
	t := &dashTable{Name: "reasons", Caption: l.T("dashboard.reasons_caption"), Head: []string{l.T("dashboard.col_reason"),
		l.T("dashboard.col_source"), l.T("dashboard.col_cases"), l.T("dashboard.col_share")}}
	c := chart{ID: "chart-reasons", Title: l.T("dashboard.reasons_h"), Desc: l.T("dashboard.reasons_chart"), Horizontal: true,
		Series: []series{{Name: l.T("dashboard.col_cases")}}}
	for _, r := range dash.Reasons {
		label := reasonLabel(l, r)
		share, _ := casework.Share(r.Cases, dash.ReasonTotal)
		t.Rows = append(t.Rows, []dashCell{rowHead(label, r.Code), {Text: l.T("dashboard.source_" + r.Source), Raw: r.Source},
			numCell(l, r.Cases), rateCell(l, share)})
		c.Labels = append(c.Labels, label)
		c.Series[0].Values = append(c.Series[0].Values, int64(r.Cases))
	}
	d.Reasons = t
	if len(dash.Reasons) > 0 {
		d.ReasonChart = c.SVG()
	}
}

func returnsTable(l *locale, name, caption, col string, rows []casework.ReturnRow) (*dashTable, template.HTML) {
	t := &dashTable{Name: name, Caption: l.T(caption), Head: []string{l.T(col), l.T("dashboard.col_sold"), l.T("dashboard.col_returned"),
		l.T("dashboard.col_return_rate"), l.T("dashboard.col_faulty"), l.T("dashboard.col_fault_rate")}}
	c := chart{ID: "chart-" + name, Title: t.Caption, Desc: l.T("dashboard.returns_chart", "min", casework.MinUnitsForRate),
		Horizontal: true, Stacked: true, MinMax: 1000, Format: func(v int64) string { return percent(l, int(v)) },
		Series: []series{{Name: l.T("dashboard.col_returned")}, {Name: l.T("dashboard.col_faulty")}}}
	for _, r := range rows {
		group := r.Group
		if group == "" {
			group = l.T("dashboard.no_group")
		}
		tooFew := dashCell{Text: l.T("dashboard.too_few"), Raw: "-", Num: true, Muted: true}
		returned, faulty := tooFew, tooFew
		if r.Rated {
			returned, faulty = rateCell(l, r.ReturnedBP), rateCell(l, r.FaultyBP)
			c.Labels = append(c.Labels, group)
			c.Series[0].Values = append(c.Series[0].Values, int64(r.ReturnedBP))
			c.Series[1].Values = append(c.Series[1].Values, int64(r.FaultyBP))
		}
		t.Rows = append(t.Rows, []dashCell{rowHead(group, r.Group), numCell(l, r.Sold), numCell(l, r.Returned), returned, numCell(l, r.Faulty), faulty})
	}
	if len(c.Labels) == 0 {
		return t, ""
	}
	return t, c.SVG()
}

func (d *dashData) money(l *locale, weeks []string) {
	dash := d.D
	t := &dashTable{Name: "money", Caption: l.T("dashboard.money_caption"), Head: []string{l.T("dashboard.col_week"),
		l.T("dashboard.col_currency"), l.T("dashboard.col_fees"), l.T("dashboard.col_refunded"), l.T("dashboard.col_cases")}}
	for _, m := range dash.Money {
		cur := m.Currency
		c := chart{ID: "chart-money-" + cur, Title: l.T("dashboard.money_h") + ", " + cur, Desc: l.T("dashboard.money_chart", "currency", cur),
			Labels: weeks, Format: func(v int64) string { return l.Money(claimdesk.Minor(v), cur) },
			Series: []series{{Name: l.T("dashboard.col_fees")}, {Name: l.T("dashboard.col_refunded")}}}
		for w, s := range m.Weeks {
			c.Series[0].Values = append(c.Series[0].Values, int64(s.Fees))
			c.Series[1].Values = append(c.Series[1].Values, int64(s.Refunded))
			if s.Cases > 0 {
				t.Rows = append(t.Rows, []dashCell{weekHead(l, dash.Weeks[w]), {Text: cur}, moneyCell(l, s.Fees, cur), moneyCell(l, s.Refunded, cur), numCell(l, s.Cases)})
			}
		}
		t.Foot = append(t.Foot, []dashCell{rowHead(l.T("dashboard.total"), ""), {Text: cur}, moneyCell(l, m.Total.Fees, cur),
			moneyCell(l, m.Total.Refunded, cur), numCell(l, m.Total.Cases)})
		d.MoneyCharts = append(d.MoneyCharts, c.SVG())
	}
	d.Money = t
}
