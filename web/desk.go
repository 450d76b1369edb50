package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/claimdesk/claimdesk"
)

// deskPage checks that an agent is signed in; anyone else is sent to the
// workspace's sign-in page and back.
func (h *Handler) deskPage(w http.ResponseWriter, r *http.Request, titleKey string) (*page, bool) {
	p := h.newPage(r, nil, titleKey)
	p.Area = "desk"
	if p.Actor.Kind != claimdesk.ActorAgent {
		next := r.URL.RequestURI()
		if r.Method != http.MethodGet {
			next = "/desk/cases"
		}
		http.Redirect(w, r, "/desk/login?next="+url.QueryEscape(next), http.StatusSeeOther)
		return nil, false
	}
	return p, true
}

func (h *Handler) deskHome(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.deskPage(w, r, "queue.title"); ok {
		http.Redirect(w, r, "/desk/cases", http.StatusSeeOther)
	}
}

func (h *Handler) deskLoginForm(w http.ResponseWriter, r *http.Request) {
	p := h.newPage(r, nil, "login.desk_title")
	p.Area, p.Nav = "desk", "login"
	if p.Actor.Kind == claimdesk.ActorAgent {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next"), "/desk/", "/desk/cases"), http.StatusSeeOther)
		return
	}
	p.Data = h.loginData(p, newForm(nil), "/desk/login", r.URL.Query().Get("next"))
	h.render(w, r, http.StatusOK, "login", p)
}

func (h *Handler) deskLogin(w http.ResponseWriter, r *http.Request) {
	p := h.newPage(r, nil, "login.desk_title")
	p.Area = "desk"
	h.login(w, r, p, claimdesk.AgentUser, "", "/desk/login", "/desk/", "/desk/cases")
}

// queueRow is one case in the agent queue.
type queueRow struct {
	Case     *claimdesk.Case
	ShopName string
	Subject  string // the case's own subject, if it has one
	SLA      string // overdue, soon, ok or none
	Due      string
}

type queueData struct {
	Shops    []*claimdesk.Shop
	Kinds    []claimdesk.CaseKind
	Statuses []string
	Shop     string
	Kind     string
	Status   string
	Queue    string
	Query    string
	Rows     []queueRow
	Next     string
	First    string
	Paged    bool
	Sort     string
	Views    []viewTab
	SaveForm *form
}

var queueStatuses = []string{"active", "open", "waiting", "resolved", "closed", "all"}

// queue is the agent's work list: cases of their shops, filtered by shop,
// kind, status and text, sorted by SLA due time so that breaching cases
// come first, paged with the store's cursor.
func (h *Handler) queue(w http.ResponseWriter, r *http.Request) {
	p, ok := h.deskPage(w, r, "queue.title")
	if !ok {
		return
	}
	p.Nav = "queue"
	ctx := r.Context()
	q := r.URL.Query()
	d, f := parseQueueFilter(q)
	f.Cursor, f.Limit = q.Get("cursor"), 25
	all, err := h.svc.ListShops(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	byID := map[string]*claimdesk.Shop{}
	for _, s := range all {
		if p.Actor.Staff(s.ID) {
			d.Shops = append(d.Shops, s)
			byID[s.ID] = s
		}
	}
	list, next, err := h.svc.ListCases(ctx, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	now := h.now()
	for _, c := range list {
		row := queueRow{Case: c, SLA: "none", Subject: ownSubject(c)}
		loc := time.UTC
		if s := byID[c.ShopID]; s != nil {
			row.ShopName, loc = s.Name, s.Location()
		}
		if c.DueAt != nil && c.Open() {
			row.Due = p.L.DateTime(*c.DueAt, loc)
			switch {
			case c.DueAt.Before(now):
				row.SLA = "overdue"
			case c.DueAt.Before(now.Add(4 * time.Hour)):
				row.SLA = "soon"
			default:
				row.SLA = "ok"
			}
		}
		d.Rows = append(d.Rows, row)
	}
	d.Paged = f.Cursor != ""
	if next != "" || d.Paged {
		base := url.Values{}
		for _, k := range []string{"shop", "kind", "status", "queue", "q", "sort"} {
			if v := q.Get(k); v != "" {
				base.Set(k, v)
			}
		}
		d.First = "/desk/cases?" + base.Encode()
		if next != "" {
			base.Set("cursor", next)
			d.Next = "/desk/cases?" + base.Encode()
		}
	}
	d.Views = h.viewTabs(r, p)
	d.SaveForm = newForm(url.Values{"shop": {d.Shop}, "kind": {d.Kind}, "status": {d.Status}, "queue": {d.Queue}, "q": {d.Query}, "sort": {d.Sort}})
	p.Data = d
	h.render(w, r, http.StatusOK, "queue", p)
}

// parseQueueFilter reads the queue's filter from the query, dropping what
// it does not know, and returns it as the page shows it and as the store's
// filter.
func parseQueueFilter(q url.Values) (queueData, claimdesk.CaseFilter) {
	d := queueData{Kinds: claimdesk.CaseKinds, Statuses: queueStatuses, Shop: q.Get("shop"), Kind: q.Get("kind"), Status: q.Get("status"),
		Query: q.Get("q"), Queue: q.Get("queue"), Sort: q.Get("sort")}
	if !slices.Contains(queueStatuses, d.Status) {
		d.Status = "active"
	}
	if d.Sort != "newest" {
		d.Sort = "due"
	}
	f := claimdesk.CaseFilter{Query: d.Query, Sort: d.Sort}
	if d.Shop != "" {
		f.ShopIDs = []string{d.Shop}
	}
	if claimdesk.ValidCaseKind(claimdesk.CaseKind(d.Kind)) {
		f.Kinds = []claimdesk.CaseKind{claimdesk.CaseKind(d.Kind)}
	} else {
		d.Kind = ""
	}
	f.Statuses = statusFilter(d.Status)
	if d.Queue == "customer_service" || d.Queue == "ombudsman" {
		f.Queue = d.Queue
	} else {
		d.Queue = ""
	}
	return d, f
}

func statusFilter(s string) []claimdesk.Status {
	switch s {
	case "active":
		return []claimdesk.Status{claimdesk.StatusOpen, claimdesk.StatusWaiting}
	case "all":
		return nil
	}
	return []claimdesk.Status{claimdesk.Status(s)}
}

// ownSubject is the case's subject unless it is the default one casework
// makes from the kind and order number, which the page says better.
func ownSubject(c *claimdesk.Case) string {
	if c.Subject == string(c.Kind) || c.Subject == fmt.Sprintf("%s, order %s", c.Kind, c.OrderExternalID) {
		return ""
	}
	return c.Subject
}
