package casework_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/storetest"
)

// code returns an error's code, "" for none.
func code(err error) claimdesk.Code {
	if err == nil {
		return ""
	}
	return claimdesk.ErrorCode(err)
}

// TestSavedViewsWhoMay: agents save views for shops they work in; only the
// owner renames; the owner or a lead/admin of the shop deletes a shared one.
func TestSavedViewsWhoMay(t *testing.T) {
	d := newDesk(t, storetest.OpenSQLite)
	henrik, camilla, knut := d.as("", "henrik.moe@dustin.example"), d.as("", "camilla.strand@dustin.example"), d.as("", "knut.hovland@digitallassmed.example")
	customer := d.as("dustin", "ingrid.haugen@example.net")
	shared, err := d.svc.SaveView(henrik, casework.SaveViewInput{Name: "Dustin angrerett", Shared: true, Shop: "dustin", Kind: "withdrawal"})
	if err != nil {
		t.Fatal(err)
	}
	private, err := d.svc.SaveView(henrik, casework.SaveViewInput{Name: "Mine", Status: "active"})
	if err != nil {
		t.Fatal(err)
	}
	saves := []struct {
		name string
		ctx  context.Context
		in   casework.SaveViewInput
		want claimdesk.Code
	}{
		{"a customer", customer, casework.SaveViewInput{Name: "x"}, claimdesk.CodeForbidden},
		{"anonymous", context.Background(), casework.SaveViewInput{Name: "x"}, claimdesk.CodeUnauthenticated},
		{"a shop the agent does not work for", knut, casework.SaveViewInput{Name: "x", Shop: "dustin"}, claimdesk.CodeForbidden},
		{"no name", henrik, casework.SaveViewInput{Name: "  "}, claimdesk.CodeInvalid},
		{"shared without a shop", henrik, casework.SaveViewInput{Name: "Alle", Shared: true}, claimdesk.CodeInvalid},
		{"a name taken", henrik, casework.SaveViewInput{Name: "Mine"}, claimdesk.CodeInvalid},
		{"the same name, another agent", camilla, casework.SaveViewInput{Name: "Mine"}, ""},
	}
	for _, tt := range saves {
		t.Run("save/"+tt.name, func(t *testing.T) {
			if _, err := d.svc.SaveView(tt.ctx, tt.in); code(err) != tt.want {
				t.Errorf("SaveView: %v, want %q", err, tt.want)
			}
		})
	}
	list, err := d.svc.ListViews(camilla)
	if err != nil || len(list) != 2 {
		t.Errorf("camilla sees %d views (%v), want her own and the shared one", len(list), err)
	}
	if list, _ := d.svc.ListViews(knut); len(list) != 0 {
		t.Errorf("knut sees %d views of another shop", len(list))
	}
	changes := []struct {
		name string
		fn   func() error
		want claimdesk.Code
	}{
		{"another agent renames", func() error { _, err := d.svc.RenameView(camilla, shared.ID, "Mitt", true); return err }, claimdesk.CodeForbidden},
		{"another shop's agent renames", func() error { _, err := d.svc.RenameView(knut, shared.ID, "Mitt", true); return err }, claimdesk.CodeNotFound},
		{"another agent sees a private view", func() error { _, err := d.svc.RenameView(camilla, private.ID, "Mitt", false); return err }, claimdesk.CodeNotFound},
		{"the owner renames", func() error { _, err := d.svc.RenameView(henrik, private.ID, "Mine åpne", false); return err }, ""},
		{"the owner shares a view without a shop", func() error { _, err := d.svc.RenameView(henrik, private.ID, "Mine åpne", true); return err }, claimdesk.CodeInvalid},
		{"an agent deletes another's private view", func() error { return d.svc.DeleteView(camilla, private.ID) }, claimdesk.CodeNotFound},
		{"another shop's admin deletes a shared view", func() error { return d.svc.DeleteView(knut, shared.ID) }, claimdesk.CodeNotFound},
		{"the shop's admin deletes a shared view", func() error { return d.svc.DeleteView(camilla, shared.ID) }, ""},
		{"the owner deletes", func() error { return d.svc.DeleteView(henrik, private.ID) }, ""},
	}
	for _, tt := range changes {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.fn(); code(err) != tt.want {
				t.Errorf("%v, want %q", err, tt.want)
			}
		})
	}
}

// TestMacrosWhoMay: leads and admins manage a shop's macros, its agents
// use them, filled for the case in the case's language.
func TestMacrosWhoMay(t *testing.T) {
	d := newDesk(t, storetest.OpenSQLite)
	henrik, camilla, knut := d.as("", "henrik.moe@dustin.example"), d.as("", "camilla.strand@dustin.example"), d.as("", "knut.hovland@digitallassmed.example")
	in := casework.MacroInput{Title: "Be om bilder", Action: casework.MacroWaitCustomer, Bodies: map[claimdesk.Lang]string{
		claimdesk.Bokmal:  "Hei {customer_name}! Send oss bilder av skaden i sak {case_number}. Hilsen {agent_name}, {shop_name}",
		claimdesk.English: "Hi {customer_name}, please send photos."}}
	tests := []struct {
		name string
		ctx  context.Context
		in   casework.MacroInput
		want claimdesk.Code
	}{
		{"an agent", henrik, in, claimdesk.CodeForbidden},
		{"another shop's admin", knut, in, claimdesk.CodeForbidden},
		{"no title", camilla, casework.MacroInput{Bodies: in.Bodies}, claimdesk.CodeInvalid},
		{"no body", camilla, casework.MacroInput{Title: "Tom"}, claimdesk.CodeInvalid},
		{"an unknown placeholder", camilla, casework.MacroInput{Title: "Rar", Bodies: map[claimdesk.Lang]string{claimdesk.Bokmal: "Hei {password}"}}, claimdesk.CodeInvalid},
		{"an unknown action", camilla, casework.MacroInput{Title: "Rar", Action: "delete_case", Bodies: in.Bodies}, claimdesk.CodeInvalid},
		{"the shop's admin", camilla, in, ""},
		{"a title taken", camilla, in, claimdesk.CodeInvalid},
	}
	var m *claimdesk.Macro
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := d.svc.CreateMacro(tt.ctx, "dustin", tt.in)
			if code(err) != tt.want {
				t.Fatalf("CreateMacro: %v, want %q", err, tt.want)
			}
			if err == nil {
				m = got
			}
		})
	}
	if m == nil {
		t.Fatal("no macro")
	}
	if _, err := d.svc.ListMacros(knut, "dustin"); code(err) != claimdesk.CodeForbidden {
		t.Errorf("another shop lists macros: %v", err)
	}
	if _, err := d.svc.UpdateMacro(henrik, "dustin", m.ID, in); code(err) != claimdesk.CodeForbidden {
		t.Errorf("an agent updates a macro: %v", err)
	}
	if err := d.svc.DeleteMacro(henrik, "dustin", m.ID); code(err) != claimdesk.CodeForbidden {
		t.Errorf("an agent deletes a macro: %v", err)
	}
	c := d.open(d.as("dustin", "ingrid.haugen@example.net"), "dustin", casework.OpenCaseInput{Kind: claimdesk.KindDefect, OrderExternalID: "5004127733",
		Lines: line("DELL-U2724D", 1), Description: "Skjermen flimrer etter ti minutter."})
	filled, err := d.svc.FillMacro(henrik, c.Number, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := "Hei Ingrid Haugen! Send oss bilder av skaden i sak " + c.Number + ". Hilsen Henrik Moe, Dustin"
	if filled.Text != want || filled.Lang != claimdesk.Bokmal {
		t.Errorf("FillMacro = %q (%s), want %q", filled.Text, filled.Lang, want)
	}
	if _, err := d.svc.FillMacro(knut, c.Number, m.ID); code(err) != claimdesk.CodeNotFound {
		t.Errorf("another shop fills the macro: %v", err)
	}
	if err := d.svc.DeleteMacro(camilla, "dustin", m.ID); err != nil {
		t.Errorf("the admin deletes: %v", err)
	}
}

// TestCSAT: a closed case's customer answers the survey through the link's
// token or signed in, may change the answer for 7 days; nobody else may;
// the shop's staff see the answer and the summary.
func TestCSAT(t *testing.T) {
	d := newDesk(t, storetest.OpenSQLite)
	ingrid := d.as("dustin", "ingrid.haugen@example.net")
	henrik, knut := d.as("", "henrik.moe@dustin.example"), d.as("", "knut.hovland@digitallassmed.example")
	ola := d.as("dustin", "ola.berg@example.net")
	c := d.open(ingrid, "dustin", casework.OpenCaseInput{Kind: claimdesk.KindDefect, OrderExternalID: "5004127733",
		Lines: line("DELL-U2724D", 1), Description: "Skjermen flimrer etter ti minutter."})
	anon := context.Background()
	if _, err := d.svc.AnswerSurvey(ingrid, "dustin", c.Number, "", casework.SurveyInput{Rating: 5}); code(err) != claimdesk.CodeNotFound {
		t.Fatalf("a survey on an open case: %v", err)
	}
	c = d.must(d.svc.Close(henrik, c.Number, "løst"))
	var token string
	err := d.db.WithTx(anon, func(tx claimdesk.Stores) error {
		var err error
		token, err = d.svc.SurveyToken(anon, tx, c)
		return err
	})
	if err != nil || token == "" {
		t.Fatalf("SurveyToken = %q, %v", token, err)
	}
	// A token one character off: the last one changed, whatever it was.
	wrong := token[:len(token)-1] + map[bool]string{true: "1", false: "0"}[strings.HasSuffix(token, "0")]
	tests := []struct {
		name  string
		ctx   context.Context
		shop  string
		token string
		in    casework.SurveyInput
		want  claimdesk.Code
	}{
		{"no token, not signed in", anon, "dustin", "", casework.SurveyInput{Rating: 4}, claimdesk.CodeNotFound},
		{"a wrong token", anon, "dustin", wrong, casework.SurveyInput{Rating: 4}, claimdesk.CodeNotFound},
		{"the token through another shop", anon, "compumail", token, casework.SurveyInput{Rating: 4}, claimdesk.CodeNotFound},
		{"another customer", ola, "dustin", "", casework.SurveyInput{Rating: 4}, claimdesk.CodeNotFound},
		{"no rating", anon, "dustin", token, casework.SurveyInput{}, claimdesk.CodeInvalid},
		{"rating 6", anon, "dustin", token, casework.SurveyInput{Rating: 6}, claimdesk.CodeInvalid},
		{"the link", anon, "dustin", token, casework.SurveyInput{Rating: 2, Comment: "Tok lang tid"}, ""},
		{"the customer signed in changes it", ingrid, "dustin", "", casework.SurveyInput{Rating: 4, Comment: "Greit til slutt"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := d.svc.AnswerSurvey(tt.ctx, tt.shop, c.Number, tt.token, tt.in); code(err) != tt.want {
				t.Errorf("AnswerSurvey: %v, want %q", err, tt.want)
			}
		})
	}
	a, err := d.svc.CaseCSAT(henrik, c.Number)
	if err != nil || a.Rating != 4 || a.Comment != "Greit til slutt" {
		t.Errorf("CaseCSAT = %+v, %v", a, err)
	}
	if _, err := d.svc.CaseCSAT(knut, c.Number); code(err) != claimdesk.CodeNotFound {
		t.Errorf("another shop sees the rating: %v", err)
	}
	if _, err := d.svc.CaseCSAT(ingrid, c.Number); code(err) != claimdesk.CodeForbidden {
		t.Errorf("the customer reads the desk's view of the rating: %v", err)
	}
	d.clk.set(start.AddDate(0, 0, 8))
	if _, err := d.svc.AnswerSurvey(anon, "dustin", c.Number, token, casework.SurveyInput{Rating: 1}); code(err) != claimdesk.CodeConflict {
		t.Errorf("a change after 8 days: %v, want conflict", err)
	}
	sum, err := d.svc.CSATSummary(henrik, "dustin", start.Add(-time.Hour), start.AddDate(0, 1, 0))
	if err != nil || sum.Count != 1 || sum.Average != 4 || sum.Distribution != [5]int{0, 0, 0, 1, 0} {
		t.Errorf("CSATSummary = %+v, %v", sum, err)
	}
	if _, err := d.svc.CSATSummary(knut, "dustin", start, start.AddDate(0, 1, 0)); code(err) != claimdesk.CodeForbidden {
		t.Errorf("another shop's summary: %v", err)
	}
	reopened := d.must(d.svc.Reopen(henrik, c.Number, ""))
	d.must(d.svc.Close(henrik, reopened.Number, ""))
	if _, err := d.svc.GetSurvey(anon, "dustin", c.Number, token); code(err) != claimdesk.CodeNotFound {
		t.Errorf("the old link after closing again: %v", err)
	}
}
