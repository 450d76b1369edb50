package casework_test

import (
	"context"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/storetest"
)

// TestDashboard: two complaints at Dustin, one answered within the hour,
// one left alone; the dashboard counts them per week and kind, against
// the first-response target, and against the units sold on the demo's
// orders. Only Dustin's staff may read it.
func TestDashboard(t *testing.T) {
	d := newDesk(t, storetest.OpenSQLite)
	henrik := d.as("", "henrik.moe@dustin.example")
	ingrid := d.as("dustin", "ingrid.haugen@example.net")
	monitor := d.open(ingrid, "dustin", casework.OpenCaseInput{Kind: claimdesk.KindDefect, OrderExternalID: "5004127733",
		Lines: line("DELL-U2724D", 1), Description: "Skjermen flimrer etter ti minutter."})
	d.open(d.as("dustin", "magnus@nordvik-regnskap.example"), "dustin", casework.OpenCaseInput{Kind: claimdesk.KindDefect,
		OrderExternalID: "5004090456", Lines: line("LEN-TB4-DOCK", 1), Description: "Dokken gir ikke strøm til skjermene."})
	d.clk.set(start.Add(time.Hour))
	if _, err := d.svc.AddMessage(henrik, monitor.Number, casework.MessageInput{Body: "Hei Ingrid, send oss skjermen."}); err != nil {
		t.Fatal(err)
	}

	dash, err := d.svc.Dashboard(henrik, casework.DashboardInput{ShopID: "dustin"})
	if err != nil {
		t.Fatal(err)
	}
	// The last 30 days up to Monday 23 November: 25 October – 23 November,
	// cut into six weeks (the first and the last one day long).
	if dash.Preset != casework.PeriodLast30 || dash.From.String() != "2026-10-25" || dash.To.String() != "2026-11-23" || len(dash.Weeks) != 6 {
		t.Fatalf("period %s %s – %s in %d weeks", dash.Preset, dash.From, dash.To, len(dash.Weeks))
	}
	if w := dash.Weeks[5]; w.Start.String() != "2026-11-23" || w.End.String() != "2026-11-23" || w.Week != 48 {
		t.Errorf("last week %+v", w)
	}
	if dash.TotalCases != 2 || len(dash.Kinds) != 1 || dash.Kinds[0] != claimdesk.KindDefect || dash.Volume[5][0] != 2 {
		t.Errorf("volume: %d cases, kinds %v, %v", dash.TotalCases, dash.Kinds, dash.Volume)
	}
	if got := dash.SLATotal; got.Met != 1 || got.Missed != 0 || got.Pending != 1 || dash.Breaching != 0 {
		t.Errorf("SLA %+v, breaching %d", got, dash.Breaching)
	}
	if bp, ok := casework.Attainment(dash.SLATotal); !ok || bp != 10000 {
		t.Errorf("attainment %d %v", bp, ok)
	}
	makers := map[string]casework.ReturnRow{}
	for _, r := range dash.Makers {
		makers[r.Group] = r
	}
	// Lenovo: 3 laptops and 3 docks on 5004090456, a dock on 5004131902.
	if l := makers["Lenovo"]; l.Sold != 7 || l.Faulty != 1 || !l.Rated || l.FaultyBP != 1429 {
		t.Errorf("Lenovo %+v", l)
	}
	if dl := makers["Dell"]; dl.Sold != 4 || dl.Faulty != 1 || dl.Rated || dl.FaultyBP != 0 {
		t.Errorf("Dell %+v (too few sold to rate)", dl)
	}

	// Three days on, the unanswered case has missed its target.
	d.clk.set(start.AddDate(0, 0, 3))
	dash, err = d.svc.Dashboard(henrik, casework.DashboardInput{ShopID: "dustin", Preset: casework.PeriodLast7})
	if err != nil {
		t.Fatal(err)
	}
	if got := dash.SLATotal; got.Met != 1 || got.Missed != 1 || got.Pending != 0 || dash.Breaching != 1 {
		t.Errorf("three days on: SLA %+v, breaching %d", got, dash.Breaching)
	}
	if bp, _ := casework.Attainment(dash.SLATotal); bp != 5000 {
		t.Errorf("attainment %d, want 5000", bp)
	}

	t.Run("periods", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			in   casework.DashboardInput
			code claimdesk.Code
		}{
			{"this year", casework.DashboardInput{ShopID: "dustin", Preset: casework.PeriodThisYear}, ""},
			{"custom", casework.DashboardInput{ShopID: "dustin", From: date("2026-11-01"), To: date("2026-11-30")}, ""},
			{"unknown preset", casework.DashboardInput{ShopID: "dustin", Preset: "decade"}, claimdesk.CodeInvalid},
			{"only a start", casework.DashboardInput{ShopID: "dustin", From: date("2026-11-01")}, claimdesk.CodeInvalid},
			{"backwards", casework.DashboardInput{ShopID: "dustin", From: date("2026-11-30"), To: date("2026-11-01")}, claimdesk.CodeInvalid},
			{"too long", casework.DashboardInput{ShopID: "dustin", From: date("2024-01-01"), To: date("2026-11-01")}, claimdesk.CodeInvalid},
		} {
			got, err := d.svc.Dashboard(henrik, tc.in)
			if tc.code == "" && (err != nil || got.Weeks[0].Start != got.From) {
				t.Errorf("%s: %v", tc.name, err)
			}
			if tc.code != "" && !claimdesk.IsCode(err, tc.code) {
				t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
			}
		}
	})

	t.Run("who may read it", func(t *testing.T) {
		key := func(shop string) context.Context {
			return claimdesk.WithActor(context.Background(), claimdesk.Actor{Kind: claimdesk.ActorAPIKey, ShopID: shop, KeyID: 1})
		}
		for _, tc := range []struct {
			name string
			ctx  context.Context
			code claimdesk.Code
		}{
			{"an agent of the shop", henrik, ""},
			{"the shop's API key", key("dustin"), ""},
			{"an agent of another shop", d.as("", "knut.hovland@digitallassmed.example"), claimdesk.CodeForbidden},
			{"another shop's API key", key("compumail"), claimdesk.CodeForbidden},
			{"a customer of the shop", ingrid, claimdesk.CodeForbidden},
			{"nobody", context.Background(), claimdesk.CodeUnauthenticated},
		} {
			_, err := d.svc.Dashboard(tc.ctx, casework.DashboardInput{ShopID: "dustin"})
			if (tc.code == "" && err != nil) || (tc.code != "" && !claimdesk.IsCode(err, tc.code)) {
				t.Errorf("%s: %v, want %q", tc.name, err, tc.code)
			}
		}
	})
}

func date(s string) claimdesk.Date {
	d, err := claimdesk.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}
