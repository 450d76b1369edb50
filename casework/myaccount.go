package casework

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/claimdesk/claimdesk"
)

// The customer's own account ("Min konto"): UpdateMyProfile,
// ChangePassword, SaveAddress and DeleteAddress, UpdateCompanyUser and
// SetCompanyUserDisabled (company admins), RequestAccountDeletion. Every
// one needs a signed-in customer user; guests (SignInWithOrder) have no
// account and get unauthenticated.

// me returns the signed-in customer user, or unauthenticated.
func (s *Service) me(ctx context.Context) (*claimdesk.User, error) {
	a := claimdesk.ActorFrom(ctx)
	if a.Kind != claimdesk.ActorCustomer || a.UserID == 0 {
		return nil, unauthenticated()
	}
	u, err := s.stores().Users.FindUser(ctx, a.UserID)
	if err != nil {
		return nil, err
	}
	if u.DisabledAt != nil {
		return nil, unauthenticated()
	}
	return u, nil
}

// ProfileInput is a change to the signed-in user's own profile.
type ProfileInput struct {
	Name  string
	Phone string
	Lang  claimdesk.Lang // "" for the shop's language
}

// UpdateMyProfile changes the signed-in customer user's name, phone and
// preferred language (for mail and pages).
func (s *Service) UpdateMyProfile(ctx context.Context, in ProfileInput) (*claimdesk.User, error) {
	u, err := s.me(ctx)
	if err != nil {
		return nil, err
	}
	var v claimdesk.Validation
	name, phone := strings.TrimSpace(in.Name), strings.TrimSpace(in.Phone)
	v.Check(name != "", "name", "required", "a name is required")
	v.Check(len(name) <= 200, "name", "too_long", "the name is longer than 200 characters")
	v.Check(len(phone) <= 40, "phone", "too_long", "the phone number is longer than 40 characters")
	v.Check(in.Lang == "" || claimdesk.ValidLang(in.Lang), "lang", "invalid", "language %q is not one of nb, nn, sv, da, en", in.Lang)
	if err := v.Err(); err != nil {
		return nil, err
	}
	u.Name, u.Phone, u.Lang = name, phone, in.Lang
	return u, s.stores().Users.UpdateUser(ctx, u)
}

// ChangePassword sets a new password after checking the current one
// (throttled like sign-ins), signs out every session of the user and
// returns a fresh session for the browser that asked.
func (s *Service) ChangePassword(ctx context.Context, current, next string) (string, error) {
	u, err := s.me(ctx)
	if err != nil {
		return "", err
	}
	if err := s.checkOwnPassword(ctx, u, current); err != nil {
		return "", err
	}
	if len([]rune(next)) < 10 {
		return "", fieldErr("new_password", "too_short", "a password needs at least 10 characters")
	}
	hash, err := HashPassword(next)
	if err != nil {
		return "", err
	}
	u.PasswordHash = hash
	if err := s.stores().Users.UpdateUser(ctx, u); err != nil {
		return "", err
	}
	if err := s.stores().Sessions.DeleteUserSessions(ctx, u.ID); err != nil {
		return "", err
	}
	return s.startSession(ctx, u)
}

// checkOwnPassword checks a signed-in user's password before a change
// that needs it; failures count towards the sign-in throttle.
func (s *Service) checkOwnPassword(ctx context.Context, u *claimdesk.User, password string) error {
	key := "own|" + u.ShopID + "|" + u.Email
	if err := s.logins.allow(key, s.now()); err != nil {
		return err
	}
	release, err := s.logins.acquire(ctx)
	if err != nil {
		return err
	}
	ok := CheckPassword(u.PasswordHash, password)
	release()
	if !ok {
		s.logins.fail(key, s.now())
		return fieldErr("current_password", "wrong_password", "the current password is wrong")
	}
	s.logins.succeed(key)
	return nil
}

// myCustomer loads the signed-in user's customer for a change to its
// address book: a consumer's own, or a company's by its admins only.
func (s *Service) myCustomer(ctx context.Context, shopID string, customerID int64) (*claimdesk.Customer, error) {
	if _, err := s.me(ctx); err != nil {
		return nil, err
	}
	a := claimdesk.ActorFrom(ctx)
	c, err := s.GetCustomer(ctx, shopID, customerID)
	if err != nil {
		return nil, err
	}
	if c.IsBusiness() && a.CompanyRole != claimdesk.CompanyAdmin {
		return nil, forbidden()
	}
	return c, nil
}

// SaveAddress adds an entry to the address book (ID 0) or changes one. A
// default entry stops the other entries of its kind being the default. A
// company's address book is its admins' to change.
func (s *Service) SaveAddress(ctx context.Context, shopID string, customerID int64, e claimdesk.AddressEntry) (*claimdesk.Customer, error) {
	c, err := s.myCustomer(ctx, shopID, customerID)
	if err != nil {
		return nil, err
	}
	if err := validateAddress(c, e); err != nil {
		return nil, err
	}
	i := slices.IndexFunc(c.Addresses, func(x claimdesk.AddressEntry) bool { return x.ID == e.ID })
	switch {
	case e.ID == 0:
		c.Addresses = append(c.Addresses, e)
		i = len(c.Addresses) - 1
	case i < 0:
		return nil, hidden("address", e.ID)
	default:
		c.Addresses[i] = e
	}
	if e.Default {
		for j := range c.Addresses {
			if j != i && c.Addresses[j].Kind == e.Kind {
				c.Addresses[j].Default = false
			}
		}
	}
	c.UpdatedAt = s.now()
	return c, s.stores().Customers.UpdateCustomer(ctx, c)
}

func validateAddress(c *claimdesk.Customer, e claimdesk.AddressEntry) error {
	var v claimdesk.Validation
	kinds := []claimdesk.AddressKind{claimdesk.BillingAddress, claimdesk.DeliveryAddress}
	if c.IsBusiness() {
		kinds = append(kinds, claimdesk.BusinessAddress)
	}
	v.Check(slices.Contains(kinds, e.Kind), "kind", "invalid", "%q is not an address kind for this customer", e.Kind)
	a := e.Address
	for field, val := range map[string]string{"name": a.Name, "street": a.Street, "postal_code": a.PostalCode, "city": a.City} {
		v.Check(strings.TrimSpace(val) != "", field, "required", "the %s is required", field)
	}
	v.Check(len(e.Label) <= 80, "label", "too_long", "the label is longer than 80 characters")
	v.Check(a.Country == "" || len(a.Country) == 2, "country", "invalid", "%q is not a country code", a.Country)
	return v.Err()
}

// DeleteAddress removes an entry from the address book.
func (s *Service) DeleteAddress(ctx context.Context, shopID string, customerID, id int64) (*claimdesk.Customer, error) {
	c, err := s.myCustomer(ctx, shopID, customerID)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(c.Addresses, func(x claimdesk.AddressEntry) bool { return x.ID == id })
	if i < 0 {
		return nil, hidden("address", id)
	}
	c.Addresses = slices.Delete(c.Addresses, i, i+1)
	c.UpdatedAt = s.now()
	return c, s.stores().Customers.UpdateCustomer(ctx, c)
}

// colleague loads a login of the signed-in admin's company for a change:
// only company admins, never their own login.
func (s *Service) colleague(ctx context.Context, shopID string, userID int64) (*claimdesk.User, []*claimdesk.User, error) {
	me, err := s.me(ctx)
	if err != nil {
		return nil, nil, err
	}
	if me.ShopID != shopID || me.CompanyRole != claimdesk.CompanyAdmin {
		return nil, nil, forbidden()
	}
	all, err := s.stores().Users.FindUsersByCustomer(ctx, me.CustomerID)
	if err != nil {
		return nil, nil, err
	}
	i := slices.IndexFunc(all, func(u *claimdesk.User) bool { return u.ID == userID })
	if i < 0 {
		return nil, nil, hidden("user", userID)
	}
	if userID == me.ID {
		return nil, nil, fieldErr("user", "self", "you cannot change your own role or disable yourself")
	}
	return all[i], all, nil
}

// lastAdmin reports whether u is the only enabled admin among all.
func lastAdmin(u *claimdesk.User, all []*claimdesk.User) bool {
	if u.CompanyRole != claimdesk.CompanyAdmin || u.DisabledAt != nil {
		return false
	}
	for _, o := range all {
		if o.ID != u.ID && o.CompanyRole == claimdesk.CompanyAdmin && o.DisabledAt == nil {
			return false
		}
	}
	return true
}

// UpdateCompanyUser changes a colleague's role; company admins only, not
// their own, and never so that the company has no admin left.
func (s *Service) UpdateCompanyUser(ctx context.Context, shopID string, userID int64, role claimdesk.CompanyRole) (*claimdesk.User, error) {
	u, all, err := s.colleague(ctx, shopID, userID)
	if err != nil {
		return nil, err
	}
	if role != claimdesk.CompanyAdmin && role != claimdesk.CompanyBuyer && role != claimdesk.CompanyViewer {
		return nil, fieldErr("role", "invalid", "role %q is not admin, buyer or viewer", role)
	}
	if role != claimdesk.CompanyAdmin && lastAdmin(u, all) {
		return nil, fieldErr("role", "last_admin", "the company needs at least one admin")
	}
	u.CompanyRole = role
	return u, s.stores().Users.UpdateUser(ctx, u)
}

// SetCompanyUserDisabled disables a colleague's login (signing out their
// sessions) or enables it again; company admins only, not their own, and
// never the company's last admin.
func (s *Service) SetCompanyUserDisabled(ctx context.Context, shopID string, userID int64, disabled bool) (*claimdesk.User, error) {
	u, all, err := s.colleague(ctx, shopID, userID)
	if err != nil {
		return nil, err
	}
	if !disabled {
		u.DisabledAt = nil
		return u, s.stores().Users.UpdateUser(ctx, u)
	}
	if lastAdmin(u, all) {
		return nil, fieldErr("user", "last_admin", "the company needs at least one admin")
	}
	now := s.now()
	u.DisabledAt = &now
	return u, s.db.WithTx(ctx, func(tx claimdesk.Stores) error {
		if err := tx.Users.UpdateUser(ctx, u); err != nil {
			return err
		}
		return tx.Sessions.DeleteUserSessions(ctx, u.ID)
	})
}

// BookkeepingYears is how long a shop in the country keeps orders and
// invoices after an account is deleted (NO bokføringsloven § 13: 5 years;
// SE bokföringslagen 7 kap. 2 §: 7 years; DK bogføringsloven § 10:
// 5 years; FI kirjanpitolaki 2:10 §: 6 years for vouchers).
func BookkeepingYears(c claimdesk.Country) int {
	switch c {
	case claimdesk.Sweden:
		return 7
	case claimdesk.Finland:
		return 6
	}
	return 5
}

// RequestAccountDeletion records the signed-in customer user's request to
// delete their account, confirmed with their password: a general case in
// the shop's queue says so, so staff anonymise the account (what bookkeeping
// law lets them, see BookkeepingYears and the retention sweep); the login is
// disabled and every session of it signed out at once. It returns the case.
func (s *Service) RequestAccountDeletion(ctx context.Context, password string) (*claimdesk.Case, error) {
	u, err := s.me(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.checkOwnPassword(ctx, u, password); err != nil {
		return nil, err
	}
	c, err := s.stores().Customers.FindCustomer(ctx, u.CustomerID)
	if err != nil {
		return nil, err
	}
	lang := u.Lang
	if lang == "" {
		lang = c.Lang
	}
	data := map[string]string{"Name": u.Name, "Email": u.Email, "Customer": c.Name, "Date": s.now().Format("2006-01-02")}
	// The request is the person's own right whatever their company role,
	// so it is opened as the customer without the role's limits.
	a := claimdesk.ActorFrom(ctx)
	a.CompanyRole = ""
	// The case and the disabled login land together or not at all.
	now := s.now()
	u.DisabledAt = &now
	kase, err := s.OpenCase(claimdesk.WithActor(ctx, a), u.ShopID, OpenCaseInput{
		Kind: claimdesk.KindGeneral, Channel: "portal", Lang: lang,
		Subject:     text(lang, "account_deletion.subject", data),
		Description: text(lang, "account_deletion.body", data),
		alsoInTx: func(ctx context.Context, tx claimdesk.Stores) error {
			if err := tx.Users.UpdateUser(ctx, u); err != nil {
				return err
			}
			return tx.Sessions.DeleteUserSessions(ctx, u.ID)
		},
	})
	if err != nil {
		return nil, fmt.Errorf("account deletion case: %w", err)
	}
	return kase, nil
}
