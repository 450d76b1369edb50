// Package httpapi serves claimdesk's REST API under /api/v1: JSON in and
// out, RFC 9457 problems for errors, an OpenAPI 3.1 document generated from
// the handlers' types, API keys and session cookies, idempotent POSTs, plus
// /healthz, /readyz and /metrics. Handlers parse, call casework and encode;
// they never touch a store.
package httpapi

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// maxBody is the largest request body the API reads.
const maxBody = 4 << 20

// Options configure the API server.
type Options struct {
	Version string
	BaseURL string
	Logger  *slog.Logger
	// KeyRate and KeyBurst limit each API key's requests per second.
	KeyRate  float64
	KeyBurst int
	// SecureCookies marks the session cookie Secure (true behind HTTPS).
	SecureCookies bool
	// Mount lets other packages (the web pages) add routes to the same mux.
	Mount func(mux *http.ServeMux)
}

// Server is the HTTP API.
type Server struct {
	svc     *casework.Service
	api     huma.API
	mux     *http.ServeMux
	log     *slog.Logger
	metrics *metrics
	limiter *keyLimiter
	opts    Options
	handler http.Handler
}

func init() { hookHumaErrors() }

// New builds the server and registers every route.
func New(svc *casework.Service, o Options) *Server {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.KeyRate == 0 {
		o.KeyRate, o.KeyBurst = 50, 200
	}
	s := &Server{svc: svc, mux: http.NewServeMux(), log: o.Logger, metrics: newMetrics(), limiter: newKeyLimiter(o.KeyRate, o.KeyBurst), opts: o}
	cfg := huma.DefaultConfig("claimdesk API", o.Version)
	cfg.OpenAPIPath = "/api/v1/openapi"
	cfg.DocsPath = "/api/v1/docs"
	cfg.SchemasPath = "/api/v1/schemas"
	cfg.CreateHooks = nil // no $schema links in bodies
	cfg.Info.Description = "After-sales desk for Nordic web shops: orders, cases (withdrawal, returns, complaints …), messages and the policy engine's decisions."
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"apiKey":  {Type: "http", Scheme: "bearer", Description: "A shop's API key: `Authorization: Bearer cdk_…`."},
		"session": {Type: "apiKey", In: "cookie", Name: SessionCookie, Description: "A signed-in agent or customer."},
	}
	if o.BaseURL != "" {
		cfg.Servers = []*huma.Server{{URL: o.BaseURL}}
	}
	s.api = humago.New(s.mux, cfg)
	s.routes()
	if o.Mount != nil {
		o.Mount(s.mux)
	}
	s.handler = s.observe(s.authenticate(s.idempotent(http.MaxBytesHandler(s.crossOrigin(s.mux), maxBody))))
	return s
}

// ServeHTTP serves the API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// API returns the huma API, for the OpenAPI document.
func (s *Server) API() huma.API { return s.api }

// crossOrigin refuses cross-site browser requests that change state when
// they ride on a session cookie (CSRF); API-key requests carry no cookie.
func (s *Server) crossOrigin(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := newProblem(claimdesk.CodeForbidden, "cross-origin request refused: send it from the same site or with an API key", nil)
		p.RequestID = requestIDFrom(r.Context())
		writeProblem(w, p)
	}))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			next.ServeHTTP(w, r)
			return
		}
		cop.Handler(next).ServeHTTP(w, r)
	})
}

func (s *Server) routes() {
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("ok\n"))
	})
	s.mux.HandleFunc("GET /readyz", s.ready)
	s.mux.Handle("GET /metrics", promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{}))
	s.shopRoutes()
	s.orderRoutes()
	s.caseRoutes()
	s.customerRoutes()
	s.authRoutes()
	s.helpRoutes()
	s.lifecycleRoutes()
	s.returnMethodRoute()
	s.attachmentRoute()
	s.webhookRoutes()
}

// ready answers 200 when the database is reachable and migrated.
func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.svc.DB().Ping(ctx); err != nil {
		s.log.Warn("not ready", "err", err)
		http.Error(w, "not ready: "+err.Error(), http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	_, _ = w.Write([]byte("ready\n"))
}

// fail converts a use-case error into the problem huma sends.
func (s *Server) fail(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	return problemFromError(s.log, requestIDFrom(ctx), err)
}

// op declares an operation with its security.
func op(id, method, path, summary string, tags []string, security ...string) huma.Operation {
	o := huma.Operation{OperationID: id, Method: method, Path: path, Summary: summary, Tags: tags}
	for _, sec := range security {
		o.Security = append(o.Security, map[string][]string{sec: {}})
	}
	return o
}
