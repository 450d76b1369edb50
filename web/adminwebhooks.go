package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/webhooks"
)

// deliveriesShown is how many of an endpoint's latest attempts the page lists.
const deliveriesShown = 10

type webhooksData struct {
	Admin     adminData
	Form      *form
	Secret    string // the new endpoint's signing secret, this response only
	Events    []eventOption
	Endpoints []endpointRow
	// ConfirmDelete is the endpoint whose deletion waits for confirmation.
	ConfirmDelete int64
}

// eventOption is a catalogue event with its name in the page's language.
type eventOption struct{ Type, Label string }

type endpointRow struct {
	EP         *claimdesk.WebhookEndpoint
	Created    string
	Disabled   string
	Events     []string // translated; empty for every event
	Deliveries []deliveryRow
}

type deliveryRow struct {
	D  *claimdesk.WebhookDelivery
	At string
}

// eventKey is the catalogue key of an event type's name.
func eventKey(t string) string { return "webhookevent." + strings.ReplaceAll(t, ".", "_") }

func (h *Handler) webhooksPage(w http.ResponseWriter, r *http.Request) {
	p, ad, ok := h.adminPage(w, r, "webhooks")
	if !ok {
		return
	}
	h.renderWebhooks(w, r, p, webhooksData{Admin: ad, Form: newForm(nil)}, http.StatusOK)
}

func (h *Handler) renderWebhooks(w http.ResponseWriter, r *http.Request, p *page, d webhooksData, status int) {
	ctx, shop := r.Context(), d.Admin.Shop
	list, err := h.svc.ListWebhooks(ctx, shop.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	loc, found := shop.Location(), false
	for _, ep := range list {
		row := endpointRow{EP: ep, Created: p.L.DateTime(ep.CreatedAt, loc)}
		if ep.DisabledAt != nil {
			row.Disabled = p.L.DateTime(*ep.DisabledAt, loc)
		}
		for _, e := range ep.Events {
			row.Events = append(row.Events, p.L.T(eventKey(e)))
		}
		log, err := h.svc.WebhookDeliveries(ctx, shop.ID, ep.ID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		for i, dl := range log {
			if i == deliveriesShown {
				break
			}
			row.Deliveries = append(row.Deliveries, deliveryRow{D: dl, At: p.L.DateTime(dl.At, loc)})
		}
		d.Endpoints = append(d.Endpoints, row)
		found = found || ep.ID == d.ConfirmDelete
	}
	if d.ConfirmDelete != 0 && !found {
		h.fail(w, r, claimdesk.NotFound("webhook endpoint", d.ConfirmDelete))
		return
	}
	for _, e := range webhooks.Catalogue() {
		d.Events = append(d.Events, eventOption{string(e.Type), p.L.T(eventKey(string(e.Type)))})
	}
	p.Data = d
	h.renderForm(w, r, p, "admin_webhooks", d.Form, status)
}

// webhooksCreate registers an endpoint; its signing secret is shown in
// this response only.
func (h *Handler) webhooksCreate(w http.ResponseWriter, r *http.Request) {
	p, ad, ok := h.adminPage(w, r, "webhooks")
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	if len(f.Val("description")) > 500 {
		f.Add("description", p.L.T("field.too_long"))
	}
	if !f.Invalid() {
		_, secret, err := h.svc.CreateWebhook(r.Context(), ad.Shop.ID, casework.WebhookInput{URL: f.Val("url"), Events: f.Values["events"], Description: f.Val("description")})
		if err == nil {
			h.renderWebhooks(w, r, p, webhooksData{Admin: ad, Form: newForm(nil), Secret: secret}, http.StatusCreated)
			return
		}
		if !claimdesk.IsCode(err, claimdesk.CodeInvalid) {
			h.fail(w, r, err)
			return
		}
		f.addError(p.L, err, func(field string) string {
			if field == "url" {
				return "url"
			}
			return "events"
		})
	}
	h.renderWebhooks(w, r, p, webhooksData{Admin: ad, Form: f}, http.StatusUnprocessableEntity)
}

// webhooksDisable stops deliveries to an endpoint, webhooksEnable resumes
// them; webhooksReplay sends a logged message again.
func (h *Handler) webhooksDisable(w http.ResponseWriter, r *http.Request) {
	h.webhookAction(w, r, "webhook_disabled", func(shopID string, id int64, _ *http.Request) error {
		return h.svc.DisableWebhook(r.Context(), shopID, id)
	})
}

func (h *Handler) webhooksEnable(w http.ResponseWriter, r *http.Request) {
	h.webhookAction(w, r, "webhook_enabled", func(shopID string, id int64, _ *http.Request) error {
		return h.svc.EnableWebhook(r.Context(), shopID, id)
	})
}

// webhooksDelete removes an endpoint in two steps, without JavaScript: the
// first post shows the page with a confirmation on the endpoint, the second
// (confirm=yes) deletes it and its delivery log.
func (h *Handler) webhooksDelete(w http.ResponseWriter, r *http.Request) {
	if r.PostFormValue("confirm") == "yes" {
		h.webhookAction(w, r, "webhook_deleted", func(shopID string, id int64, _ *http.Request) error {
			return h.svc.DeleteWebhook(r.Context(), shopID, id)
		})
		return
	}
	if p, ad, id, ok := h.webhookTarget(w, r); ok {
		h.renderWebhooks(w, r, p, webhooksData{Admin: ad, Form: newForm(nil), ConfirmDelete: id}, http.StatusOK)
	}
}

func (h *Handler) webhooksReplay(w http.ResponseWriter, r *http.Request) {
	h.webhookAction(w, r, "webhook_replayed", func(shopID string, id int64, r *http.Request) error {
		return h.svc.ReplayWebhook(r.Context(), shopID, id, r.PostFormValue("message"))
	})
}

func (h *Handler) webhookAction(w http.ResponseWriter, r *http.Request, flash string, do func(shopID string, id int64, r *http.Request) error) {
	_, ad, id, ok := h.webhookTarget(w, r)
	if !ok {
		return
	}
	_ = r.ParseForm()
	if err := do(ad.Shop.ID, id, r); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, adminPath(ad.Shop.ID, "webhooks")+"?flash="+url.QueryEscape(flash), http.StatusSeeOther)
}

// webhookTarget is the admin page of a post on one endpoint, and the
// endpoint's id; it has answered the request when ok is false.
func (h *Handler) webhookTarget(w http.ResponseWriter, r *http.Request) (p *page, ad adminData, id int64, ok bool) {
	if p, ad, ok = h.adminPage(w, r, "webhooks"); !ok {
		return nil, ad, 0, false
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return nil, ad, 0, false
	}
	return p, ad, id, true
}
