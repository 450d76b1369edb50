package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserGuestOrder: a Dustin customer who never made an account signs
// in with the order number and email from the order confirmation, sees
// that order only, and opens a complaint on it.
func TestBrowserGuestOrder(t *testing.T) {
	ctx := browserContext(t)
	f := newFixture(t)
	f.guestOrders()
	do(t, ctx, "open the sign-in page", chromedp.Navigate(f.ts.URL+"/s/dustin/login"), chromedp.WaitVisible(chromedp.ID("order_number")))
	checkA11y(t, ctx, "sign-in page with its three ways")
	screenshot(t, ctx, "portal-login-options")

	do(t, ctx, "sign in with the order number",
		chromedp.SendKeys(chromedp.ID("order_number"), "G-1001"),
		chromedp.SendKeys(chromedp.ID("order_email"), guestEmail),
		chromedp.Click(chromedp.CSS(`form[action$="/login/order"] button[type=submit]`)),
	)
	waitFor(t, ctx, "the order's page", `location.pathname === "/s/dustin/orders/G-1001" && !!document.getElementById("guest-note")`)
	if has, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector('.mainnav a[href="/s/dustin/account"]')`)); has {
		t.Error("a guest is offered the account page")
	}
	checkA11y(t, ctx, "a guest's order page")

	do(t, ctx, "the order list", chromedp.Click(chromedp.CSS(`.mainnav a[href="/s/dustin/orders"]`)), chromedp.WaitVisible(chromedp.CSS(`table.data`)))
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("table.data tbody tr")].map(r => r.innerText)`))
	if err != nil || len(rows) != 1 || !strings.Contains(rows[0], "G-1001") {
		t.Fatalf("a guest's order list: %q, %v", rows, err)
	}

	do(t, ctx, "open a case on the order",
		chromedp.Navigate(f.ts.URL+"/s/dustin/orders/G-1001/new-case"),
		chromedp.WaitVisible(chromedp.ID("newcase")),
		chromedp.Click(chromedp.ID("kind-defect")),
		chromedp.SendKeys(chromedp.ID("description"), "Venstre øreklokke har sluttet å gi lyd etter fire dager, også med kabel."),
	)
	waitFor(t, ctx, "the order's only line chosen for us", `document.getElementById("lines").checked`)
	waitFor(t, ctx, "the live decision", `!document.getElementById("decision-body").innerText.includes("Velg varer")`)
	do(t, ctx, "let the typing pause pass", chromedp.Sleep(600*time.Millisecond))
	waitFor(t, ctx, "the live check to settle", `!document.getElementById("newcase").hasAttribute("aria-busy")`)
	do(t, ctx, "send", chromedp.Click(chromedp.CSS(`button[value=submit]`)))
	waitFor(t, ctx, "the confirmation", `location.pathname.endsWith("/confirmation")`)
	number := textOf(t, ctx, "rma-number")
	if !strings.HasPrefix(number, "DUS-26-") {
		t.Fatalf("RMA number %q", number)
	}
	do(t, ctx, "the case list", chromedp.Navigate(f.ts.URL+"/s/dustin/cases"), chromedp.WaitVisible(chromedp.CSS(`main`)))
	contains(t, textOf(t, ctx, "main"), number, "the guest's case list")

	do(t, ctx, "the customer's other order", chromedp.Navigate(f.ts.URL+"/s/dustin/orders/G-1002"), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	contains(t, textOf(t, ctx, "main"), "Fant ikke siden", "the other order")
}

// TestBrowserEmailedLink: Ingrid asks for a sign-in link, opens the link
// from the mail the outbox holds and presses the button; then forgets her
// password and sets a new one from the mailed reset link.
func TestBrowserEmailedLink(t *testing.T) {
	ctx := browserContext(t)
	f := newFixture(t)
	ingrid := "ingrid.haugen@example.net"
	do(t, ctx, "ask for a sign-in link",
		chromedp.Navigate(f.ts.URL+"/s/dustin/login"),
		chromedp.SendKeys(chromedp.ID("link_email"), ingrid),
		chromedp.Click(chromedp.CSS(`form[action$="/login/email"] button[type=submit]`)),
	)
	waitFor(t, ctx, "the check-your-email page", `!!document.getElementById("sent")`)
	checkA11y(t, ctx, "check your email")
	link := f.mailedLink(ingrid)
	if !strings.Contains(link, "/s/dustin/login/link?token=") {
		t.Fatalf("mailed link %q", link)
	}
	do(t, ctx, "open the link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.ID("use-link")))
	checkA11y(t, ctx, "sign-in link page")
	do(t, ctx, "press sign in", chromedp.Click(chromedp.ID("use-link")))
	waitFor(t, ctx, "the order history", `location.pathname === "/s/dustin/orders" && document.body.innerText.includes("Ingrid Haugen")`)

	do(t, ctx, "my account", chromedp.Navigate(f.ts.URL+"/s/dustin/account"), chromedp.WaitVisible(chromedp.ID("profile")))
	checkA11y(t, ctx, "my account with its forms")
	screenshot(t, ctx, "portal-account-edit")
	do(t, ctx, "a new address", chromedp.Click(chromedp.ID("add-address")), chromedp.WaitVisible(chromedp.ID("street")))
	checkA11y(t, ctx, "address form")
	do(t, ctx, "account deletion", chromedp.Navigate(f.ts.URL+"/s/dustin/account/delete"), chromedp.WaitVisible(chromedp.ID("kept")))
	checkA11y(t, ctx, "account deletion")
	do(t, ctx, "sign out", chromedp.Click(chromedp.CSS(`form.signout button`)))
	waitFor(t, ctx, "the sign-in page", `location.pathname === "/s/dustin/login"`)
	do(t, ctx, "forgot password", chromedp.Click(chromedp.ID("forgot")), chromedp.WaitVisible(chromedp.ID("email")))
	checkA11y(t, ctx, "forgotten password")
	do(t, ctx, "ask for a reset", chromedp.SendKeys(chromedp.ID("email"), ingrid), chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	waitFor(t, ctx, "the check-your-email page", `!!document.getElementById("sent")`)
	do(t, ctx, "open the reset link", chromedp.Navigate(f.mailedLink(ingrid)), chromedp.WaitVisible(chromedp.ID("password2")))
	do(t, ctx, "send a short password", chromedp.SendKeys(chromedp.ID("password"), "kort"), chromedp.SendKeys(chromedp.ID("password2"), "kort"),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	waitFor(t, ctx, "the error next to the password", `!!document.getElementById("password-error")`)
	checkA11y(t, ctx, "new password with an error")
	screenshot(t, ctx, "portal-password-error")
	do(t, ctx, "set a good password",
		chromedp.SendKeys(chromedp.ID("password"), "fjell og fjord 2026"), chromedp.SendKeys(chromedp.ID("password2"), "fjell og fjord 2026"),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	waitFor(t, ctx, "signed in after the reset", `location.pathname === "/s/dustin/orders"`)
}
