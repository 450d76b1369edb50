package web

import (
	"encoding/csv"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// periodCustom is the period choice that takes the form's dates.
const periodCustom = "custom"

// dashData is the dashboard page: the form, and the overview as charts
// and tables.
type dashData struct {
	Form     *form
	Shops    []*claimdesk.Shop
	Shop     string
	Periods  []string
	Period   string
	From     string // the period's first and last day, for the date inputs
	To       string
	D        *casework.Dashboard
	Showing  string
	MinUnits int // units sold before a group is rated

	Attainment  string // on time in the whole period, or "–"
	CSATAverage string // the average rating, one decimal in the page's language
	Volume      *dashTable
	SLA         *dashTable
	Reasons     *dashTable
	Categories  *dashTable
	Makers      *dashTable
	Money       *dashTable

	VolumeChart   template.HTML
	SLAChart      template.HTML
	ReasonChart   template.HTML
	CategoryChart template.HTML
	MakerChart    template.HTML
	MoneyCharts   []template.HTML
}

// tables lists the tables in page order, for the CSV export.
func (d *dashData) tables() []*dashTable {
	return []*dashTable{d.Volume, d.SLA, d.Reasons, d.Categories, d.Makers, d.Money}
}

// dashboard is the shop's overview for agents: GET with the shop and the
// period, so it works with JavaScript off and every view has a link.
func (h *Handler) dashboard(w http.ResponseWriter, r *http.Request) {
	p, ok := h.deskPage(w, r, "dashboard.title")
	if !ok {
		return
	}
	p.Nav = "dashboard"
	d, err := h.dashboardData(r, p)
	p.Data = d
	switch {
	case claimdesk.IsCode(err, claimdesk.CodeInvalid):
		d.Form.Add("d-from", p.L.T("dashboard.err_period"))
		h.render(w, r, http.StatusUnprocessableEntity, "dashboard", p)
	case err != nil:
		h.fail(w, r, err)
	default:
		h.render(w, r, http.StatusOK, "dashboard", p)
	}
}

// dashboardCSV exports one of the dashboard's tables (?table=volume, sla,
// reasons, categories, manufacturers or money) with the page's headings;
// numbers are plain, amounts decimals with a point, weeks ISO intervals.
func (h *Handler) dashboardCSV(w http.ResponseWriter, r *http.Request) {
	p, ok := h.deskPage(w, r, "dashboard.title")
	if !ok {
		return
	}
	d, err := h.dashboardData(r, p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	name := r.URL.Query().Get("table")
	i := slices.IndexFunc(d.tables(), func(t *dashTable) bool { return t.Name == name })
	if i < 0 {
		h.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	t := d.tables()[i]
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-%s-%s-%s.csv"`, d.Shop, t.Name, d.From, d.To))
	cw := csv.NewWriter(w)
	_ = cw.Write(t.Head)
	for _, row := range append(slices.Clone(t.Rows), t.Foot...) {
		rec := make([]string, len(row))
		for j, c := range row {
			rec[j] = c.csv()
		}
		_ = cw.Write(rec)
	}
	cw.Flush()
}

// dashboardData reads the form, asks casework for the overview and lays
// it out. On an error it still returns the form.
func (h *Handler) dashboardData(r *http.Request, p *page) (*dashData, error) {
	ctx := r.Context()
	q := r.URL.Query()
	d := &dashData{Form: newForm(q), Periods: append(slices.Clone(casework.PeriodPresets), periodCustom),
		Shop: q.Get("shop"), Period: q.Get("period"), From: q.Get("from"), To: q.Get("to"), MinUnits: casework.MinUnitsForRate}
	all, err := h.svc.ListShops(ctx)
	if err != nil {
		return d, err
	}
	for _, s := range all {
		if p.Actor.Staff(s.ID) {
			d.Shops = append(d.Shops, s)
		}
	}
	if d.Shop == "" && len(d.Shops) > 0 {
		d.Shop = d.Shops[0].ID
	}
	in := casework.DashboardInput{ShopID: d.Shop, Preset: d.Period}
	if d.Period == periodCustom {
		in.Preset = ""
		from, ferr := claimdesk.ParseDate(d.From)
		to, terr := claimdesk.ParseDate(d.To)
		if ferr != nil || terr != nil {
			return d, claimdesk.Errorf(claimdesk.CodeInvalid, "the period's dates are not dates")
		}
		in.From, in.To = from, to
	}
	dash, err := h.svc.Dashboard(ctx, in)
	if err != nil {
		return d, err
	}
	d.D, d.From, d.To, d.Period = dash, dash.From.String(), dash.To.String(), dash.Preset
	if d.Period == "" {
		d.Period = periodCustom
	}
	l := p.L
	d.Showing = l.T("dashboard.showing", "shop", dash.Shop.Name, "from", l.Date(dash.From), "to", l.Date(dash.To))
	d.Attainment = l.T("dashboard.no_rate")
	if bp, ok := casework.Attainment(dash.SLATotal); ok {
		d.Attainment = percent(l, bp)
	}
	d.CSATAverage = strings.Replace(strconv.FormatFloat(dash.CSAT.Average, 'f', 1, 64), ".", l.decimal, 1)
	v := url.Values{"shop": {d.Shop}, "period": {d.Period}, "from": {d.From}, "to": {d.To}}
	d.layout(l, "/desk/dashboard.csv?"+v.Encode()+"&table=")
	return d, nil
}

// percent formats basis points as a percentage with one decimal.
func percent(l *locale, bp int) string {
	tenths := (bp + 5) / 10
	return l.T("dashboard.percent", "n", fmt.Sprintf("%d%s%d", tenths/10, l.decimal, tenths%10))
}

// percentCSV writes basis points as a percentage with two decimals.
func percentCSV(bp int) string { return fmt.Sprintf("%d.%02d", bp/100, bp%100) }

// dashTable is one of the dashboard's tables, made once for the page and
// for the CSV export.
type dashTable struct {
	Name    string // the export's table= value
	Caption string
	CSV     string // the export's link
	Head    []string
	Rows    [][]dashCell
	Foot    [][]dashCell
}

// dashCell is a table cell as the page shows it and as the export holds it.
type dashCell struct {
	Text  string
	Raw   string // the export's value; Text when empty
	Row   bool   // the row's header
	Num   bool   // a number, aligned right
	Muted bool
}

// csv returns the cell's export value; text that a spreadsheet would take
// for a formula is quoted with an apostrophe.
func (c dashCell) csv() string {
	s := c.Raw
	if s == "" {
		s = c.Text
	}
	if !c.Num && s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func rowHead(text, raw string) dashCell { return dashCell{Text: text, Raw: raw, Row: true} }

func numCell(l *locale, n int) dashCell {
	return dashCell{Text: l.Int(int64(n)), Raw: fmt.Sprint(n), Num: true}
}

func rateCell(l *locale, bp int) dashCell {
	return dashCell{Text: percent(l, bp), Raw: percentCSV(bp), Num: true}
}

func moneyCell(l *locale, m claimdesk.Minor, currency string) dashCell {
	return dashCell{Text: l.Money(m, currency), Raw: m.String(), Num: true}
}
