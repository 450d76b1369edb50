package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// caseActions says which of the workspace's case actions the case allows
// now (the domain's own check), and who it is assigned to.
type caseActions struct {
	Assign   bool
	Wait     bool
	Resume   bool
	Close    bool
	Reopen   bool
	Escalate bool
	Assigned string // you, other or none
}

func actionsFor(c *claimdesk.Case, a claimdesk.Actor) caseActions {
	ok := func(act claimdesk.Action) bool { return c.Check(act) == nil }
	v := caseActions{Assign: ok(claimdesk.ActAssign), Close: ok(claimdesk.ActClose), Reopen: ok(claimdesk.ActReopen), Assigned: "none"}
	v.Wait = ok(claimdesk.ActWait) && c.Status == claimdesk.StatusOpen
	v.Resume = ok(claimdesk.ActResume) && c.Status == claimdesk.StatusWaiting
	v.Escalate = ok(claimdesk.ActEscalate)
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
	case "escalate":
		_, err = h.svc.Escalate(ctx, number, reason)
	default:
		err = claimdesk.Errorf(claimdesk.CodeInvalid, "unknown action %q", f.Val("do"))
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/desk/cases/"+url.PathEscape(number)+"?flash=case_updated", http.StatusSeeOther)
}

// decideForm is the decision form's state: the remedies the case's kind
// allows, and the form as sent when it comes back with errors.
type decideForm struct {
	Allowed  bool
	Remedies []claimdesk.Remedy
	Form     *form
}

func newDecideForm(c *claimdesk.Case, f *form) decideForm {
	if f == nil {
		f = newForm(nil)
	}
	d := decideForm{Allowed: c.Check(claimdesk.ActDecide) == nil, Form: f}
	for _, r := range c.Kind.Remedies() {
		if r != claimdesk.RemedyNone {
			d.Remedies = append(d.Remedies, r)
		}
	}
	return d
}

// parseAmount reads an amount in major units as people type it: "1640",
// "1 640,50", "1640.5".
func parseAmount(s string) (claimdesk.Minor, error) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", ",", ".").Replace(strings.TrimSpace(s))
	return claimdesk.ParseMinor(s)
}

// deskDecide records the agent's decision: approved, partly approved or
// rejected, with a remedy and, if it differs from the assessment, the
// refund. Errors come back next to the fields.
func (h *Handler) deskDecide(w http.ResponseWriter, r *http.Request) {
	p, ok := h.deskPage(w, r, "deskcase.title")
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	l := p.L
	in := casework.DecideInput{Decision: claimdesk.DecisionState(f.Val("decision")), Remedy: claimdesk.Remedy(f.Val("remedy")), Reason: f.Val("decision_reason")}
	switch in.Decision {
	case claimdesk.DecisionApproved, claimdesk.DecisionPartlyApproved, claimdesk.DecisionRejected:
	default:
		f.Add("decision", l.T("field.decision_required"))
	}
	if in.Decision == claimdesk.DecisionRejected {
		in.Remedy = claimdesk.RemedyNone
	}
	if raw := f.Val("refund"); raw != "" && in.Decision != claimdesk.DecisionRejected {
		m, err := parseAmount(raw)
		if err != nil || m < 0 {
			f.Add("refund", l.T("field.amount_invalid"))
		} else {
			in.Refund = &m
		}
	}
	number := r.PathValue("number")
	if !f.Invalid() {
		_, err := h.svc.Decide(r.Context(), number, in)
		if err == nil {
			http.Redirect(w, r, "/desk/cases/"+url.PathEscape(number)+"?flash=case_updated", http.StatusSeeOther)
			return
		}
		if !claimdesk.IsCode(err, claimdesk.CodeInvalid) {
			h.fail(w, r, err)
			return
		}
		f.addError(l, err, func(field string) string {
			switch field {
			case "decision", "remedy", "refund":
				return field
			}
			return ""
		})
	}
	reply := newForm(nil)
	reply.Values.Set("mode", "reply")
	h.renderDeskCaseWith(w, r, p, reply, f, http.StatusUnprocessableEntity)
}
