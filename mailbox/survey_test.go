package mailbox_test

import (
	"bytes"
	"context"
	"io"
	"mime/quotedprintable"
	"regexp"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/storetest"
)

// TestClosingMailAsksForSurvey: the mail that says a case is closed links
// to its satisfaction survey, and the link's token answers it without
// signing in; a merged case asks for nothing.
func TestClosingMailAsksForSurvey(t *testing.T) {
	d := newDesk(t, storetest.OpenSQLite)
	ingrid, henrik := d.as("dustin", "ingrid.haugen@example.net"), d.as("", "henrik.moe@dustin.example")
	in := casework.OpenCaseInput{Kind: claimdesk.KindGeneral, Subject: "Levering", Description: "Når kommer pakken min?"}
	c, err := d.svc.OpenCase(ingrid, "dustin", in)
	if err != nil {
		t.Fatal(err)
	}
	dup, err := d.svc.OpenCase(ingrid, "dustin", in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.svc.Close(henrik, c.Number, "svart"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.svc.Merge(henrik, dup.Number, c.Number); err == nil {
		t.Fatal("merged into a closed case")
	}
	var raw string
	for _, m := range d.outbox(c.ID) {
		if m.Kind == "case_closed" {
			b, _ := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(m.Raw)))
			raw = string(b)
		}
	}
	link := regexp.MustCompile(`https://desk\.example/s/dustin/cases/` + regexp.QuoteMeta(c.Number) + `/survey\?t=([0-9a-f]+)`).FindStringSubmatch(raw)
	if link == nil {
		t.Fatalf("the closing mail has no survey link:\n%s", raw)
	}
	if !strings.Contains(raw, "Hvor fornøyd er du") {
		t.Error("the closing mail does not ask in the customer's language")
	}
	if _, err := d.svc.AnswerSurvey(context.Background(), "dustin", c.Number, link[1], casework.SurveyInput{Rating: 5, Comment: "Raskt svar"}); err != nil {
		t.Fatalf("answering through the link: %v", err)
	}
}
