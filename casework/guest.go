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
	email = strings.ToLower(strings.TrimSpace(email))
	var v claimdesk.Validation
	v.Check(number != "", "order_number", "required", "enter the order number")
	v.Check(strings.Contains(email, "@"), "email", "invalid", "%q is not an email address", email)
	if err := v.Err(); err != nil {
		return "", nil, err
	}
	now := s.now()
	keys := []string{"order|" + shopID + "|" + strings.ToLower(number), "order-email|" + shopID + "|" + email}
	for _, k := range keys {
		if err := s.logins.allow(k, now); err != nil {
			return "", nil, err
		}
	}
	o, c, err := s.orderAndCustomer(ctx, shopID, number)
	if err != nil {
		return "", nil, err
	}
	want := sha256.Sum256([]byte("\x00no order"))
	if c != nil && c.AnonymizedAt == nil && c.Email != "" {
		want = sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(c.Email))))
	}
	got := sha256.Sum256([]byte(email))
	if subtle.ConstantTimeCompare(want[:], got[:]) != 1 {
		for _, k := range keys {
			s.logins.fail(k, now)
		}
		return "", nil, claimdesk.Errorf(claimdesk.CodeUnauthenticated, "no order with that number and email address")
	}
	for _, k := range keys {
		s.logins.succeed(k)
	}
	token, err := s.createSession(ctx, claimdesk.Session{CustomerID: c.ID, OrderID: o.ID}, GuestSessionTTL)
	if err != nil {
		return "", nil, err
	}
	return token, o, nil
}

// orderAndCustomer finds a shop's order by number and its customer; both
// nil if there is no such order. It looks a customer up either way, so a
// missing order takes about as long as a wrong address.
func (s *Service) orderAndCustomer(ctx context.Context, shopID, number string) (*claimdesk.Order, *claimdesk.Customer, error) {
	st := s.stores()
	o, err := st.Orders.FindOrderByExternalID(ctx, shopID, number)
	id := int64(-1)
	switch {
	case err == nil:
		id = o.CustomerID
	case !claimdesk.IsCode(err, claimdesk.CodeNotFound):
		return nil, nil, err
	}
	c, cerr := st.Customers.FindCustomer(ctx, id)
	if err != nil || cerr != nil {
		if cerr != nil && !claimdesk.IsCode(cerr, claimdesk.CodeNotFound) {
			return nil, nil, cerr
		}
		return nil, nil, nil
	}
	return o, c, nil
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
