package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserWithdrawalFunction: a Digital Låssmed consumer who is not
// signed in finds "Angre kjøpet her" on the portal, gives name, order
// number and email, sees the 250 kr return fee and the refund before the
// separate confirmation, confirms, and gets the acknowledgement on the
// page and in the outbox.
func TestBrowserWithdrawalFunction(t *testing.T) {
	ctx := browserContext(t)
	f := newFixture(t).withMail()
	do(t, ctx, "open the portal and follow the withdrawal link",
		chromedp.Navigate(f.ts.URL+"/s/digitallassmed/"),
		chromedp.WaitVisible(chromedp.ID("withdraw-footer")),
		chromedp.Click(chromedp.CSS(`.mainnav a.withdraw-link`)),
		chromedp.WaitVisible(chromedp.ID("withdraw")),
	)
	checkA11y(t, ctx, "withdrawal form")
	screenshot(t, ctx, "portal-withdraw")
	do(t, ctx, "say who and which order",
		chromedp.SendKeys(chromedp.ID("name"), "Silje Bakken"),
		chromedp.SendKeys(chromedp.ID("order"), "DL-100457"),
		chromedp.SendKeys(chromedp.ID("email"), "silje.bakken@example.net"),
		chromedp.Click(chromedp.CSS(`button[value=check]`)),
	)
	waitFor(t, ctx, "the summary", `!!document.getElementById("confirm")`)
	dec := textOf(t, ctx, "decision-body")
	for _, want := range []string{"Returgebyr", "250,00 NOK", "Forventet tilbakebetaling"} {
		contains(t, dec, want, "the summary's decision")
	}
	checkA11y(t, ctx, "withdrawal summary")
	screenshot(t, ctx, "portal-withdraw-summary")

	do(t, ctx, "confirm the withdrawal", chromedp.Click(chromedp.ID("confirm")))
	waitFor(t, ctx, "the acknowledgement", `!!document.getElementById("case-number")`)
	number := textOf(t, ctx, "case-number")
	if !strings.HasPrefix(number, "DLS-26-") {
		t.Fatalf("case number %q", number)
	}
	contains(t, textOf(t, ctx, "received-at"), "23. nov. 2026 kl. 10:30 (CET)", "the time of receipt")
	checkA11y(t, ctx, "withdrawal acknowledgement")
	screenshot(t, ctx, "portal-withdraw-done")
	if got := f.outboxKinds(number); len(got) != 1 || got[0] != "withdrawal_received to silje.bakken@example.net" {
		t.Errorf("outbox: %v", got)
	}
}
