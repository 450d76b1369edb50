package web_test

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"
	"golang.org/x/net/html"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/demo"
	"github.com/claimdesk/claimdesk/httpapi"
	"github.com/claimdesk/claimdesk/mailbox"
	"github.com/claimdesk/claimdesk/policy"
	"github.com/claimdesk/claimdesk/storetest"
	"github.com/claimdesk/claimdesk/web"
)

// testNow is the fixture's clock: Monday 23 November 2026, 10:30 in Oslo.
var testNow = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

// fixture is the real API server with the pages mounted, on a real SQLite
// database with the demo shops loaded, as `claimdesk serve` wires them.
type fixture struct {
	t      testing.TB
	ts     *httptest.Server
	svc    *casework.Service
	db     claimdesk.DB
	logins map[string]demo.Login // by email
	clock  atomic.Int64          // the service's now, in Unix nanoseconds
}

// at runs fn with the service's clock set to t, then puts it back.
func (f *fixture) at(t time.Time, fn func()) {
	old := f.clock.Swap(t.UnixNano())
	defer f.clock.Store(old)
	fn()
}

// fastHash is argon2id at a test-sized cost, in the same PHC format, so
// loading the demo's thirty logins takes milliseconds instead of seconds.
func fastHash(password string) (string, error) {
	salt := make([]byte, 16)
	_, _ = rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, 1, 64, 1, 32)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=64,t=1,p=1$%s$%s", argon2.Version, enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	db := storetest.OpenDialect(t, "sqlite")
	engine, err := policy.Default()
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, logins: map[string]demo.Login{}}
	f.clock.Store(testNow.UnixNano())
	svc := casework.New(db, casework.Options{Assessor: casework.PolicyAssessor{Engine: engine}, SLA: casework.CalendarSLA{},
		Now: func() time.Time { return time.Unix(0, f.clock.Load()).UTC() }})
	ctx := context.Background()
	logins, err := demo.Load(ctx, db, demo.Options{Now: testNow, HashPassword: fastHash, NewPassword: casework.RandomPassword, Articles: casework.SeedArticles()})
	if err != nil {
		t.Fatal(err)
	}
	help, err := casework.NewHelpCenter(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	svc.SetHelpCenter(help)
	pages := web.New(svc, web.Options{Policy: engine})
	ts := httptest.NewServer(httpapi.New(svc, httpapi.Options{Version: "test", KeyRate: 100000, KeyBurst: 100000, Mount: pages.Mount}))
	t.Cleanup(ts.Close)
	f.ts, f.svc, f.db = ts, svc, db
	// Account mail (sign-in links, resets, invitations) goes to the outbox
	// as in `claimdesk serve`; tests read the links from there.
	svc.SetBaseURL(ts.URL)
	svc.SetAccountMailer(mailbox.NewNotifier(mailbox.Options{BaseURL: ts.URL, Now: svc.Now}))
	for _, l := range logins {
		f.logins[l.Email] = l
	}
	return f
}

// browser is an HTTP client with its own cookies, like one person's
// browser with JavaScript off.
type browser struct {
	f   *fixture
	c   *http.Client
	url string // the last page's URL
}

func (f *fixture) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{f: f, c: &http.Client{Jar: jar}}
}

// signIn returns a browser signed in as a demo login through the sign-in
// form of the shop (customers) or the workspace (agents).
func (f *fixture) signIn(email string) *browser {
	f.t.Helper()
	l, ok := f.logins[email]
	if !ok {
		f.t.Fatalf("no demo login %s", email)
	}
	b := f.browser()
	path := "/desk/login"
	if l.Kind == "customer" {
		path = "/s/" + l.Shop + "/login"
	}
	res := b.post(path, url.Values{"email": {email}, "password": {l.Password}})
	if res.status != http.StatusOK || strings.Contains(res.url, "/login") {
		f.t.Fatalf("sign-in of %s: %d at %s\n%s", email, res.status, res.url, res.body)
	}
	return b
}

// page is a fetched page.
type page struct {
	status int
	body   string
	url    string // after redirects
	doc    *html.Node
}

func (b *browser) do(req *http.Request) page {
	b.f.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.f.t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	doc, err := html.Parse(strings.NewReader(string(data)))
	if err != nil {
		b.f.t.Fatalf("%s: not HTML: %v", req.URL, err)
	}
	b.url = res.Request.URL.String()
	return page{status: res.StatusCode, body: string(data), url: res.Request.URL.RequestURI(), doc: doc}
}

func (b *browser) get(path string) page {
	b.f.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.f.ts.URL+path, nil)
	return b.do(req)
}

func (b *browser) post(path string, v url.Values, headers ...string) page {
	b.f.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.f.ts.URL+path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return b.do(req)
}

// byID returns the element with the id, or nil.
func (p page) byID(id string) *html.Node {
	var found *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found != nil {
			return
		}
		if n.Type == html.ElementNode && attr(n, "id") == id {
			found = n
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.doc)
	return found
}

// text returns the element's text with spaces collapsed.
func text(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func attr(n *html.Node, name string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// createCase opens a case through the service as a demo customer, for
// tests that need one to exist.
func (f *fixture) createCase(email string, in casework.OpenCaseInput) *claimdesk.Case {
	f.t.Helper()
	l := f.logins[email]
	token, _, err := f.svc.Login(context.Background(), casework.LoginInput{Kind: claimdesk.CustomerUser, ShopID: l.Shop, Email: email, Password: l.Password})
	if err != nil {
		f.t.Fatal(err)
	}
	a, err := f.svc.SessionActor(context.Background(), token)
	if err != nil {
		f.t.Fatal(err)
	}
	c, err := f.svc.OpenCase(claimdesk.WithActor(context.Background(), a), l.Shop, in)
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}
