package webhooks

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"
)

// receiver is a shop platform's endpoint: it verifies every request and
// answers as the path says.
type receiver struct {
	t          *testing.T
	redirected atomic.Int32 // hits on the redirect target
	verified   atomic.Int32
}

func (rc *receiver) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /status/{code}", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := Verify(vecSecret, r.Header, body, time.Now(), 0); err == nil &&
			r.Header.Get("Content-Type") == "application/json" {
			rc.verified.Add(1)
		}
		code, _ := strconv.Atoi(r.PathValue("code"))
		if ra := r.URL.Query().Get("retry_after"); ra != "" {
			w.Header().Set("Retry-After", ra)
		}
		if code >= 300 && code < 400 {
			w.Header().Set("Location", "/target")
		}
		w.WriteHeader(code)
		io.WriteString(w, "answer "+r.PathValue("code")+" "+r.Header.Get("User-Agent"))
	})
	mux.HandleFunc("/target", func(w http.ResponseWriter, r *http.Request) {
		rc.redirected.Add(1)
	})
	mux.HandleFunc("POST /big", func(w http.ResponseWriter, r *http.Request) {
		// 1023 ASCII bytes, then "ø" (2 bytes) cut by the 1 KiB limit.
		io.WriteString(w, strings.Repeat("a", 1023)+strings.Repeat("ø", 3000))
	})
	mux.HandleFunc("POST /slow", func(w http.ResponseWriter, r *http.Request) {
		io.ReadAll(r.Body) // so the server notices the client hanging up
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	return mux
}

func TestDeliverStatuses(t *testing.T) {
	t.Parallel()
	rc := &receiver{t: t}
	srv := httptest.NewServer(rc.handler())
	t.Cleanup(srv.Close) // after the parallel subtests, not before
	s := &Sender{UserAgent: "claimdesk-test/1"}
	httpDate := time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)

	tests := []struct {
		name       string
		path       string
		wantStatus int
		wantOK     bool
		retry      bool
		permanent  bool
		disable    bool
		retryAfter time.Duration // exact, or a lower bound when approx
		approx     bool
	}{
		{name: "200", path: "/status/200", wantStatus: 200, wantOK: true},
		{name: "204", path: "/status/204", wantStatus: 204, wantOK: true},
		{name: "299", path: "/status/299", wantStatus: 299, wantOK: true},
		{name: "301 not followed", path: "/status/301", wantStatus: 301, retry: true},
		{name: "308 not followed", path: "/status/308", wantStatus: 308, retry: true},
		{name: "400", path: "/status/400", wantStatus: 400, permanent: true},
		{name: "404", path: "/status/404", wantStatus: 404, permanent: true},
		{name: "408", path: "/status/408", wantStatus: 408, retry: true},
		{name: "410 disables", path: "/status/410", wantStatus: 410, permanent: true, disable: true},
		{name: "429", path: "/status/429", wantStatus: 429, retry: true},
		{name: "429 Retry-After seconds", path: "/status/429?retry_after=120", wantStatus: 429, retry: true, retryAfter: 120 * time.Second},
		{name: "429 Retry-After date", path: "/status/429?retry_after=" + strings.ReplaceAll(httpDate, " ", "%20"), wantStatus: 429, retry: true, retryAfter: 85 * time.Second, approx: true},
		{name: "429 Retry-After junk", path: "/status/429?retry_after=soon", wantStatus: 429, retry: true},
		{name: "429 Retry-After capped", path: "/status/429?retry_after=999999999", wantStatus: 429, retry: true, retryAfter: MaxRetryAfter},
		{name: "500", path: "/status/500", wantStatus: 500, retry: true},
		{name: "503 Retry-After", path: "/status/503?retry_after=7", wantStatus: 503, retry: true, retryAfter: 7 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			id, _ := NewMessageID()
			r := s.Deliver(context.Background(), srv.URL+tt.path, vecSecret, id, time.Now(), []byte(vecBody))
			if r.Status != tt.wantStatus || r.OK() != tt.wantOK || r.Retry != tt.retry ||
				r.Permanent != tt.permanent || r.Disable != tt.disable {
				t.Fatalf("Deliver = %+v", r)
			}
			if tt.approx {
				if r.RetryAfter < tt.retryAfter || r.RetryAfter > tt.retryAfter+10*time.Second {
					t.Errorf("RetryAfter = %v, want about %v", r.RetryAfter, tt.retryAfter)
				}
			} else if r.RetryAfter != tt.retryAfter {
				t.Errorf("RetryAfter = %v, want %v", r.RetryAfter, tt.retryAfter)
			}
			if want := "answer " + strconv.Itoa(tt.wantStatus); tt.wantStatus != 204 && !strings.HasPrefix(r.ResponseSnippet, want) {
				t.Errorf("ResponseSnippet = %q, want %q…", r.ResponseSnippet, want)
			}
			if r.Duration <= 0 {
				t.Errorf("Duration = %v", r.Duration)
			}
		})
	}
	t.Cleanup(func() {
		if n := rc.redirected.Load(); n != 0 {
			t.Errorf("redirect target hit %d times", n)
		}
		if n, want := int(rc.verified.Load()), len(tests); n != want {
			t.Errorf("%d of %d requests verified", n, want)
		}
	})
}

func TestDeliverUserAgentAndSnippet(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer((&receiver{t: t}).handler())
	defer srv.Close()
	var s Sender
	r := s.Deliver(context.Background(), srv.URL+"/status/200", vecSecret, "msg_1", time.Now(), []byte("{}"))
	if !strings.HasSuffix(r.ResponseSnippet, DefaultUserAgent) {
		t.Errorf("snippet %q: want the default user agent echoed", r.ResponseSnippet)
	}
	r = s.Deliver(context.Background(), srv.URL+"/big", vecSecret, "msg_1", time.Now(), []byte("{}"))
	if !r.OK() || len(r.ResponseSnippet) != 1023 || !utf8.ValidString(r.ResponseSnippet) {
		t.Errorf("snippet of %d bytes, valid %v; want 1023 valid bytes", len(r.ResponseSnippet), utf8.ValidString(r.ResponseSnippet))
	}
}

func TestDeliverTimeout(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer((&receiver{t: t}).handler())
	defer srv.Close()
	s := &Sender{Client: &http.Client{Timeout: 200 * time.Millisecond}}
	r := s.Deliver(context.Background(), srv.URL+"/slow", vecSecret, "msg_1", time.Now(), []byte("{}"))
	if !r.Retry || r.Permanent || r.Status != 0 || !strings.Contains(r.Err, "timeout") {
		t.Fatalf("Deliver = %+v, want a timeout to retry", r)
	}
	if r.Duration < 200*time.Millisecond || r.Duration > 3*time.Second {
		t.Errorf("Duration = %v", r.Duration)
	}
	if got := (&Sender{}).client().Timeout; got != DefaultTimeout || DefaultTimeout != 10*time.Second {
		t.Errorf("default timeout = %v", got)
	}
}

func TestDeliverCancelled(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer((&receiver{t: t}).handler())
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	r := (&Sender{}).Deliver(ctx, srv.URL+"/slow", vecSecret, "msg_1", time.Now(), []byte("{}"))
	if !r.Retry || !strings.Contains(r.Err, "cancelled") {
		t.Fatalf("Deliver = %+v, want cancelled and retried", r)
	}
}

func TestDeliverConnectionRefused(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	url := "http://" + addr + "/hook?token=s3cr3t"
	r := (&Sender{}).Deliver(context.Background(), url, vecSecret, "msg_1", time.Now(), []byte("{}"))
	if !r.Retry || r.Permanent || r.Status != 0 || r.Err == "" {
		t.Fatalf("Deliver = %+v, want a network error to retry", r)
	}
	if strings.Contains(r.Err, "s3cr3t") {
		t.Errorf("Err %q leaks the URL", r.Err)
	}
}

func TestDeliverRefusesBadInput(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	t.Cleanup(srv.Close)
	tests := []struct{ name, url, secret, id string }{
		{"ftp", "ftp://example.com/hook", vecSecret, "msg_1"},
		{"file", "file:///etc/passwd", vecSecret, "msg_1"},
		{"javascript", "javascript:alert(1)", vecSecret, "msg_1"},
		{"relative", "/hook", vecSecret, "msg_1"},
		{"no host", "http:///hook", vecSecret, "msg_1"},
		{"does not parse", "http://exa mple.com/%zz", vecSecret, "msg_1"},
		{"bad secret", srv.URL, "whsec_short", "msg_1"},
		{"bad id", srv.URL, vecSecret, "msg.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := (&Sender{}).Deliver(context.Background(), tt.url, tt.secret, tt.id, time.Now(), []byte("{}"))
			if !r.Permanent || r.Retry || r.Err == "" || r.Status != 0 {
				t.Fatalf("Deliver = %+v, want a permanent refusal", r)
			}
		})
	}
	t.Cleanup(func() {
		if n := hits.Load(); n != 0 {
			t.Errorf("server hit %d times", n)
		}
	})
}

func TestDeliverKeepsCallersClient(t *testing.T) {
	t.Parallel()
	rc := &receiver{t: t}
	srv := httptest.NewServer(rc.handler())
	defer srv.Close()
	follow := func(*http.Request, []*http.Request) error { return nil }
	c := &http.Client{CheckRedirect: follow}
	r := (&Sender{Client: c}).Deliver(context.Background(), srv.URL+"/status/302", vecSecret, "msg_1", time.Now(), []byte("{}"))
	if r.Status != 302 || !r.Retry || rc.redirected.Load() != 0 {
		t.Fatalf("Deliver = %+v, redirected %d: a caller's client must not follow redirects", r, rc.redirected.Load())
	}
	if c.Timeout != 0 || c.CheckRedirect == nil {
		t.Error("Deliver changed the caller's client")
	}
}

func TestRetryAfter(t *testing.T) {
	t.Parallel()
	ts := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"0", 0},
		{" 30 ", 30 * time.Second},
		{"-5", 0},
		{"1.5", 0},
		{"Mon, 23 Nov 2026 12:02:00 GMT", 2 * time.Minute},
		{"Mon, 23 Nov 2026 11:00:00 GMT", 0},
		{"Fri, 01 Jan 2100 00:00:00 GMT", MaxRetryAfter},
		{"99999999999999999999", 0},
	}
	for _, tt := range tests {
		if got := retryAfter(tt.in, ts); got != tt.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestZeroResultNotOK(t *testing.T) {
	t.Parallel()
	if (Result{}).OK() {
		t.Error("the zero Result is OK")
	}
}
