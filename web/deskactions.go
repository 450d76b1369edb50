package web

import (
	"net/http"
	"net/url"

	"github.com/claimdesk/claimdesk"
)

// caseActions says which of the workspace's case actions the case allows
// now (the domain's own check), and who it is assigned to.
type caseActions struct {
	Assign   bool
	Wait     bool
	Resume   bool
	Close    bool
	Reopen   bool
	Assigned string // you, other or none
}

func actionsFor(c *claimdesk.Case, a claimdesk.Actor) caseActions {
	ok := func(act claimdesk.Action) bool { return c.Check(act) == nil }
	v := caseActions{Assign: ok(claimdesk.ActAssign), Close: ok(claimdesk.ActClose), Reopen: ok(claimdesk.ActReopen), Assigned: "none"}
	v.Wait = ok(claimdesk.ActWait) && c.Status == claimdesk.StatusOpen
	v.Resume = ok(claimdesk.ActResume) && c.Status == claimdesk.StatusWaiting
	switch {
	case c.AssigneeID == 0:
	case c.AssigneeID == a.UserID:
		v.Assigned = "you"
	default:
		v.Assigned = "other"
	}
	return v
}

// deskAction runs one action on a case from the workspace: assign to me,
// unassign, wait on someone, resume, close or reopen, with an optional
// reason for the log. A refusal (the case changed meanwhile, or the action
// does not fit) shows the conflict page.
func (h *Handler) deskAction(w http.ResponseWriter, r *http.Request) {
	p, ok := h.deskPage(w, r, "deskcase.title")
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	ctx, number, reason := r.Context(), r.PathValue("number"), f.Val("reason")
	var err error
	switch f.Val("do") {
	case "assign_me":
		_, err = h.svc.Assign(ctx, number, p.Actor.UserID)
	case "unassign":
		_, err = h.svc.Assign(ctx, number, 0)
	case "wait":
		_, err = h.svc.Wait(ctx, number, claimdesk.WaitingOn(f.Val("waiting_on")), reason)
	case "resume":
		_, err = h.svc.Resume(ctx, number, reason)
	case "close":
		_, err = h.svc.Close(ctx, number, reason)
	case "reopen":
		_, err = h.svc.Reopen(ctx, number, reason)
	default:
		err = claimdesk.Errorf(claimdesk.CodeInvalid, "unknown action %q", f.Val("do"))
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/desk/cases/"+url.PathEscape(number)+"?flash=case_updated", http.StatusSeeOther)
}
