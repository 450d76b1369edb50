package casework

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/calendar"
)

// ListShops returns every shop; their public profiles are for anyone.
func (s *Service) ListShops(ctx context.Context) ([]*claimdesk.Shop, error) {
	return s.stores().Shops.ListShops(ctx)
}

// GetShop returns one shop.
func (s *Service) GetShop(ctx context.Context, id string) (*claimdesk.Shop, error) {
	return s.stores().Shops.FindShop(ctx, id)
}

// CreateShop stores a new shop; only the system (the command line) may.
func (s *Service) CreateShop(ctx context.Context, shop *claimdesk.Shop) error {
	if claimdesk.ActorFrom(ctx).Kind != claimdesk.ActorSystem {
		return forbidden()
	}
	var v claimdesk.Validation
	v.Check(validSlug(shop.ID), "id", "invalid", "a shop id is 2-40 lower-case letters, digits and dashes")
	v.Check(shop.Name != "", "name", "required", "a shop needs a name")
	v.Check(len(shop.CasePrefix) >= 2 && len(shop.CasePrefix) <= 5 && strings.ToUpper(shop.CasePrefix) == shop.CasePrefix, "case_prefix", "invalid", "the case prefix is 2-5 capital letters")
	v.Check(len(shop.Markets) > 0, "markets", "required", "a shop sells to at least one country")
	v.Check(claimdesk.ValidLang(shop.Lang), "lang", "invalid", "language %q is not one of nb, nn, sv, da, en", shop.Lang)
	if err := v.Err(); err != nil {
		return err
	}
	now := s.now()
	shop.CreatedAt, shop.UpdatedAt = now, now
	return s.stores().Shops.CreateShop(ctx, shop)
}

func validSlug(id string) bool {
	if len(id) < 2 || len(id) > 40 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// CustomerInput is a new customer or a profile change.
type CustomerInput struct {
	Customer claimdesk.Customer
}

// CreateCustomer stores a shop's customer; staff only.
func (s *Service) CreateCustomer(ctx context.Context, shopID string, c *claimdesk.Customer) error {
	if err := requireStaff(ctx, shopID); err != nil {
		return err
	}
	shop, err := s.stores().Shops.FindShop(ctx, shopID)
	if err != nil {
		return err
	}
	c.ShopID = shopID
	var v claimdesk.Validation
	validateCustomerRef(&v, shop, CustomerRef{ExternalID: c.ExternalID, Kind: c.Kind, Name: c.Name, Email: c.Email, OrgNumber: c.OrgNumber})
	_, sells := shop.Market(c.Country)
	v.Check(sells, "country", "invalid", "shop %s does not sell to %q", shopID, c.Country)
	if err := v.Err(); err != nil {
		return err
	}
	now := s.now()
	c.CreatedAt, c.UpdatedAt, c.LastActiveAt = now, now, now
	return s.stores().Customers.CreateCustomer(ctx, c)
}

// GetCustomer returns a customer to the shop's staff or to its own users;
// a guest gets their own customer without its address book (the order has
// the addresses it was sent to).
func (s *Service) GetCustomer(ctx context.Context, shopID string, id int64) (*claimdesk.Customer, error) {
	a := claimdesk.ActorFrom(ctx)
	if a.Kind == claimdesk.ActorAnonymous {
		return nil, unauthenticated()
	}
	c, err := s.stores().Customers.FindCustomer(ctx, id)
	if err != nil {
		return nil, err
	}
	if c.ShopID != shopID || !sees(a, shopID, c.ID, a.OrderID) {
		return nil, hidden("customer", id)
	}
	if a.Guest() {
		c.Addresses = nil
	}
	return c, nil
}

// ListCustomers lists a shop's customers; staff only.
func (s *Service) ListCustomers(ctx context.Context, f claimdesk.CustomerFilter) ([]*claimdesk.Customer, int64, error) {
	if err := requireStaff(ctx, f.ShopID); err != nil {
		return nil, 0, err
	}
	f.Limit = clampLimit(f.Limit)
	return s.stores().Customers.FindCustomers(ctx, f)
}

// UserInput is a new login.
type UserInput struct {
	Kind        claimdesk.UserKind
	ShopID      string // customers: their shop
	Email       string
	Name        string
	Password    string
	Lang        claimdesk.Lang
	CustomerID  int64
	CompanyRole claimdesk.CompanyRole
	Memberships []claimdesk.Membership
}

// CreateUser stores a login. The system may create anyone; a shop admin its
// agents; a company admin colleagues in the same company.
func (s *Service) CreateUser(ctx context.Context, in UserInput) (*claimdesk.User, error) {
	if err := s.mayCreateUser(ctx, in); err != nil {
		return nil, err
	}
	if err := validateUser(in); err != nil {
		return nil, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	u := &claimdesk.User{
		Kind: in.Kind, ShopID: in.ShopID, Email: strings.ToLower(strings.TrimSpace(in.Email)), Name: in.Name, Lang: in.Lang,
		PasswordHash: hash, CustomerID: in.CustomerID, CompanyRole: in.CompanyRole, Memberships: in.Memberships, CreatedAt: s.now(),
	}
	if u.Kind == claimdesk.AgentUser {
		u.ShopID = ""
	}
	return u, s.stores().Users.CreateUser(ctx, u)
}

func (s *Service) mayCreateUser(ctx context.Context, in UserInput) error {
	a := claimdesk.ActorFrom(ctx)
	switch {
	case a.Kind == claimdesk.ActorSystem:
		return nil
	case a.Kind == claimdesk.ActorAnonymous:
		return unauthenticated()
	case in.Kind == claimdesk.AgentUser:
		for _, m := range in.Memberships {
			if a.AgentRoleIn(m.ShopID) != claimdesk.RoleAdmin {
				return forbidden()
			}
		}
		return nil
	case a.Kind == claimdesk.ActorCustomer:
		if a.CompanyRole == claimdesk.CompanyAdmin && a.CustomerID == in.CustomerID && a.ShopID == in.ShopID {
			return nil
		}
		return forbidden()
	}
	return requireStaff(ctx, in.ShopID)
}

func validateUser(in UserInput) error {
	var v claimdesk.Validation
	v.Check(strings.Contains(in.Email, "@"), "email", "invalid", "%q is not an email address", in.Email)
	v.Check(in.Name != "", "name", "required", "a user needs a name")
	v.Check(len(in.Password) >= 10, "password", "too_short", "a password needs at least 10 characters")
	switch in.Kind {
	case claimdesk.AgentUser:
		v.Check(len(in.Memberships) > 0, "memberships", "required", "an agent works for at least one shop")
		for _, m := range in.Memberships {
			v.Check(claimdesk.ValidAgentRole(m.Role), "memberships.role", "invalid", "role %q is not agent, lead, admin or ombudsman", m.Role)
		}
	case claimdesk.CustomerUser:
		v.Check(in.ShopID != "", "shop", "required", "a customer user belongs to a shop")
		v.Check(in.CustomerID != 0, "customer_id", "required", "a customer user belongs to a customer")
		switch in.CompanyRole {
		case "", claimdesk.CompanyAdmin, claimdesk.CompanyBuyer, claimdesk.CompanyViewer:
		default:
			v.Add("company_role", "invalid", "role %q is not admin, buyer or viewer", in.CompanyRole)
		}
	default:
		v.Add("kind", "invalid", "a user is an agent or a customer")
	}
	return v.Err()
}

// Me returns the signed-in user.
func (s *Service) Me(ctx context.Context) (*claimdesk.User, error) {
	a := claimdesk.ActorFrom(ctx)
	if a.UserID == 0 {
		return nil, unauthenticated()
	}
	return s.stores().Users.FindUser(ctx, a.UserID)
}

// CompanyUsers lists the logins of a customer: a company's colleagues.
// The shop's staff and the company's own users may see them.
func (s *Service) CompanyUsers(ctx context.Context, shopID string, customerID int64) ([]*claimdesk.User, error) {
	if claimdesk.ActorFrom(ctx).Guest() {
		return nil, hidden("customer", customerID)
	}
	if _, err := s.GetCustomer(ctx, shopID, customerID); err != nil {
		return nil, err
	}
	return s.stores().Users.FindUsersByCustomer(ctx, customerID)
}

// ShopSettings are the settings a shop's admins change; nil leaves one as it is.
type ShopSettings struct {
	Name           *string
	Lang           *claimdesk.Lang
	TimeZone       *string
	RetentionYears *int
	SupportEmail   *string
	Phone          *string
	ReturnAddress  *claimdesk.Address
	OpeningHours   *claimdesk.OpeningHours
	SLA            *claimdesk.ShopSLA
	Mail           *claimdesk.ShopMail
	Brand          *claimdesk.ShopBrand
}

// UpdateShopSettings changes a shop's settings; shop admins only.
func (s *Service) UpdateShopSettings(ctx context.Context, shopID string, in ShopSettings) (*claimdesk.Shop, error) {
	if err := requireShopAdmin(ctx, shopID); err != nil {
		return nil, err
	}
	shop, err := s.stores().Shops.FindShop(ctx, shopID)
	if err != nil {
		return nil, err
	}
	var v claimdesk.Validation
	settleProfile(&v, shop, in)
	if in.SupportEmail != nil {
		v.Check(strings.Contains(*in.SupportEmail, "@"), "support_email", "invalid", "%q is not an email address", *in.SupportEmail)
		shop.SupportEmail = *in.SupportEmail
	}
	if in.Phone != nil {
		shop.Phone = *in.Phone
	}
	if in.ReturnAddress != nil {
		a := *in.ReturnAddress
		v.Check(a.Name != "" && a.Street != "" && a.PostalCode != "" && a.City != "", "return_address", "incomplete", "a return address needs a name, street, postal code and city")
		shop.ReturnAddress = a
	}
	if in.OpeningHours != nil {
		checkHours(&v, in.OpeningHours)
		shop.OpeningHours = *in.OpeningHours
	}
	if in.SLA != nil {
		v.Check(in.SLA.Clock == "business_hours" || in.SLA.Clock == "weekday_hours", "sla.clock", "invalid", "the SLA clock is business_hours or weekday_hours")
		v.Check(in.SLA.FirstResponseMinutes >= 0 && in.SLA.NextResponseMinutes >= 0, "sla", "negative", "SLA targets cannot be negative")
		shop.SLA = *in.SLA
	}
	if in.Mail != nil {
		v.Check(in.Mail.From == "" || strings.Contains(in.Mail.From, "@"), "mail.from", "invalid", "%q is not an email address", in.Mail.From)
		for field, u := range map[string]string{"mail.smtp_url": in.Mail.SMTPURL, "mail.imap_url": in.Mail.IMAPURL} {
			if u != "" {
				pu, err := url.Parse(u)
				v.Check(err == nil && pu.Host != "" && strings.Contains("smtp smtps imap imaps", pu.Scheme), field, "invalid", "%s is not a mail server URL", field)
			}
		}
		shop.Mail = *in.Mail
	}
	if in.Brand != nil {
		b := in.Brand.Normalize()
		v.Merge("brand", b.Validate())
		shop.Brand = b
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	shop.UpdatedAt = s.now()
	return shop, s.stores().Shops.UpdateShop(ctx, shop)
}

// settleProfile applies and checks the shop's name, language, time zone and
// retention period.
func settleProfile(v *claimdesk.Validation, shop *claimdesk.Shop, in ShopSettings) {
	if in.Name != nil {
		name := strings.TrimSpace(*in.Name)
		v.Check(name != "" && len(name) <= 100, "name", "required", "a shop needs a name of at most 100 characters")
		shop.Name = name
	}
	if in.Lang != nil {
		v.Check(claimdesk.ValidLang(*in.Lang), "lang", "invalid", "language %q is not one of nb, nn, sv, da, en", *in.Lang)
		shop.Lang = *in.Lang
	}
	if in.TimeZone != nil {
		_, err := time.LoadLocation(*in.TimeZone)
		v.Check(err == nil && *in.TimeZone != "" && *in.TimeZone != "Local", "time_zone", "invalid", "%q is not a time zone such as Europe/Oslo", *in.TimeZone)
		shop.TimeZone = *in.TimeZone
	}
	if in.RetentionYears != nil {
		y := *in.RetentionYears
		v.Check(y >= 1 && y <= 10, "retention_years", "out_of_range", "cases are kept between 1 and 10 years")
		shop.RetentionYears = y
	}
}

// checkHours checks each weekday's shifts: HH:MM-HH:MM, in order of the
// day and not overlapping (08:00-12:00 and 13:00-16:00 is a split shift).
func checkHours(v *claimdesk.Validation, h *claimdesk.OpeningHours) {
	for d, list := range h.Week {
		end := -1
		for i, iv := range list {
			field := fmt.Sprintf("opening_hours.week[%d][%d]", d, i)
			sh, err := calendar.ParseShift(iv.From + "-" + iv.To)
			if err != nil {
				v.Add(field, "invalid", "%v", err)
				continue
			}
			v.Check(sh.From >= end, field, "overlap", "the shifts of a day come in order and do not overlap")
			end = sh.To
		}
	}
}
