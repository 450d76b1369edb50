package casework

import (
	"context"

	"github.com/claimdesk/claimdesk"
)

// sees reports whether the actor may see a shop's record owned by a
// customer and about an order (orderID, 0 for a record about none): the
// shop's staff, the customer's own users (for a company, every employee
// whatever their role; roles govern what they may change), or a guest of
// that very order.
func sees(a claimdesk.Actor, shopID string, customerID, orderID int64) bool {
	if a.Staff(shopID) {
		return true
	}
	if a.Kind != claimdesk.ActorCustomer || a.ShopID != shopID || a.CustomerID != customerID {
		return false
	}
	return a.OrderID == 0 || a.OrderID == orderID
}

// mayAct reports whether the actor may open cases and write messages for a
// customer about an order: staff, consumers, guests of that order, and
// company admins and buyers, not viewers.
func mayAct(a claimdesk.Actor, shopID string, customerID, orderID int64) bool {
	if !sees(a, shopID, customerID, orderID) {
		return false
	}
	return a.Kind != claimdesk.ActorCustomer || a.CompanyRole != claimdesk.CompanyViewer
}

// hidden is what a caller who may not see a record gets: the same not_found
// as for a record that does not exist, so numbers cannot be probed.
func hidden(what string, id any) error { return claimdesk.NotFound(what, id) }

// shopFor loads a shop a signed-in actor may address: staff any shop (what
// they may see in it is checked after), a customer or API key only their own.
func (s *Service) shopFor(ctx context.Context, shopID string) (*claimdesk.Shop, error) {
	a := claimdesk.ActorFrom(ctx)
	if a.Kind == claimdesk.ActorAnonymous {
		return nil, unauthenticated()
	}
	if (a.Kind == claimdesk.ActorCustomer || a.Kind == claimdesk.ActorAPIKey) && a.ShopID != shopID {
		return nil, forbidden()
	}
	return s.stores().Shops.FindShop(ctx, shopID)
}
