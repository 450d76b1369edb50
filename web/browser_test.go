package web_test

import (
	"context"
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser tests drive Debian's Chromium through the pages as people
// use them, with JavaScript on, check them with axe-core and write
// screenshots of the main pages to testdata/screenshots/. Chromium starts
// once per test binary; each scenario gets its own browser context (its
// own cookies), so a customer and an agent can work side by side.

const chromiumPath = "/usr/bin/chromium"

//go:embed testdata/axe.min.js
var axeSource string

var chrome struct {
	once   sync.Once
	ctx    context.Context
	cancel func()
	err    error
	dir    string
}

func TestMain(m *testing.M) {
	code := m.Run()
	if chrome.cancel != nil {
		chrome.cancel()
	}
	if chrome.dir != "" {
		_ = os.RemoveAll(chrome.dir)
	}
	os.Exit(code)
}

// browserContext returns a fresh browser context (a clean profile) in the
// shared Chromium, started on first use. Without Chromium the test fails
// in CI and is skipped elsewhere.
func browserContext(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests are skipped with -short")
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		msg := "browser tests need Chromium at " + chromiumPath + ": apt-get install chromium (the Debian package \"chromium\")"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	chrome.once.Do(func() {
		chrome.dir, chrome.err = os.MkdirTemp("", "claimdesk-chromium-")
		if chrome.err != nil {
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(chromiumPath),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("lang", "en-US"),
			chromedp.UserDataDir(chrome.dir),
			chromedp.WindowSize(1280, 900),
		)
		actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
		bctx, bcancel := chromedp.NewContext(actx)
		if err := chromedp.Do(bctx); err != nil {
			chrome.err = err
			bcancel()
			acancel()
			return
		}
		chrome.ctx = bctx
		chrome.cancel = func() { bcancel(); acancel() }
	})
	if chrome.err != nil {
		t.Fatalf("start Chromium: %v", chrome.err)
	}
	ctx, cancel := chromedp.NewContext(chrome.ctx, chromedp.WithNewBrowserContext())
	ctx, cancelTimeout := context.WithTimeout(ctx, 45*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel() })
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// do runs steps and fails the test with what was being done.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// waitFor evaluates a JavaScript condition until it holds, across page
// loads (an evaluation that meets a navigation is simply tried again).
func waitFor(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var lastErr error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("!!("+cond+")"))
		if err == nil && ok {
			return
		}
		lastErr = err
		if ctx.Err() != nil {
			break
		}
		time.Sleep(75 * time.Millisecond)
	}
	body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 1500) : ""`))
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	t.Fatalf("waiting for %s (%s): %v\nat %s:\n%s", what, cond, lastErr, loc, body)
}

// textOf returns the visible text of the element with the id.
func textOf(t *testing.T, ctx context.Context, id string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID(id)))
	if err != nil {
		t.Fatalf("text of #%s: %v", id, err)
	}
	return s
}

// signInBrowser signs in through the sign-in form and waits for the page
// it leads to.
func (f *fixture) signInBrowser(t *testing.T, ctx context.Context, email string) {
	t.Helper()
	l := f.logins[email]
	path, next := "/desk/login", "/desk/"
	if l.Kind == "customer" {
		path, next = "/s/"+l.Shop+"/login", "/s/"+l.Shop+"/"
	}
	do(t, ctx, "sign in as "+email,
		chromedp.Navigate(f.ts.URL+path),
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), l.Password),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
	)
	waitFor(t, ctx, "the page after sign-in", fmt.Sprintf(`location.pathname.startsWith(%q) && !location.pathname.endsWith("/login")`, next))
}

type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// checkA11y runs axe-core on the current page and fails on serious or
// critical violations.
func checkA11y(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	has, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe !== "undefined"`))
	if err != nil {
		t.Fatal(err)
	}
	if !has {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](axeSource)); err != nil {
			t.Fatalf("inject axe: %v", err)
		}
	}
	const run = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact || "", help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))})))`
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](run, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe on %s: %v", page, err)
	}
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("axe, %s: %s (%s): %s at %v", page, v.ID, v.Impact, v.Help, v.Nodes)
		} else {
			t.Logf("axe, %s: %s (%s): %s", page, v.ID, v.Impact, v.Help)
		}
	}
}

// screenshot writes the whole page to testdata/screenshots/NAME.png.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)`)); err != nil {
		t.Fatal(err)
	}
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	// A read-only checkout still runs the tests; it only keeps its pictures.
	dir := filepath.Join("testdata", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Logf("screenshot %s not written: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
		t.Logf("screenshot %s not written: %v", name, err)
	}
}

// currentPath is the page's path.
func currentPath(t *testing.T, ctx context.Context) string {
	t.Helper()
	p, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func contains(t *testing.T, got, want, what string) {
	t.Helper()
	if !strings.Contains(got, want) {
		t.Errorf("%s lacks %q:\n%s", what, want, got)
	}
}
