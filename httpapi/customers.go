package httpapi

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// AddressEntryBody is an address-book entry.
type AddressEntryBody struct {
	Kind    string      `json:"kind" enum:"business,billing,delivery"`
	Label   string      `json:"label,omitempty" maxLength:"100"`
	Default bool        `json:"default,omitempty"`
	Address AddressBody `json:"address"`
}

// CustomerInBody is a new customer.
type CustomerInBody struct {
	ID        string             `json:"id,omitempty" maxLength:"100" doc:"The shop's own customer id."`
	Kind      string             `json:"kind" enum:"consumer,company"`
	Name      string             `json:"name" minLength:"1" maxLength:"200"`
	Email     string             `json:"email,omitempty" maxLength:"254"`
	Phone     string             `json:"phone,omitempty" maxLength:"40"`
	OrgNumber string             `json:"org_number,omitempty" maxLength:"40"`
	VATNumber string             `json:"vat_number,omitempty" maxLength:"40"`
	Country   string             `json:"country" pattern:"^[A-Z]{2}$"`
	Lang      string             `json:"lang,omitempty" enum:"nb,nn,sv,da,en"`
	Addresses []AddressEntryBody `json:"addresses,omitempty"`
}

// CustomerBody is a stored customer.
type CustomerBody struct {
	CustomerInBody
	CustomerID int64     `json:"customer_id"`
	Shop       string    `json:"shop"`
	CreatedAt  time.Time `json:"created_at"`
}

func customerOut(c *claimdesk.Customer) CustomerBody {
	b := CustomerBody{CustomerID: c.ID, Shop: c.ShopID, CreatedAt: c.CreatedAt}
	b.ID, b.Kind, b.Name, b.Email, b.Phone = c.ExternalID, string(c.Kind), c.Name, c.Email, c.Phone
	b.OrgNumber, b.VATNumber, b.Country, b.Lang = c.OrgNumber, c.VATNumber, string(c.Country), string(c.Lang)
	b.Addresses = []AddressEntryBody{}
	for _, a := range c.Addresses {
		b.Addresses = append(b.Addresses, AddressEntryBody{Kind: string(a.Kind), Label: a.Label, Default: a.Default, Address: *addressOut(a.Address)})
	}
	return b
}

func customerIn(b CustomerInBody) *claimdesk.Customer {
	c := &claimdesk.Customer{
		ExternalID: b.ID, Kind: claimdesk.CustomerKind(b.Kind), Name: b.Name, Email: b.Email, Phone: b.Phone, OrgNumber: b.OrgNumber,
		VATNumber: b.VATNumber, Country: claimdesk.Country(b.Country), Lang: claimdesk.Lang(b.Lang),
	}
	for _, a := range b.Addresses {
		addr := a.Address
		c.Addresses = append(c.Addresses, claimdesk.AddressEntry{Kind: claimdesk.AddressKind(a.Kind), Label: a.Label, Default: a.Default, Address: addressIn(&addr)})
	}
	return c
}

type customerPath struct {
	Shop string `path:"shop" doc:"The shop's id (slug)." example:"dustin"`
	ID   int64  `path:"id" doc:"The customer's id in claimdesk."`
}

// UserBody is a login.
type UserBody struct {
	ID          int64  `json:"id"`
	Kind        string `json:"kind"`
	Shop        string `json:"shop,omitempty"`
	Email       string `json:"email"`
	Name        string `json:"name"`
	CustomerID  int64  `json:"customer_id,omitempty"`
	CompanyRole string `json:"company_role,omitempty"`
}

func userOut(u *claimdesk.User) UserBody {
	return UserBody{ID: u.ID, Kind: string(u.Kind), Shop: u.ShopID, Email: u.Email, Name: u.Name, CustomerID: u.CustomerID, CompanyRole: string(u.CompanyRole)}
}

func (s *Server) customerRoutes() {
	tags := []string{"Customers"}
	huma.Register(s.api, op("create-customer", http.MethodPost, "/api/v1/shops/{shop}/customers", "Create a customer", tags, "apiKey", "session"),
		func(ctx context.Context, in *struct {
			Shop string `path:"shop" doc:"The shop's id (slug)." example:"dustin"`
			Body CustomerInBody
		}) (*struct {
			Status int
			Body   CustomerBody
		}, error) {
			c := customerIn(in.Body)
			if err := s.svc.CreateCustomer(ctx, in.Shop, c); err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct {
				Status int
				Body   CustomerBody
			}{Status: http.StatusCreated, Body: customerOut(c)}, nil
		})
	huma.Register(s.api, op("get-customer", http.MethodGet, "/api/v1/shops/{shop}/customers/{id}", "Get a customer", tags, "apiKey", "session"),
		func(ctx context.Context, in *customerPath) (*struct{ Body CustomerBody }, error) {
			c, err := s.svc.GetCustomer(ctx, in.Shop, in.ID)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body CustomerBody }{Body: customerOut(c)}, nil
		})
	huma.Register(s.api, op("list-customers", http.MethodGet, "/api/v1/shops/{shop}/customers", "List a shop's customers", tags, "apiKey", "session"),
		func(ctx context.Context, in *struct {
			Shop   string `path:"shop" doc:"The shop's id (slug)." example:"dustin"`
			Cursor string `query:"cursor"`
			Limit  int    `query:"limit" minimum:"0" maximum:"200" doc:"Page size, 50 by default."`
			Q      string `query:"q" doc:"Match name, email or org number."`
		}) (*struct {
			Body struct {
				Items      []CustomerBody `json:"items"`
				NextCursor string         `json:"next_cursor"`
			}
		}, error) {
			after, _ := strconv.ParseInt(in.Cursor, 10, 64)
			list, next, err := s.svc.ListCustomers(ctx, claimdesk.CustomerFilter{ShopID: in.Shop, Query: in.Q, After: after, Limit: in.Limit})
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			out := &struct {
				Body struct {
					Items      []CustomerBody `json:"items"`
					NextCursor string         `json:"next_cursor"`
				}
			}{}
			out.Body.Items = []CustomerBody{}
			for _, c := range list {
				out.Body.Items = append(out.Body.Items, customerOut(c))
			}
			if next != 0 {
				out.Body.NextCursor = strconv.FormatInt(next, 10)
			}
			return out, nil
		})
	huma.Register(s.api, op("list-customer-users", http.MethodGet, "/api/v1/shops/{shop}/customers/{id}/users", "List a customer's logins (a company's colleagues)", tags, "apiKey", "session"),
		func(ctx context.Context, in *struct {
			Shop string `path:"shop"`
			ID   int64  `path:"id"`
		}) (*struct{ Body []UserBody }, error) {
			users, err := s.svc.CompanyUsers(ctx, in.Shop, in.ID)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			out := &struct{ Body []UserBody }{Body: []UserBody{}}
			for _, u := range users {
				out.Body = append(out.Body, userOut(u))
			}
			return out, nil
		})
	huma.Register(s.api, op("add-customer-user", http.MethodPost, "/api/v1/shops/{shop}/customers/{id}/users", "Add a login to a customer: a company admin adds a colleague", tags, "apiKey", "session"),
		func(ctx context.Context, in *struct {
			Shop string `path:"shop" doc:"The shop's id (slug)." example:"dustin"`
			ID   int64  `path:"id" doc:"The customer's id in claimdesk."`
			Body struct {
				Email       string `json:"email" maxLength:"254"`
				Name        string `json:"name" minLength:"1" maxLength:"200"`
				Password    string `json:"password" minLength:"10" maxLength:"200"`
				CompanyRole string `json:"company_role,omitempty" enum:"admin,buyer,viewer"`
				Lang        string `json:"lang,omitempty" enum:"nb,nn,sv,da,en"`
			}
		}) (*struct {
			Status int
			Body   UserBody
		}, error) {
			b := in.Body
			u, err := s.svc.CreateUser(ctx, casework.UserInput{Kind: claimdesk.CustomerUser, ShopID: in.Shop, CustomerID: in.ID, Email: b.Email, Name: b.Name,
				Password: b.Password, CompanyRole: claimdesk.CompanyRole(b.CompanyRole), Lang: claimdesk.Lang(b.Lang)})
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct {
				Status int
				Body   UserBody
			}{Status: http.StatusCreated, Body: userOut(u)}, nil
		})
}
