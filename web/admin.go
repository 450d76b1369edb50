package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/claimdesk/claimdesk"
)

// The shop admin pages of the workspace (settings, agents, API keys,
// webhooks, terms) share a frame: a tab bar, and casework's check that the
// agent is an admin of the shop in the path.

// adminTabs are the admin pages in the order of the tab bar.
var adminTabs = []string{"settings", "agents", "api-keys", "webhooks", "terms"}

// adminData is what every admin page's template gets besides its own.
type adminData struct {
	Shop *claimdesk.Shop
	Tab  string
	Tabs []string
}

// adminPage checks that a shop admin is signed in and loads the shop; an
// agent who is not its admin gets the forbidden page.
func (h *Handler) adminPage(w http.ResponseWriter, r *http.Request, tab string) (*page, adminData, bool) {
	p, ok := h.deskPage(w, r, "admin."+tab+"_title")
	if !ok {
		return nil, adminData{}, false
	}
	shop, err := h.svc.AdminShop(r.Context(), r.PathValue("shop"))
	if err != nil {
		h.fail(w, r, err)
		return nil, adminData{}, false
	}
	p.Nav = "admin-" + shop.ID
	p.Title = p.L.T("admin."+tab+"_title") + " · " + shop.Name
	return p, adminData{Shop: shop, Tab: tab, Tabs: adminTabs}, true
}

// adminPath is the path of one of a shop's admin pages.
func adminPath(shopID, tab string) string { return "/desk/shops/" + url.PathEscape(shopID) + "/" + tab }

// renderForm renders a page whose form came back with errors: 422, with
// the title saying so.
func (h *Handler) renderForm(w http.ResponseWriter, r *http.Request, p *page, name string, f *form, status int) {
	if f.Invalid() {
		p.Title = p.L.T("form.error_title_prefix") + " " + p.Title
	}
	h.render(w, r, status, name, p)
}

// pathID reads a numeric id from the path; a bad one is not found.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, claimdesk.NotFound(name, r.PathValue(name))
	}
	return id, nil
}

// intField reads a whole number from a form field, or records an error.
func intField(f *form, l *locale, name string) *int {
	n, err := strconv.Atoi(strings.TrimSpace(f.Val(name)))
	if err != nil {
		f.Add(name, l.T("field.number_invalid"))
		return nil
	}
	return &n
}

// The admin pages' one-line notices.
func init() {
	for _, k := range []string{"settings_saved", "agent_added", "agent_joined", "role_changed", "agent_removed", "webhook_disabled", "webhook_enabled", "webhook_deleted", "webhook_replayed", "terms_activated"} {
		flashes[k] = true
	}
}
