package casework

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk"
)

// GuestSessionTTL is how long a sign-in with an order number lasts.
const GuestSessionTTL = 24 * time.Hour

// SignInWithOrder signs in a customer who has no account (or does not use
// it) with an order number of the shop and the order's email address, and
// returns the session token and the order. The session is a guest's: it
// sees that order, opens cases on it and follows those cases, nothing else.
// A wrong number and a wrong address give the same unauthenticated error
// after the same work; attempts are throttled per order number and per
// address like password sign-ins.
func (s *Service) SignInWithOrder(ctx context.Context, shopID, orderNumber, email string) (string, *claimdesk.Order, error) {
	number := strings.TrimSpace(orderNumber)
	email = normEmail(email)
	var v claimdesk.Validation
	v.Check(number != "", "order_number", "required", "enter the order number")
	v.Check(strings.Contains(email, "@"), "email", "invalid", "%q is not an email address", email)
	if err := v.Err(); err != nil {
		return "", nil, err
	}
	o, c, _, err := s.proveOrder(ctx, "sign-in", shopID, number, email)
	if claimdesk.IsCode(err, claimdesk.CodeNotFound) {
		return "", nil, claimdesk.Errorf(claimdesk.CodeUnauthenticated, "no order with that number and email address")
	}
	if err != nil {
		return "", nil, err
	}
	token, err := s.createSession(ctx, claimdesk.Session{CustomerID: c.ID, OrderID: o.ID}, GuestSessionTTL)
	if err != nil {
		return "", nil, err
	}
	return token, o, nil
}

// proveOrder checks that email belongs to the order number's customer: the
// customer's own address, or that of one of the customer's active users
// (returned, else 0). A wrong number and a wrong address are the same
// not_found after the same lookups, and failures are throttled per order
// number and per address like password sign-ins, separately for each use
// (scope), so a locked-out sign-in does not block a withdrawal.
func (s *Service) proveOrder(ctx context.Context, scope, shopID, number, email string) (*claimdesk.Order, *claimdesk.Customer, int64, error) {
	now := s.now()
	keys := []string{scope + "|" + shopID + "|order|" + strings.ToLower(number), scope + "|" + shopID + "|email|" + email}
	for _, k := range keys {
		if err := s.logins.allow(k, now); err != nil {
			return nil, nil, 0, err
		}
	}
	o, c, userID, ok, err := s.orderOwnedBy(ctx, shopID, number, email)
	if err != nil {
		return nil, nil, 0, err
	}
	if !ok {
		for _, k := range keys {
			s.logins.fail(k, now)
		}
		return nil, nil, 0, claimdesk.NotFound("order", number)
	}
	for _, k := range keys {
		s.logins.succeed(k)
	}
	return o, c, userID, nil
}

// orderOwnedBy looks up the order, its customer and the customer user with
// that email, whether or not the order exists, and reports whether the
// email is the customer's.
func (s *Service) orderOwnedBy(ctx context.Context, shopID, number, email string) (*claimdesk.Order, *claimdesk.Customer, int64, bool, error) {
	st := s.stores()
	o, err := st.Orders.FindOrderByExternalID(ctx, shopID, number)
	customerID := int64(-1)
	switch {
	case err == nil:
		customerID = o.CustomerID
	case !claimdesk.IsCode(err, claimdesk.CodeNotFound):
		return nil, nil, 0, false, err
	}
	c, err := st.Customers.FindCustomer(ctx, customerID)
	if err != nil && !claimdesk.IsCode(err, claimdesk.CodeNotFound) {
		return nil, nil, 0, false, err
	}
	u, err := st.Users.FindUserByEmail(ctx, claimdesk.CustomerUser, shopID, email)
	if err != nil && !claimdesk.IsCode(err, claimdesk.CodeNotFound) {
		return nil, nil, 0, false, err
	}
	if o == nil || c == nil || c.AnonymizedAt != nil {
		return nil, nil, 0, false, nil
	}
	if u != nil && u.CustomerID == c.ID && u.DisabledAt == nil {
		return o, c, u.ID, true, nil
	}
	want := sha256.Sum256([]byte(normEmail(c.Email)))
	got := sha256.Sum256([]byte(email))
	return o, c, 0, c.Email != "" && subtle.ConstantTimeCompare(want[:], got[:]) == 1, nil
}

// guestActor is the actor of a guest session: the customer, limited to the
// order. A customer anonymised since is signed out.
func (s *Service) guestActor(ctx context.Context, sess *claimdesk.Session) (claimdesk.Actor, error) {
	st := s.stores()
	o, err := st.Orders.FindOrder(ctx, sess.OrderID)
	if err != nil {
		return claimdesk.Actor{}, err
	}
	c, err := st.Customers.FindCustomer(ctx, sess.CustomerID)
	if err != nil {
		return claimdesk.Actor{}, err
	}
	if c.AnonymizedAt != nil || o.CustomerID != c.ID {
		return claimdesk.Actor{}, claimdesk.Errorf(claimdesk.CodeUnauthenticated, "the session has ended; sign in again")
	}
	return claimdesk.Actor{Kind: claimdesk.ActorCustomer, Name: c.Name, ShopID: o.ShopID, CustomerID: c.ID, OrderID: o.ID}, nil
}

// guestOrders is a guest's order list: their one order, on the first page.
func (s *Service) guestOrders(ctx context.Context, f claimdesk.OrderFilter) ([]*claimdesk.Order, int64, error) {
	a := claimdesk.ActorFrom(ctx)
	o, err := s.stores().Orders.FindOrder(ctx, a.OrderID)
	if err != nil {
		return nil, 0, err
	}
	if o.ShopID != f.ShopID || (f.Before != 0 && o.ID >= f.Before) || (f.ExternalID != "" && f.ExternalID != o.ExternalID) {
		return nil, 0, nil
	}
	return []*claimdesk.Order{o}, 0, nil
}
