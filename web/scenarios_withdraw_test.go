package web_test

import (
	"os"
	"path/filepath"
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

// TestBrowserPhotoOnNewCase: a customer attaches a photo to a new case;
// with JavaScript on the live check keeps the chosen file, and the photo
// shows on the case page.
func TestBrowserPhotoOnNewCase(t *testing.T) {
	ctx := browserContext(t)
	f := newFixture(t)
	photo := filepath.Join(t.TempDir(), "knust eske.png")
	if err := os.WriteFile(photo, tinyPNG, 0o600); err != nil {
		t.Fatal(err)
	}
	f.signInBrowser(t, ctx, "silje.bakken@example.net")
	do(t, ctx, "open the new-case form and describe the damage",
		chromedp.Navigate(f.ts.URL+"/s/digitallassmed/orders/DL-100457/new-case"),
		chromedp.WaitVisible(chromedp.ID("newcase")),
		chromedp.Click(chromedp.ID("lines")),
		chromedp.Click(chromedp.ID("kind-transport_damage")),
		chromedp.SendKeys(chromedp.ID("description"), "Esken var knust og låsen har en bulk på siden."),
		chromedp.SetUploadFiles(chromedp.ID("photos"), []string{photo}),
	)
	waitFor(t, ctx, "the live check to settle", `!document.getElementById("newcase").hasAttribute("aria-busy") && document.getElementById("decision-body").innerText.length > 40`)
	do(t, ctx, "send", chromedp.Click(chromedp.CSS(`button[value=submit]`)))
	waitFor(t, ctx, "the confirmation", `location.pathname.endsWith("/confirmation")`)
	number := textOf(t, ctx, "rma-number")
	do(t, ctx, "open the case", chromedp.Navigate(f.ts.URL+"/s/digitallassmed/cases/"+number), chromedp.WaitVisible(chromedp.ID("messages-h")))
	waitFor(t, ctx, "the photo, loaded", `(() => { const i = document.querySelector("#messages img.thumb"); return i && i.complete && i.naturalWidth === 1 && i.alt.includes("knust_eske.png") })()`)
	checkA11y(t, ctx, "case page with a photo")
	screenshot(t, ctx, "portal-case-photo")
}
