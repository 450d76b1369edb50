package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// Macros (saved replies): a shop's leads and admins manage them on
// /desk/shops/{shop}/macros; on the case page a picker fills one into the
// reply box (without JavaScript, "Use" re-renders the page with the text;
// with it, app.js fills the box in place).

// LeadShops lists the shops the signed-in agent leads or administers.
func (p *page) LeadShops() []string {
	var out []string
	for _, m := range p.Actor.Memberships {
		if m.Role == claimdesk.RoleAdmin || m.Role == claimdesk.RoleLead {
			out = append(out, m.ShopID)
		}
	}
	return out
}

type macrosData struct {
	Shop   *claimdesk.Shop
	Macros []*claimdesk.Macro
	Macro  *claimdesk.Macro // the one being edited
	Form   *form
	Langs  []claimdesk.Lang
	Lead   bool
	Tokens []string
}

func (h *Handler) macros(w http.ResponseWriter, r *http.Request) {
	p, ok := h.deskPage(w, r, "deskwork.macros_title")
	if !ok {
		return
	}
	h.renderMacros(w, r, p, nil, newForm(nil), http.StatusOK)
}

func (h *Handler) macroEdit(w http.ResponseWriter, r *http.Request) {
	p, ok := h.deskPage(w, r, "deskwork.macros_title")
	if !ok {
		return
	}
	m, err := h.svc.GetMacro(r.Context(), r.PathValue("shop"), macroID(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f := newForm(nil)
	f.Values.Set("title", m.Title)
	f.Values.Set("action", m.Action)
	for l, b := range m.Bodies {
		f.Values.Set("body_"+string(l), b)
	}
	h.renderMacros(w, r, p, m, f, http.StatusOK)
}

func macroID(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id
}

// renderMacros shows a shop's macros with the form to create one, or to
// edit m.
func (h *Handler) renderMacros(w http.ResponseWriter, r *http.Request, p *page, m *claimdesk.Macro, f *form, status int) {
	shopID := r.PathValue("shop")
	p.Nav = "macros-" + shopID
	shop, err := h.svc.GetShop(r.Context(), shopID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	list, err := h.svc.ListMacros(r.Context(), shopID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	lead := p.Actor.AgentRoleIn(shopID) == claimdesk.RoleAdmin || p.Actor.AgentRoleIn(shopID) == claimdesk.RoleLead
	p.Title = p.L.T("deskwork.macros_heading", "shop", shop.Name)
	tokens := make([]string, 0, len(casework.MacroPlaceholders))
	for _, t := range casework.MacroPlaceholders {
		tokens = append(tokens, "{"+t+"}")
	}
	p.Data = macrosData{Shop: shop, Macros: list, Macro: m, Form: f, Langs: claimdesk.Langs, Lead: lead, Tokens: tokens}
	h.render(w, r, status, "macros", p)
}

func macroInput(f *form) casework.MacroInput {
	in := casework.MacroInput{Title: f.Val("title"), Action: f.Val("action"), Bodies: map[claimdesk.Lang]string{}}
	for _, l := range claimdesk.Langs {
		in.Bodies[l] = f.Raw("body_" + string(l))
	}
	return in
}

// macroSave creates a macro (no id) or updates one.
func (h *Handler) macroSave(w http.ResponseWriter, r *http.Request) {
	p, ok := h.deskPage(w, r, "deskwork.macros_title")
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	shopID := r.PathValue("shop")
	var m *claimdesk.Macro
	var err error
	if r.PathValue("id") == "" {
		_, err = h.svc.CreateMacro(r.Context(), shopID, macroInput(f))
	} else {
		m, err = h.svc.UpdateMacro(r.Context(), shopID, macroID(r), macroInput(f))
	}
	switch {
	case err == nil:
		http.Redirect(w, r, "/desk/shops/"+url.PathEscape(shopID)+"/macros?flash=macro_saved", http.StatusSeeOther)
	case claimdesk.IsCode(err, claimdesk.CodeInvalid):
		addFieldErrors(p.L, f, err, func(s string) string { return s })
		if r.PathValue("id") != "" {
			m = &claimdesk.Macro{ID: macroID(r), ShopID: shopID}
		}
		h.renderMacros(w, r, p, m, f, http.StatusUnprocessableEntity)
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) macroDelete(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.deskPage(w, r, "deskwork.macros_title"); !ok {
		return
	}
	shopID := r.PathValue("shop")
	if err := h.svc.DeleteMacro(r.Context(), shopID, macroID(r)); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/desk/shops/"+url.PathEscape(shopID)+"/macros?flash=macro_deleted", http.StatusSeeOther)
}

// useMacro fills the chosen macro into the reply box and shows the case
// page again, with what the agent had typed kept above it.
func (h *Handler) useMacro(w http.ResponseWriter, r *http.Request, p *page, f *form) {
	id, _ := strconv.ParseInt(f.Val("macro"), 10, 64)
	if id == 0 {
		f.Add("macro", p.L.T("deskwork.err.macro_required"))
		h.renderDeskCaseForms(w, r, p, deskForms{Reply: f}, http.StatusUnprocessableEntity)
		return
	}
	filled, err := h.svc.FillMacro(r.Context(), r.PathValue("number"), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body := f.Raw("body")
	if body != "" {
		body += "\n\n"
	}
	f.Values.Set("body", body+filled.Text)
	f.Values.Set("mode", "reply")
	f.Values.Set("macro_id", strconv.FormatInt(id, 10))
	h.renderDeskCaseForms(w, r, p, deskForms{Reply: f}, http.StatusOK)
}

// afterMacroReply applies the action of the macro a reply was written
// with (wait on the customer).
func (h *Handler) afterMacroReply(r *http.Request, f *form) error {
	id, _ := strconv.ParseInt(f.Val("macro_id"), 10, 64)
	if id == 0 || f.Val("mode") == "note" {
		return nil
	}
	number := r.PathValue("number")
	c, err := h.svc.GetCase(r.Context(), number)
	if err != nil {
		return err
	}
	m, err := h.svc.GetMacro(r.Context(), c.ShopID, id)
	if err != nil || m.Action != casework.MacroWaitCustomer || c.Check(claimdesk.ActWait) != nil || c.Status != claimdesk.StatusOpen {
		return nil
	}
	_, err = h.svc.Wait(r.Context(), number, claimdesk.WaitingOnCustomer, m.Title)
	return err
}
