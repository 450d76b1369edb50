package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// surveyToken is the token the closing mail's link carries.
func (f *fixture) surveyToken(c *claimdesk.Case) string {
	f.t.Helper()
	var token string
	ctx := context.Background()
	err := f.svc.DB().WithTx(ctx, func(tx claimdesk.Stores) error {
		var err error
		token, err = f.svc.SurveyToken(ctx, tx, c)
		return err
	})
	if err != nil || token == "" {
		f.t.Fatalf("survey token: %q %v", token, err)
	}
	return token
}

// TestSurvey: after the case closes, the customer answers from the mail's
// link without signing in, changes the answer from the portal, and the
// agent sees the rating; without the token nobody else gets in.
func TestSurvey(t *testing.T) {
	f := newFixture(t)
	c := f.createCase("ingrid.haugen@example.net", casework.OpenCaseInput{Kind: claimdesk.KindGeneral, Subject: "Levering", Description: "Når kommer pakken min?"})
	agent := f.signIn("henrik.moe@dustin.example")
	if p := agent.get("/desk/cases/" + c.Number); p.byID("csat") != nil {
		t.Error("the satisfaction panel on an open case")
	}
	agent.post("/desk/cases/"+c.Number+"/actions", url.Values{"do": {"close"}})
	closed, err := f.svc.GetCase(claimdesk.WithActor(context.Background(), claimdesk.System), c.Number)
	if err != nil {
		t.Fatal(err)
	}
	token := f.surveyToken(closed)
	path := "/s/dustin/cases/" + c.Number + "/survey"
	anon := f.browser()

	if p := anon.get(path); p.status != 404 {
		t.Errorf("without the token: %d, want 404", p.status)
	}
	if p := anon.get(path + "?t=" + token[:10]); p.status != 404 {
		t.Errorf("with a wrong token: %d, want 404", p.status)
	}
	p := anon.get(path + "?t=" + token)
	if p.status != 200 || p.byID("survey-form") == nil || !strings.Contains(p.body, "Hvor fornøyd er du, fra 1 til 5?") {
		t.Fatalf("the survey: %d %s", p.status, text(p.byID("main")))
	}
	p = anon.post(path, url.Values{"t": {token}, "comment": {"Tok tid"}})
	if p.status != 422 || p.byID("rating-error") == nil || !strings.Contains(text(p.byID("error-summary")), "Velg en vurdering fra 1 til 5.") {
		t.Fatalf("no rating: %d %s", p.status, text(p.byID("main")))
	}
	if !strings.Contains(text(p.byID("comment")), "Tok tid") {
		t.Error("the comment was not kept")
	}
	p = anon.post(path, url.Values{"t": {token}, "rating": {"2"}, "comment": {"Tok tid"}})
	if p.byID("survey-saved") == nil || !strings.Contains(p.body, `id="rating-2" checked`) {
		t.Fatalf("after answering: %s", text(p.byID("main")))
	}

	customer := f.signIn("ingrid.haugen@example.net")
	cp := customer.get("/s/dustin/cases/" + c.Number)
	if attr(cp.byID("survey-link"), "href") != path {
		t.Fatalf("the portal case page does not link to the survey")
	}
	p = customer.post(path, url.Values{"rating": {"4"}, "comment": {"Greit til slutt"}})
	if p.byID("survey-saved") == nil || !strings.Contains(p.body, "Du kan endre svaret ditt til") {
		t.Fatalf("changing the answer signed in: %s", text(p.byID("main")))
	}
	if p := f.signIn("ola.berg@example.net").get(path); p.status != 404 {
		t.Errorf("another customer: %d, want 404", p.status)
	}

	p = agent.get("/desk/cases/" + c.Number + "?lang=en")
	if got := text(p.byID("csat")); !strings.Contains(got, "4 of 5") || !strings.Contains(got, "Greit til slutt") {
		t.Errorf("the agent sees %q", got)
	}
}
