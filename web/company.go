package web

import (
	"net/http"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

type companyData struct {
	Company    *claimdesk.Customer
	Form       *form
	Roles      []claimdesk.CompanyRole
	Added      *claimdesk.User
	Colleagues []colleagueRow
}

// colleagueRow is one of the company's logins.
type colleagueRow struct {
	User      *claimdesk.User
	LastLogin string
	Disabled  bool
	You       bool
}

var companyRoles = []claimdesk.CompanyRole{claimdesk.CompanyBuyer, claimdesk.CompanyViewer, claimdesk.CompanyAdmin}

// companyStart checks that a company admin is signed in and loads the
// company.
func (h *Handler) companyStart(w http.ResponseWriter, r *http.Request) (*page, *claimdesk.Customer, bool) {
	p, ok := h.customerPage(w, r, "company.title")
	if !ok {
		return nil, nil, false
	}
	p.Nav = "company"
	if !p.CompanyAdmin() {
		h.errorPage(w, r, http.StatusForbidden, "error.company_admin")
		return nil, nil, false
	}
	c, err := h.svc.GetCustomer(r.Context(), p.Shop.ID, p.Actor.CustomerID)
	if err != nil {
		h.fail(w, r, err)
		return nil, nil, false
	}
	return p, c, true
}

// companyUsers is "Bedriftsbrukere": the company's logins, and a form
// with which a company admin adds colleagues, who then sign in and see the
// company's orders and cases.
func (h *Handler) companyUsers(w http.ResponseWriter, r *http.Request) {
	p, c, ok := h.companyStart(w, r)
	if !ok {
		return
	}
	f := newForm(nil)
	f.Values.Set("role", string(claimdesk.CompanyBuyer))
	if r.URL.Query().Get("done") == "colleague" {
		p.Flash = p.L.T("myaccount.done_colleague")
	}
	h.renderCompany(w, r, p, companyData{Company: c, Form: f, Roles: companyRoles}, http.StatusOK)
}

// renderCompany lists the colleagues and renders the page.
func (h *Handler) renderCompany(w http.ResponseWriter, r *http.Request, p *page, d companyData, status int) {
	users, err := h.svc.CompanyUsers(r.Context(), p.Shop.ID, d.Company.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	loc := p.Shop.Location()
	for _, u := range users {
		row := colleagueRow{User: u, Disabled: u.DisabledAt != nil, You: u.ID == p.Actor.UserID}
		if u.LastLoginAt != nil {
			row.LastLogin = p.L.DateTime(*u.LastLoginAt, loc)
		}
		d.Colleagues = append(d.Colleagues, row)
	}
	p.Data = d
	h.render(w, r, status, "company", p)
}

func (h *Handler) companyUsersPost(w http.ResponseWriter, r *http.Request) {
	p, c, ok := h.companyStart(w, r)
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	l := p.L
	if f.Val("name") == "" {
		f.Add("name", l.T("field.name_required"))
	}
	if f.Val("email") == "" {
		f.Add("email", l.T("field.email_required"))
	}
	role := claimdesk.CompanyRole(f.Val("role"))
	if role != claimdesk.CompanyAdmin && role != claimdesk.CompanyBuyer && role != claimdesk.CompanyViewer {
		f.Add("role", l.T("field.invalid"))
	}
	if len([]rune(f.Raw("password"))) < 10 {
		f.Add("password", l.T("field.too_short"))
	}
	d := companyData{Company: c, Form: f, Roles: companyRoles}
	if !f.Invalid() {
		u, err := h.svc.CreateUser(r.Context(), casework.UserInput{
			Kind: claimdesk.CustomerUser, ShopID: p.Shop.ID, Email: f.Val("email"), Name: f.Val("name"), Password: f.Raw("password"),
			Lang: l.lang, CustomerID: c.ID, CompanyRole: role,
		})
		switch {
		case err == nil:
			fresh := newForm(nil)
			fresh.Values.Set("role", string(claimdesk.CompanyBuyer))
			d.Form, d.Added = fresh, u
			h.renderCompany(w, r, p, d, http.StatusOK)
			return
		case claimdesk.IsCode(err, claimdesk.CodeConflict):
			f.Add("email", l.T("field.email_taken"))
		case claimdesk.IsCode(err, claimdesk.CodeInvalid):
			f.addError(l, err, func(field string) string {
				switch field {
				case "email", "name", "password":
					return field
				case "company_role":
					return "role"
				}
				return ""
			})
		default:
			h.fail(w, r, err)
			return
		}
	}
	f.Values.Del("password")
	p.Title = l.T("form.error_title_prefix") + " " + p.Title
	h.renderCompany(w, r, p, d, http.StatusUnprocessableEntity)
}
