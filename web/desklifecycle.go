package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// The case page's lifecycle forms: receive goods, record a finding, record
// a refund, merge into another case. Each is offered only when the
// domain's Case.Check allows its action; each posts to its own route and
// comes back with errors beside its fields.

// The notices the workspace's lifecycle forms, views and macros redirect with.
func init() {
	for _, k := range []string{"goods_received", "finding_recorded", "refund_recorded", "case_merged", "view_saved", "view_deleted", "macro_saved", "macro_deleted"} {
		flashes[k] = true
	}
}

// receiveConditions are how received goods may be found.
var receiveConditions = []string{"as_expected", "used", "damaged", "incomplete"}

// refundMethods are the ways money goes back, the order's own first.
var refundMethods = []string{"card", "invoice", "vipps", "swish", "mobilepay", "klarna", "bank_transfer"}

// deskForms are the case page's forms as sent, for re-rendering one with
// its errors; nil ones start empty.
type deskForms struct {
	Reply, Decide, Receive, Finding, Refund, Merge *form
	MergeTarget                                    *claimdesk.Case // the merge's confirm step
}

// lifecycleView holds the lifecycle forms the case allows now (nil: not
// offered) and where a merged case went.
type lifecycleView struct {
	Receive    *receiveForm
	Finding    *findingForm
	Refund     *refundForm
	Merge      *mergeForm
	MergedInto string // the number of the case this one was merged into
	Fees       []feeView
}

type receiveLine struct {
	Index    int
	SKU      string
	Name     string
	Want     int
	Received int
	Left     int
}

type receiveForm struct {
	Lines      []receiveLine
	Conditions []string
	Form       *form
}

type findingChoice struct {
	Finding string
	Fees    []feeView
	PerHour []feeView
}

type findingForm struct {
	Choices []findingChoice
	Form    *form
}

type refundForm struct {
	Due, Refunded, Left string
	Methods             []string
	Form                *form
}

type mergeForm struct {
	Form   *form
	Target *claimdesk.Case
}

// newLifecycle builds the lifecycle forms for the case from its events,
// the order's line names and payment method, and the forms as sent.
func (h *Handler) newLifecycle(r *http.Request, l *locale, c *claimdesk.Case, events []claimdesk.Event, names map[string]string, payment string, fs deskForms) lifecycleView {
	var v lifecycleView
	for _, f := range c.Fees {
		v.Fees = append(v.Fees, feeView{Code: f.Code, Amount: l.Money(f.Amount, c.Currency)})
	}
	if c.MergedInto != 0 {
		v.MergedInto = mergedInto(events)
	}
	ok := func(a claimdesk.Action) bool { return c.Check(a) == nil }
	if ok(claimdesk.ActReceiveGoods) {
		v.Receive = newReceiveForm(c, events, names, fs.Receive)
	}
	if ok(claimdesk.ActRecordFinding) {
		if opts, err := h.svc.FindingOptions(r.Context(), c.Number); err == nil {
			v.Finding = &findingForm{Form: orEmpty(fs.Finding)}
			for _, o := range opts {
				v.Finding.Choices = append(v.Finding.Choices, findingChoice{Finding: o.Finding, Fees: caseFeeViews(l, o.Fees, c.Currency), PerHour: caseFeeViews(l, o.PerHour, c.Currency)})
			}
		}
	}
	if ok(claimdesk.ActRefund) {
		v.Refund = newRefundForm(l, c, payment, fs.Refund)
	}
	if ok(claimdesk.ActMerge) {
		v.Merge = &mergeForm{Form: orEmpty(fs.Merge), Target: fs.MergeTarget}
	}
	return v
}

func orEmpty(f *form) *form {
	if f == nil {
		return newForm(nil)
	}
	return f
}

func caseFeeViews(l *locale, fees []claimdesk.CaseFee, currency string) []feeView {
	out := make([]feeView, 0, len(fees))
	for _, f := range fees {
		out = append(out, feeView{Code: f.Code, Amount: l.Money(f.Amount, currency)})
	}
	return out
}

func newReceiveForm(c *claimdesk.Case, events []claimdesk.Event, names map[string]string, f *form) *receiveForm {
	got := casework.ReceivedLines(events)
	rf := &receiveForm{Conditions: receiveConditions, Form: orEmpty(f)}
	for i, cl := range c.Lines {
		rl := receiveLine{Index: i, SKU: cl.SKU, Name: names[cl.SKU], Want: cl.Quantity, Received: got[cl.SKU]}
		if rl.Name == "" {
			rl.Name = cl.SKU
		}
		rl.Left = max(rl.Want-rl.Received, 0)
		if f == nil {
			rf.Form.Values.Set("line_"+strconv.Itoa(i), strconv.Itoa(rl.Left))
		}
		rf.Lines = append(rf.Lines, rl)
	}
	return rf
}

func newRefundForm(l *locale, c *claimdesk.Case, payment string, f *form) *refundForm {
	left := *c.Refund - c.Refunded
	rf := &refundForm{Due: l.Money(*c.Refund, c.Currency), Refunded: l.Money(c.Refunded, c.Currency), Left: l.Money(left, c.Currency), Form: orEmpty(f)}
	if payment != "" {
		rf.Methods = append(rf.Methods, payment)
	}
	for _, m := range refundMethods {
		if m != payment {
			rf.Methods = append(rf.Methods, m)
		}
	}
	if f == nil {
		rf.Form.Values.Set("amount", left.String())
		rf.Form.Values.Set("method", rf.Methods[0])
	}
	return rf
}

// mergedInto reads the number of the case this one was merged into from
// its log.
func mergedInto(events []claimdesk.Event) string {
	for i := len(events) - 1; i >= 0; i-- {
		if events[i].Type != "case.merged" {
			continue
		}
		var d struct {
			Into string `json:"into"`
		}
		if json.Unmarshal(events[i].Data, &d) == nil && d.Into != "" {
			return d.Into
		}
	}
	return ""
}

// postedForm starts a lifecycle handler: the agent, the parsed form.
func (h *Handler) postedForm(w http.ResponseWriter, r *http.Request) (*page, *form, bool) {
	p, ok := h.deskPage(w, r, "deskcase.title")
	if !ok {
		return nil, nil, false
	}
	_ = r.ParseForm()
	return p, newForm(r.PostForm), true
}

// lifecycleDone redirects to the case with a notice after an action, or
// re-renders the page with the form's errors: field errors of the
// use-case go beside their fields (fields maps the use-case's field to the
// page's), anything else that is not invalid input gets the error page.
func (h *Handler) lifecycleDone(w http.ResponseWriter, r *http.Request, p *page, fs deskForms, f *form, err error, flash string, fields func(string) string) {
	number := r.PathValue("number")
	if err == nil && !f.Invalid() {
		http.Redirect(w, r, "/desk/cases/"+url.PathEscape(number)+"?flash="+flash, http.StatusSeeOther)
		return
	}
	if err != nil {
		if !claimdesk.IsCode(err, claimdesk.CodeInvalid) {
			h.fail(w, r, err)
			return
		}
		addFieldErrors(p.L, f, err, fields)
	}
	h.renderDeskCaseForms(w, r, p, fs, http.StatusUnprocessableEntity)
}

// addFieldErrors puts a use-case's field errors on the form, in the words
// of deskwork.err.CODE (or the shared field.CODE) of the page's language.
func addFieldErrors(l *locale, f *form, err error, fields func(string) string) {
	var e *claimdesk.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		f.Add("", l.T(errorKey(err)))
		return
	}
	for _, fe := range e.Fields {
		key := "field.invalid"
		for _, k := range []string{"deskwork.err." + fe.Field + "_" + fe.Code, "deskwork.err." + fe.Code, "field." + fe.Code} {
			if l.Has(k) {
				key = k
				break
			}
		}
		f.Add(fields(fe.Field), l.T(key))
	}
}

// deskReceive registers goods that came back: a quantity per case line
// (0 for a line that did not come), their condition and a note.
func (h *Handler) deskReceive(w http.ResponseWriter, r *http.Request) {
	p, f, ok := h.postedForm(w, r)
	if !ok {
		return
	}
	c, err := h.svc.GetCase(r.Context(), r.PathValue("number"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := casework.ReceiveInput{Lines: []claimdesk.CaseLine{}, Condition: f.Val("condition"), Note: f.Val("receive_note")}
	field := map[string]string{}
	for i, cl := range c.Lines {
		name := "line_" + strconv.Itoa(i)
		q, err := strconv.Atoi(f.Val(name))
		if err != nil || q < 0 {
			f.Add("recv-"+strconv.Itoa(i), p.L.T("deskwork.err.quantity"))
			continue
		}
		if q > 0 {
			field["lines["+strconv.Itoa(len(in.Lines))+"]"] = "recv-" + strconv.Itoa(i)
			field["lines["+strconv.Itoa(len(in.Lines))+"].quantity"] = "recv-" + strconv.Itoa(i)
			in.Lines = append(in.Lines, claimdesk.CaseLine{SKU: cl.SKU, Quantity: q})
		}
	}
	if !slices.Contains(receiveConditions, in.Condition) {
		f.Add("condition", p.L.T("deskwork.err.condition"))
	}
	if len(in.Lines) == 0 && !f.Invalid() {
		f.Add("recv-0", p.L.T("deskwork.err.nothing_received"))
	}
	if !f.Invalid() {
		_, err = h.svc.ReceiveGoods(r.Context(), c.Number, in)
	}
	h.lifecycleDone(w, r, p, deskForms{Receive: f}, f, err, "goods_received", func(s string) string { return field[s] })
}

// deskFinding records what the inspection found, with technician hours
// (decimal, "1,5") that per-hour fees are counted from.
func (h *Handler) deskFinding(w http.ResponseWriter, r *http.Request) {
	p, f, ok := h.postedForm(w, r)
	if !ok {
		return
	}
	in := casework.FindingInput{Finding: f.Val("finding"), Note: f.Val("finding_note")}
	if in.Finding == "" {
		f.Add("finding", p.L.T("deskwork.err.finding_required"))
	}
	if raw := f.Val("hours"); raw != "" {
		m, err := parseAmount(raw)
		if err != nil || m < 0 || m > 100000 {
			f.Add("hours", p.L.T("deskwork.err.hours"))
		} else {
			in.TechnicianMinutes = int(m) * 60 / 100
		}
	}
	var err error
	if !f.Invalid() {
		_, err = h.svc.RecordFinding(r.Context(), r.PathValue("number"), in)
	}
	h.lifecycleDone(w, r, p, deskForms{Finding: f}, f, err, "finding_recorded", func(s string) string {
		if s == "technician_minutes" {
			return "hours"
		}
		return s
	})
}

// deskRefund records money paid back: an amount in the case's currency
// (at most what is still due), the method and a reference.
func (h *Handler) deskRefund(w http.ResponseWriter, r *http.Request) {
	p, f, ok := h.postedForm(w, r)
	if !ok {
		return
	}
	in := casework.RefundInput{Method: f.Val("method"), Reference: f.Val("reference")}
	m, err := parseAmount(f.Val("amount"))
	if err != nil || m <= 0 {
		f.Add("amount", p.L.T("deskwork.err.amount"))
	}
	in.Amount = m
	if !slices.Contains(refundMethods, in.Method) {
		f.Add("method", p.L.T("deskwork.err.method"))
	}
	err = nil
	if !f.Invalid() {
		_, err = h.svc.RecordRefund(r.Context(), r.PathValue("number"), in)
	}
	h.lifecycleDone(w, r, p, deskForms{Refund: f}, f, err, "refund_recorded", func(s string) string { return s })
}

// deskMerge merges the case into another in two steps: the first post
// checks the other case and shows it for confirmation, the second (with
// confirm=yes) merges.
func (h *Handler) deskMerge(w http.ResponseWriter, r *http.Request) {
	p, f, ok := h.postedForm(w, r)
	if !ok {
		return
	}
	ctx, number, into := r.Context(), r.PathValue("number"), f.Val("into")
	if into == "" {
		f.Add("into", p.L.T("deskwork.err.into_required"))
		h.lifecycleDone(w, r, p, deskForms{Merge: f}, f, nil, "", nil)
		return
	}
	target, err := h.svc.PreviewMerge(ctx, number, into)
	if err == nil && f.Val("confirm") == "yes" {
		_, err = h.svc.Merge(ctx, number, into)
	} else if err == nil {
		// The confirm step: the same page with the other case to check.
		h.renderDeskCaseForms(w, r, p, deskForms{Merge: f, MergeTarget: target}, http.StatusOK)
		return
	}
	h.lifecycleDone(w, r, p, deskForms{Merge: f}, f, err, "case_merged", func(s string) string { return "into" })
}

// mountDeskwork registers the workspace's lifecycle forms, saved views,
// macros and the customer's satisfaction survey.
func (h *Handler) mountDeskwork(handle func(string, http.HandlerFunc)) {
	// Agents of the case's shop; casework checks.
	handle("POST /desk/cases/{number}/receive", h.deskReceive)
	handle("POST /desk/cases/{number}/finding", h.deskFinding)
	handle("POST /desk/cases/{number}/refund", h.deskRefund)
	handle("POST /desk/cases/{number}/merge", h.deskMerge)
	// Saved views: every agent; casework checks whose they are.
	handle("GET /desk/views", h.views)
	handle("POST /desk/views", h.viewSave)
	handle("POST /desk/views/{id}", h.viewRename)
	handle("POST /desk/views/{id}/delete", h.viewDelete)
	// Macros: leads and admins of the shop manage them; its agents use them.
	handle("GET /desk/shops/{shop}/macros", h.macros)
	handle("POST /desk/shops/{shop}/macros", h.macroSave)
	handle("GET /desk/shops/{shop}/macros/{id}", h.macroEdit)
	handle("POST /desk/shops/{shop}/macros/{id}", h.macroSave)
	handle("POST /desk/shops/{shop}/macros/{id}/delete", h.macroDelete)
	// The case's customer, or whoever holds the survey link's token.
	handle("GET /s/{shop}/cases/{number}/survey", h.survey)
	handle("POST /s/{shop}/cases/{number}/survey", h.surveyPost)
}
