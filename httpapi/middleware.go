package httpapi

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/time/rate"

	"github.com/claimdesk/claimdesk"
)

// SessionCookie is the name of the sign-in cookie.
const SessionCookie = "claimdesk_session"

type requestIDKey struct{}

func requestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// observe gives each request an id, logs it, counts it and recovers from a
// panic with a 500 problem.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if id == "" || len(id) > 64 {
			b := make([]byte, 8)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-Id", id)
		r = r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id))
		rec := &statusRecorder{ResponseWriter: w}
		start := time.Now()
		defer func() {
			if v := recover(); v != nil {
				s.log.Error("panic", "request_id", id, "panic", v)
				if rec.status == 0 {
					writeProblem(rec, problemFromError(s.log, id, claimdesk.Errorf(claimdesk.CodeInternal, "panic")))
				}
			}
			route := r.Pattern
			if route == "" {
				route = "unmatched"
			}
			d := time.Since(start)
			s.metrics.requests.WithLabelValues(r.Method, route, strconv.Itoa(rec.status)).Inc()
			s.metrics.duration.WithLabelValues(r.Method, route).Observe(d.Seconds())
			s.log.Debug("request", "request_id", id, "method", r.Method, "path", r.URL.Path, "status", rec.status, "duration", d)
		}()
		next.ServeHTTP(rec, r)
	})
}

type metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	registry *prometheus.Registry
}

func newMetrics() *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "claimdesk_http_requests_total", Help: "HTTP requests by method, route and status."}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "claimdesk_http_request_duration_seconds", Help: "HTTP request latency.", Buckets: prometheus.DefBuckets}, []string{"method", "route"}),
		registry: prometheus.NewRegistry(),
	}
	m.registry.MustRegister(m.requests, m.duration, prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	return m
}

// authenticate finds who is asking: an API key in the Authorization header,
// or a session cookie. A bad key is refused at once; no credentials at all
// means anonymous, and each use-case decides whether that is enough.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		actor := claimdesk.Actor{Kind: claimdesk.ActorAnonymous}
		if h := r.Header.Get("Authorization"); h != "" {
			token, ok := strings.CutPrefix(h, "Bearer ")
			if !ok {
				writeProblem(w, problemFromError(s.log, requestIDFrom(ctx), claimdesk.Errorf(claimdesk.CodeUnauthenticated, "the Authorization header must be \"Bearer <API key>\"")))
				return
			}
			a, err := s.svc.APIKeyActor(ctx, strings.TrimSpace(token))
			if err != nil {
				writeProblem(w, problemFromError(s.log, requestIDFrom(ctx), err))
				return
			}
			if !s.limiter.allow(a.KeyID) {
				w.Header().Set("Retry-After", "1")
				writeProblem(w, problemFromError(s.log, requestIDFrom(ctx), claimdesk.Errorf(claimdesk.CodeRateLimited, "this API key sends too many requests; slow down")))
				return
			}
			actor = a
		} else if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
			if a, err := s.svc.SessionActor(ctx, c.Value); err == nil {
				actor = a
			}
		}
		next.ServeHTTP(w, r.WithContext(claimdesk.WithActor(ctx, actor)))
	})
}

// keyLimiter is a token bucket per API key, in each instance's memory.
type keyLimiter struct {
	mu      sync.Mutex
	rate    rate.Limit
	burst   int
	buckets map[int64]*rate.Limiter
}

func newKeyLimiter(perSecond float64, burst int) *keyLimiter {
	return &keyLimiter{rate: rate.Limit(perSecond), burst: burst, buckets: map[int64]*rate.Limiter{}}
}

func (l *keyLimiter) allow(key int64) bool {
	if l.rate <= 0 {
		return true
	}
	l.mu.Lock()
	b, ok := l.buckets[key]
	if !ok {
		b = rate.NewLimiter(l.rate, l.burst)
		l.buckets[key] = b
	}
	l.mu.Unlock()
	return b.Allow()
}

// idempotent makes POSTs with an Idempotency-Key header safe to retry: the
// same key with the same body gets the first response again; the same key
// with another body gets 409.
func (s *Server) idempotent(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		if r.Method != http.MethodPost || key == "" {
			next.ServeHTTP(w, r)
			return
		}
		ctx := r.Context()
		rid := requestIDFrom(ctx)
		if len(key) > 255 {
			writeProblem(w, problemFromError(s.log, rid, claimdesk.Errorf(claimdesk.CodeInvalid, "the Idempotency-Key header is longer than 255 characters")))
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		if err != nil {
			writeProblem(w, problemFromError(s.log, rid, claimdesk.Errorf(claimdesk.CodeInvalid, "the request body is too large or unreadable")))
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		sum := sha256.Sum256(append([]byte(r.Method+" "+r.URL.RequestURI()+"\n"), body...))
		scope := idempotencyScope(claimdesk.ActorFrom(ctx))
		store := s.svc.DB().Stores().Idempotency
		// Reserve the key first, so a retry that arrives while the first
		// request still runs is told to wait instead of running twice.
		err = store.SaveIdempotentResponse(ctx, &claimdesk.IdempotentResponse{Scope: scope, Key: key, RequestHash: sum[:], Body: []byte{}, CreatedAt: time.Now().UTC()})
		if claimdesk.IsCode(err, claimdesk.CodeConflict) {
			s.replay(w, r, scope, key, sum[:])
			return
		}
		if err != nil {
			writeProblem(w, problemFromError(s.log, rid, err))
			return
		}
		cap := &capture{ResponseWriter: w}
		defer func() {
			if cap.status >= 200 && cap.status < 500 && cap.status != http.StatusConflict && cap.status != http.StatusTooManyRequests {
				if err := store.CompleteIdempotentResponse(context.WithoutCancel(ctx), scope, key, cap.status, cap.buf.Bytes()); err != nil {
					s.log.Warn("idempotent response not stored", "request_id", rid, "err", err)
				}
				return
			}
			_ = store.DeleteIdempotentResponse(context.WithoutCancel(ctx), scope, key)
		}()
		next.ServeHTTP(cap, r)
	})
}

// replay answers a repeated Idempotency-Key: the stored response when the
// request is the same, 409 when it differs or the first is still running.
func (s *Server) replay(w http.ResponseWriter, r *http.Request, scope, key string, hash []byte) {
	ctx := r.Context()
	rid := requestIDFrom(ctx)
	prev, err := s.svc.DB().Stores().Idempotency.FindIdempotentResponse(ctx, scope, key)
	switch {
	case err != nil:
		writeProblem(w, problemFromError(s.log, rid, err))
	case !bytes.Equal(prev.RequestHash, hash):
		writeProblem(w, problemFromError(s.log, rid, claimdesk.Errorf(claimdesk.CodeConflict, "Idempotency-Key %q was used with another request", key)))
	case prev.Status == 0:
		w.Header().Set("Retry-After", "1")
		writeProblem(w, problemFromError(s.log, rid, claimdesk.Errorf(claimdesk.CodeConflict, "a request with Idempotency-Key %q is still being processed; retry shortly", key)))
	default:
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Idempotent-Replayed", "true")
		w.WriteHeader(prev.Status)
		_, _ = w.Write(prev.Body)
	}
}

func idempotencyScope(a claimdesk.Actor) string {
	switch a.Kind {
	case claimdesk.ActorAPIKey:
		return "key:" + strconv.FormatInt(a.KeyID, 10)
	case claimdesk.ActorAnonymous:
		return "anonymous"
	}
	return "user:" + strconv.FormatInt(a.UserID, 10)
}

// capture copies a response while writing it.
type capture struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

func (c *capture) WriteHeader(code int) {
	if c.status == 0 {
		c.status = code
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *capture) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	c.buf.Write(b)
	return c.ResponseWriter.Write(b)
}
