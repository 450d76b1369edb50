package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	var lat []time.Duration
	for i := 1; i <= 100; i++ {
		lat = append(lat, time.Duration(i)*time.Millisecond)
	}
	for _, tt := range []struct {
		p    int
		want time.Duration
	}{{50, 50 * time.Millisecond}, {95, 95 * time.Millisecond}, {99, 99 * time.Millisecond}, {100, 100 * time.Millisecond}} {
		if got := pct(lat, tt.p); got != tt.want {
			t.Errorf("p%d = %v, want %v", tt.p, got, tt.want)
		}
	}
	if pct(nil, 50) != 0 {
		t.Error("percentile of nothing")
	}
}

// A slow target shows a lower rate than the baseline, errors are counted,
// and the API key goes only to /api/ paths.
func TestRunAgainstAServer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/healthz":
		case r.URL.Path == "/slow":
			time.Sleep(5 * time.Millisecond)
		case strings.HasPrefix(r.URL.Path, "/api/") && r.Header.Get("Authorization") == "Bearer k1":
		default:
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	defer srv.Close()
	c := srv.Client()
	slow := Measure(context.Background(), c, srv.URL, "/slow", "", 2, 200*time.Millisecond)
	if slow.Requests == 0 || slow.Errors != 0 || slow.P50 < 5*time.Millisecond {
		t.Errorf("slow: %+v", slow)
	}
	api := Measure(context.Background(), c, srv.URL, "/api/x", "k1", 2, 100*time.Millisecond)
	if api.Requests == 0 || api.Errors != 0 {
		t.Errorf("api with key: %+v", api)
	}
	if r := Measure(context.Background(), c, srv.URL, "/api/x", "", 2, 100*time.Millisecond); r.Errors != r.Requests || r.Requests == 0 {
		t.Errorf("api without key: %+v", r)
	}
	var out bytes.Buffer
	if err := run(context.Background(), &out, srv.URL, "k1", 2, 150*time.Millisecond, []string{"/slow", "/api/x"}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 4 || !strings.Contains(lines[1], "/healthz") || !strings.Contains(lines[2], "/slow") {
		t.Fatalf("report:\n%s", out.String())
	}
	if err := run(context.Background(), &out, "http://127.0.0.1:1", "", 1, 50*time.Millisecond, nil); err == nil {
		t.Error("no error for a server that is not there")
	}
}
