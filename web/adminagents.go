package web

import (
	"net/http"
	"strconv"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// agentRoles are the roles a shop admin hands out, least power first.
var agentRoles = []claimdesk.AgentRole{claimdesk.RoleAgent, claimdesk.RoleLead, claimdesk.RoleOmbudsman, claimdesk.RoleAdmin}

type agentsData struct {
	Admin  adminData
	Form   *form // the add form
	Change *form // a role change or removal that was refused
	Roles  []claimdesk.AgentRole
	Agents []agentRow
}

type agentRow struct {
	User      *claimdesk.User
	Role      claimdesk.AgentRole
	LastLogin string
	You       bool
	Field     string // the id of the row's role select
}

func (h *Handler) agents(w http.ResponseWriter, r *http.Request) {
	p, ad, ok := h.adminPage(w, r, "agents")
	if !ok {
		return
	}
	f := newForm(nil)
	f.Values.Set("role", string(claimdesk.RoleAgent))
	h.renderAgents(w, r, p, agentsData{Admin: ad, Form: f, Change: newForm(nil)}, http.StatusOK)
}

func (h *Handler) renderAgents(w http.ResponseWriter, r *http.Request, p *page, d agentsData, status int) {
	list, err := h.svc.ListAgents(r.Context(), d.Admin.Shop.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	loc := d.Admin.Shop.Location()
	for _, u := range list {
		row := agentRow{User: u, Role: u.RoleIn(d.Admin.Shop.ID), You: u.ID == p.Actor.UserID, Field: "role-" + strconv.FormatInt(u.ID, 10)}
		if u.LastLoginAt != nil {
			row.LastLogin = p.L.DateTime(*u.LastLoginAt, loc)
		}
		d.Agents = append(d.Agents, row)
	}
	d.Roles = agentRoles
	p.Data = d
	f := d.Form
	if d.Change.Invalid() {
		f = d.Change
	}
	h.renderForm(w, r, p, "admin_agents", f, status)
}

// agentsAdd adds an agent: a new login with a first password, or an agent
// of another shop found by email. The password is never sent back.
func (h *Handler) agentsAdd(w http.ResponseWriter, r *http.Request) {
	p, ad, ok := h.adminPage(w, r, "agents")
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	if f.Val("email") == "" {
		f.Add("email", p.L.T("field.email_required"))
	}
	if !f.Invalid() {
		u, created, err := h.svc.AddAgent(r.Context(), ad.Shop.ID, casework.AgentInput{Email: f.Val("email"), Name: f.Val("name"),
			Password: f.Raw("password"), Role: claimdesk.AgentRole(f.Val("role"))})
		if err == nil {
			flash := "agent_joined"
			if created {
				flash = "agent_added"
			}
			http.Redirect(w, r, adminPath(ad.Shop.ID, "agents")+"?flash="+flash+"#agent-"+strconv.FormatInt(u.ID, 10), http.StatusSeeOther)
			return
		}
		if !claimdesk.IsCode(err, claimdesk.CodeInvalid) && !claimdesk.IsCode(err, claimdesk.CodeConflict) {
			h.fail(w, r, err)
			return
		}
		if claimdesk.IsCode(err, claimdesk.CodeConflict) && !hasFields(err) {
			f.Add("email", p.L.T("field.email_taken"))
		}
		f.addError(p.L, err, func(field string) string {
			switch field {
			case "email", "name", "password", "role":
				return field
			}
			return ""
		})
	}
	f.Values.Del("password")
	h.renderAgents(w, r, p, agentsData{Admin: ad, Form: f, Change: newForm(nil)}, http.StatusUnprocessableEntity)
}

// agentsRole changes an agent's role; agentsRemove takes them off the shop.
// A refusal (the last admin, yourself) comes back beside the row.
func (h *Handler) agentsRole(w http.ResponseWriter, r *http.Request) {
	h.agentChange(w, r, func(p *page, shopID string, id int64, f *form) error {
		_, err := h.svc.SetAgentRole(r.Context(), shopID, id, claimdesk.AgentRole(f.Val("role")))
		return err
	}, "role_changed")
}

func (h *Handler) agentsRemove(w http.ResponseWriter, r *http.Request) {
	h.agentChange(w, r, func(p *page, shopID string, id int64, f *form) error {
		return h.svc.RemoveAgent(r.Context(), shopID, id)
	}, "agent_removed")
}

func (h *Handler) agentChange(w http.ResponseWriter, r *http.Request, do func(p *page, shopID string, id int64, f *form) error, flash string) {
	p, ad, ok := h.adminPage(w, r, "agents")
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	err = do(p, ad.Shop.ID, id, f)
	if err == nil {
		http.Redirect(w, r, adminPath(ad.Shop.ID, "agents")+"?flash="+flash, http.StatusSeeOther)
		return
	}
	if !claimdesk.IsCode(err, claimdesk.CodeInvalid) && !claimdesk.IsCode(err, claimdesk.CodeConflict) {
		h.fail(w, r, err)
		return
	}
	field := "role-" + strconv.FormatInt(id, 10)
	f.addError(p.L, err, func(string) string { return field })
	add := newForm(nil)
	add.Values.Set("role", string(claimdesk.RoleAgent))
	status := http.StatusConflict
	if claimdesk.IsCode(err, claimdesk.CodeInvalid) {
		status = http.StatusUnprocessableEntity
	}
	h.renderAgents(w, r, p, agentsData{Admin: ad, Form: add, Change: f}, status)
}

// hasFields reports whether a use-case error names its fields.
func hasFields(err error) bool {
	e, ok := err.(*claimdesk.Error)
	return ok && len(e.Fields) > 0
}
