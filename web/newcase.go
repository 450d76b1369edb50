package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/helpcenter"
)

// formKinds are the kinds a customer can choose on "new case", in order.
var formKinds = []claimdesk.CaseKind{
	claimdesk.KindWithdrawal, claimdesk.KindReturn, claimdesk.KindDefect, claimdesk.KindDOA, claimdesk.KindTransportDamage,
	claimdesk.KindWrongItem, claimdesk.KindMissingItem, claimdesk.KindLostParcel, claimdesk.KindCancellation,
	claimdesk.KindWarranty, claimdesk.KindGeneral,
}

// factsFor lists the yes/no questions that matter for a kind (the policy
// engine's facts); phone questions only when a phone is among the lines.
func factsFor(kind claimdesk.CaseKind, phone bool) []string {
	switch kind {
	case claimdesk.KindWithdrawal, claimdesk.KindReturn:
		return []string{"unused", "original_packaging", "labels_intact"}
	case claimdesk.KindTransportDamage:
		return []string{"hidden_damage", "noted_on_waybill", "photos_attached"}
	case claimdesk.KindWrongItem, claimdesk.KindMissingItem:
		return []string{"photos_attached"}
	case claimdesk.KindDefect, claimdesk.KindDOA:
		if phone {
			return []string{"find_my_disabled", "accounts_removed"}
		}
	}
	return nil
}

// needsDescription reports whether a kind cannot be handled without the
// customer's own words.
func needsDescription(k claimdesk.CaseKind) bool {
	switch k {
	case claimdesk.KindWithdrawal, claimdesk.KindReturn, claimdesk.KindCancellation, claimdesk.KindLostParcel:
		return false
	}
	return true
}

// asksDiscovery reports whether the form asks when the fault was found.
func asksDiscovery(k claimdesk.CaseKind) bool {
	return k == claimdesk.KindDefect || k == claimdesk.KindDOA || k == claimdesk.KindWarranty
}

// caseInput is what the new-case form says, parsed.
type caseInput struct {
	Lines       []claimdesk.CaseLine
	Kind        claimdesk.CaseKind
	Facts       map[string]bool
	Description string
	Discovered  claimdesk.Date
}

// token fingerprints the input, so a submit can tell whether the customer
// saw the pre-check for exactly what they send.
func (in caseInput) token() string {
	var b strings.Builder
	lines := slices.Clone(in.Lines)
	sort.Slice(lines, func(i, j int) bool { return lines[i].SKU < lines[j].SKU })
	for _, l := range lines {
		fmt.Fprintf(&b, "%s=%d;", l.SKU, l.Quantity)
	}
	facts := make([]string, 0, len(in.Facts))
	for k, v := range in.Facts {
		facts = append(facts, fmt.Sprintf("%s=%t", k, v))
	}
	sort.Strings(facts)
	fmt.Fprintf(&b, "|%s|%s|%s|%s", in.Kind, strings.Join(facts, ","), in.Discovered, strings.TrimSpace(in.Description))
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:8])
}

// lineRow is one order line on the form.
type lineRow struct {
	Index    int
	Line     claimdesk.OrderLine
	Checked  bool
	Qty      string
	QtyField string // the quantity input's id
}

type newCaseData struct {
	Order    *claimdesk.Order
	Form     *form
	Lines    []lineRow
	Kinds    []claimdesk.CaseKind
	Kind     claimdesk.CaseKind
	Facts    []string
	Discover bool
	NeedDesc bool
	Decision decisionView
	Help     []helpcenter.Hit
	Token    string
	Notice   string
	Today    string
}

func (h *Handler) newCaseForm(w http.ResponseWriter, r *http.Request) {
	p, o, ok := h.newCaseStart(w, r)
	if !ok {
		return
	}
	v := url.Values{}
	for _, sku := range r.URL.Query()["sku"] {
		v.Add("sku", sku)
	}
	if len(o.Lines) == 1 {
		v.Set("sku", o.Lines[0].SKU)
	}
	if k := r.URL.Query().Get("kind"); claimdesk.ValidCaseKind(claimdesk.CaseKind(k)) {
		v.Set("kind", k)
	}
	f := newForm(v)
	in := parseCaseForm(p.L, f, o, false)
	h.renderNewCase(w, r, p, o, f, in, http.StatusOK, "")
}

// newCaseStart checks the customer and loads the order; viewers, who may
// look but not act, get the forbidden page.
func (h *Handler) newCaseStart(w http.ResponseWriter, r *http.Request) (*page, *claimdesk.Order, bool) {
	p, ok := h.customerPage(w, r, "newcase.title")
	if !ok {
		return nil, nil, false
	}
	p.Nav = "orders"
	o, err := h.svc.GetOrder(r.Context(), p.Shop.ID, r.PathValue("order"))
	if err != nil {
		h.fail(w, r, err)
		return nil, nil, false
	}
	if p.Actor.CompanyRole == claimdesk.CompanyViewer {
		h.errorPage(w, r, http.StatusForbidden, "error.viewer")
		return nil, nil, false
	}
	p.Title = p.L.T("newcase.heading", "number", o.ExternalID)
	return p, o, true
}

// newCasePost handles both buttons: "check" re-renders the form with the
// policy engine's decision; "submit" opens the case if the input is
// complete and the customer has seen the decision for exactly this input.
func (h *Handler) newCasePost(w http.ResponseWriter, r *http.Request) {
	p, o, ok := h.newCaseStart(w, r)
	if !ok {
		return
	}
	f, files := parseUpload(r, p.L)
	submit := f.Val("action") == "submit"
	in := parseCaseForm(p.L, f, o, submit)
	if !submit {
		h.renderNewCase(w, r, p, o, f, in, http.StatusOK, "")
		return
	}
	if f.Invalid() {
		h.renderNewCase(w, r, p, o, f, in, http.StatusUnprocessableEntity, "")
		return
	}
	dec := h.decide(r.Context(), p, o, in)
	if dec.Vague {
		f.Add("description", p.L.T("newcase.vague"))
		h.renderNewCase(w, r, p, o, f, in, http.StatusUnprocessableEntity, "")
		return
	}
	if f.Val("checked") != in.token() {
		h.renderNewCase(w, r, p, o, f, in, http.StatusOK, p.L.T("newcase.review"))
		return
	}
	c, err := h.svc.OpenCase(r.Context(), p.Shop.ID, casework.OpenCaseInput{
		Kind: in.Kind, OrderExternalID: o.ExternalID, Lines: in.Lines, Description: in.Description, Facts: in.Facts,
		DiscoveredOn: in.Discovered, Lang: p.L.lang, Channel: "portal", Attachments: files,
	})
	if err != nil {
		if claimdesk.IsCode(err, claimdesk.CodeInvalid) {
			f.addError(p.L, err, caseFieldID(o, in))
			h.renderNewCase(w, r, p, o, f, in, http.StatusUnprocessableEntity, "")
			return
		}
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, p.ShopPath()+"/cases/"+url.PathEscape(c.Number)+"/confirmation", http.StatusSeeOther)
}

// caseFieldID maps OpenCase's field paths (lines[1].quantity) to the
// form's field ids.
func caseFieldID(o *claimdesk.Order, in caseInput) func(string) string {
	return func(field string) string {
		if id, ok := photoField(field); ok {
			return id
		}
		var i int
		if _, err := fmt.Sscanf(field, "lines[%d]", &i); err == nil && i < len(in.Lines) {
			for j, l := range o.Lines {
				if l.SKU == in.Lines[i].SKU {
					return "qty-" + strconv.Itoa(j)
				}
			}
		}
		switch field {
		case "kind", "description", "lines":
			return field
		case "order":
			return "lines"
		}
		return ""
	}
}

// parseCaseForm reads the form. Quantities and dates are always checked;
// a missing choice or description is an error only on submit, so the
// live check does not scold someone who has just begun.
func parseCaseForm(l *locale, f *form, o *claimdesk.Order, submit bool) caseInput {
	in := caseInput{Facts: map[string]bool{}, Kind: claimdesk.CaseKind(f.Val("kind")), Description: strings.TrimSpace(f.Raw("description"))}
	for i, line := range o.Lines {
		if !f.Checked("sku", line.SKU) {
			continue
		}
		id := "qty-" + strconv.Itoa(i)
		raw := f.Val("qty-" + line.SKU)
		q, err := strconv.Atoi(raw)
		if raw == "" {
			q, err = line.Quantity, nil
		}
		switch {
		case err != nil || q < 1:
			f.Add(id, l.T("field.quantity_invalid"))
		case q > line.Quantity:
			f.Add(id, l.T("field.quantity_too_many", "max", line.Quantity))
		default:
			in.Lines = append(in.Lines, claimdesk.CaseLine{SKU: line.SKU, Quantity: q})
		}
	}
	if in.Kind != "" && !slices.Contains(formKinds, in.Kind) {
		f.Add("kind", l.T("field.invalid"))
		in.Kind = ""
	}
	if d := f.Val("discovered_on"); d != "" && asksDiscovery(in.Kind) {
		day, err := claimdesk.ParseDate(d)
		if err != nil {
			f.Add("discovered_on", l.T("field.date_invalid"))
		}
		in.Discovered = day
	}
	for _, fact := range factsFor(in.Kind, hasPhone(o, in.Lines)) {
		switch f.Val("fact-" + fact) {
		case "yes":
			in.Facts[fact] = true
		case "no":
			in.Facts[fact] = false
		}
	}
	if !submit {
		return in
	}
	if len(in.Lines) == 0 && !f.Invalid() {
		f.Add("lines", l.T("field.lines_required"))
	}
	if in.Kind == "" && f.Err("kind") == "" {
		f.Add("kind", l.T("field.kind_required"))
	}
	if in.Kind != "" && needsDescription(in.Kind) && in.Description == "" {
		f.Add("description", l.T("field.description_required"))
	}
	return in
}

func hasPhone(o *claimdesk.Order, lines []claimdesk.CaseLine) bool {
	for _, cl := range lines {
		if ol, ok := o.Line(cl.SKU); ok {
			switch strings.ToLower(ol.Category) {
			case "phone", "smartphone", "tablet":
				return true
			}
		}
	}
	return false
}

// decide runs the policy engine's pre-check on the input, if it says
// enough to judge.
func (h *Handler) decide(ctx context.Context, p *page, o *claimdesk.Order, in caseInput) decisionView {
	if len(in.Lines) == 0 || in.Kind == "" {
		return decisionView{}
	}
	if !in.Kind.Judged() {
		return decisionView{Ready: true}
	}
	cu, err := h.svc.GetCustomer(ctx, p.Shop.ID, o.CustomerID)
	if err != nil {
		h.log.Warn("pre-check: customer", "err", err)
		return decisionView{Ready: true, Judged: true, Failed: true}
	}
	c := &claimdesk.Case{Kind: in.Kind, Country: o.Country, Lang: p.L.lang, Description: in.Description, Facts: in.Facts, Lines: in.Lines}
	sc := casework.Scenario(casework.AssessInput{Shop: p.Shop, Customer: cu, Order: o, Case: c, DiscoveredOn: in.Discovered})
	d, err := h.svc.PreCheck(ctx, p.Shop.ID, sc)
	if err != nil || d.Error != nil {
		h.log.Warn("pre-check failed", "err", err, "decision_error", d.Error)
		return decisionView{Ready: true, Judged: true, Failed: true}
	}
	return newDecisionView(p.L, &d)
}

// helpFor asks the help center about the description, or about the kind
// while there is no description yet.
func (h *Handler) helpFor(ctx context.Context, p *page, in caseInput) []helpcenter.Hit {
	q := in.Description
	if len([]rune(q)) < 4 {
		if in.Kind == "" {
			return nil
		}
		q = p.L.T("kind." + string(in.Kind))
	}
	res, err := h.svc.SearchHelp(ctx, p.Shop.ID, q, string(p.L.lang))
	if err != nil {
		return nil
	}
	return topHits(res, 3)
}

// topHits returns up to n hits, the suggested answer first.
func topHits(res helpcenter.Result, n int) []helpcenter.Hit {
	var out []helpcenter.Hit
	if res.Answer != nil {
		out = append(out, *res.Answer)
	}
	for _, hit := range res.Results {
		if len(out) >= n {
			break
		}
		if res.Answer != nil && hit.ID == res.Answer.ID {
			continue
		}
		if hit.Score >= 0.2 {
			out = append(out, hit)
		}
	}
	return out
}

func (h *Handler) renderNewCase(w http.ResponseWriter, r *http.Request, p *page, o *claimdesk.Order, f *form, in caseInput, status int, notice string) {
	d := newCaseData{Order: o, Form: f, Kinds: formKinds, Kind: in.Kind, Facts: factsFor(in.Kind, hasPhone(o, in.Lines)),
		Discover: asksDiscovery(in.Kind), NeedDesc: needsDescription(in.Kind), Token: in.token(), Notice: notice,
		Today: claimdesk.DateIn(h.now(), p.Shop.Location()).String()}
	for i, l := range o.Lines {
		row := lineRow{Index: i, Line: l, Checked: f.Checked("sku", l.SKU), Qty: f.Val("qty-" + l.SKU), QtyField: "qty-" + strconv.Itoa(i)}
		if row.Qty == "" {
			row.Qty = strconv.Itoa(l.Quantity)
		}
		d.Lines = append(d.Lines, row)
	}
	d.Decision = h.decide(r.Context(), p, o, in)
	if d.Decision.Vague && f.Err("description") == "" {
		f.Add("description", p.L.T("newcase.vague"))
	}
	d.Help = h.helpFor(r.Context(), p, in)
	if f.Invalid() {
		p.Title = p.L.T("form.error_title_prefix") + " " + p.Title
	}
	p.Data = d
	h.render(w, r, status, "newcase", p)
}
