package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// Saved views: an agent saves the queue's filter under a name, private or
// shared with the agents of the filter's shop; the queue shows them as
// links with counts, /desk/views renames and deletes them.

// maxCountedViews bounds the count queries the queue runs for its tabs.
const maxCountedViews = 12

type viewTab struct {
	View    *claimdesk.SavedView
	URL     string
	Count   int
	Counted bool
	Current bool
	Own     bool
	Delete  bool // the agent may delete it: their own, or shared in a shop they lead
}

// viewURL is the queue's address for a view's filter.
func viewURL(v *claimdesk.SavedView) string {
	q := url.Values{}
	for k, val := range map[string]string{"shop": v.Shop, "kind": v.Kind, "status": v.Status, "queue": v.Queue, "q": v.Query, "sort": v.Sort} {
		if val != "" {
			q.Set(k, val)
		}
	}
	q.Set("view", strconv.FormatInt(v.ID, 10))
	return "/desk/cases?" + q.Encode()
}

// viewTabs lists the agent's views for the queue, with the number of cases
// each selects (for the first few), marking the one shown.
func (h *Handler) viewTabs(r *http.Request, p *page) []viewTab {
	views, err := h.svc.ListViews(r.Context())
	if err != nil {
		return nil
	}
	current := r.URL.Query().Get("view")
	out := make([]viewTab, 0, len(views))
	for i, v := range views {
		t := viewTab{View: v, URL: viewURL(v), Own: v.UserID == p.Actor.UserID, Current: strconv.FormatInt(v.ID, 10) == current}
		t.Delete = t.Own || slices.Contains(p.LeadShops(), v.Shop)
		if i < maxCountedViews {
			_, f := parseQueueFilter(viewValues(v))
			if n, err := h.svc.CountCases(r.Context(), f); err == nil {
				t.Count, t.Counted = n, true
			}
		}
		out = append(out, t)
	}
	return out
}

func viewValues(v *claimdesk.SavedView) url.Values {
	u, _ := url.Parse(viewURL(v))
	return u.Query()
}

// viewSave saves the queue's filter (sent as hidden fields) under a name.
func (h *Handler) viewSave(w http.ResponseWriter, r *http.Request) {
	p, ok := h.deskPage(w, r, "queue.title")
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	d, _ := parseQueueFilter(r.PostForm)
	v, err := h.svc.SaveView(r.Context(), casework.SaveViewInput{Name: f.Val("name"), Shared: f.Val("shared") == "yes",
		Shop: d.Shop, Kind: d.Kind, Status: d.Status, Queue: d.Queue, Query: d.Query, Sort: d.Sort})
	switch {
	case err == nil:
		http.Redirect(w, r, viewURL(v)+"&flash=view_saved", http.StatusSeeOther)
	case claimdesk.IsCode(err, claimdesk.CodeInvalid):
		addFieldErrors(p.L, f, err, func(s string) string {
			if s == "shared" {
				return "view-shared"
			}
			return "view-name"
		})
		h.renderViews(w, r, p, f, 0, http.StatusUnprocessableEntity)
	default:
		h.fail(w, r, err)
	}
}

type viewsData struct {
	Tabs []viewTab
	Form *form  // the form that came back with errors
	ID   int64  // the view it belongs to (0: the save form)
	Back string // the queue the save form came from
}

func (h *Handler) views(w http.ResponseWriter, r *http.Request) {
	p, ok := h.deskPage(w, r, "deskwork.views_title")
	if !ok {
		return
	}
	h.renderViews(w, r, p, newForm(nil), 0, http.StatusOK)
}

func (h *Handler) renderViews(w http.ResponseWriter, r *http.Request, p *page, f *form, id int64, status int) {
	p.Nav = "views"
	p.Title = p.L.T("deskwork.views_title")
	d := viewsData{Form: f, ID: id}
	d.Tabs = h.viewTabs(r, p)
	if id == 0 && r.Method == http.MethodPost {
		q, _ := parseQueueFilter(r.PostForm)
		d.Back = viewURL(&claimdesk.SavedView{Shop: q.Shop, Kind: q.Kind, Status: q.Status, Queue: q.Queue, Query: q.Query, Sort: q.Sort})
	}
	p.Data = d
	h.render(w, r, status, "views", p)
}

func viewID(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id
}

// viewRename renames one of the agent's views and sets its sharing.
func (h *Handler) viewRename(w http.ResponseWriter, r *http.Request) {
	p, ok := h.deskPage(w, r, "deskwork.views_title")
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	id := viewID(r)
	_, err := h.svc.RenameView(r.Context(), id, f.Val("name"), f.Val("shared") == "yes")
	switch {
	case err == nil:
		http.Redirect(w, r, "/desk/views?flash=view_saved", http.StatusSeeOther)
	case claimdesk.IsCode(err, claimdesk.CodeInvalid):
		prefix := "view-" + strconv.FormatInt(id, 10) + "-"
		addFieldErrors(p.L, f, err, func(s string) string { return prefix + s })
		h.renderViews(w, r, p, f, id, http.StatusUnprocessableEntity)
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) viewDelete(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.deskPage(w, r, "deskwork.views_title"); !ok {
		return
	}
	if err := h.svc.DeleteView(r.Context(), viewID(r)); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/desk/views?flash=view_deleted", http.StatusSeeOther)
}
