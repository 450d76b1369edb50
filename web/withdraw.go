package web

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// The withdrawal function ("Angre kjøpet her", CRD Art. 11a): a public
// page of every shop's portal. Step one asks who is withdrawing from which
// order (name, order number, the order's email); step two shows the items,
// the policy engine's pre-check and a separate "Confirm withdrawal"
// button; the answer to that is the acknowledgement, also sent by email.
// No sign-in is needed; a signed-in customer finds the form filled in.

// withdrawItem is an order line on the summary.
type withdrawItem struct {
	ID        string // the checkbox's id
	SKU       string
	Name      string
	Quantity  int
	Price     string
	Delivered bool
	Chosen    bool
}

type withdrawData struct {
	Form     *form
	Step     string // details, summary or done
	Items    []withdrawItem
	Decision decisionView
	Token    string
	Notice   string
	// Why the declaration may not be granted: late, business, other or "".
	Warning  string
	Deadline claimdesk.Date

	// The acknowledgement (done).
	Number     string
	ReceivedAt string
	Email      string
	Name       string
	Order      string
	Reason     string
	CaseURL    string
	SignedIn   bool
}

// withdrawPage starts a withdrawal page in the frame of the path's shop,
// open to anyone.
func (h *Handler) withdrawPage(w http.ResponseWriter, r *http.Request) (*page, bool) {
	shop, ok := h.shopOf(w, r)
	if !ok {
		return nil, false
	}
	p := h.newPage(r, shop, "withdraw.title")
	p.Nav = "withdraw"
	return p, true
}

// withdrawForm is the empty form, filled in for a signed-in customer and
// with ?order= from a link.
func (h *Handler) withdrawForm(w http.ResponseWriter, r *http.Request) {
	p, ok := h.withdrawPage(w, r)
	if !ok {
		return
	}
	v := url.Values{}
	v.Set("order", r.URL.Query().Get("order"))
	if p.SignedIn() {
		v.Set("name", p.Actor.Name)
		if u, err := h.svc.Me(r.Context()); err == nil {
			v.Set("email", u.Email)
		}
	}
	p.Data = withdrawData{Form: newForm(v), Step: "details"}
	h.render(w, r, http.StatusOK, "withdraw", p)
}

// withdrawPost handles the form's buttons: "check" shows the summary with
// the pre-check (again, after a change of items); "confirm" sends the
// declaration if the consumer has seen the summary for exactly these
// items, and shows the acknowledgement.
func (h *Handler) withdrawPost(w http.ResponseWriter, r *http.Request) {
	p, ok := h.withdrawPage(w, r)
	if !ok {
		return
	}
	shop := p.Shop
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	d := withdrawData{Form: f, Step: "details"}
	if f.Val("action") == "edit" {
		h.renderWithdraw(w, r, p, d, http.StatusOK)
		return
	}
	in := withdrawInput(p, f)
	h.checkWithdrawForm(p, f, in)
	if f.Invalid() {
		h.renderWithdraw(w, r, p, d, http.StatusUnprocessableEntity)
		return
	}
	chk, err := h.svc.CheckWithdrawal(r.Context(), shop.ID, in)
	if err != nil {
		h.withdrawError(w, r, p, d, err)
		return
	}
	d = h.withdrawSummary(p, f, chk)
	if f.Val("action") != "confirm" {
		h.renderWithdraw(w, r, p, d, http.StatusOK)
		return
	}
	if f.Val("checked") != d.Token {
		d.Notice = p.L.T("withdraw.review")
		h.renderWithdraw(w, r, p, d, http.StatusOK)
		return
	}
	wd, err := h.svc.WithdrawFromContract(r.Context(), shop.ID, in)
	if err != nil {
		h.withdrawError(w, r, p, d, err)
		return
	}
	h.renderWithdraw(w, r, p, h.withdrawDone(p, f, wd), http.StatusOK)
}

func withdrawInput(p *page, f *form) casework.WithdrawalInput {
	in := casework.WithdrawalInput{Name: f.Val("name"), OrderExternalID: f.Val("order"), Email: f.Val("email"),
		Reason: strings.TrimSpace(f.Raw("reason")), Lang: p.L.lang}
	if f.Val("step") == "summary" {
		in.SKUs = f.Values["sku"]
	}
	return in
}

// checkWithdrawForm puts what is missing next to its field.
func (h *Handler) checkWithdrawForm(p *page, f *form, in casework.WithdrawalInput) {
	l := p.L
	if in.Name == "" {
		f.Add("name", l.T("withdraw.name_required"))
	}
	if in.OrderExternalID == "" {
		f.Add("order", l.T("withdraw.order_required"))
	}
	switch {
	case in.Email == "":
		f.Add("email", l.T("field.email_required"))
	case !strings.Contains(in.Email, "@"):
		f.Add("email", l.T("field.email_invalid"))
	}
	if f.Val("step") == "summary" && len(in.SKUs) == 0 && !f.Invalid() {
		f.Add("items", l.T("field.lines_required"))
	}
}

// withdrawError shows a use-case error on the form: a mismatch of order
// and email beside the order number (the same for either), anything
// invalid beside its field, too many tries above the form.
func (h *Handler) withdrawError(w http.ResponseWriter, r *http.Request, p *page, d withdrawData, err error) {
	f := d.Form
	status := http.StatusUnprocessableEntity
	switch claimdesk.ErrorCode(err) {
	case claimdesk.CodeInvalid:
		if d.Step == "summary" {
			d.Step = "details"
		}
		f.addError(p.L, err, func(field string) string {
			switch field {
			case "name", "email", "reason", "items":
				return field
			}
			return "order"
		})
	case claimdesk.CodeRateLimited:
		f.Add("", p.L.T("error.rate_limited"))
		status = http.StatusTooManyRequests
	default:
		h.fail(w, r, err)
		return
	}
	h.renderWithdraw(w, r, p, d, status)
}

// withdrawSummary is step two: the items and the pre-check.
func (h *Handler) withdrawSummary(p *page, f *form, chk *casework.WithdrawalCheck) withdrawData {
	d := withdrawData{Form: f, Step: "summary", Decision: newDecisionView(p.L, &chk.Decision)}
	var skus []string
	for i, it := range chk.Items {
		id := "items"
		if i > 0 {
			id = "item-" + it.SKU
		}
		d.Items = append(d.Items, withdrawItem{ID: id, SKU: it.SKU, Name: it.Name, Quantity: it.Quantity,
			Price: p.L.Money(it.UnitPrice, chk.Currency), Delivered: it.Delivered, Chosen: it.Chosen})
		if it.Chosen {
			skus = append(skus, it.SKU)
		}
	}
	d.Token = withdrawToken(chk.OrderExternalID, f.Val("email"), skus)
	switch {
	case d.Decision.Eligible:
	case chk.Business:
		d.Warning = "business"
	case slices.Contains(chk.Decision.Reasons, "deadline_passed"):
		d.Warning, d.Deadline = "late", d.Decision.Deadline
	default:
		d.Warning = "other"
	}
	return d
}

// withdrawToken fingerprints what the summary showed: a confirmation for
// other items is shown the summary again first.
func withdrawToken(order, email string, skus []string) string {
	skus = slices.Clone(skus)
	slices.Sort(skus)
	sum := sha256.Sum256([]byte(strings.ToLower(order) + "|" + strings.ToLower(email) + "|" + strings.Join(skus, ",")))
	return hex.EncodeToString(sum[:8])
}

// withdrawDone is the acknowledgement: what was declared, when it was
// received (in the shop's time zone), the case number and where to follow it.
func (h *Handler) withdrawDone(p *page, f *form, wd *casework.Withdrawal) withdrawData {
	d := withdrawData{Form: f, Step: "done", Decision: caseDecision(p.L, wd.Case), Number: wd.Case.Number,
		ReceivedAt: receivedAt(p.L, wd.ReceivedAt, p.Shop.Location()), Email: f.Val("email"), Name: wd.Name,
		Order: wd.OrderExternalID, Reason: strings.TrimSpace(f.Raw("reason")), SignedIn: p.SignedIn()}
	for _, it := range wd.Items {
		if it.Chosen {
			d.Items = append(d.Items, withdrawItem{SKU: it.SKU, Name: it.Name, Quantity: it.Quantity})
		}
	}
	d.CaseURL = p.ShopPath() + "/cases/" + url.PathEscape(wd.Case.Number)
	return d
}

// receivedAt is an instant in the shop's time zone with the zone named,
// as the acknowledgement email writes it.
func receivedAt(l *locale, t time.Time, loc *time.Location) string {
	return l.DateTime(t, loc) + " (" + t.In(loc).Format("MST") + ")"
}

func (h *Handler) renderWithdraw(w http.ResponseWriter, r *http.Request, p *page, d withdrawData, status int) {
	switch {
	case d.Step == "done":
		p.Title = p.L.T("withdraw.done_title")
	case d.Form.Invalid():
		p.Title = p.L.T("form.error_title_prefix") + " " + p.Title
	}
	p.Data = d
	h.render(w, r, status, "withdraw", p)
}
