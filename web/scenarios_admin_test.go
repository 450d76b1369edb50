package web_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserAdmin: a shop admin changes the opening hours to a split shift
// and sees them saved, adds an agent with a role, uploads a terms file the
// linter flags (the report shows why), then a clean one and activates it;
// every admin page passes axe.
func TestBrowserAdmin(t *testing.T) {
	ctx := browserContext(t)
	f := newFixture(t)
	f.signInBrowser(t, ctx, "camilla.strand@dustin.example")

	do(t, ctx, "change Monday to a split shift",
		chromedp.Click(chromedp.CSS(`a[href="/desk/shops/dustin/settings"]`)),
		chromedp.WaitVisible(chromedp.ID("profile-h")),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("hours_1").value = ""`),
		chromedp.SendKeys(chromedp.ID("hours_1"), "08:00-12:00, 13:00-16:00"),
		chromedp.Click(chromedp.CSS(`main form button.btn-primary`)),
	)
	waitFor(t, ctx, "the settings saved", `document.querySelector(".flash") && location.search.includes("settings_saved")`)
	hours, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("hours_1")))
	if err != nil || hours != "08:00-12:00, 13:00-16:00" {
		t.Fatalf("Monday after saving: %q %v", hours, err)
	}
	checkA11y(t, ctx, "shop settings")
	screenshot(t, ctx, "desk-admin-settings")

	do(t, ctx, "add an agent as team lead",
		chromedp.Click(chromedp.CSS(`nav.tabs a[href="/desk/shops/dustin/agents"]`)),
		chromedp.WaitVisible(chromedp.ID("add-h")),
		chromedp.SendKeys(chromedp.ID("email"), "jonas.berg@dustin.example"),
		chromedp.SendKeys(chromedp.ID("name"), "Jonas Berg"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("role").value = "lead"`),
		chromedp.SendKeys(chromedp.ID("password"), "forste-passord-1"),
		chromedp.Click(chromedp.CSS(`form[action="/desk/shops/dustin/agents"] button[type=submit]`)),
	)
	waitFor(t, ctx, "the agent added", `location.search.includes("agent_added") && document.getElementById("agents").innerText.includes("Jonas Berg")`)
	contains(t, textOf(t, ctx, "agents"), "Team lead", "the agents table")
	checkA11y(t, ctx, "agents")
	screenshot(t, ctx, "desk-admin-agents")

	dir := t.TempDir()
	flagged, clean := filepath.Join(dir, "vilkar-feil.toml"), filepath.Join(dir, "vilkar.toml")
	if err := os.WriteFile(flagged, termsFile(t, "../policy/terms/digitallassmed.toml", "digitallassmed-2022-05-01.1", "dustin-2026-12-01"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(clean, termsFile(t, "../policy/testdata/clean.toml", "clean-2026-11-01.1", "dustin-2026-12-01"), 0o644); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "upload terms the linter flags",
		chromedp.Click(chromedp.CSS(`nav.tabs a[href="/desk/shops/dustin/terms"]`)),
		chromedp.WaitVisible(chromedp.ID("upload-h")),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{flagged}),
		chromedp.Click(chromedp.CSS(`form[enctype="multipart/form-data"] button`)),
		chromedp.WaitVisible(chromedp.ID("report")),
	)
	report := textOf(t, ctx, "report")
	contains(t, report, "cannot be activated", "the report")
	contains(t, report, "The EU ODR platform has been discontinued", "the report")
	contains(t, report, "forordning (EU) 2024/3228", "the report")
	checkA11y(t, ctx, "terms report")
	screenshot(t, ctx, "desk-admin-terms-lint")

	do(t, ctx, "upload clean terms and activate them",
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{clean}),
		chromedp.Click(chromedp.CSS(`form[enctype="multipart/form-data"] button`)),
		chromedp.WaitVisible(chromedp.ID("activate")),
		chromedp.Click(chromedp.ID("activate")),
	)
	waitFor(t, ctx, "the terms active", `location.search.includes("terms_activated") && document.getElementById("current").innerText.includes("dustin-2026-12-01")`)
	checkA11y(t, ctx, "terms")

	do(t, ctx, "the webhooks page",
		chromedp.Click(chromedp.CSS(`nav.tabs a[href="/desk/shops/dustin/webhooks"]`)),
		chromedp.WaitVisible(chromedp.ID("new-h")),
	)
	checkA11y(t, ctx, "webhooks")
}
