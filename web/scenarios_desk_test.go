package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// TestBrowserDeskwork is the agent's journey through a Compumail complaint
// with JavaScript on: receive the goods, record "no fault found" with
// technician time and see the fees, decide, refund, close; the customer
// answers the satisfaction survey from the mail's link and the agent sees
// the rating. Then two duplicate questions are merged, a lead writes a
// macro, an agent uses it in a reply, and a queue filter is saved as a
// view. axe runs on every new page.
func TestBrowserDeskwork(t *testing.T) {
	f := newFixture(t)
	c := f.createCase("elin.johansson@example.org", casework.OpenCaseInput{Kind: claimdesk.KindDefect, OrderExternalID: "CM-880245",
		Lines: []claimdesk.CaseLine{{SKU: "HDD-WD-8TB", Quantity: 2}}, Description: "Diskarna klickar och försvinner ur NAS:en efter en timme."})
	agent := browserContext(t)
	f.signInBrowser(t, agent, "sofia.berglund@compumail.example")
	casePath := f.ts.URL + "/desk/cases/" + c.Number
	do(t, agent, "open the case", chromedp.Navigate(casePath), chromedp.WaitVisible(chromedp.ID("receive-form")))
	checkA11y(t, agent, "agent case page with lifecycle forms")
	screenshot(t, agent, "desk-case-lifecycle")

	do(t, agent, "receive both disks as used",
		chromedp.SetValue(chromedp.ID("condition"), "used"),
		chromedp.SendKeys(chromedp.ID("receive_note"), "Repor på lockets ovansida."),
		chromedp.Click(chromedp.CSS(`#receive-form button[type=submit]`)),
	)
	waitFor(t, agent, "the goods registered", `document.body.innerText.includes("The goods have been registered.") && !document.getElementById("receive-form")`)

	do(t, agent, "record no fault found with 1.5 technician hours",
		chromedp.SetValue(chromedp.ID("finding"), "no_fault_found"),
		chromedp.SendKeys(chromedp.ID("hours"), "1.5"),
		chromedp.Click(chromedp.CSS(`#finding-form button[type=submit]`)),
	)
	waitFor(t, agent, "the fees", `document.getElementById("case-fees") && document.getElementById("case-fees").innerText.includes("1,000.00")`)
	contains(t, textOf(t, agent, "case-fees"), "300.00", "the case's fees")

	do(t, agent, "approve with a refund",
		chromedp.Click(chromedp.ID("decision")),
		chromedp.SetValue(chromedp.ID("remedy"), "refund"),
		chromedp.SendKeys(chromedp.ID("refund"), "2000"),
		chromedp.Click(chromedp.CSS(`form.decide button[type=submit]`)),
	)
	waitFor(t, agent, "the refund form", `!!document.getElementById("refund-form")`)
	contains(t, textOf(t, agent, "refund-status"), "2,000.00", "the refund due")
	do(t, agent, "refund all of it",
		chromedp.Click(chromedp.CSS(`#refund-form button[type=submit]`)),
	)
	waitFor(t, agent, "the refund recorded", `document.body.innerText.includes("The refund has been recorded.") && !document.getElementById("refund-form")`)
	do(t, agent, "close the case", chromedp.Click(chromedp.CSS(`button[name=do][value=close]`)))
	waitFor(t, agent, "the closed case", `!!document.getElementById("csat")`)

	closed, err := f.svc.GetCase(claimdesk.WithActor(context.Background(), claimdesk.System), c.Number)
	if err != nil {
		t.Fatal(err)
	}
	customer := browserContext(t)
	do(t, customer, "open the survey from the mail's link",
		chromedp.Navigate(f.ts.URL+"/s/compumail/cases/"+c.Number+"/survey?t="+f.surveyToken(closed)),
		chromedp.WaitVisible(chromedp.ID("survey-form")),
	)
	checkA11y(t, customer, "survey")
	screenshot(t, customer, "portal-survey")
	do(t, customer, "answer",
		chromedp.Click(chromedp.CSS(`label[for="rating-4"]`)),
		chromedp.SendKeys(chromedp.ID("comment"), "Snabbt och vänligt, men avgiften förvånade mig."),
		chromedp.Click(chromedp.CSS(`#survey-form button[type=submit]`)),
	)
	waitFor(t, customer, "the thanks", `!!document.getElementById("survey-saved")`)

	do(t, agent, "reload the case", chromedp.Navigate(casePath), chromedp.WaitVisible(chromedp.ID("csat-rating")))
	contains(t, textOf(t, agent, "csat"), "4 of 5", "the rating on the case page")
	contains(t, textOf(t, agent, "csat"), "avgiften förvånade", "the comment on the case page")

	// Two questions about the same delivery: the duplicate is merged.
	q := casework.OpenCaseInput{Kind: claimdesk.KindGeneral, Subject: "Leverans", Description: "När kommer min beställning CM-880245?"}
	first := f.createCase("elin.johansson@example.org", q)
	q.Description = "Jag frågar igen om leveransen."
	dup := f.createCase("elin.johansson@example.org", q)
	do(t, agent, "merge the duplicate",
		chromedp.Navigate(f.ts.URL+"/desk/cases/"+dup.Number),
		chromedp.WaitVisible(chromedp.ID("into")),
		chromedp.SendKeys(chromedp.ID("into"), first.Number),
		chromedp.Click(chromedp.CSS(`#merge-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.ID("merge-confirm")),
	)
	contains(t, textOf(t, agent, "merge-confirm"), first.Number, "the confirm step")
	do(t, agent, "confirm", chromedp.Click(chromedp.ID("merge-yes")))
	waitFor(t, agent, "the link to the case it went into", `!!document.querySelector('#merged-into a[href="/desk/cases/`+first.Number+`"]')`)

	// A lead writes a macro; the agent uses it in a reply.
	lead := browserContext(t)
	f.signInBrowser(t, lead, "anders.kjaer@compumail.example")
	do(t, lead, "write a macro",
		chromedp.Click(chromedp.CSS(`a[href="/desk/shops/compumail/macros"]`)),
		chromedp.WaitVisible(chromedp.ID("macro-form")),
		chromedp.SendKeys(chromedp.ID("title"), "Leveranstid"),
		chromedp.SendKeys(chromedp.ID("body_sv"), "Hej {customer_name}! Din leverans är på väg. Vänliga hälsningar, {agent_name} på {shop_name}"),
		chromedp.SetValue(chromedp.ID("action"), "wait_customer"),
		chromedp.Click(chromedp.CSS(`#macro-form button[type=submit]`)),
	)
	waitFor(t, lead, "the macro in the list", `document.getElementById("macro-list") && document.getElementById("macro-list").innerText.includes("Leveranstid")`)
	checkA11y(t, lead, "macros")
	screenshot(t, lead, "desk-macros")

	do(t, agent, "open the case", chromedp.Navigate(f.ts.URL+"/desk/cases/"+first.Number), chromedp.WaitVisible(chromedp.ID("macro")))
	do(t, agent, "use the macro in a reply",
		chromedp.SetValue(chromedp.ID("macro"), macroOption(t, agent, "Leveranstid")),
		chromedp.Click(chromedp.ID("use-macro")),
	)
	waitFor(t, agent, "the macro in the reply box", `document.getElementById("body").value.includes("Hej Elin Johansson! Din leverans är på väg. Vänliga hälsningar, Sofia Berglund på Compumail")`)
	if p := currentPath(t, agent); p != "/desk/cases/"+first.Number {
		t.Errorf("the page moved to %s", p)
	}
	do(t, agent, "send it", chromedp.Click(chromedp.CSS(`form.reply button.btn-primary`)))
	waitFor(t, agent, "the reply sent and the case waiting", `document.body.innerText.includes("Your message has been sent.") && document.body.innerText.includes("Waiting on the customer")`)

	// A filter saved as a view shows as a tab with its count.
	do(t, agent, "save a view",
		chromedp.Navigate(f.ts.URL+"/desk/cases?shop=compumail&status=all"),
		chromedp.Click(chromedp.CSS(`details.save-view summary`)),
		chromedp.SendKeys(chromedp.ID("view-name"), "Compumail alla"),
		chromedp.Click(chromedp.ID("view-shared")),
		chromedp.Click(chromedp.CSS(`#save-view button[type=submit]`)),
	)
	waitFor(t, agent, "the view's tab", `document.getElementById("view-tabs") && document.getElementById("view-tabs").innerText.includes("Compumail alla")`)
	checkA11y(t, agent, "queue with views")
	do(t, agent, "manage views", chromedp.Click(chromedp.CSS(`#view-tabs a[href="/desk/views"]`)), chromedp.WaitVisible(chromedp.ID("view-list")))
	checkA11y(t, agent, "saved views")
	screenshot(t, agent, "desk-views")
}

// macroOption returns the value of the macro picker's option with the title.
func macroOption(t *testing.T, ctx context.Context, title string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("#macro option")).find(o => o.textContent.startsWith(`+"`"+title+"`"+`)).value`))
	if err != nil || strings.TrimSpace(v) == "" {
		t.Fatalf("no macro %q in the picker: %v", title, err)
	}
	return v
}
