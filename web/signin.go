package web

import (
	"net/http"
	"net/url"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// signInZone is where a sign-in page lives: a shop's portal (its customers)
// or the workspace (agents). The emailed links casework builds point into
// one or the other.
type signInZone struct {
	p      *page
	kind   claimdesk.UserKind
	shopID string
	base   string // "/s/{shop}" or "/desk"
	home   string // where a signed-in user goes
}

// zone starts a sign-in page for the path's shop, or for the workspace
// when the path names none.
func (h *Handler) zone(w http.ResponseWriter, r *http.Request, titleKey string) (*signInZone, bool) {
	if r.PathValue("shop") == "" {
		p := h.newPage(r, nil, titleKey)
		p.Area, p.Nav = "desk", "login"
		return &signInZone{p: p, kind: claimdesk.AgentUser, base: "/desk", home: "/desk/cases"}, true
	}
	shop, ok := h.shopOf(w, r)
	if !ok {
		return nil, false
	}
	p := h.newPage(r, shop, titleKey)
	p.Nav = "login"
	return &signInZone{p: p, kind: claimdesk.CustomerUser, shopID: shop.ID, base: p.ShopPath(), home: p.ShopPath() + "/orders"}, true
}

// homeOf is where a user signed in from an emailed link goes: a customer
// to their own shop's orders, whichever page the link opened.
func (z *signInZone) homeOf(u *claimdesk.User) string {
	if u.Kind == claimdesk.CustomerUser {
		return "/s/" + url.PathEscape(u.ShopID) + "/orders"
	}
	return "/desk/cases"
}

// tokenData is the page an emailed link opens: a button (or a password
// form) that carries the link's token in a hidden field.
type tokenData struct {
	Form   *form
	Token  string
	Action string
	Forgot string // where to ask for a new link
}

// sentData is the "check your email" page.
type sentData struct {
	Email   string
	Minutes int
	Back    string
	Reset   bool
}

// linkRequest mails a sign-in link (POST …/login/email) and shows the
// same "check your email" page whether or not the address has an account.
func (h *Handler) linkRequest(w http.ResponseWriter, r *http.Request) {
	z, ok := h.zone(w, r, "login.title")
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	h.requestLink(w, r, z, f, "link_email", claimdesk.TokenSignIn, func(status int) {
		z.p.Title = z.p.L.T("form.error_title_prefix") + " " + z.p.Title
		z.p.Data = h.loginData(z.p, f, z.base+"/login", f.Val("next"))
		h.render(w, r, status, "login", z.p)
	})
}

// requestLink asks casework for a link to the address in field; a missing
// address or too many requests go back to the form through again.
func (h *Handler) requestLink(w http.ResponseWriter, r *http.Request, z *signInZone, f *form, field, purpose string, again func(status int)) {
	l := z.p.L
	email := f.Val(field)
	if email == "" {
		f.Add(field, l.T("field.email_required"))
		again(http.StatusUnprocessableEntity)
		return
	}
	err := h.svc.RequestAccountLink(r.Context(), z.shopID, email, purpose)
	switch {
	case err == nil:
	case claimdesk.IsCode(err, claimdesk.CodeRateLimited):
		f.Add("", l.T("error.rate_limited"))
		again(http.StatusTooManyRequests)
		return
	case claimdesk.IsCode(err, claimdesk.CodeInvalid):
		f.Add(field, l.T("field.invalid"))
		again(http.StatusUnprocessableEntity)
		return
	default:
		h.fail(w, r, err)
		return
	}
	d := sentData{Email: email, Minutes: 15, Back: z.base + "/login", Reset: purpose == claimdesk.TokenReset}
	if d.Reset {
		d.Minutes = 60
	}
	z.p.Title = l.T("signin.sent_title")
	z.p.Data = d
	h.render(w, r, http.StatusOK, "signin_sent", z.p)
}

// tokenPage serves the GET of a page an emailed link opens (or the
// forgotten-password form): tmpl with the link's token in a hidden field.
func (h *Handler) tokenPage(titleKey, tmpl, action, forgot string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if z, ok := h.zone(w, r, titleKey); ok {
			h.renderToken(w, r, z, tmpl, http.StatusOK, newForm(nil), r.URL.Query().Get("token"), action, forgot)
		}
	}
}

// renderToken renders a token page; action and forgot are paths below the
// zone's base.
func (h *Handler) renderToken(w http.ResponseWriter, r *http.Request, z *signInZone, tmpl string, status int, f *form, token, action, forgot string) {
	if f.Invalid() {
		z.p.Title = z.p.L.T("form.error_title_prefix") + " " + z.p.Title
	}
	f.Values.Del("password")
	f.Values.Del("password2")
	z.p.Data = tokenData{Form: f, Token: token, Action: z.base + action, Forgot: z.base + forgot}
	h.render(w, r, status, tmpl, z.p)
}

// linkSignIn uses the emailed sign-in link's token once and signs in with
// the same session cookie as the password form.
func (h *Handler) linkSignIn(w http.ResponseWriter, r *http.Request) {
	z, ok := h.zone(w, r, "signin.link_title")
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	session, u, err := h.svc.SignInWithToken(r.Context(), f.Raw("token"))
	if err == nil {
		h.setSession(w, session, int(casework.SessionTTL.Seconds()))
		http.Redirect(w, r, z.homeOf(u), http.StatusSeeOther)
		return
	}
	if !claimdesk.IsCode(err, claimdesk.CodeUnauthenticated) {
		h.fail(w, r, err)
		return
	}
	f.Add("", z.p.L.T("signin.link_expired"))
	h.renderToken(w, r, z, "signin_link", http.StatusUnauthorized, f, "", "/login/link", "/login")
}

// forgotPost mails a password link and says the same whether or not the
// address has an account.
func (h *Handler) forgotPost(w http.ResponseWriter, r *http.Request) {
	z, ok := h.zone(w, r, "signin.forgot_title")
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	h.requestLink(w, r, z, f, "email", claimdesk.TokenReset, func(status int) {
		h.renderToken(w, r, z, "password_forgot", status, f, "", "/password/forgot", "")
	})
}

// passwordPost sets the password with the link's token (casework's rules:
// at least 10 characters), signs the user's other sessions out and this
// browser in.
func (h *Handler) passwordPost(w http.ResponseWriter, r *http.Request) {
	z, ok := h.zone(w, r, "signin.password_title")
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	l := z.p.L
	pw := f.Raw("password")
	switch {
	case len([]rune(pw)) < 10:
		f.Add("password", l.T("field.too_short"))
	case f.Raw("password2") != pw:
		f.Add("password2", l.T("signin.password_mismatch"))
	}
	status := http.StatusUnprocessableEntity
	if !f.Invalid() {
		session, u, err := h.svc.SetPasswordWithToken(r.Context(), f.Raw("token"), pw)
		switch claimdesk.ErrorCode(err) {
		case "":
			h.setSession(w, session, int(casework.SessionTTL.Seconds()))
			http.Redirect(w, r, z.homeOf(u), http.StatusSeeOther)
			return
		case claimdesk.CodeUnauthenticated:
			f.Add("", l.T("signin.link_expired"))
			status = http.StatusUnauthorized
		case claimdesk.CodeInvalid:
			f.addError(l, err, nil)
		default:
			h.fail(w, r, err)
			return
		}
	}
	h.renderToken(w, r, z, "password_set", status, f, f.Raw("token"), "/password", "/password/forgot")
}

// orderSignIn signs in a customer without an account with an order number
// and the order's email address (POST /s/{shop}/login/order): a guest who
// sees that order and its cases, and opens cases on it.
func (h *Handler) orderSignIn(w http.ResponseWriter, r *http.Request) {
	z, ok := h.zone(w, r, "login.title")
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	l := z.p.L
	if f.Val("order_number") == "" {
		f.Add("order_number", l.T("signin.order_number_required"))
	}
	if f.Val("order_email") == "" {
		f.Add("order_email", l.T("field.email_required"))
	}
	status := http.StatusUnprocessableEntity
	if !f.Invalid() {
		token, o, err := h.svc.SignInWithOrder(r.Context(), z.shopID, f.Val("order_number"), f.Val("order_email"))
		switch claimdesk.ErrorCode(err) {
		case "":
			h.setSession(w, token, int(casework.GuestSessionTTL.Seconds()))
			http.Redirect(w, r, z.base+"/orders/"+url.PathEscape(o.ExternalID), http.StatusSeeOther)
			return
		case claimdesk.CodeUnauthenticated:
			f.Add("order_number", l.T("signin.order_wrong"))
			status = http.StatusUnauthorized
		case claimdesk.CodeRateLimited:
			f.Add("", l.T("error.rate_limited"))
			status = http.StatusTooManyRequests
		case claimdesk.CodeInvalid:
			f.addError(l, err, func(field string) string {
				return map[string]string{"order_number": "order_number", "email": "order_email"}[field]
			})
		default:
			h.fail(w, r, err)
			return
		}
	}
	z.p.Title = l.T("form.error_title_prefix") + " " + z.p.Title
	z.p.Data = h.loginData(z.p, f, z.base+"/login", "")
	h.render(w, r, status, "login", z.p)
}
