package webhooks

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// DefaultTimeout bounds one delivery attempt, from dialling to the end of the
// response, when the Sender's client sets no timeout.
const DefaultTimeout = 10 * time.Second

// DefaultUserAgent is sent when the Sender names none.
const DefaultUserAgent = "claimdesk-webhooks/1"

// MaxRetryAfter caps a receiver's Retry-After, so a wrong header cannot park
// a message for years.
const MaxRetryAfter = 24 * time.Hour

// snippetBytes is how much of a response body Result keeps.
const snippetBytes = 1024

// drainBytes is how much more of a response body is read, and thrown away,
// so the connection can be reused.
const drainBytes = 64 << 10

// Sender posts signed webhooks. The zero value works: a client with
// DefaultTimeout and DefaultUserAgent. A Sender is safe for concurrent use.
type Sender struct {
	// Client sends the requests; nil means a fresh http.Client. Its Timeout
	// applies when set, DefaultTimeout otherwise. Its CheckRedirect is
	// ignored: redirects are never followed. Give it a Transport whose
	// dialer refuses private addresses to guard against SSRF.
	Client *http.Client
	// UserAgent is the User-Agent header; empty means DefaultUserAgent.
	UserAgent string
}

// Result is the outcome of one delivery attempt, for the deliveries log and
// the retry decision. Exactly one holds: success (Err empty), Retry, or
// Permanent.
type Result struct {
	// Status is the response status code; 0 when no response came.
	Status int
	// Duration is how long the attempt took.
	Duration time.Duration
	// ResponseSnippet is the first KiB of the response body, as valid UTF-8.
	ResponseSnippet string
	// Err says what went wrong; empty on success. It never contains the
	// URL, which may hold a receiver's token.
	Err string
	// Retry asks for another attempt on the schedule (NextAttempt), not
	// before RetryAfter has passed.
	Retry bool
	// Permanent means this message cannot be delivered: do not retry it.
	Permanent bool
	// Disable means the endpoint answered 410 Gone: turn it off and send
	// it nothing more. Permanent is set too.
	Disable bool
	// RetryAfter is the receiver's Retry-After (seconds or an HTTP date
	// measured from the attempt's ts), at most MaxRetryAfter; 0 when absent.
	RetryAfter time.Duration
}

// OK reports whether the attempt succeeded: a 2xx answer. The zero Result
// is not OK.
func (r Result) OK() bool { return r.Err == "" && r.Status >= 200 && r.Status <= 299 }

// Deliver makes one attempt to post body to url, signed with secret (several
// secrets separated by spaces during a rotation), with msgID as webhook-id and
// ts, the time of this attempt, as webhook-timestamp. It never follows
// redirects and refuses URLs that are not absolute http or https. A 2xx is
// success; 410 is permanent and disables the endpoint; 408, 429, 3xx, 5xx and
// network errors, timeouts and cancellations are retried; other 4xx are
// permanent for this message, as are a bad URL, secret or message id.
func (s *Sender) Deliver(ctx context.Context, url, secret, msgID string, ts time.Time, body []byte) Result {
	if err := checkURL(url); err != nil {
		return Result{Err: err.Error(), Permanent: true}
	}
	sig, err := Sign(secret, msgID, ts, body)
	if err != nil {
		return Result{Err: err.Error(), Permanent: true}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return Result{Err: "webhooks: building request: " + stripURL(err), Permanent: true}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", s.userAgent())
	req.Header.Set(HeaderID, msgID)
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts.Unix(), 10))
	req.Header.Set(HeaderSignature, sig)

	client := s.client()
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		if blocked(err) {
			// The guard will refuse this address on every try.
			return Result{Duration: time.Since(start), Err: stripURL(err), Permanent: true}
		}
		return Result{Duration: time.Since(start), Err: describe(ctx, err, client.Timeout), Retry: true}
	}
	snippet, readErr := readSnippet(resp.Body)
	r := Result{Status: resp.StatusCode, Duration: time.Since(start), ResponseSnippet: snippet}
	classify(&r, resp, ts)
	if r.OK() && readErr != nil {
		// The receiver said yes; a body cut short does not change that.
		r.ResponseSnippet += " [body: " + stripURL(readErr) + "]"
	}
	return r
}

func (s *Sender) userAgent() string {
	if s.UserAgent != "" {
		return s.UserAgent
	}
	return DefaultUserAgent
}

// client returns a copy of the Sender's client that never follows redirects
// and always has a timeout.
func (s *Sender) client() *http.Client {
	var c http.Client
	if s.Client != nil {
		c = *s.Client
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

// checkURL accepts absolute http and https URLs with a host.
func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return errors.New("webhooks: the endpoint URL does not parse")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("webhooks: the endpoint URL must be http or https, not %q", u.Scheme)
	}
	if u.Host == "" {
		return errors.New("webhooks: the endpoint URL has no host")
	}
	return nil
}

// classify fills in Err, Retry, Permanent, Disable and RetryAfter from the
// response.
func classify(r *Result, resp *http.Response, ts time.Time) {
	code := resp.StatusCode
	switch {
	case code >= 200 && code <= 299:
		return
	case code >= 300 && code <= 399:
		r.Err = fmt.Sprintf("redirect %d not followed; update the endpoint URL", code)
		if loc := resp.Header.Get("Location"); loc != "" && len(loc) <= 200 {
			r.Err += " (Location: " + loc + ")"
		}
		r.Retry = true
	case code == http.StatusGone:
		r.Err = "410 Gone: the endpoint asks for no more webhooks"
		r.Permanent, r.Disable = true, true
	case code == http.StatusRequestTimeout || code == http.StatusTooManyRequests || code >= 500:
		r.Err = "status " + strconv.Itoa(code)
		r.Retry = true
		r.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), ts)
	case code >= 400:
		r.Err = "status " + strconv.Itoa(code) + ": the endpoint refused the message"
		r.Permanent = true
	default: // 1xx as a final status: not HTTP as we know it
		r.Err = "unexpected status " + strconv.Itoa(code)
		r.Retry = true
	}
}

// retryAfter parses Retry-After as delay-seconds or an HTTP date measured
// from ts, clamped to [0, MaxRetryAfter]; 0 when absent or unreadable.
func retryAfter(v string, ts time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.ParseUint(v, 10, 32); err == nil {
		d = time.Duration(secs) * time.Second
	} else if at, err := http.ParseTime(v); err == nil {
		d = at.Sub(ts)
	}
	return min(max(d, 0), MaxRetryAfter)
}

// readSnippet keeps the first KiB of body as valid UTF-8, reads on a little
// so the connection can be reused, and closes body.
func readSnippet(body io.ReadCloser) (string, error) {
	defer body.Close()
	buf, err := io.ReadAll(io.LimitReader(body, snippetBytes))
	if err == nil {
		_, err = io.Copy(io.Discard, io.LimitReader(body, drainBytes))
	}
	// Drop a rune cut in half at the end, then anything else invalid.
	for i := 0; i < utf8.UTFMax-1 && len(buf) > 0 && !utf8.Valid(buf); i++ {
		if r, size := utf8.DecodeLastRune(buf); r != utf8.RuneError || size != 1 {
			break
		}
		buf = buf[:len(buf)-1]
	}
	return strings.ToValidUTF8(string(buf), "\uFFFD"), err
}

// describe words a transport error for the deliveries log, without the URL.
func describe(ctx context.Context, err error, timeout time.Duration) string {
	var ne net.Error
	switch {
	case ctx.Err() != nil:
		return "cancelled: " + ctx.Err().Error()
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()):
		return "timeout: no complete response within " + timeout.String()
	}
	return stripURL(err)
}

// stripURL returns the message of err without the *url.Error wrapper that
// would repeat the URL.
func stripURL(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Op + ": " + ue.Err.Error()
	}
	return err.Error()
}
