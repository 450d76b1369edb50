package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// dashboardCases opens the cases the dashboard tests count: at Digital
// Låssmed a withdrawal of two padlocks (the terms' 250 kr return fee),
// answered by Knut; at Dustin two complaints, the monitor's answered by
// Henrik, the dock's not.
func dashboardCases(t *testing.T, f *fixture) (knut, henrik *browser) {
	t.Helper()
	w := f.createCase("silje.bakken@example.net", casework.OpenCaseInput{Kind: claimdesk.KindWithdrawal, OrderExternalID: "DL-100457",
		Lines: []claimdesk.CaseLine{{SKU: "HANG-ABUS-55", Quantity: 2}}, Description: "Jeg angrer kjøpet av hengelåsene."})
	monitor := f.createCase("ingrid.haugen@example.net", casework.OpenCaseInput{Kind: claimdesk.KindDefect, OrderExternalID: "5004127733",
		Lines: []claimdesk.CaseLine{{SKU: "DELL-U2724D", Quantity: 1}}, Description: "Skjermen flimrer etter ti minutter."})
	f.createCase("magnus@nordvik-regnskap.example", casework.OpenCaseInput{Kind: claimdesk.KindDefect, OrderExternalID: "5004090456",
		Lines: []claimdesk.CaseLine{{SKU: "LEN-TB4-DOCK", Quantity: 1}}, Description: "Dokken gir ikke strøm til skjermene."})
	knut, henrik = f.signIn("knut.hovland@digitallassmed.example"), f.signIn("henrik.moe@dustin.example")
	for _, r := range []struct {
		b      *browser
		number string
	}{{knut, w.Number}, {henrik, monitor.Number}} {
		if p := r.b.post("/desk/cases/"+r.number+"/messages", url.Values{"mode": {"reply"}, "body": {"Takk, vi ser på det."}}); p.status != 200 {
			t.Fatalf("reply: %d", p.status)
		}
	}
	return knut, henrik
}

// rowTexts returns the text of each row of the table with the id.
func rowTexts(p page, id string) []string {
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "tr" {
			var cells []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode {
					cells = append(cells, text(c))
				}
			}
			out = append(out, strings.Join(cells, " | "))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	if n := p.byID(id); n != nil {
		walk(n)
	}
	return out
}

// TestDashboard: the dashboard on the demo with JavaScript off shows what
// the demo's orders and the cases above imply, in the page's language,
// with a chart and a table per measure and a CSV export of each table.
func TestDashboard(t *testing.T) {
	f := newFixture(t)
	knut, henrik := dashboardCases(t, f)

	t.Run("Dustin, last 30 days", func(t *testing.T) {
		p := henrik.get("/desk/dashboard?lang=en")
		if p.status != 200 {
			t.Fatalf("status %d", p.status)
		}
		if got := text(p.byID("dash-showing")); got != "Dustin, 25 Oct 2026 – 23 Nov 2026" {
			t.Errorf("showing %q", got)
		}
		checks := []struct{ table, row string }{
			{"table-volume", "Week 48, 23 Nov 2026 – 23 Nov 2026 | 2 | 2"},
			{"table-volume", "Total | 2 | 2"},
			{"table-sla", "Total | 2 | 1 | 0 | 1 | 100.0 %"},
			// Lenovo: 3 laptops and 3 docks 20 days ago, a dock 2 days ago.
			{"table-manufacturers", "Lenovo | 7 | 0 | 0.0 % | 1 | 14.3 %"},
			{"table-manufacturers", "Dell | 4 | 0 | too few sold | 1 | too few sold"},
			{"table-categories", "dock | 4 | 0 | too few sold | 1 | too few sold"},
		}
		for _, c := range checks {
			if rows := rowTexts(p, c.table); !slices.Contains(rows, c.row) {
				t.Errorf("%s lacks %q:\n%s", c.table, c.row, strings.Join(rows, "\n"))
			}
		}
		if got := text(p.byID("sla-attainment")) + "/" + text(p.byID("sla-breaching")); got != "100.0 %/0" {
			t.Errorf("attainment/breaching %q", got)
		}
		// Charts: volume, SLA and manufacturers (no category sold five).
		if n := strings.Count(p.body, `<svg class="chart" role="img"`); n != 3 {
			t.Errorf("%d charts, want 3", n)
		}
		for _, w := range []string{`<title id="chart-volume-t">Case volume</title>`, `aria-current="page">Dashboard</a>`,
			"No fees were charged", "No reasons were recorded", "Fault or defect"} {
			if !strings.Contains(p.body, w) {
				t.Errorf("page lacks %q", w)
			}
		}
	})

	t.Run("Digital Låssmed, fees in Norwegian", func(t *testing.T) {
		p := knut.get("/desk/dashboard?shop=digitallassmed&period=30d&lang=nb")
		if got := text(p.byID("dash-showing")); got != "Digital Låssmed, 25. okt. 2026 – 23. nov. 2026" {
			t.Errorf("showing %q", got)
		}
		rows := rowTexts(p, "table-money")
		if !slices.Contains(rows, "Totalt | NOK | 250,00 NOK | 0,00 NOK | 1") {
			t.Errorf("money rows:\n%s", strings.Join(rows, "\n"))
		}
		rows = rowTexts(p, "table-categories")
		if !slices.Contains(rows, "padlock | 2 | 2 | for få solgt | 0 | for få solgt") {
			t.Errorf("category rows:\n%s", strings.Join(rows, "\n"))
		}
		for _, w := range []string{"<h1>Oversikt</h1>", "Uke 48", `<option value="30d" selected>Siste 30 dager</option>`} {
			if !strings.Contains(p.body, w) {
				t.Errorf("page lacks %q", w)
			}
		}
	})

	t.Run("a custom period the wrong way round", func(t *testing.T) {
		p := henrik.get("/desk/dashboard?shop=dustin&period=custom&from=2026-11-30&to=2026-11-01&lang=en")
		if p.status != 422 || p.byID("error-summary") == nil || attr(p.byID("d-from"), "aria-invalid") != "true" || p.byID("volume") != nil {
			t.Fatalf("status %d, summary %v", p.status, p.byID("error-summary") != nil)
		}
		if attr(p.byID("d-from"), "value") != "2026-11-30" {
			t.Error("the form lost the dates")
		}
	})

	t.Run("CSV export", func(t *testing.T) {
		res, body := henrik.rawText("/desk/dashboard.csv?shop=dustin&period=30d&table=manufacturers&lang=en")
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" ||
			!strings.Contains(res.Header.Get("Content-Disposition"), `filename="dustin-manufacturers-2026-10-25-2026-11-23.csv"`) {
			t.Fatalf("%d %v", res.StatusCode, res.Header)
		}
		want := "Manufacturer,Units sold,Returned,Return rate,Faulty,Fault rate\nLenovo,7,0,0.00,1,14.29\nDell,4,0,-,1,-\nJabra,1,0,-,0,-\n"
		if body != want {
			t.Errorf("CSV\n%s\nwant\n%s", body, want)
		}
		res, body = knut.rawText("/desk/dashboard.csv?shop=digitallassmed&period=7d&table=money&lang=en") // the case is today
		if want := "Total,NOK,250.00,0.00,1"; res.StatusCode != 200 || !strings.Contains(body, want) {
			t.Errorf("money CSV %d lacks %q:\n%s", res.StatusCode, want, body)
		}
		if res, _ := henrik.rawText("/desk/dashboard.csv?shop=dustin&table=nope"); res.StatusCode != 404 {
			t.Errorf("unknown table: %d", res.StatusCode)
		}
	})

	t.Run("who may see it", func(t *testing.T) {
		if p := knut.get("/desk/dashboard?shop=dustin"); p.status != 403 {
			t.Errorf("an agent of another shop: %d", p.status)
		}
		if res, _ := knut.rawText("/desk/dashboard.csv?shop=dustin&table=volume"); res.StatusCode != 403 {
			t.Errorf("another shop's CSV: %d", res.StatusCode)
		}
		if p := f.signIn("ingrid.haugen@example.net").get("/desk/dashboard?shop=dustin"); !strings.HasPrefix(p.url, "/desk/login") {
			t.Errorf("a customer at %s", p.url)
		}
		if p := f.browser().get("/desk/dashboard.csv?shop=dustin&table=volume"); !strings.HasPrefix(p.url, "/desk/login") {
			t.Errorf("nobody at %s", p.url)
		}
	})
}

// rawText fetches a path that is not a page, such as a CSV export, as text.
func (b *browser) rawText(path string) (*http.Response, string) {
	b.f.t.Helper()
	res, data := b.raw(path)
	return res, string(data)
}
