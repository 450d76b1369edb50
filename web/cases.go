package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// eventRow is one entry of a case's timeline.
type eventRow struct {
	At     string
	Text   string
	Actor  string
	Reason string // staff only
}

// messageRow is one message of a case's conversation.
type messageRow struct {
	Dir    string // in, out, note
	Author string
	At     string
	Body   []string // paragraphs
	Files  []attachmentRow
}

// timeline turns the event log into sentences; customers do not see that
// staff wrote internal notes.
func timeline(l *locale, events []claimdesk.Event, loc *time.Location, staff bool) []eventRow {
	out := make([]eventRow, 0, len(events))
	for _, e := range events {
		if !staff && e.Type == "message.note" {
			continue
		}
		key := "event." + e.Type
		text := l.T("event.other", "type", e.Type)
		if l.Has(key) {
			text = l.T(key)
		}
		actor := e.ActorName
		if e.ActorKind == string(claimdesk.ActorSystem) {
			actor = l.T("event.system")
		}
		row := eventRow{At: l.DateTime(e.At, loc), Text: text, Actor: actor}
		if staff && e.Type != "case.assessed" {
			row.Reason = e.Reason
		}
		out = append(out, row)
	}
	return out
}

// messageRows turns messages into rows; base is the case's path, under
// which its files are served.
func messageRows(l *locale, msgs []claimdesk.Message, loc *time.Location, base string) []messageRow {
	out := make([]messageRow, 0, len(msgs))
	for _, m := range msgs {
		var paras []string
		for _, p := range strings.Split(strings.ReplaceAll(m.Body, "\r\n", "\n"), "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				paras = append(paras, p)
			}
		}
		out = append(out, messageRow{Dir: string(m.Direction), Author: m.AuthorName, At: l.DateTime(m.CreatedAt, loc), Body: paras,
			Files: attachmentRows(base, m.Attachments)})
	}
	return out
}

type casesData struct {
	Cases []*claimdesk.Case
	Next  string
}

// cases is "Ærender og reklamasjoner": the customer's (or the company's)
// cases, newest first.
func (h *Handler) cases(w http.ResponseWriter, r *http.Request) {
	p, ok := h.customerPage(w, r, "cases.title")
	if !ok {
		return
	}
	p.Nav = "cases"
	cursor := r.URL.Query().Get("cursor")
	list, next, err := h.svc.ListCases(r.Context(), claimdesk.CaseFilter{Cursor: cursor, Limit: 25})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := casesData{Cases: list}
	if next != "" {
		d.Next = p.ShopPath() + "/cases?cursor=" + url.QueryEscape(next)
	}
	p.Data = d
	h.render(w, r, http.StatusOK, "cases", p)
}

// referralOf returns the referral summary of the case's latest escalation
// to the national consumer body, if it has one.
func referralOf(events []claimdesk.Event) *casework.Referral {
	for i := len(events) - 1; i >= 0; i-- {
		if events[i].Type != "case.escalated" || len(events[i].Data) == 0 {
			continue
		}
		var d struct {
			Referral *casework.Referral `json:"referral"`
		}
		if json.Unmarshal(events[i].Data, &d) == nil && d.Referral != nil {
			return d.Referral
		}
	}
	return nil
}

type portalCaseData struct {
	Case      *claimdesk.Case
	Names     map[string]string
	Decision  decisionView
	Events    []eventRow
	Messages  []messageRow
	Form      *form
	CanReply  bool
	Checklist []string
	Address   claimdesk.Address
	// Escalate is the next step of the complaint ladder the customer may
	// take ("" when the case allows none now).
	Escalate claimdesk.LadderStep
	Referral *casework.Referral
}

// portalCase is a case as its customer sees it: status, decision,
// timeline, messages and a reply form. Another customer's case number
// gives the not-found page, exactly as a number that does not exist.
func (h *Handler) portalCase(w http.ResponseWriter, r *http.Request) {
	p, ok := h.customerPage(w, r, "case.title")
	if !ok {
		return
	}
	h.renderPortalCase(w, r, p, newForm(nil), http.StatusOK)
}

func (h *Handler) renderPortalCase(w http.ResponseWriter, r *http.Request, p *page, f *form, status int) {
	ctx := r.Context()
	p.Nav = "cases"
	c, events, msgs, err := h.loadCase(ctx, r.PathValue("number"))
	if err == nil && c.ShopID != p.Shop.ID {
		err = claimdesk.NotFound("case", r.PathValue("number"))
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	loc := p.Shop.Location()
	d := portalCaseData{Case: c, Names: h.lineNames(r, p.Shop.ID, c), Decision: caseDecision(p.L, c), Events: timeline(p.L, events, loc, false),
		Messages: messageRows(p.L, msgs, loc, p.ShopPath()+"/cases/"+url.PathEscape(c.Number)), Form: f, CanReply: p.Actor.CompanyRole != claimdesk.CompanyViewer,
		Checklist: h.checklist(r, p, c), Address: p.Shop.ReturnAddress}
	d.Referral = referralOf(events)
	if d.CanReply && c.Check(claimdesk.ActEscalate) == nil {
		d.Escalate = c.NextLadderStep()
	}
	p.Title = p.L.T("case.heading", "number", c.Number)
	p.Data = d
	h.render(w, r, status, "case", p)
}

// lineNames maps the case's SKUs to product names from its order.
func (h *Handler) lineNames(r *http.Request, shopID string, c *claimdesk.Case) map[string]string {
	names := map[string]string{}
	if c.OrderExternalID == "" {
		return names
	}
	if o, err := h.svc.GetOrder(r.Context(), shopID, c.OrderExternalID); err == nil {
		for _, l := range o.Lines {
			names[l.SKU] = l.Name
		}
	}
	return names
}

// portalReply adds the customer's message to the case.
func (h *Handler) portalReply(w http.ResponseWriter, r *http.Request) {
	p, ok := h.customerPage(w, r, "case.title")
	if !ok {
		return
	}
	f, files := parseUpload(r, p.L)
	number := r.PathValue("number")
	if f.Val("body") == "" && len(files) == 0 && !f.Invalid() {
		f.Add("body", p.L.T("field.message_required"))
	}
	if f.Invalid() {
		h.renderPortalCase(w, r, p, f, http.StatusUnprocessableEntity)
		return
	}
	if _, err := h.svc.AddMessage(r.Context(), number, casework.MessageInput{Body: f.Raw("body"), Attachments: files}); err != nil {
		if claimdesk.IsCode(err, claimdesk.CodeInvalid) {
			f.addError(p.L, err, func(field string) string {
				if id, ok := photoField(field); ok {
					return id
				}
				return "body"
			})
			h.renderPortalCase(w, r, p, f, http.StatusUnprocessableEntity)
			return
		}
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, p.ShopPath()+"/cases/"+url.PathEscape(number)+"?flash=message_sent#messages", http.StatusSeeOther)
}

type confirmationData struct {
	Case      *claimdesk.Case
	Decision  decisionView
	Names     map[string]string
	Checklist []string
	Address   claimdesk.Address
	Goods     bool
}

// confirmation is the page after "submit": the case (RMA) number, what
// was decided, and how to pack and send the goods.
func (h *Handler) confirmation(w http.ResponseWriter, r *http.Request) {
	p, ok := h.customerPage(w, r, "confirm.title")
	if !ok {
		return
	}
	p.Nav = "cases"
	c, err := h.svc.GetCase(r.Context(), r.PathValue("number"))
	if err == nil && c.ShopID != p.Shop.ID {
		err = claimdesk.NotFound("case", r.PathValue("number"))
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := confirmationData{Case: c, Decision: caseDecision(p.L, c), Names: h.lineNames(r, p.Shop.ID, c), Address: p.Shop.ReturnAddress,
		Goods: c.Logistics == claimdesk.LogisticsAwaitingGoods}
	d.Checklist = h.checklist(r, p, c)
	p.Data = d
	h.render(w, r, http.StatusOK, "confirmation", p)
}

// checklist is the packing list for a case whose goods come back to the
// shop: the shop's own packing notes from its terms, inside general steps.
func (h *Handler) checklist(r *http.Request, p *page, c *claimdesk.Case) []string {
	l := p.L
	if c.Logistics != claimdesk.LogisticsAwaitingGoods {
		return nil
	}
	cats := map[string]bool{}
	if c.OrderExternalID != "" {
		if o, err := h.svc.GetOrder(r.Context(), p.Shop.ID, c.OrderExternalID); err == nil {
			for _, cl := range c.Lines {
				if ol, ok := o.Line(cl.SKU); ok {
					cats[strings.ToLower(ol.Category)] = true
				}
			}
		}
	}
	items := []string{l.T("packing.pack_securely")}
	hasRMA := false
	t := h.svc.TermsFor(r.Context(), p.Shop) // the shop's uploaded terms, else the shipped ones
	if t == nil && h.engine != nil {
		t = h.engine.Terms(p.Shop.TermsID)
	}
	if t != nil {
		for _, n := range t.Packing {
			if !slices.Contains(n.Kinds, string(c.Kind)) || !anyCategory(n.Categories, cats) || !l.Has("packing."+n.Code) {
				continue
			}
			hasRMA = hasRMA || strings.HasPrefix(n.Code, "rma_on_parcel")
			items = append(items, l.T("packing."+n.Code, "number", c.Number))
		}
	}
	if !hasRMA {
		items = append(items, l.T("packing.rma_on_parcel", "number", c.Number))
	}
	items = append(items, l.T("packing.include_confirmation"))
	if !c.GoodsDue.IsZero() {
		items = append(items, l.T("packing.send_by", "date", l.Date(c.GoodsDue)))
	}
	return append(items, l.T("packing.keep_receipt"))
}

func anyCategory(want []string, have map[string]bool) bool {
	if len(want) == 0 {
		return true
	}
	for _, c := range want {
		if have[c] {
			return true
		}
	}
	return false
}

// label sends the case's return label (PDF) to its customer or the shop's
// staff; a case that awaits no goods, or goes to the manufacturer, has none.
func (h *Handler) label(w http.ResponseWriter, r *http.Request) {
	number := r.PathValue("number")
	if shop := r.PathValue("shop"); shop != "" {
		p, ok := h.customerPage(w, r, "case.title")
		if !ok {
			return
		}
		c, err := h.svc.GetCase(r.Context(), number)
		if err == nil && c.ShopID != p.Shop.ID {
			err = claimdesk.NotFound("case", number)
		}
		if err != nil {
			h.fail(w, r, err)
			return
		}
	} else if _, ok := h.deskPage(w, r, "case.title"); !ok {
		return
	}
	pdf, err := h.svc.ReturnLabel(r.Context(), number)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+strings.ReplaceAll(number, `"`, "")+`.pdf"`)
	_, _ = w.Write(pdf)
}

// portalEscalate takes the customer's case up the complaint ladder: to the
// shop's independent ombudsman, then to the national consumer body.
func (h *Handler) portalEscalate(w http.ResponseWriter, r *http.Request) {
	p, ok := h.customerPage(w, r, "case.title")
	if !ok {
		return
	}
	_ = r.ParseForm()
	number := r.PathValue("number")
	if _, err := h.svc.Escalate(r.Context(), number, strings.TrimSpace(r.PostForm.Get("reason"))); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, p.ShopPath()+"/cases/"+url.PathEscape(number)+"?flash=escalated", http.StatusSeeOther)
}

// loadCase reads a case with its timeline and messages, as the caller may
// see them.
func (h *Handler) loadCase(ctx context.Context, number string) (*claimdesk.Case, []claimdesk.Event, []claimdesk.Message, error) {
	c, err := h.svc.GetCase(ctx, number)
	if err != nil {
		return nil, nil, nil, err
	}
	events, err := h.svc.CaseEvents(ctx, c.Number)
	if err != nil {
		return nil, nil, nil, err
	}
	msgs, err := h.svc.CaseMessages(ctx, c.Number)
	return c, events, msgs, err
}
