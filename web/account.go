package web

import (
	"net/http"

	"github.com/claimdesk/claimdesk"
)

type accountData struct {
	User     *claimdesk.User
	Customer *claimdesk.Customer
	Book     []addressGroup
}

type addressGroup struct {
	Kind    claimdesk.AddressKind
	Entries []claimdesk.AddressEntry
}

// account is "Min konto": who is signed in, the customer's (or company's)
// profile and its address book, read-only; changes go through customer
// service until casework has a use-case for them.
func (h *Handler) account(w http.ResponseWriter, r *http.Request) {
	p, ok := h.customerPage(w, r, "account.title")
	if !ok {
		return
	}
	p.Nav = "account"
	if p.Actor.Guest() {
		h.errorPage(w, r, http.StatusForbidden, "guest.no_account")
		return
	}
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
	d := accountData{User: u, Customer: c}
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
	h.render(w, r, http.StatusOK, "account", p)
}
