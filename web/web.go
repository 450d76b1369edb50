// Package web serves claimdesk's pages: the customer portal of each shop
// under /s/{shop}/ (sign-in, order history, "new case" with the policy
// engine's pre-check, cases and messages, return labels, the help center,
// the account and company users) and the agent workspace under /desk/
// (queue, case page with reply, actions and decision, and each shop's
// admin pages: settings, agents, API keys, webhooks, terms).
//
// Pages are rendered on the server with html/template from embedded files;
// every form works without JavaScript and a little embedded script adds the
// live pre-check on top. Every text a user reads comes from the message
// catalogues in i18n/ (nb, nn, sv, da, en). Handlers parse the request,
// call casework and render; they never touch a store.
package web

import (
	"context"
	"embed"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/policy"
)

// SessionCookie is the sign-in cookie; the same one the JSON API sets, so
// a browser signed in on the pages is signed in on the API and back.
const SessionCookie = "claimdesk_session"

// maxForm is the largest form body a page reads (a case description is at
// most 20 000 characters).
const maxForm = 256 << 10

// LangCookie remembers the language a user picked with a ?lang= link.
const LangCookie = "claimdesk_lang"

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

//go:embed i18n
var i18nFS embed.FS

// Options configure the pages.
type Options struct {
	// Logger gets the errors behind 500 pages; slog.Default if nil.
	Logger *slog.Logger
	// SecureCookies marks cookies Secure (true behind HTTPS).
	SecureCookies bool
	// DeskLang is the agent workspace's language when the browser states
	// none we have; English if empty.
	DeskLang claimdesk.Lang
	// Policy is the engine whose shop terms give the packing notes on the
	// confirmation page; the embedded terms (policy.Default) if nil.
	Policy *policy.Engine
}

// Handler serves the portal and the workspace. Build it with New and add
// its routes to a mux with Mount.
type Handler struct {
	svc     *casework.Service
	opts    Options
	log     *slog.Logger
	cat     *catalogues
	pages   *pageSet
	assets  *assets
	origins *http.CrossOriginProtection
	own     *http.ServeMux // the pages alone, for ServeHTTP
	engine  *policy.Engine
}

// New builds the pages on a service. It panics if the embedded templates
// or catalogues are broken, which the package's tests rule out.
func New(svc *casework.Service, o Options) *Handler {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.DeskLang == "" || !claimdesk.ValidLang(o.DeskLang) {
		o.DeskLang = claimdesk.English
	}
	cat, err := loadCatalogues(i18nFS)
	if err != nil {
		panic(err)
	}
	as, err := loadAssets(staticFS)
	if err != nil {
		panic(err)
	}
	pages, err := parsePages(templateFS)
	if err != nil {
		panic(err)
	}
	if o.Policy == nil {
		if e, err := policy.Default(); err == nil {
			o.Policy = e
		}
	}
	h := &Handler{svc: svc, opts: o, log: o.Logger, cat: cat, pages: pages, assets: as, origins: http.NewCrossOriginProtection(), engine: o.Policy}
	h.origins.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.errorPage(w, r, http.StatusForbidden, "error.cross_origin")
	}))
	h.own = http.NewServeMux()
	h.Mount(h.own)
	return h
}

// Mount registers every page on mux. Permissions are checked in each
// handler through casework; the routes say who they are for.
func (h *Handler) Mount(mux *http.ServeMux) {
	handle := func(pattern string, f http.HandlerFunc) { mux.Handle(pattern, h.wrap(f)) }
	// Forms that carry photos may be larger.
	upload := func(pattern string, f http.HandlerFunc) { mux.Handle(pattern, h.wrapLimit(f, maxUpload)) }
	mux.Handle("GET /assets/{file}", h.assets)
	// The shop's brand colour as a stylesheet (brand.go): no session, no page frame.
	mux.Handle("GET /s/{shop}/brand.css", http.HandlerFunc(h.brandCSS))
	handle("GET /{$}", h.index)

	// Customer portal: anyone may sign in, read the help center and use
	// the withdrawal function; every other page needs a customer of the shop.
	handle("GET /s/{shop}/{$}", h.portalHome)
	handle("GET /s/{shop}/login", h.portalLoginForm)
	handle("POST /s/{shop}/login", h.portalLogin)
	handle("POST /s/{shop}/logout", h.logout)
	handle("GET /s/{shop}/help", h.help)
	handle("GET /s/{shop}/withdraw", h.withdrawForm)
	handle("POST /s/{shop}/withdraw", h.withdrawPost)
	handle("GET /s/{shop}/orders", h.orders)
	handle("GET /s/{shop}/orders/{order}", h.order)
	handle("GET /s/{shop}/orders/{order}/new-case", h.newCaseForm)
	upload("POST /s/{shop}/orders/{order}/new-case", h.newCasePost)
	handle("GET /s/{shop}/account", h.account)
	handle("GET /s/{shop}/cases", h.cases)
	handle("GET /s/{shop}/cases/{number}", h.portalCase)
	handle("GET /s/{shop}/cases/{number}/confirmation", h.confirmation)
	handle("GET /s/{shop}/cases/{number}/label", h.label)
	upload("POST /s/{shop}/cases/{number}/messages", h.portalReply)
	handle("GET /s/{shop}/cases/{number}/attachments/{id}", h.attachment)
	handle("POST /s/{shop}/cases/{number}/escalate", h.portalEscalate)
	// Company admins.
	handle("GET /s/{shop}/company/users", h.companyUsers)
	handle("POST /s/{shop}/company/users", h.companyUsersPost)
	// Other ways to sign in, and the account pages (accountroutes.go).
	h.mountAccounts(handle)

	// Agent workspace: agents; API keys for shop admins.
	handle("GET /desk/{$}", h.deskHome)
	handle("GET /desk/login", h.deskLoginForm)
	handle("POST /desk/login", h.deskLogin)
	handle("POST /desk/logout", h.logout)
	handle("GET /desk/cases", h.queue)
	handle("GET /desk/dashboard", h.dashboard)
	handle("GET /desk/dashboard.csv", h.dashboardCSV)
	handle("GET /desk/cases/{number}", h.deskCase)
	handle("POST /desk/cases/{number}/messages", h.deskReply)
	handle("GET /desk/cases/{number}/label", h.label)
	handle("GET /desk/cases/{number}/attachments/{id}", h.attachment)
	handle("POST /desk/cases/{number}/actions", h.deskAction)
	handle("POST /desk/cases/{number}/decide", h.deskDecide)
	handle("GET /desk/shops/{shop}/api-keys", h.apiKeys)
	handle("POST /desk/shops/{shop}/api-keys", h.apiKeysCreate)
	handle("POST /desk/shops/{shop}/api-keys/{id}/revoke", h.apiKeysRevoke)
	h.mountDeskwork(handle)
	// Shop admin pages (casework checks the agent is the shop's admin).
	handle("GET /desk/shops/{shop}/settings", h.shopSettings)
	handle("POST /desk/shops/{shop}/settings", h.shopSettingsPost)
	handle("GET /desk/shops/{shop}/agents", h.agents)
	handle("POST /desk/shops/{shop}/agents", h.agentsAdd)
	handle("POST /desk/shops/{shop}/agents/{id}/role", h.agentsRole)
	handle("POST /desk/shops/{shop}/agents/{id}/remove", h.agentsRemove)
	handle("GET /desk/shops/{shop}/webhooks", h.webhooksPage)
	handle("POST /desk/shops/{shop}/webhooks", h.webhooksCreate)
	handle("POST /desk/shops/{shop}/webhooks/{id}/disable", h.webhooksDisable)
	handle("POST /desk/shops/{shop}/webhooks/{id}/enable", h.webhooksEnable)
	handle("POST /desk/shops/{shop}/webhooks/{id}/delete", h.webhooksDelete)
	handle("POST /desk/shops/{shop}/webhooks/{id}/replay", h.webhooksReplay)
	handle("GET /desk/shops/{shop}/terms", h.termsPage)
	handle("POST /desk/shops/{shop}/terms", h.termsUpload)
	handle("GET /desk/shops/{shop}/terms/download", h.termsDownload)
	handle("POST /desk/shops/{shop}/terms/{version}/activate", h.termsActivate)
}

// ServeHTTP serves the pages on their own mux, for use without the API
// server (tests, or a separate listener).
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.own.ServeHTTP(w, r) }

// wrap applies what every page needs: the actor (from the API server's
// middleware, or from the cookie when the pages run alone), the ?lang=
// switch, refusal of cross-origin form posts, and safe headers.
func (h *Handler) wrap(f http.HandlerFunc) http.Handler { return h.wrapLimit(f, maxForm) }

// wrapLimit is wrap with a body limit of its own.
func (h *Handler) wrapLimit(f http.HandlerFunc, limit int64) http.Handler {
	inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if l := r.URL.Query().Get("lang"); l != "" && r.Method == http.MethodGet {
			h.switchLang(w, r, l)
			return
		}
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("Cache-Control", "no-store")
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		f(w, r.WithContext(h.actorContext(r)))
	})
	return h.origins.Handler(inner)
}

// actorContext returns the request's context with its actor: the one the
// API server's middleware found, or the session cookie's.
func (h *Handler) actorContext(r *http.Request) context.Context {
	ctx := r.Context()
	if claimdesk.ActorFrom(ctx).Kind != claimdesk.ActorAnonymous {
		return ctx
	}
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" {
		return ctx
	}
	a, err := h.svc.SessionActor(ctx, c.Value)
	if err != nil {
		return ctx
	}
	return claimdesk.WithActor(ctx, a)
}

// switchLang remembers a language and goes back to the page without the
// parameter, so links stay clean.
func (h *Handler) switchLang(w http.ResponseWriter, r *http.Request, l string) {
	if claimdesk.ValidLang(claimdesk.Lang(l)) {
		http.SetCookie(w, &http.Cookie{Name: LangCookie, Value: l, Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, Secure: h.opts.SecureCookies, SameSite: http.SameSiteLaxMode})
	}
	u := *r.URL
	q := u.Query()
	q.Del("lang")
	u.RawQuery = q.Encode()
	http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
}

func (h *Handler) setSession(w http.ResponseWriter, token string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: token, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: h.opts.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// logout ends the session and goes back to the sign-in page it came from.
func (h *Handler) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
		if err := h.svc.Logout(r.Context(), c.Value); err != nil {
			h.log.Warn("sign-out", "err", err)
		}
	}
	h.setSession(w, "", -1)
	to := "/desk/login"
	if shop := r.PathValue("shop"); shop != "" {
		to = "/s/" + url.PathEscape(shop) + "/login"
	}
	http.Redirect(w, r, to+"?flash=signed_out", http.StatusSeeOther)
}

// index lists the shops: a start page for demos and for people who typed
// the bare address.
func (h *Handler) index(w http.ResponseWriter, r *http.Request) {
	shops, err := h.svc.ListShops(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := h.newPage(r, nil, "index.title")
	p.Data = shops
	h.render(w, r, http.StatusOK, "index", p)
}

// safeNext returns a local path to go to after sign-in, or def.
func safeNext(next, prefix, def string) string {
	if next == "" || !strings.HasPrefix(next, prefix) || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return def
	}
	return next
}

// fail shows the page for a use-case error: not found (also what someone
// gets for another customer's case), sign-in needed, forbidden, or a
// generic error with the cause logged.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch claimdesk.ErrorCode(err) {
	case claimdesk.CodeNotFound:
		h.errorPage(w, r, http.StatusNotFound, "error.not_found")
	case claimdesk.CodeForbidden:
		h.errorPage(w, r, http.StatusForbidden, "error.forbidden")
	case claimdesk.CodeUnauthenticated:
		h.errorPage(w, r, http.StatusUnauthorized, "error.unauthenticated")
	case claimdesk.CodeRateLimited:
		h.errorPage(w, r, http.StatusTooManyRequests, "error.rate_limited")
	case claimdesk.CodeUnavailable:
		h.errorPage(w, r, http.StatusServiceUnavailable, "error.unavailable")
	case claimdesk.CodeInvalid:
		h.errorPage(w, r, http.StatusBadRequest, "error.invalid")
	case claimdesk.CodeConflict:
		h.errorPage(w, r, http.StatusConflict, "error.conflict")
	default:
		if !errors.Is(err, context.Canceled) {
			h.log.Error("page failed", "path", r.URL.Path, "err", err)
		}
		h.errorPage(w, r, http.StatusInternalServerError, "error.internal")
	}
}

// errorPage renders an error in the shop's frame when the path names a
// shop that exists, else in the plain frame.
func (h *Handler) errorPage(w http.ResponseWriter, r *http.Request, status int, key string) {
	var shop *claimdesk.Shop
	if id := r.PathValue("shop"); id != "" && strings.HasPrefix(r.URL.Path, "/s/") {
		shop, _ = h.svc.GetShop(r.Context(), id)
	}
	p := h.newPage(r, shop, key+"_title")
	if strings.HasPrefix(r.URL.Path, "/desk") {
		p.Area = "desk"
	}
	p.Data = struct{ Key, Status string }{key, http.StatusText(status)}
	h.render(w, r, status, "error", p)
}

// now is the service's clock, so pages agree with the use-cases on "today".
func (h *Handler) now() time.Time { return h.svc.Now() }
