package storetest

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
)

func (e *env) agent(shops ...string) *claimdesk.User {
	e.t.Helper()
	u := &claimdesk.User{Kind: claimdesk.AgentUser, Email: fmt.Sprintf("agent%d@desk.no", e.seq()), Name: "Agnes", CreatedAt: t0}
	for _, s := range shops {
		u.Memberships = append(u.Memberships, claimdesk.Membership{ShopID: s, Role: claimdesk.RoleAgent})
	}
	e.must(e.s.Users.CreateUser(e.ctx, u), "CreateUser agent")
	return u
}

func testSavedViews(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	e.shop("s2")
	a, b := e.agent("s1", "s2"), e.agent("s1")
	mine := &claimdesk.SavedView{UserID: a.ID, Name: "Mine åpne", Shop: "", Status: "active", Sort: "due", CreatedAt: t0}
	shared := &claimdesk.SavedView{UserID: a.ID, Name: "Angrerett", Shared: true, Shop: "s1", Kind: "withdrawal", Query: "lås", CreatedAt: t0}
	other := &claimdesk.SavedView{UserID: b.ID, Name: "Bs egne", Shop: "s1", CreatedAt: t0}
	elsewhere := &claimdesk.SavedView{UserID: a.ID, Name: "S2 delt", Shared: true, Shop: "s2", CreatedAt: t0}
	for _, v := range []*claimdesk.SavedView{mine, shared, other, elsewhere} {
		e.must(e.s.SavedViews.CreateSavedView(e.ctx, v), "CreateSavedView "+v.Name)
	}
	wantCode(t, e.s.SavedViews.CreateSavedView(e.ctx, &claimdesk.SavedView{UserID: a.ID, Name: "Mine åpne"}), claimdesk.CodeConflict, "a name twice")
	e.must(e.s.SavedViews.CreateSavedView(e.ctx, &claimdesk.SavedView{UserID: b.ID, Name: "Mine åpne", CreatedAt: t0}), "another agent's same name")
	wantCode(t, e.s.SavedViews.CreateSavedView(e.ctx, &claimdesk.SavedView{UserID: a.ID, Name: "Delt uten butikk", Shared: true}), claimdesk.CodeInvalid, "shared without a shop")

	got, err := e.s.SavedViews.FindSavedView(e.ctx, shared.ID)
	e.must(err, "FindSavedView")
	if !reflect.DeepEqual(got, shared) {
		t.Errorf("FindSavedView =\n%+v\nwant\n%+v", got, shared)
	}
	sameTime(t, got.CreatedAt, t0, "CreatedAt")
	_, err = e.s.SavedViews.FindSavedView(e.ctx, 99999)
	wantCode(t, err, claimdesk.CodeNotFound, "FindSavedView of a missing view")

	list, err := e.s.SavedViews.ListSavedViews(e.ctx, b.ID, []string{"s1"})
	e.must(err, "ListSavedViews")
	names := ids(list, func(v *claimdesk.SavedView) any { return v.Name })
	if want := []any{"Angrerett", "Bs egne", "Mine åpne"}; !reflect.DeepEqual(names, want) {
		t.Errorf("ListSavedViews of b = %v, want %v (own and shared in s1, by name)", names, want)
	}
	list, err = e.s.SavedViews.ListSavedViews(e.ctx, b.ID, nil)
	e.must(err, "ListSavedViews without shops")
	if len(list) != 2 {
		t.Errorf("ListSavedViews without shops = %d views, want b's own 2", len(list))
	}

	shared.Name, shared.Shared, shared.UpdatedAt = "Angrerett Oslo", false, t0.Add(time.Hour)
	e.must(e.s.SavedViews.UpdateSavedView(e.ctx, shared), "UpdateSavedView")
	got, _ = e.s.SavedViews.FindSavedView(e.ctx, shared.ID)
	if got.Name != "Angrerett Oslo" || got.Shared || got.UserID != a.ID {
		t.Errorf("after update: %+v", got)
	}
	sameTime(t, got.UpdatedAt, t0.Add(time.Hour), "UpdatedAt")
	shared.Name = "Mine åpne"
	wantCode(t, e.s.SavedViews.UpdateSavedView(e.ctx, shared), claimdesk.CodeConflict, "rename to a taken name")
	wantCode(t, e.s.SavedViews.UpdateSavedView(e.ctx, &claimdesk.SavedView{ID: 99999, Name: "x"}), claimdesk.CodeNotFound, "update a missing view")
	e.must(e.s.SavedViews.DeleteSavedView(e.ctx, shared.ID), "DeleteSavedView")
	wantCode(t, e.s.SavedViews.DeleteSavedView(e.ctx, shared.ID), claimdesk.CodeNotFound, "delete twice")
}

func testMacros(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	e.shop("s2")
	m := &claimdesk.Macro{ShopID: "s1", Title: "Vent på bilder", Action: "wait_customer", CreatedAt: t0,
		Bodies: map[claimdesk.Lang]string{claimdesk.Bokmal: "Hei {customer_name}! Send oss bilder av skaden.", claimdesk.Swedish: "Hej {customer_name}!"}}
	e.must(e.s.Macros.CreateMacro(e.ctx, m), "CreateMacro")
	e.must(e.s.Macros.CreateMacro(e.ctx, &claimdesk.Macro{ShopID: "s1", Title: "Angrerett", CreatedAt: t0}), "CreateMacro without bodies")
	e.must(e.s.Macros.CreateMacro(e.ctx, &claimdesk.Macro{ShopID: "s2", Title: "Vent på bilder", CreatedAt: t0}), "same title in another shop")
	wantCode(t, e.s.Macros.CreateMacro(e.ctx, &claimdesk.Macro{ShopID: "s1", Title: "Vent på bilder"}), claimdesk.CodeConflict, "a title twice")
	wantCode(t, e.s.Macros.CreateMacro(e.ctx, &claimdesk.Macro{ShopID: "s1", Title: "Rar", Action: "explode"}), claimdesk.CodeInvalid, "an unknown action")

	got, err := e.s.Macros.FindMacro(e.ctx, "s1", m.ID)
	e.must(err, "FindMacro")
	if !reflect.DeepEqual(got, m) {
		t.Errorf("FindMacro =\n%+v\nwant\n%+v", got, m)
	}
	_, err = e.s.Macros.FindMacro(e.ctx, "s2", m.ID)
	wantCode(t, err, claimdesk.CodeNotFound, "FindMacro in another shop")
	list, err := e.s.Macros.ListMacros(e.ctx, "s1")
	e.must(err, "ListMacros")
	if titles := ids(list, func(m *claimdesk.Macro) any { return m.Title }); !reflect.DeepEqual(titles, []any{"Angrerett", "Vent på bilder"}) {
		t.Errorf("ListMacros = %v", titles)
	}
	m.Title, m.Action, m.UpdatedAt = "Be om bilder", "", t0.Add(time.Hour)
	m.Bodies[claimdesk.Danish] = "Hej {customer_name}, send billeder."
	e.must(e.s.Macros.UpdateMacro(e.ctx, m), "UpdateMacro")
	got, _ = e.s.Macros.FindMacro(e.ctx, "s1", m.ID)
	if !reflect.DeepEqual(got, m) {
		t.Errorf("after update =\n%+v\nwant\n%+v", got, m)
	}
	m.ShopID = "s2"
	wantCode(t, e.s.Macros.UpdateMacro(e.ctx, m), claimdesk.CodeNotFound, "update through another shop")
	wantCode(t, e.s.Macros.DeleteMacro(e.ctx, "s2", m.ID), claimdesk.CodeNotFound, "delete through another shop")
	e.must(e.s.Macros.DeleteMacro(e.ctx, "s1", m.ID), "DeleteMacro")
	wantCode(t, e.s.Macros.DeleteMacro(e.ctx, "s1", m.ID), claimdesk.CodeNotFound, "delete twice")
}

func testCSAT(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	e.shop("s2")
	cu := e.customer("s1", "Åse Ødegård")
	var cases []*claimdesk.Case
	for range 4 {
		cases = append(cases, e.createCase(e.newCase("s1", cu.ID)))
	}
	_, err := e.s.CSAT.FindCSATAnswer(e.ctx, cases[0].ID)
	wantCode(t, err, claimdesk.CodeNotFound, "FindCSATAnswer before an answer")
	a := &claimdesk.CSATAnswer{CaseID: cases[0].ID, ShopID: "s1", Rating: 2, Comment: "Treg æøå-kundeservice", CreatedAt: t0}
	e.must(e.s.CSAT.SaveCSATAnswer(e.ctx, a), "SaveCSATAnswer")
	changed := &claimdesk.CSATAnswer{CaseID: cases[0].ID, ShopID: "s1", Rating: 4, Comment: "Det ordnet seg", CreatedAt: t0.Add(48 * time.Hour), UpdatedAt: t0.Add(48 * time.Hour)}
	e.must(e.s.CSAT.SaveCSATAnswer(e.ctx, changed), "SaveCSATAnswer again")
	sameTime(t, changed.CreatedAt, t0, "CreatedAt after a change (the first answer's)")
	got, err := e.s.CSAT.FindCSATAnswer(e.ctx, cases[0].ID)
	e.must(err, "FindCSATAnswer")
	if got.Rating != 4 || got.Comment != "Det ordnet seg" {
		t.Errorf("FindCSATAnswer = %+v", got)
	}
	sameTime(t, got.CreatedAt, t0, "CreatedAt")
	sameTime(t, got.UpdatedAt, t0.Add(48*time.Hour), "UpdatedAt")
	wantCode(t, e.s.CSAT.SaveCSATAnswer(e.ctx, &claimdesk.CSATAnswer{CaseID: cases[1].ID, ShopID: "s1", Rating: 6, CreatedAt: t0}), claimdesk.CodeInvalid, "rating 6")
	e.must(e.s.CSAT.SaveCSATAnswer(e.ctx, &claimdesk.CSATAnswer{CaseID: cases[1].ID, ShopID: "s1", Rating: 5, CreatedAt: t0.Add(time.Hour)}), "second")
	e.must(e.s.CSAT.SaveCSATAnswer(e.ctx, &claimdesk.CSATAnswer{CaseID: cases[2].ID, ShopID: "s1", Rating: 5, CreatedAt: t0.Add(2 * time.Hour)}), "third")
	e.must(e.s.CSAT.SaveCSATAnswer(e.ctx, &claimdesk.CSATAnswer{CaseID: cases[3].ID, ShopID: "s1", Rating: 1, CreatedAt: t0.AddDate(0, 1, 0)}), "next month")

	sum, err := e.s.CSAT.SummarizeCSAT(e.ctx, "s1", t0, t0.AddDate(0, 0, 7))
	e.must(err, "SummarizeCSAT")
	want := claimdesk.CSATSummary{Count: 3, Average: 14.0 / 3, Distribution: [5]int{0, 0, 0, 1, 2}}
	if sum != want {
		t.Errorf("SummarizeCSAT = %+v, want %+v", sum, want)
	}
	sum, err = e.s.CSAT.SummarizeCSAT(e.ctx, "s2", t0, t0.AddDate(1, 0, 0))
	e.must(err, "SummarizeCSAT of a shop without answers")
	if sum != (claimdesk.CSATSummary{}) {
		t.Errorf("SummarizeCSAT of s2 = %+v, want nothing", sum)
	}
}
