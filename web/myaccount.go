package web

import (
	"net/http"
	"strconv"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// accountDone are the notices a redirect back to "Min konto" may show.
var accountDone = map[string]bool{"profile": true, "password": true, "address": true, "address_deleted": true}

// langOption is a choice in the preferred-language list.
type langOption struct {
	Code, Name string
}

func langOptions() []langOption {
	out := make([]langOption, 0, len(claimdesk.Langs))
	for _, l := range claimdesk.Langs {
		out = append(out, langOption{Code: string(l), Name: langNames[l]})
	}
	return out
}

// accountPage starts a page of "Min konto": a signed-in customer user;
// a guest is told there is no account.
func (h *Handler) accountPage(w http.ResponseWriter, r *http.Request, titleKey string) (*page, bool) {
	p, ok := h.customerPage(w, r, titleKey)
	if !ok {
		return nil, false
	}
	p.Nav = "account"
	if p.Actor.Guest() {
		h.errorPage(w, r, http.StatusForbidden, "guest.no_account")
		return nil, false
	}
	return p, true
}

// profilePost saves name, phone and preferred language.
func (h *Handler) profilePost(w http.ResponseWriter, r *http.Request) {
	p, ok := h.accountPage(w, r, "account.title")
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	_, err := h.svc.UpdateMyProfile(r.Context(), casework.ProfileInput{Name: f.Val("name"), Phone: f.Val("phone"), Lang: claimdesk.Lang(f.Val("lang"))})
	h.accountResult(w, r, p, f, err, "profile")
}

// passwordChange sets a new password after the current one; the user's
// other sessions end and this browser gets a fresh one.
func (h *Handler) passwordChange(w http.ResponseWriter, r *http.Request) {
	p, ok := h.accountPage(w, r, "account.title")
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	l := p.L
	if f.Raw("current_password") == "" {
		f.Add("current_password", l.T("field.password_required"))
	}
	switch {
	case len([]rune(f.Raw("new_password"))) < 10:
		f.Add("new_password", l.T("field.too_short"))
	case f.Raw("new_password2") != f.Raw("new_password"):
		f.Add("new_password2", l.T("signin.password_mismatch"))
	}
	var err error
	if !f.Invalid() {
		var token string
		token, err = h.svc.ChangePassword(r.Context(), f.Raw("current_password"), f.Raw("new_password"))
		if err == nil {
			h.setSession(w, token, int(casework.SessionTTL.Seconds()))
		}
	}
	h.accountResult(w, r, p, f, err, "password")
}

// accountResult goes back to "Min konto" with a notice after a change,
// or shows the page again with the form's errors next to their fields.
func (h *Handler) accountResult(w http.ResponseWriter, r *http.Request, p *page, f *form, err error, done string) {
	if err == nil && !f.Invalid() {
		http.Redirect(w, r, p.ShopPath()+"/account?done="+done, http.StatusSeeOther)
		return
	}
	status := http.StatusUnprocessableEntity
	switch claimdesk.ErrorCode(err) {
	case "", claimdesk.CodeInvalid:
		if err != nil {
			f.addError(p.L, err, nil)
		}
	case claimdesk.CodeRateLimited:
		f.Add("", p.L.T("error.rate_limited"))
		status = http.StatusTooManyRequests
	default:
		h.fail(w, r, err)
		return
	}
	for _, k := range []string{"current_password", "new_password", "new_password2", "password"} {
		f.Values.Del(k)
	}
	p.Title = p.L.T("form.error_title_prefix") + " " + p.Title
	h.renderAccount(w, r, p, f, status)
}

// addressData is the address form: a new entry or one to change.
type addressData struct {
	Form     *form
	ID       int64
	Kinds    []claimdesk.AddressKind
	Business bool
	Fields   []addressField
}

// addressField is one text field of the address form.
type addressField struct{ Name, Auto string }

var addressFields = []addressField{{"label", "off"}, {"name", "name"}, {"attention", "off"}, {"street", "address-line1"},
	{"street2", "address-line2"}, {"postal_code", "postal-code"}, {"city", "address-level2"}, {"country", "country"}}

// addressForm shows the form for a new address (…/addresses/new) or one
// of the book's entries (…/addresses/{id}).
func (h *Handler) addressForm(w http.ResponseWriter, r *http.Request) {
	p, ok := h.accountPage(w, r, "myaccount.address_title")
	if !ok {
		return
	}
	c, err := h.svc.GetCustomer(r.Context(), p.Shop.ID, p.Actor.CustomerID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f := newForm(nil)
	f.Values.Set("kind", string(claimdesk.DeliveryAddress))
	var id int64
	if s := r.PathValue("id"); s != "new" {
		id, _ = strconv.ParseInt(s, 10, 64)
		e, found := findAddress(c, id)
		if !found {
			h.fail(w, r, claimdesk.NotFound("address", s))
			return
		}
		for k, v := range map[string]string{"kind": string(e.Kind), "label": e.Label, "name": e.Address.Name, "attention": e.Address.Attention,
			"street": e.Address.Street, "street2": e.Address.Street2, "postal_code": e.Address.PostalCode, "city": e.Address.City, "country": string(e.Address.Country)} {
			f.Values.Set(k, v)
		}
		if e.Default {
			f.Values.Set("default", "yes")
		}
	}
	h.renderAddress(w, r, p, c, f, id, http.StatusOK)
}

func findAddress(c *claimdesk.Customer, id int64) (claimdesk.AddressEntry, bool) {
	for _, e := range c.Addresses {
		if e.ID == id {
			return e, true
		}
	}
	return claimdesk.AddressEntry{}, false
}

func (h *Handler) renderAddress(w http.ResponseWriter, r *http.Request, p *page, c *claimdesk.Customer, f *form, id int64, status int) {
	d := addressData{Form: f, ID: id, Business: c.IsBusiness(), Fields: addressFields, Kinds: []claimdesk.AddressKind{claimdesk.DeliveryAddress, claimdesk.BillingAddress}}
	if c.IsBusiness() {
		d.Kinds = append(d.Kinds, claimdesk.BusinessAddress)
	}
	if f.Invalid() {
		p.Title = p.L.T("form.error_title_prefix") + " " + p.Title
	}
	p.Data = d
	h.render(w, r, status, "address", p)
}

// addressPost saves a new or changed address; a company's book is its
// admins' (casework says forbidden to anyone else).
func (h *Handler) addressPost(w http.ResponseWriter, r *http.Request) {
	p, ok := h.accountPage(w, r, "myaccount.address_title")
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	id, _ := strconv.ParseInt(f.Val("id"), 10, 64)
	e := claimdesk.AddressEntry{ID: id, Kind: claimdesk.AddressKind(f.Val("kind")), Label: f.Val("label"), Default: f.Val("default") == "yes",
		Address: claimdesk.Address{Name: f.Val("name"), Attention: f.Val("attention"), Street: f.Val("street"), Street2: f.Val("street2"),
			PostalCode: f.Val("postal_code"), City: f.Val("city"), Country: claimdesk.Country(f.Val("country"))}}
	c, err := h.svc.SaveAddress(r.Context(), p.Shop.ID, p.Actor.CustomerID, e)
	switch claimdesk.ErrorCode(err) {
	case "":
		http.Redirect(w, r, p.ShopPath()+"/account?done=address", http.StatusSeeOther)
		return
	case claimdesk.CodeInvalid:
		f.addError(p.L, err, nil)
	default:
		h.fail(w, r, err)
		return
	}
	if c, err = h.svc.GetCustomer(r.Context(), p.Shop.ID, p.Actor.CustomerID); err != nil {
		h.fail(w, r, err)
		return
	}
	h.renderAddress(w, r, p, c, f, id, http.StatusUnprocessableEntity)
}

// addressDelete removes an entry from the address book.
func (h *Handler) addressDelete(w http.ResponseWriter, r *http.Request) {
	p, ok := h.accountPage(w, r, "account.title")
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if _, err := h.svc.DeleteAddress(r.Context(), p.Shop.ID, p.Actor.CustomerID, id); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, p.ShopPath()+"/account?done=address_deleted", http.StatusSeeOther)
}

// deletionData is the account-deletion page: what goes, what stays and why.
type deletionData struct {
	Form            *form
	BookkeepingYear int
	Number          string // the request's case number, once made
}

// deletionForm explains what deleting the account removes and what the
// shop must keep, and asks for the password to confirm.
func (h *Handler) deletionForm(w http.ResponseWriter, r *http.Request) {
	p, ok := h.accountPage(w, r, "myaccount.delete_title")
	if !ok {
		return
	}
	h.renderDeletion(w, r, p, newForm(nil), "", http.StatusOK)
}

func (h *Handler) renderDeletion(w http.ResponseWriter, r *http.Request, p *page, f *form, number string, status int) {
	if f.Invalid() {
		p.Title = p.L.T("form.error_title_prefix") + " " + p.Title
	}
	p.Data = deletionData{Form: f, BookkeepingYear: casework.BookkeepingYears(p.Shop.Country), Number: number}
	h.render(w, r, status, "account_delete", p)
}

// deletionPost records the request (a case in the shop's queue), disables
// the login and signs every session out, this one too.
func (h *Handler) deletionPost(w http.ResponseWriter, r *http.Request) {
	p, ok := h.accountPage(w, r, "myaccount.delete_title")
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	if f.Raw("password") == "" {
		f.Add("password", p.L.T("field.password_required"))
		h.renderDeletion(w, r, p, f, "", http.StatusUnprocessableEntity)
		return
	}
	kase, err := h.svc.RequestAccountDeletion(r.Context(), f.Raw("password"))
	switch claimdesk.ErrorCode(err) {
	case "":
		h.setSession(w, "", -1)
		p.Actor = claimdesk.Actor{Kind: claimdesk.ActorAnonymous}
		p.Nav = ""
		p.Title = p.L.T("myaccount.deleted_title")
		h.renderDeletion(w, r, p, newForm(nil), kase.Number, http.StatusOK)
	case claimdesk.CodeInvalid:
		f.Add("password", p.L.T("myaccount.wrong_password"))
		h.renderDeletion(w, r, p, f, "", http.StatusUnprocessableEntity)
	case claimdesk.CodeRateLimited:
		f.Add("", p.L.T("error.rate_limited"))
		h.renderDeletion(w, r, p, f, "", http.StatusTooManyRequests)
	default:
		h.fail(w, r, err)
	}
}

// colleaguePost changes a colleague's role, or disables or enables their
// login (company admins; casework refuses their own login and the last
// admin).
func (h *Handler) colleaguePost(w http.ResponseWriter, r *http.Request) {
	p, c, ok := h.companyStart(w, r)
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	var err error
	switch f.Val("action") {
	case "disable", "enable":
		_, err = h.svc.SetCompanyUserDisabled(r.Context(), p.Shop.ID, id, f.Val("action") == "disable")
	default:
		_, err = h.svc.UpdateCompanyUser(r.Context(), p.Shop.ID, id, claimdesk.CompanyRole(f.Val("role")))
	}
	fresh := newForm(nil)
	fresh.Values.Set("role", string(claimdesk.CompanyBuyer))
	d := companyData{Company: c, Form: fresh, Roles: companyRoles}
	switch claimdesk.ErrorCode(err) {
	case "":
		http.Redirect(w, r, p.ShopPath()+"/company/users?done=colleague", http.StatusSeeOther)
		return
	case claimdesk.CodeInvalid:
		fresh.addError(p.L, err, func(string) string { return "" })
		p.Title = p.L.T("form.error_title_prefix") + " " + p.Title
		h.renderCompany(w, r, p, d, http.StatusUnprocessableEntity)
	default:
		h.fail(w, r, err)
	}
}
