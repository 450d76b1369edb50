package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// TestBrowserWithdrawal: a consumer at Digital Låssmed withdraws from a
// purchase and sees the 250 kr return fee and the refund before sending,
// updated live as they choose, then gets the RMA number.
func TestBrowserWithdrawal(t *testing.T) {
	ctx := browserContext(t)
	f := newFixture(t)
	f.signInBrowser(t, ctx, "silje.bakken@example.net")
	waitFor(t, ctx, "the order history", `!!document.querySelector("table.data")`)
	checkA11y(t, ctx, "order history")
	screenshot(t, ctx, "portal-orders")

	do(t, ctx, "open the order and start a case",
		chromedp.Click(chromedp.CSS(`a[href="/s/digitallassmed/orders/DL-100457"]`)),
		chromedp.WaitVisible(chromedp.ID("deliveries-h")),
	)
	screenshot(t, ctx, "portal-order")
	do(t, ctx, "new case", chromedp.Click(chromedp.CSS(`.page-head a.btn-primary`)), chromedp.WaitVisible(chromedp.ID("newcase")))
	do(t, ctx, "choose the lock and withdrawal", chromedp.Click(chromedp.ID("lines")), chromedp.Click(chromedp.ID("kind")))
	waitFor(t, ctx, "the live decision", `document.getElementById("decision-body").innerText.includes("250,00 NOK")`)
	dec := textOf(t, ctx, "decision-body")
	for _, want := range []string{"Dette er dekket", "Returgebyr", "250,00 NOK", "Forventet tilbakebetaling", "1 640,00 NOK"} {
		contains(t, dec, want, "the decision")
	}
	waitFor(t, ctx, "the live check to settle", `!document.getElementById("newcase").hasAttribute("aria-busy")`)
	checkA11y(t, ctx, "new-case form")
	screenshot(t, ctx, "portal-new-case")
	do(t, ctx, "narrow screen", chromedp.EmulateViewport(390, 844))
	screenshot(t, ctx, "portal-new-case-mobile")
	do(t, ctx, "wide screen", chromedp.EmulateViewport(1280, 900))

	do(t, ctx, "send", chromedp.Click(chromedp.CSS(`button[value=submit]`)))
	waitFor(t, ctx, "the confirmation", `location.pathname.endsWith("/confirmation")`)
	number := textOf(t, ctx, "rma-number")
	if !strings.HasPrefix(number, "DLS-26-") {
		t.Fatalf("RMA number %q", number)
	}
	contains(t, textOf(t, ctx, "main"), "Sandakerveien 24C", "the confirmation")
	screenshot(t, ctx, "portal-confirmation")

	do(t, ctx, "open the case", chromedp.Click(chromedp.CSS(`.actions-row a.btn-primary`)), chromedp.WaitVisible(chromedp.ID("messages-h")))
	checkA11y(t, ctx, "case page")
	screenshot(t, ctx, "portal-case")
	do(t, ctx, "the case list", chromedp.Click(chromedp.CSS(`.mainnav a[href="/s/digitallassmed/cases"]`)), chromedp.WaitVisible(chromedp.CSS(`table.data`)))
	checkA11y(t, ctx, "case list")
	screenshot(t, ctx, "portal-cases")
}

// TestBrowserVagueDescription: a Compumail customer is stopped by a vague
// description ("fungerar inte"), flagged while typing, fixes it and sends.
func TestBrowserVagueDescription(t *testing.T) {
	ctx := browserContext(t)
	f := newFixture(t)
	f.signInBrowser(t, ctx, "elin.johansson@example.org")
	do(t, ctx, "open the new-case form",
		chromedp.Navigate(f.ts.URL+"/s/compumail/orders/CM-880245/new-case?lang=sv"),
		chromedp.WaitVisible(chromedp.ID("newcase")),
		chromedp.Click(chromedp.ID("line-1")),
		chromedp.Click(chromedp.ID("kind-defect")),
	)
	waitFor(t, ctx, "the decision for a defect", `document.getElementById("decision-body").innerText.includes("2029")`)
	do(t, ctx, "type a vague description", chromedp.SendKeys(chromedp.ID("description"), "fungerar inte"))
	waitFor(t, ctx, "the flag on the description", `!!document.getElementById("description-error")`)
	desc, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.ID("description"), "aria-describedby"))
	if err != nil || !strings.Contains(desc.Value, "description-error") {
		t.Errorf("the description is not tied to its error: %+v %v", desc, err)
	}
	do(t, ctx, "let the typing pause pass", chromedp.Sleep(600*time.Millisecond))
	waitFor(t, ctx, "the live check to settle", `!document.getElementById("newcase").hasAttribute("aria-busy")`)
	screenshot(t, ctx, "portal-new-case-vague")

	do(t, ctx, "send anyway", chromedp.Click(chromedp.CSS(`button[value=submit]`)), chromedp.WaitVisible(chromedp.ID("error-summary")))
	if p := currentPath(t, ctx); !strings.HasSuffix(p, "/new-case") {
		t.Fatalf("a vague description was accepted: at %s", p)
	}
	contains(t, textOf(t, ctx, "error-summary"), "fungerar inte", "the error summary")

	do(t, ctx, "describe the fault",
		chromedp.Evaluate[chromedp.Void](`document.getElementById("description").value = ""`),
		chromedp.SendKeys(chromedp.ID("description"), "Disken klickar och försvinner ur NAS:en efter en timme; SMART visar omallokerade sektorer."),
	)
	waitFor(t, ctx, "the flag to go", `!document.getElementById("description-error")`)
	do(t, ctx, "send", chromedp.Click(chromedp.CSS(`button[value=submit]`)))
	waitFor(t, ctx, "the confirmation", `location.pathname.endsWith("/confirmation")`)
	if n := textOf(t, ctx, "rma-number"); !strings.HasPrefix(n, "CMP-26-") {
		t.Fatalf("RMA number %q", n)
	}
}

// TestBrowserAgentReply: an agent finds the case in the queue, replies,
// and the customer sees the reply.
func TestBrowserAgentReply(t *testing.T) {
	f := newFixture(t)
	c := f.createCase("ingrid.haugen@example.net", casework.OpenCaseInput{Kind: claimdesk.KindDefect, OrderExternalID: "5004127733",
		Lines:       []claimdesk.CaseLine{{SKU: "DELL-U2724D", Quantity: 1}},
		Description: "Skjermen flimrer og blir svart etter ti minutter, også med en annen kabel. Hvordan søker jeg om retur?"})
	f.createCase("sigrid@nordvik-regnskap.example", casework.OpenCaseInput{Kind: claimdesk.KindGeneral, OrderExternalID: "5004090456",
		Subject: "Faktura med feil referanse", Description: "Fakturaen mangler vår innkjøpsreferanse NR-2291. Kan dere sende en ny?"})
	f.at(testNow.AddDate(0, 0, -5), func() {
		f.createCase("magnus@nordvik-regnskap.example", casework.OpenCaseInput{Kind: claimdesk.KindDOA, OrderExternalID: "5004090456",
			Lines: []claimdesk.CaseLine{{SKU: "LEN-TB4-DOCK", Quantity: 1}}, Description: "Dokken gir ikke strøm til PC-en, ingen lys på den."})
	})
	f.createCase("ola.berg@example.net", casework.OpenCaseInput{Kind: claimdesk.KindCancellation, OrderExternalID: "5004131902",
		Lines: []claimdesk.CaseLine{{SKU: "LEN-TB4-DOCK", Quantity: 1}}, Description: "Eg vil avbestille dokken."})
	agent := browserContext(t)
	f.signInBrowser(t, agent, "henrik.moe@dustin.example")
	waitFor(t, agent, "the queue", `!!document.querySelector("table.queue")`)
	checkA11y(t, agent, "agent queue")
	screenshot(t, agent, "desk-queue")

	do(t, agent, "open the case", chromedp.Click(chromedp.CSS(`a[href="/desk/cases/`+c.Number+`"]`)), chromedp.WaitVisible(chromedp.ID("messages-h")))
	checkA11y(t, agent, "agent case page")
	screenshot(t, agent, "desk-case")
	do(t, agent, "use a help-center answer",
		chromedp.Click(chromedp.CSS(`.suggestions details summary`)),
		chromedp.Click(chromedp.CSS(`button[data-insert="suggestion-0"]`)),
	)
	waitFor(t, agent, "the answer in the reply box", `document.getElementById("body").value.length > 20`)
	do(t, agent, "reply",
		chromedp.Evaluate[chromedp.Void](`document.getElementById("body").value = ""`),
		chromedp.SendKeys(chromedp.ID("body"), "Hei Ingrid! Vi sender deg en returetikett i dag. Pakk skjermen godt inn."),
		chromedp.Click(chromedp.CSS(`form.reply button[type=submit]`)),
	)
	waitFor(t, agent, "the reply in the thread", `document.getElementById("messages").innerText.includes("returetikett")`)

	customer := browserContext(t)
	f.signInBrowser(t, customer, "ingrid.haugen@example.net")
	do(t, customer, "open the case", chromedp.Navigate(f.ts.URL+"/s/dustin/cases/"+c.Number), chromedp.WaitVisible(chromedp.ID("messages")))
	contains(t, textOf(t, customer, "messages"), "Vi sender deg en returetikett i dag", "the customer's case page")
}

// TestBrowserCompanyColleague: a company admin at belysning adds a
// colleague, who then signs in and sees the company's orders.
func TestBrowserCompanyColleague(t *testing.T) {
	ctx := browserContext(t)
	f := newFixture(t)
	f.signInBrowser(t, ctx, "kristian@fjordlys.example")
	do(t, ctx, "add a colleague",
		chromedp.Click(chromedp.CSS(`a[href="/s/belysning/company/users"]`)),
		chromedp.WaitVisible(chromedp.ID("add-h")),
		chromedp.SendKeys(chromedp.ID("name"), "Siri Fjord"),
		chromedp.SendKeys(chromedp.ID("email"), "siri@fjordlys.example"),
		chromedp.Click(chromedp.ID("role")),
		chromedp.SendKeys(chromedp.ID("password"), "lys-i-fjorden-2026"),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
	)
	waitFor(t, ctx, "the confirmation", `!!document.getElementById("added")`)
	contains(t, textOf(t, ctx, "added"), "siri@fjordlys.example", "the confirmation")
	checkA11y(t, ctx, "company users")
	screenshot(t, ctx, "portal-company-users")
	do(t, ctx, "my account", chromedp.Click(chromedp.CSS(`.mainnav a[href="/s/belysning/account"]`)), chromedp.WaitVisible(chromedp.ID("book-h")))
	checkA11y(t, ctx, "my account")
	screenshot(t, ctx, "portal-account")

	colleague := browserContext(t)
	l := f.logins["kristian@fjordlys.example"]
	l.Email, l.Password = "siri@fjordlys.example", "lys-i-fjorden-2026"
	f.logins[l.Email] = l
	f.signInBrowser(t, colleague, l.Email)
	waitFor(t, colleague, "the company's orders", `document.body.innerText.includes("BP-240318") && document.body.innerText.includes("BP-240355")`)
}

// TestBrowserOtherCustomersCase: typing another customer's case number in
// the address bar gives the not-found page.
func TestBrowserOtherCustomersCase(t *testing.T) {
	f := newFixture(t)
	c := f.createCase("ingrid.haugen@example.net", casework.OpenCaseInput{Kind: claimdesk.KindDefect, OrderExternalID: "5004127733",
		Lines: []claimdesk.CaseLine{{SKU: "JAB-EV2-65", Quantity: 1}}, Description: "Mikrofonen faller ut etter en halvtime."})
	ctx := browserContext(t)
	f.signInBrowser(t, ctx, "ola.berg@example.net")
	res, err := chromedp.Run(ctx, chromedp.NavigateResponse(f.ts.URL+"/s/dustin/cases/"+c.Number))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != 404 {
		t.Errorf("status %d, want 404", res.Status)
	}
	main := textOf(t, ctx, "main")
	contains(t, main, "Fant ikke siden", "the page")
	if strings.Contains(main, "Mikrofonen") {
		t.Error("the page shows the other customer's case")
	}
}

// TestBrowserHelpCenter: the public help center, searched.
func TestBrowserHelpCenter(t *testing.T) {
	ctx := browserContext(t)
	f := newFixture(t)
	do(t, ctx, "the sign-in page", chromedp.Navigate(f.ts.URL+"/s/dustin/login"), chromedp.WaitVisible(chromedp.ID("email")))
	checkA11y(t, ctx, "sign-in page")
	screenshot(t, ctx, "portal-login")
	do(t, ctx, "search the help center",
		chromedp.Navigate(f.ts.URL+"/s/dustin/help"),
		chromedp.SendKeys(chromedp.ID("q"), "hvordan søker jeg om retur"),
		chromedp.Click(chromedp.CSS(`form.search button`)),
		chromedp.WaitVisible(chromedp.ID("results-h")),
	)
	checkA11y(t, ctx, "help center")
	screenshot(t, ctx, "portal-help")
}

// TestBrowserAPIKeys: a shop admin creates an API key and sees it once.
func TestBrowserAPIKeys(t *testing.T) {
	ctx := browserContext(t)
	f := newFixture(t)
	f.signInBrowser(t, ctx, "camilla.strand@dustin.example")
	do(t, ctx, "create a key",
		chromedp.Click(chromedp.CSS(`a[href="/desk/shops/dustin/settings"]`)),
		chromedp.WaitVisible(chromedp.ID("profile-h")),
		chromedp.Click(chromedp.CSS(`nav.tabs a[href="/desk/shops/dustin/api-keys"]`)),
		chromedp.WaitVisible(chromedp.ID("new-h")),
		chromedp.SendKeys(chromedp.ID("name"), "Nettbutikk produksjon"),
		chromedp.Click(chromedp.CSS(`form.inline-form button`)),
		chromedp.WaitVisible(chromedp.ID("secret")),
	)
	secret, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("secret")))
	if err != nil || !strings.HasPrefix(secret, "cdk_dustin_") {
		t.Fatalf("secret %q: %v", secret, err)
	}
	checkA11y(t, ctx, "API keys")
	// The secret is random; a fixed one keeps the screenshot the same from
	// run to run.
	do(t, ctx, "fix the secret for the screenshot", chromedp.Evaluate[chromedp.Void](`
		document.getElementById("secret").value = "cdk_dustin_4fJ2kQ9vLmN8pR3sT6wY1zA5bC7dE0gH";
		document.querySelectorAll("td code").forEach(c => c.textContent = "cdk_dustin_4fJ2kQ…")`))
	screenshot(t, ctx, "desk-api-keys")
}
