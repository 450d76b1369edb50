package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/demo"
	"github.com/claimdesk/claimdesk/httpapi"
	"github.com/claimdesk/claimdesk/policy"
	"github.com/claimdesk/claimdesk/sqlstore"
	"github.com/claimdesk/claimdesk/storetest"
)

// testNow is the fixture's clock: a Monday in Oslo.
var testNow = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

// fixture is a real server on a real database with the demo shops loaded.
type fixture struct {
	t      testing.TB
	ts     *httptest.Server
	db     claimdesk.DB
	svc    *casework.Service
	logins map[string]demo.Login // by email
	keys   map[string]string     // API key per shop
	actors map[string]*http.Client
}

func newFixture(t *testing.T, open storetest.Opener) *fixture {
	t.Helper()
	return newFixtureOn(t, open(t))
}

// newFixtureOn builds the fixture on an opened database.
func newFixtureOn(t testing.TB, db claimdesk.DB) *fixture {
	t.Helper()
	engine, err := policy.Default()
	if err != nil {
		t.Fatal(err)
	}
	svc := casework.New(db, casework.Options{Assessor: casework.PolicyAssessor{Engine: engine}, SLA: casework.CalendarSLA{}, Now: func() time.Time { return testNow }})
	ctx := context.Background()
	logins, err := demo.Load(ctx, db, demo.Options{Now: testNow, HashPassword: casework.HashPassword, NewPassword: casework.RandomPassword, Articles: casework.SeedArticles()})
	if err != nil {
		t.Fatal(err)
	}
	help, err := casework.NewHelpCenter(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	svc.SetHelpCenter(help)
	ts := httptest.NewServer(httpapi.New(svc, httpapi.Options{Version: "test", KeyRate: 100000, KeyBurst: 100000}))
	t.Cleanup(ts.Close)
	f := &fixture{t: t, ts: ts, db: db, svc: svc, logins: map[string]demo.Login{}, keys: map[string]string{}, actors: map[string]*http.Client{}}
	for _, l := range logins {
		f.logins[l.Email] = l
	}
	sys := claimdesk.WithActor(ctx, claimdesk.System)
	for _, shop := range []string{"dustin", "compumail", "digitallassmed", "belysning"} {
		_, secret, err := svc.CreateAPIKey(sys, shop, "test")
		if err != nil {
			t.Fatal(err)
		}
		f.keys[shop] = secret
	}
	return f
}

// response is a decoded reply.
type response struct {
	status int
	body   []byte
	header http.Header
}

func (r response) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("response %d is not a JSON object: %s", r.status, r.body)
	}
	return m
}

func (r response) list(t testing.TB) []any {
	t.Helper()
	var l []any
	if err := json.Unmarshal(r.body, &l); err != nil {
		if m := r.json(t); m["items"] != nil {
			return m["items"].([]any)
		}
		t.Fatalf("response %d is not a list: %s", r.status, r.body)
	}
	return l
}

// client returns an HTTP client acting as who: "anon", "key:SHOP" or a
// demo login's email (signed in through the API).
func (f *fixture) client(who string) (*http.Client, string) {
	f.t.Helper()
	if strings.HasPrefix(who, "key:") {
		return http.DefaultClient, f.keys[strings.TrimPrefix(who, "key:")]
	}
	if who == "anon" {
		return http.DefaultClient, ""
	}
	if c, ok := f.actors[who]; ok {
		return c, ""
	}
	if order, ok := strings.CutPrefix(who, "guest:"); ok {
		return f.guestClient(who, order), ""
	}
	l, ok := f.logins[who]
	if !ok {
		f.t.Fatalf("no demo login %s", who)
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	body := map[string]any{"email": l.Email, "password": l.Password}
	if l.Kind == "customer" {
		body["shop"] = l.Shop
	}
	f.actors[who] = c
	r := f.do(who, "POST", "/api/v1/auth/login", body)
	if r.status != http.StatusOK {
		f.t.Fatalf("sign-in of %s: %d %s", who, r.status, r.body)
	}
	return c, ""
}

// do sends a request as who; body may be nil, a string (sent as is) or a
// value to encode.
func (f *fixture) do(who, method, path string, body any, headers ...string) response {
	f.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			f.t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, f.ts.URL+path, rd)
	if err != nil {
		f.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	var c *http.Client
	var key string
	if who == "anon" || strings.HasPrefix(who, "key:") || f.actors[who] != nil {
		c, key = f.client(who)
	} else {
		c, key = f.client(who)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	res, err := c.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, body: data, header: res.Header}
}

var storetestSQLite = storetest.OpenSQLite

// benchFixture is the fixture's server for a benchmark.
type benchFixture struct {
	url, key string
	db       claimdesk.DB
}

func newBenchFixture(b *testing.B, dialect string) benchFixture {
	b.Helper()
	dsn := filepath.Join(b.TempDir(), "bench.db")
	if dialect == "postgres" {
		dsn = storetest.PostgresDSN(b)
	}
	db, err := sqlstore.Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	f := newFixtureOn(b, db)
	return benchFixture{url: f.ts.URL, key: f.keys["dustin"], db: db}
}

// guestClient returns a client with the session cookie of a guest of
// Ingrid's order (signed in with order number and email on the pages).
func (f *fixture) guestClient(who, order string) *http.Client {
	f.t.Helper()
	token, _, err := f.svc.SignInWithOrder(context.Background(), "dustin", order, "ingrid.haugen@example.net")
	if err != nil {
		f.t.Fatalf("guest sign-in: %v", err)
	}
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(f.ts.URL)
	jar.SetCookies(u, []*http.Cookie{{Name: httpapi.SessionCookie, Value: token, Path: "/"}})
	c := &http.Client{Jar: jar}
	f.actors[who] = c
	return c
}
