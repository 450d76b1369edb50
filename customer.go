package claimdesk

import (
	"context"
	"time"
)

// CustomerKind says whether a customer is a consumer or a company. Consumer
// law protects consumers; companies buy on the shop's terms as written.
type CustomerKind string

// Customer kinds.
const (
	Consumer CustomerKind = "consumer"
	Company  CustomerKind = "company"
)

// AddressKind is the role of an address-book entry.
type AddressKind string

// Address-book roles.
const (
	BusinessAddress AddressKind = "business"
	BillingAddress  AddressKind = "billing"
	DeliveryAddress AddressKind = "delivery"
)

// AddressEntry is one entry of a customer's address book.
type AddressEntry struct {
	ID         int64       `json:"id"`
	CustomerID int64       `json:"customer_id"`
	Kind       AddressKind `json:"kind"`
	Label      string      `json:"label"`
	Default    bool        `json:"default"`
	Address    Address     `json:"address"`
}

// Customer is a shop's customer: a consumer, or a company whose employees
// log in as users with a company role. Customers belong to one shop.
type Customer struct {
	ID           int64          `json:"id"`
	ShopID       string         `json:"shop_id"`
	ExternalID   string         `json:"external_id"`
	Kind         CustomerKind   `json:"kind"`
	Name         string         `json:"name"`
	Email        string         `json:"email"`
	Phone        string         `json:"phone"`
	OrgNumber    string         `json:"org_number"`
	VATNumber    string         `json:"vat_number"`
	Country      Country        `json:"country"`
	Lang         Lang           `json:"lang"`
	Addresses    []AddressEntry `json:"addresses"`
	CreatedAt    time.Time      `json:"created_at"`
	UpdatedAt    time.Time      `json:"updated_at"`
	LastActiveAt time.Time      `json:"last_active_at"`
	AnonymizedAt *time.Time     `json:"anonymized_at,omitempty"`
}

// IsBusiness reports whether the customer buys as a business.
func (c *Customer) IsBusiness() bool { return c.Kind == Company }

// CustomerFilter selects customers of a shop.
type CustomerFilter struct {
	ShopID string
	Query  string // matches name, email or org number
	Kind   CustomerKind
	After  int64 // cursor: customers with a larger id
	Limit  int
	// InactiveBefore selects customers not anonymised yet whose last
	// activity was before this instant (the retention sweep).
	InactiveBefore time.Time
}

// CustomerStore stores customers and their address books.
type CustomerStore interface {
	// CreateCustomer stores a new customer with its addresses. Returns
	// conflict if the shop already has a customer with the external id.
	CreateCustomer(ctx context.Context, c *Customer) error
	// UpdateCustomer replaces a customer's profile and address book. Returns not_found.
	UpdateCustomer(ctx context.Context, c *Customer) error
	// FindCustomer returns a customer with its addresses. Returns not_found.
	FindCustomer(ctx context.Context, id int64) (*Customer, error)
	// FindCustomerByExternalID returns the shop's customer with that id. Returns not_found.
	FindCustomerByExternalID(ctx context.Context, shopID, externalID string) (*Customer, error)
	// FindCustomerByEmail returns the shop's customer with that email. Returns not_found.
	FindCustomerByEmail(ctx context.Context, shopID, email string) (*Customer, error)
	// FindCustomers lists customers ordered by id, with the cursor of the next page (0 at the end).
	FindCustomers(ctx context.Context, f CustomerFilter) ([]*Customer, int64, error)
}

// UserKind says whether a login belongs to staff or to a customer.
type UserKind string

// User kinds.
const (
	AgentUser    UserKind = "agent"
	CustomerUser UserKind = "customer"
)

// CompanyRole is a company employee's role: admins manage colleagues and the
// company profile, buyers order and open cases, viewers only look.
type CompanyRole string

// Company roles.
const (
	CompanyAdmin  CompanyRole = "admin"
	CompanyBuyer  CompanyRole = "buyer"
	CompanyViewer CompanyRole = "viewer"
)

// AgentRole is a staff member's role in one shop. The ombudsman works the
// second step of the complaint ladder, independent of customer service.
type AgentRole string

// Agent roles.
const (
	RoleAgent     AgentRole = "agent"
	RoleLead      AgentRole = "lead"
	RoleAdmin     AgentRole = "admin"
	RoleOmbudsman AgentRole = "ombudsman"
)

// ValidAgentRole reports whether r is a known agent role.
func ValidAgentRole(r AgentRole) bool {
	switch r {
	case RoleAgent, RoleLead, RoleAdmin, RoleOmbudsman:
		return true
	}
	return false
}

// Membership gives an agent a role in a shop.
type Membership struct {
	ShopID string    `json:"shop_id"`
	Role   AgentRole `json:"role"`
}

// User is a login: an agent with memberships in shops, or a customer user of
// one shop (a consumer, or an employee of a company customer).
type User struct {
	ID           int64        `json:"id"`
	Kind         UserKind     `json:"kind"`
	ShopID       string       `json:"shop_id,omitempty"` // customers only
	Email        string       `json:"email"`
	Name         string       `json:"name"`
	Phone        string       `json:"phone,omitempty"`
	Lang         Lang         `json:"lang,omitempty"`
	PasswordHash string       `json:"-"`
	CustomerID   int64        `json:"customer_id,omitempty"`
	CompanyRole  CompanyRole  `json:"company_role,omitempty"`
	Memberships  []Membership `json:"memberships,omitempty"`
	CreatedAt    time.Time    `json:"created_at"`
	LastLoginAt  *time.Time   `json:"last_login_at,omitempty"`
	DisabledAt   *time.Time   `json:"disabled_at,omitempty"`
}

// RoleIn returns the agent's role in a shop, or "".
func (u *User) RoleIn(shopID string) AgentRole {
	for _, m := range u.Memberships {
		if m.ShopID == shopID {
			return m.Role
		}
	}
	return ""
}

// UserStore stores logins.
type UserStore interface {
	// CreateUser stores a new user. Returns conflict if the email is taken
	// (agents: across the instance; customers: within the shop).
	CreateUser(ctx context.Context, u *User) error
	// UpdateUser replaces a user's profile, password hash, role and memberships. Returns not_found.
	UpdateUser(ctx context.Context, u *User) error
	// FindUser returns a user. Returns not_found.
	FindUser(ctx context.Context, id int64) (*User, error)
	// FindUserByEmail returns the agent (shopID "") or the shop's customer user with that email. Returns not_found.
	FindUserByEmail(ctx context.Context, kind UserKind, shopID, email string) (*User, error)
	// FindUsersByCustomer lists the users of a customer (a company's employees).
	FindUsersByCustomer(ctx context.Context, customerID int64) ([]*User, error)
	// FindAgents lists a shop's agents.
	FindAgents(ctx context.Context, shopID string) ([]*User, error)
	// TouchLogin records a successful login.
	TouchLogin(ctx context.Context, id int64, at time.Time) error
}
