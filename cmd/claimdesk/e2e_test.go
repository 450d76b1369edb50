package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/storetest"
)

// syncBuffer is a buffer safe to read while a server writes to it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func testEnv(stdout, stderr io.Writer, vars map[string]string) *environment {
	return &environment{stdin: strings.NewReader(""), stdout: stdout, stderr: stderr, getenv: func(k string) string { return vars[k] }}
}

var listenRE = regexp.MustCompile(`listening on (http://[0-9.:]+)`)

// startServer runs `claimdesk serve` on a free port and returns its URL and
// a function that stops it and returns what it printed.
func startServer(t *testing.T, dir string, vars map[string]string, args ...string) (string, func() string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	errOut := &syncBuffer{}
	done := make(chan error, 1)
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	go func() {
		done <- run(ctx, testEnv(out, errOut, vars), append([]string{"serve", "--addr", "127.0.0.1:0"}, args...))
	}()
	deadline := time.Now().Add(60 * time.Second)
	var url string
	for time.Now().Before(deadline) {
		if m := listenRE.FindStringSubmatch(out.String()); m != nil {
			url = m[1]
			break
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v\n%s\n%s", err, out, errOut)
		case <-time.After(20 * time.Millisecond):
		}
	}
	_ = os.Chdir(wd)
	if url == "" {
		cancel()
		t.Fatalf("serve did not start:\n%s\n%s", out, errOut)
	}
	return url, func() string {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		return out.String()
	}
}

// cli runs a subcommand in dir and returns stdout.
func cli(t *testing.T, dir string, vars map[string]string, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	if err := run(context.Background(), testEnv(&out, &errOut, vars), args); err != nil {
		t.Fatalf("claimdesk %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String()
}

func call(t *testing.T, method, url, key string, body any) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, rd)
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	var m map[string]any
	if len(data) > 0 && data[0] == '{' {
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s %s: %v: %s", method, url, err, data)
		}
	} else {
		m = map[string]any{"raw": string(data)}
	}
	return res.StatusCode, m
}

// TestServeEndToEnd runs the product as a newcomer would: the server on
// the embedded default (or PostgreSQL), the demo shops, an order posted with
// an API key, a case opened on it, and a restart that keeps everything.
func TestServeEndToEnd(t *testing.T) {
	dbs := map[string]func(t *testing.T, dir string) string{
		"sqlite": func(t *testing.T, dir string) string { return "" }, // the default: claimdesk.db in the working directory
	}
	if dsn := os.Getenv("CLAIMDESK_TEST_POSTGRES"); dsn != "" {
		dbs["postgres"] = func(t *testing.T, dir string) string { return storetest.PostgresDSN(t) }
	}
	for name, dsn := range dbs {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			vars := map[string]string{"CLAIMDESK_LOG_LEVEL": "warn"}
			if d := dsn(t, dir); d != "" {
				vars["CLAIMDESK_DATABASE_URL"] = d
			}
			url, stop := startServer(t, dir, vars)
			_, shops := call(t, "GET", url+"/api/v1/shops", "", nil)
			printed := stop()
			if !strings.Contains(printed, "Demo logins") || !strings.Contains(printed, "ingrid.haugen@example.net") {
				t.Errorf("first start did not print the demo logins:\n%s", printed)
			}
			_ = shops
			if name == "sqlite" {
				if _, err := os.Stat(filepath.Join(dir, "claimdesk.db")); err != nil {
					t.Fatalf("no claimdesk.db in the working directory: %v", err)
				}
			}
			key := strings.TrimSpace(cli(t, dir, vars, "apikey", "create", "--shop", "dustin", "--name", "webshop"))
			url, stop = startServer(t, dir, vars)
			status, list := call(t, "GET", url+"/api/v1/shops", "", nil)
			if status != 200 || !strings.Contains(fmt.Sprint(list), "digitallassmed") {
				t.Fatalf("shops: %d %v", status, list)
			}
			order := map[string]any{"id": "E2E-1", "ordered_at": "2026-11-02T10:00:00Z", "delivery_fee": 149,
				"customer": map[string]any{"kind": "consumer", "name": "Kari Nordmann", "email": "kari@example.net", "country": "NO"},
				"lines":    []any{map[string]any{"sku": "NB-1042", "name": "ThinkPad", "category": "laptop", "quantity": 1, "unit_price": 12490}},
				"deliveries": []any{map[string]any{"number": "E2E-1-1", "delivered_on": time.Now().UTC().AddDate(0, 0, -3).Format("2006-01-02"), "carrier": "Bring",
					"lines": []any{map[string]any{"sku": "NB-1042", "quantity": 1}}}}}
			if s, b := call(t, "POST", url+"/api/v1/shops/dustin/orders", key, order); s != 201 {
				t.Fatalf("post order: %d %v", s, b)
			}
			if s, b := call(t, "GET", url+"/api/v1/shops/dustin/orders/E2E-1", key, nil); s != 200 || b["id"] != "E2E-1" {
				t.Fatalf("read order back: %d %v", s, b)
			}
			s, c := call(t, "POST", url+"/api/v1/shops/dustin/cases", key, map[string]any{"kind": "withdrawal", "order": "E2E-1",
				"lines": []any{map[string]any{"sku": "NB-1042", "quantity": 1}}})
			if s != 201 || !regexp.MustCompile(`^DUS-\d{2}-\d{6}-\d$`).MatchString(fmt.Sprint(c["number"])) {
				t.Fatalf("open case: %d %v", s, c)
			}
			if c["eligible"] != true || fmt.Sprint(c["refund"]) != "12639" {
				t.Errorf("withdrawal within 14 days: eligible %v refund %v, want true and 12639", c["eligible"], c["refund"])
			}
			if printed := stop(); strings.Contains(printed, "Demo logins") {
				t.Error("the demo logins were printed again on the second start")
			}
			url, stop = startServer(t, dir, vars)
			defer stop()
			if s, b := call(t, "GET", url+"/api/v1/cases/"+c["number"].(string), key, nil); s != 200 || b["order"] != "E2E-1" {
				t.Fatalf("after restart: %d %v", s, b)
			}
			if s, _ := call(t, "GET", url+"/readyz", "", nil); s != 200 {
				t.Errorf("readyz: %d", s)
			}
		})
	}
}

// TestServeWithoutDemo: --demo=false leaves the database empty of shops.
func TestServeWithoutDemo(t *testing.T) {
	dir := t.TempDir()
	url, stop := startServer(t, dir, map[string]string{"CLAIMDESK_LOG_LEVEL": "warn"}, "--demo=false")
	defer stop()
	res, err := http.Get(url + "/api/v1/shops")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(bufio.NewReader(res.Body))
	if strings.TrimSpace(string(b)) != "[]" {
		t.Errorf("shops without demo: %s", b)
	}
}
