package web

import (
	"net/http"

	"github.com/claimdesk/claimdesk"
)

type accountData struct {
	User     *claimdesk.User
	Customer *claimdesk.Customer
	Book     []addressGroup
	Form     *form
	Langs    []langOption
	// CanEditBook: a consumer's own book, a company's for its admins.
	CanEditBook bool
}

type addressGroup struct {
	Kind    claimdesk.AddressKind
	Entries []claimdesk.AddressEntry
}

// account is "Min konto": who is signed in, their profile (name, phone,
// preferred language) and password to change, the customer's (or
// company's) address book to keep, and the way to ask for deletion.
func (h *Handler) account(w http.ResponseWriter, r *http.Request) {
	p, ok := h.accountPage(w, r, "account.title")
	if !ok {
		return
	}
	if done := r.URL.Query().Get("done"); accountDone[done] {
		p.Flash = p.L.T("myaccount.done_" + done)
	}
	h.renderAccount(w, r, p, nil, http.StatusOK)
}

// renderAccount renders "Min konto" with f (the profile and password
// forms' values and errors), or the stored profile when f is nil.
func (h *Handler) renderAccount(w http.ResponseWriter, r *http.Request, p *page, f *form, status int) {
	ctx := r.Context()
	u, err := h.svc.Me(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.svc.GetCustomer(ctx, p.Shop.ID, p.Actor.CustomerID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if f == nil {
		f = newForm(nil)
		f.Values.Set("name", u.Name)
		f.Values.Set("phone", u.Phone)
		f.Values.Set("lang", string(u.Lang))
	}
	d := accountData{User: u, Customer: c, Form: f, Langs: langOptions(), CanEditBook: !c.IsBusiness() || p.CompanyAdmin()}
	for _, kind := range []claimdesk.AddressKind{claimdesk.BusinessAddress, claimdesk.BillingAddress, claimdesk.DeliveryAddress} {
		g := addressGroup{Kind: kind}
		for _, a := range c.Addresses {
			if a.Kind == kind {
				g.Entries = append(g.Entries, a)
			}
		}
		if len(g.Entries) > 0 {
			d.Book = append(d.Book, g)
		}
	}
	p.Data = d
	h.render(w, r, status, "account", p)
}
