package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// shopOf loads the shop the path names; an unknown shop is a 404 page.
func (h *Handler) shopOf(w http.ResponseWriter, r *http.Request) (*claimdesk.Shop, bool) {
	shop, err := h.svc.GetShop(r.Context(), r.PathValue("shop"))
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	return shop, true
}

// customerPage loads the shop and checks that one of its customers is
// signed in; anyone else is sent to the shop's sign-in page and back.
func (h *Handler) customerPage(w http.ResponseWriter, r *http.Request, titleKey string) (*page, bool) {
	shop, ok := h.shopOf(w, r)
	if !ok {
		return nil, false
	}
	p := h.newPage(r, shop, titleKey)
	if !p.SignedIn() {
		next := r.URL.Path
		if r.Method != http.MethodGet {
			next = "/s/" + shop.ID + "/orders"
		}
		http.Redirect(w, r, "/s/"+url.PathEscape(shop.ID)+"/login?next="+url.QueryEscape(next), http.StatusSeeOther)
		return nil, false
	}
	return p, true
}

// portalHome sends a customer to the order history, anyone else to sign in.
func (h *Handler) portalHome(w http.ResponseWriter, r *http.Request) {
	if p, ok := h.customerPage(w, r, "orders.title"); ok {
		http.Redirect(w, r, p.ShopPath()+"/orders", http.StatusSeeOther)
	}
}

type loginData struct {
	Form   *form
	Action string
	Next   string
	// Other names who is signed in now, elsewhere, if anyone.
	Other string
	// Base is the portal's or the workspace's path, for the other ways
	// to sign in (emailed link, forgotten password, order number).
	Base string
}

func (h *Handler) portalLoginForm(w http.ResponseWriter, r *http.Request) {
	shop, ok := h.shopOf(w, r)
	if !ok {
		return
	}
	p := h.newPage(r, shop, "login.title")
	p.Nav = "login"
	if p.SignedIn() && !p.Actor.Guest() { // a guest may sign in to their account
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next"), p.ShopPath()+"/", p.ShopPath()+"/orders"), http.StatusSeeOther)
		return
	}
	p.Data = h.loginData(p, newForm(nil), p.ShopPath()+"/login", r.URL.Query().Get("next"))
	h.render(w, r, http.StatusOK, "login", p)
}

func (h *Handler) loginData(p *page, f *form, action, next string) loginData {
	d := loginData{Form: f, Action: action, Next: next, Base: strings.TrimSuffix(action, "/login")}
	if p.Actor.Kind != claimdesk.ActorAnonymous && !p.SignedIn() {
		d.Other = p.Actor.Name
	}
	return d
}

func (h *Handler) portalLogin(w http.ResponseWriter, r *http.Request) {
	shop, ok := h.shopOf(w, r)
	if !ok {
		return
	}
	p := h.newPage(r, shop, "login.title")
	h.login(w, r, p, claimdesk.CustomerUser, shop.ID, p.ShopPath()+"/login", p.ShopPath()+"/", p.ShopPath()+"/orders")
}

// login checks the sign-in form, signs in with casework and sets the
// session cookie as the JSON API does; a failure re-renders the form.
func (h *Handler) login(w http.ResponseWriter, r *http.Request, p *page, kind claimdesk.UserKind, shopID, action, nextPrefix, def string) {
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	next := f.Val("next")
	l := p.L
	if f.Val("email") == "" {
		f.Add("email", l.T("field.email_required"))
	}
	if f.Raw("password") == "" {
		f.Add("password", l.T("field.password_required"))
	}
	status := http.StatusUnprocessableEntity
	if !f.Invalid() {
		token, _, err := h.svc.Login(r.Context(), casework.LoginInput{Kind: kind, ShopID: shopID, Email: f.Val("email"), Password: f.Raw("password")})
		if err == nil {
			h.setSession(w, token, int(casework.SessionTTL.Seconds()))
			http.Redirect(w, r, safeNext(next, nextPrefix, def), http.StatusSeeOther)
			return
		}
		switch claimdesk.ErrorCode(err) {
		case claimdesk.CodeUnauthenticated:
			f.Add("password", l.T("login.wrong"))
			status = http.StatusUnauthorized
		case claimdesk.CodeRateLimited:
			f.Add("", l.T("error.rate_limited"))
			status = http.StatusTooManyRequests
		default:
			h.fail(w, r, err)
			return
		}
	}
	f.Values.Del("password")
	p.Title = l.T("form.error_title_prefix") + " " + p.Title
	p.Nav = "login"
	p.Data = h.loginData(p, f, action, next)
	h.render(w, r, status, "login", p)
}

// orderRow is one order in the history table.
type orderRow struct {
	Order  *claimdesk.Order
	Date   claimdesk.Date
	Items  int
	First  string
	More   int // lines beyond the first
	Total  claimdesk.Minor
	Status string // processing, shipped, delivered
	On     claimdesk.Date
}

func orderStatus(o *claimdesk.Order) (string, claimdesk.Date) {
	if len(o.Deliveries) == 0 {
		return "processing", claimdesk.Date{}
	}
	var last claimdesk.Date
	for _, d := range o.Deliveries {
		if d.DeliveredOn.IsZero() {
			return "shipped", d.ShippedOn
		}
		if last.Before(d.DeliveredOn) {
			last = d.DeliveredOn
		}
	}
	return "delivered", last
}

func newOrderRow(shop *claimdesk.Shop, o *claimdesk.Order) orderRow {
	row := orderRow{Order: o, Date: claimdesk.DateIn(o.OrderedAt, shop.Location()), Total: o.Total()}
	for _, l := range o.Lines {
		row.Items += l.Quantity
	}
	if len(o.Lines) > 0 {
		row.First, row.More = o.Lines[0].Name, len(o.Lines)-1
	}
	row.Status, row.On = orderStatus(o)
	return row
}

type ordersData struct {
	Rows    []orderRow
	Next    string
	IsFirst bool
}

// orders is the order history ("Ordrehistorikk"): the customer's orders,
// or the company's for its employees, newest first.
func (h *Handler) orders(w http.ResponseWriter, r *http.Request) {
	p, ok := h.customerPage(w, r, "orders.title")
	if !ok {
		return
	}
	p.Nav = "orders"
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	list, next, err := h.svc.ListOrders(r.Context(), claimdesk.OrderFilter{ShopID: p.Shop.ID, Before: before, Limit: 20})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := ordersData{IsFirst: before == 0}
	for _, o := range list {
		d.Rows = append(d.Rows, newOrderRow(p.Shop, o))
	}
	if next != 0 {
		d.Next = p.ShopPath() + "/orders?before=" + strconv.FormatInt(next, 10)
	}
	p.Data = d
	h.render(w, r, http.StatusOK, "orders", p)
}

type orderData struct {
	Row    orderRow
	Order  *claimdesk.Order
	Fees   claimdesk.Minor
	Cases  []*claimdesk.Case
	Names  map[string]string // SKU → product name
	CanAct bool
}

// order is one order: its lines, deliveries with tracking numbers,
// invoices, addresses and the cases already opened on it.
func (h *Handler) order(w http.ResponseWriter, r *http.Request) {
	p, ok := h.customerPage(w, r, "order.title")
	if !ok {
		return
	}
	p.Nav = "orders"
	o, err := h.svc.GetOrder(r.Context(), p.Shop.ID, r.PathValue("order"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	cases, _, err := h.svc.ListCases(r.Context(), claimdesk.CaseFilter{OrderID: o.ID, Limit: 50})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := orderData{Row: newOrderRow(p.Shop, o), Order: o, Cases: cases, Names: map[string]string{}, CanAct: p.Actor.CompanyRole != claimdesk.CompanyViewer}
	for _, f := range o.Fees {
		d.Fees += f.Amount
	}
	for _, l := range o.Lines {
		d.Names[l.SKU] = l.Name
	}
	p.Title = p.L.T("order.heading", "number", o.ExternalID)
	p.Data = d
	h.render(w, r, http.StatusOK, "order", p)
}
