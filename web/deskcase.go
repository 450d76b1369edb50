package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/helpcenter"
)

type deskCaseData struct {
	Case        *claimdesk.Case
	Shop        *claimdesk.Shop
	Order       *claimdesk.Order
	Customer    *claimdesk.Customer
	OrderRow    orderRow
	Decision    decisionView
	Events      []eventRow
	Messages    []messageRow
	Suggestions []helpcenter.Hit
	Form        *form
	Names       map[string]string
	Subject     string
	Actions     caseActions
	Decide      decideForm
	Referral    *casework.Referral
	Opened      string
	Due         string
	Lifecycle   lifecycleView
	Macros      []*claimdesk.Macro
	CSAT        *claimdesk.CSATAnswer
	CSATAt      string
}

// deskCase is a case as an agent works it: the conversation with a reply
// box (reply or internal note) and help-center suggestions for the
// customer's latest message, beside the order, the decision with its
// explanation, and the timeline.
func (h *Handler) deskCase(w http.ResponseWriter, r *http.Request) {
	p, ok := h.deskPage(w, r, "deskcase.title")
	if !ok {
		return
	}
	f := newForm(nil)
	f.Values.Set("mode", "reply")
	h.renderDeskCase(w, r, p, f, http.StatusOK)
}

func (h *Handler) renderDeskCase(w http.ResponseWriter, r *http.Request, p *page, f *form, status int) {
	h.renderDeskCaseWith(w, r, p, f, nil, status)
}

// renderDeskCaseWith renders the case page with the reply form f and the
// decision form df (nil: empty).
func (h *Handler) renderDeskCaseWith(w http.ResponseWriter, r *http.Request, p *page, f, df *form, status int) {
	h.renderDeskCaseForms(w, r, p, deskForms{Reply: f, Decide: df}, status)
}

// renderDeskCaseForms renders the case page with its forms as sent (nil
// ones empty; the reply form in reply mode).
func (h *Handler) renderDeskCaseForms(w http.ResponseWriter, r *http.Request, p *page, fs deskForms, status int) {
	ctx := r.Context()
	f, df := fs.Reply, fs.Decide
	if f == nil {
		f = newForm(nil)
		f.Values.Set("mode", "reply")
	}
	p.Nav = "queue"
	c, events, msgs, err := h.loadCase(ctx, r.PathValue("number"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	shop, err := h.svc.GetShop(ctx, c.ShopID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	loc := shop.Location()
	d := deskCaseData{Case: c, Shop: shop, Decision: caseDecision(p.L, c), Events: timeline(p.L, events, loc, true),
		Messages: messageRows(p.L, msgs, loc, "/desk/cases/"+url.PathEscape(c.Number)), Form: f, Opened: p.L.DateTime(c.CreatedAt, loc), Subject: ownSubject(c),
		Actions: actionsFor(c, p.Actor), Decide: newDecideForm(c, df), Referral: referralOf(events)}
	if c.DueAt != nil && c.Open() {
		d.Due = p.L.DateTime(*c.DueAt, loc)
	}
	if cu, err := h.svc.GetCustomer(ctx, shop.ID, c.CustomerID); err == nil {
		d.Customer = cu
	}
	if c.OrderExternalID != "" {
		if o, err := h.svc.GetOrder(ctx, shop.ID, c.OrderExternalID); err == nil {
			d.Order, d.OrderRow = o, newOrderRow(shop, o)
			d.Names = map[string]string{}
			for _, l := range o.Lines {
				d.Names[l.SKU] = l.Name
			}
		}
	}
	payment := ""
	if d.Order != nil {
		payment = d.Order.PaymentMethod
	}
	d.Lifecycle = h.newLifecycle(r, p.L, c, events, d.Names, payment, fs)
	if list, err := h.svc.ListMacros(ctx, c.ShopID); err == nil {
		d.Macros = list
	}
	if a, err := h.svc.CaseCSAT(ctx, c.Number); err == nil {
		d.CSAT, d.CSATAt = a, p.L.DateTime(a.UpdatedAt, loc)
	}
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].Direction == claimdesk.Inbound {
			if res, err := h.svc.SearchHelp(ctx, shop.ID, msgs[i].Body, string(c.Lang)); err == nil {
				d.Suggestions = topHits(res, 3)
			}
			break
		}
	}
	p.Title = p.L.T("case.heading", "number", c.Number)
	p.Data = d
	h.render(w, r, status, "deskcase", p)
}

// deskReply adds an agent's reply (the customer sees it) or internal note.
func (h *Handler) deskReply(w http.ResponseWriter, r *http.Request) {
	p, ok := h.deskPage(w, r, "deskcase.title")
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	if f.Val("use_macro") != "" {
		h.useMacro(w, r, p, f)
		return
	}
	note := f.Val("mode") == "note"
	if f.Val("body") == "" {
		f.Add("body", p.L.T("field.message_required"))
		h.renderDeskCase(w, r, p, f, http.StatusUnprocessableEntity)
		return
	}
	number := r.PathValue("number")
	if _, err := h.svc.AddMessage(r.Context(), number, casework.MessageInput{Body: f.Raw("body"), Note: note}); err != nil {
		if claimdesk.IsCode(err, claimdesk.CodeInvalid) {
			f.addError(p.L, err, func(string) string { return "body" })
			h.renderDeskCase(w, r, p, f, http.StatusUnprocessableEntity)
			return
		}
		h.fail(w, r, err)
		return
	}
	if err := h.afterMacroReply(r, f); err != nil {
		h.fail(w, r, err)
		return
	}
	flash := "message_sent"
	if note {
		flash = "note_saved"
	}
	http.Redirect(w, r, "/desk/cases/"+url.PathEscape(number)+"?flash="+flash+"#messages", http.StatusSeeOther)
}

// apiKeys lists a shop's API keys for its admins, with a form to make one
// (its secret shown once) and a button to revoke each.
func (h *Handler) apiKeys(w http.ResponseWriter, r *http.Request) {
	p, ok := h.deskPage(w, r, "apikeys.title")
	if !ok {
		return
	}
	h.renderAPIKeys(w, r, p, newForm(nil), "", http.StatusOK)
}

func (h *Handler) renderAPIKeys(w http.ResponseWriter, r *http.Request, p *page, f *form, secret string, status int) {
	p.Nav = "admin-" + r.PathValue("shop")
	shop, err := h.svc.GetShop(r.Context(), r.PathValue("shop"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	keys, err := h.svc.ListAPIKeys(r.Context(), shop.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p.Title = p.L.T("apikeys.heading", "shop", shop.Name)
	p.Data = struct {
		Shop   *claimdesk.Shop
		Keys   []keyRow
		Form   *form
		Secret string
		Admin  adminData
	}{shop, keyRows(p.L, keys, shop), f, secret, adminData{Shop: shop, Tab: "api-keys", Tabs: adminTabs}}
	h.render(w, r, status, "apikeys", p)
}

type keyRow struct {
	Key      *claimdesk.APIKey
	Created  string
	LastUsed string
	Revoked  string
}

func keyRows(l *locale, keys []*claimdesk.APIKey, shop *claimdesk.Shop) []keyRow {
	loc := shop.Location()
	out := make([]keyRow, 0, len(keys))
	for _, k := range keys {
		row := keyRow{Key: k, Created: l.DateTime(k.CreatedAt, loc)}
		if k.LastUsedAt != nil {
			row.LastUsed = l.DateTime(*k.LastUsedAt, loc)
		}
		if k.RevokedAt != nil {
			row.Revoked = l.DateTime(*k.RevokedAt, loc)
		}
		out = append(out, row)
	}
	return out
}

func (h *Handler) apiKeysCreate(w http.ResponseWriter, r *http.Request) {
	p, ok := h.deskPage(w, r, "apikeys.title")
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	if len(f.Val("name")) > 100 {
		f.Add("name", p.L.T("field.too_long"))
		h.renderAPIKeys(w, r, p, f, "", http.StatusUnprocessableEntity)
		return
	}
	_, secret, err := h.svc.CreateAPIKey(r.Context(), r.PathValue("shop"), f.Val("name"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// The secret is shown in this response only, never stored in a URL.
	h.renderAPIKeys(w, r, p, newForm(nil), secret, http.StatusCreated)
}

func (h *Handler) apiKeysRevoke(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.deskPage(w, r, "apikeys.title"); !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.fail(w, r, claimdesk.NotFound("api key", r.PathValue("id")))
		return
	}
	shop := r.PathValue("shop")
	if err := h.svc.RevokeAPIKey(r.Context(), shop, id); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/desk/shops/"+url.PathEscape(shop)+"/api-keys?flash=key_revoked", http.StatusSeeOther)
}
