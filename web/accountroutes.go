package web

import "net/http"

// mountAccounts registers the sign-in ways beside the password form and
// the account pages. Who may do what is checked by casework in each
// handler; the comments say who the routes are for.
func (h *Handler) mountAccounts(handle func(string, http.HandlerFunc)) {
	// Anyone: an emailed sign-in link, a forgotten password, and the pages
	// those links (and invitations) open, in the portal and the workspace.
	for _, base := range []string{"/s/{shop}", "/desk"} {
		handle("POST "+base+"/login/email", h.linkRequest)
		handle("GET "+base+"/login/link", h.tokenPage("signin.link_title", "signin_link", "/login/link", "/login"))
		handle("POST "+base+"/login/link", h.linkSignIn)
		handle("GET "+base+"/password/forgot", h.tokenPage("signin.forgot_title", "password_forgot", "/password/forgot", ""))
		handle("POST "+base+"/password/forgot", h.forgotPost)
		handle("GET "+base+"/password", h.tokenPage("signin.password_title", "password_set", "/password", "/password/forgot"))
		handle("POST "+base+"/password", h.passwordPost)
	}
	// Customers without an account: order number and email, as a guest
	// of that one order.
	handle("POST /s/{shop}/login/order", h.orderSignIn)

	// Customer users ("Min konto"); not guests.
	handle("POST /s/{shop}/account/profile", h.profilePost)
	handle("POST /s/{shop}/account/password", h.passwordChange)
	handle("GET /s/{shop}/account/addresses/{id}", h.addressForm)
	handle("POST /s/{shop}/account/addresses", h.addressPost)
	handle("POST /s/{shop}/account/addresses/{id}/delete", h.addressDelete)
	handle("GET /s/{shop}/account/delete", h.deletionForm)
	handle("POST /s/{shop}/account/delete", h.deletionPost)
	// Company admins: a colleague's role, disable and enable.
	handle("POST /s/{shop}/company/users/{id}", h.colleaguePost)
}
