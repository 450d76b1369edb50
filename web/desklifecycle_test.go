package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// fieldError checks that a page came back 422 with the field marked
// invalid, tied to its error, and the error text shown.
func fieldError(t *testing.T, p page, field, want string) {
	t.Helper()
	if p.status != 422 {
		t.Fatalf("status %d, want 422\n%s", p.status, text(p.byID("main")))
	}
	in := p.byID(field)
	if attr(in, "aria-invalid") != "true" || !strings.Contains(attr(in, "aria-describedby"), field+"-error") {
		t.Errorf("#%s is not marked invalid and tied to its error: %v", field, in)
	}
	if got := text(p.byID(field + "-error")); !strings.Contains(got, want) {
		t.Errorf("#%s-error = %q, want %q", field, got, want)
	}
	if p.byID("error-summary") == nil {
		t.Error("no error summary")
	}
}

// TestDeskLifecycleForms: an agent at Compumail receives part of the goods,
// records "no fault found" with technician time and sees the fees, decides,
// refunds in two parts; every form refuses bad input beside its field.
func TestDeskLifecycleForms(t *testing.T) {
	f := newFixture(t)
	c := f.createCase("elin.johansson@example.org", casework.OpenCaseInput{Kind: claimdesk.KindDefect, OrderExternalID: "CM-880245",
		Lines: []claimdesk.CaseLine{{SKU: "HDD-WD-8TB", Quantity: 2}}, Description: "Diskarna klickar och försvinner ur NAS:en efter en timme."})
	agent := f.signIn("sofia.berglund@compumail.example")
	path := "/desk/cases/" + c.Number

	p := agent.get(path)
	for _, id := range []string{"receive-form", "finding-form", "merge-form"} {
		if p.byID(id) == nil {
			t.Errorf("the case page lacks #%s", id)
		}
	}
	if p.byID("refund-form") != nil {
		t.Error("a refund form on an undecided case")
	}
	fees := text(p.byID("finding-fees"))
	for _, w := range []string{"No fault found", "SEK 300.00", "SEK 500.00 per started hour"} {
		if !strings.Contains(fees, w) {
			t.Errorf("the finding fees lack %q: %s", w, fees)
		}
	}

	errorTests := []struct {
		name, action string
		form         url.Values
		field, want  string
	}{
		{"receive: no condition", "receive", url.Values{"line_0": {"1"}, "condition": {"shiny"}}, "condition", "Choose the condition."},
		{"receive: not a number", "receive", url.Values{"line_0": {"två"}, "condition": {"used"}}, "recv-0", "Enter a quantity of 0 or more."},
		{"receive: more than the case", "receive", url.Values{"line_0": {"3"}, "condition": {"used"}}, "recv-0", "more than the case is about"},
		{"receive: nothing", "receive", url.Values{"line_0": {"0"}, "condition": {"used"}}, "recv-0", "at least one item"},
		{"finding: none chosen", "finding", url.Values{"finding": {""}}, "finding", "Choose a finding."},
		{"finding: unknown", "finding", url.Values{"finding": {"gremlins"}}, "finding", "Check this field."},
		{"finding: bad hours", "finding", url.Values{"finding": {"no_fault_found"}, "hours": {"en halv"}}, "hours", "Enter hours like 1.5."},
		{"merge: no number", "merge", url.Values{"into": {""}}, "into", "Enter the other case's number."},
		{"merge: no such case", "merge", url.Values{"into": {"CMP-26-999999-9"}}, "into", "There is no such case."},
		{"merge: into itself", "merge", url.Values{"into": {c.Number}}, "into", "Only another open case of the same customer"},
	}
	for _, tt := range errorTests {
		t.Run(tt.name, func(t *testing.T) {
			fieldError(t, agent.post(path+"/"+tt.action, tt.form), tt.field, tt.want)
		})
	}

	p = agent.post(path+"/receive", url.Values{"line_0": {"1"}, "condition": {"used"}, "receive_note": {"Repor på lokket."}})
	if !strings.Contains(p.body, "The goods have been registered.") || !strings.Contains(text(p.byID("receive-form")), "(1 of 2 received so far)") {
		t.Fatalf("after receiving one: %s", text(p.byID("main")))
	}
	p = agent.post(path+"/finding", url.Values{"finding": {"no_fault_found"}, "hours": {"1,5"}, "finding_note": {"Inga fel i 24 h test."}})
	got := text(p.byID("case-fees"))
	for _, w := range []string{"Fee when no fault is foundSEK 300.00", "Technician hourSEK 1,000.00"} {
		if !strings.Contains(got, w) {
			t.Errorf("the case's fees lack %q: %s", w, got)
		}
	}
	p = agent.post(path+"/decide", url.Values{"decision": {"approved"}, "remedy": {"refund"}, "refund": {"2000"}})
	if p.byID("refund-form") == nil {
		t.Fatalf("no refund form after approval: %s", text(p.byID("main")))
	}
	if got := text(p.byID("refund-status")); !strings.Contains(got, "Still to refundSEK 2,000.00") {
		t.Errorf("refund status %q", got)
	}
	fieldError(t, agent.post(path+"/refund", url.Values{"amount": {"2500"}, "method": {"card"}}), "amount", "at most what is still to refund")
	fieldError(t, agent.post(path+"/refund", url.Values{"amount": {"mycket"}, "method": {"card"}}), "amount", "Enter an amount like 1640.50.")
	fieldError(t, agent.post(path+"/refund", url.Values{"amount": {"100"}, "method": {"gold"}}), "method", "Choose how the money was paid back.")
	p = agent.post(path+"/refund", url.Values{"amount": {"1 500,00"}, "method": {"card"}, "reference": {"PSP-991"}})
	if got := text(p.byID("refund-status")); !strings.Contains(got, "Still to refundSEK 500.00") {
		t.Errorf("after a partial refund: %q", got)
	}
	p = agent.post(path+"/refund", url.Values{"amount": {"500"}, "method": {"swish"}})
	if !strings.Contains(p.body, "The refund has been recorded.") || p.byID("refund-form") != nil {
		t.Errorf("after the last refund: %s", text(p.byID("main")))
	}

	t.Run("another shop's agent", func(t *testing.T) {
		other := f.signIn("henrik.moe@dustin.example")
		if p := other.post(path+"/receive", url.Values{"line_0": {"1"}, "condition": {"used"}}); p.status != 404 {
			t.Errorf("status %d, want 404", p.status)
		}
	})
}

// TestDeskMerge: the agent checks the other case, confirms, and the merged
// case links to the one it went into.
func TestDeskMerge(t *testing.T) {
	f := newFixture(t)
	in := casework.OpenCaseInput{Kind: claimdesk.KindGeneral, Subject: "Leveranstid", Description: "När kommer min beställning CM-880245?"}
	first := f.createCase("elin.johansson@example.org", in)
	in.Description = "Jag frågar igen: när kommer beställningen?"
	dup := f.createCase("elin.johansson@example.org", in)
	other := f.createCase("mikkel.sorensen@example.org", casework.OpenCaseInput{Kind: claimdesk.KindGeneral, Subject: "Faktura", Description: "Kan I sende fakturaen igen?"})
	agent := f.signIn("sofia.berglund@compumail.example")

	fieldError(t, agent.post("/desk/cases/"+dup.Number+"/merge", url.Values{"into": {other.Number}}), "into", "same customer")
	p := agent.post("/desk/cases/"+dup.Number+"/merge", url.Values{"into": {first.Number}})
	if p.status != 200 || p.byID("merge-confirm") == nil {
		t.Fatalf("no confirm step: %d %s", p.status, text(p.byID("main")))
	}
	if got := text(p.byID("merge-confirm")); !strings.Contains(got, "Merge "+dup.Number+" into "+first.Number+"?") {
		t.Errorf("confirm step says %q", got)
	}
	p = agent.post("/desk/cases/"+dup.Number+"/merge", url.Values{"into": {first.Number}, "confirm": {"yes"}})
	if !strings.Contains(p.body, "The case has been merged.") {
		t.Fatalf("after merging: %s", text(p.byID("main")))
	}
	link := p.byID("merged-into")
	if !strings.Contains(text(link), first.Number) || !strings.Contains(p.body, `href="/desk/cases/`+first.Number+`"`) {
		t.Errorf("the merged case does not link to %s: %q", first.Number, text(link))
	}
	if p.byID("merge-form") != nil {
		t.Error("a closed case offers merging")
	}
	target := agent.get("/desk/cases/" + first.Number)
	if !strings.Contains(text(target.byID("messages")), "Jag frågar igen") {
		t.Error("the target lacks the merged case's message")
	}
}
