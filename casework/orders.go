package casework

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk"
)

// CustomerRef names the customer of an imported order: by the shop's own
// customer id, else by email. A new customer is created from it.
type CustomerRef struct {
	ExternalID string
	Kind       claimdesk.CustomerKind
	Name       string
	Email      string
	Phone      string
	OrgNumber  string
	Country    claimdesk.Country
	Lang       claimdesk.Lang
}

// OrderInput is an order as a shop platform sends it.
type OrderInput struct {
	Order      claimdesk.Order
	Customer   CustomerRef
	BuyerEmail string // the company employee who placed it, if known
}

// UpsertOrder stores an order by the shop's order number: created the first
// time, replaced after. Only the shop's staff and API keys may do it.
func (s *Service) UpsertOrder(ctx context.Context, shopID string, in OrderInput) (*claimdesk.Order, bool, error) {
	if err := requireStaff(ctx, shopID); err != nil {
		return nil, false, err
	}
	shop, err := s.stores().Shops.FindShop(ctx, shopID)
	if err != nil {
		return nil, false, err
	}
	o := in.Order
	o.ShopID = shopID
	normaliseOrder(shop, &o, in.Customer)
	if err := validateOrder(shop, &o, in.Customer); err != nil {
		return nil, false, err
	}
	var created bool
	err = s.db.WithTx(ctx, func(tx claimdesk.Stores) error {
		c, err := s.ensureCustomer(ctx, tx, shop, in.Customer)
		if err != nil {
			return err
		}
		o.CustomerID = c.ID
		if in.BuyerEmail != "" {
			if u, err := tx.Users.FindUserByEmail(ctx, claimdesk.CustomerUser, shopID, in.BuyerEmail); err == nil && u.CustomerID == c.ID {
				o.UserID = u.ID
			}
		}
		created, err = tx.Orders.UpsertOrder(ctx, &o)
		return err
	})
	if err != nil {
		return nil, false, err
	}
	stored, err := s.stores().Orders.FindOrderByExternalID(ctx, shopID, o.ExternalID)
	return stored, created, err
}

// ensureCustomer finds the order's customer or creates it.
func (s *Service) ensureCustomer(ctx context.Context, tx claimdesk.Stores, shop *claimdesk.Shop, r CustomerRef) (*claimdesk.Customer, error) {
	var c *claimdesk.Customer
	var err error
	if r.ExternalID != "" {
		c, err = tx.Customers.FindCustomerByExternalID(ctx, shop.ID, r.ExternalID)
	} else {
		c, err = tx.Customers.FindCustomerByEmail(ctx, shop.ID, r.Email)
	}
	if err == nil || !claimdesk.IsCode(err, claimdesk.CodeNotFound) {
		return c, err
	}
	now := s.now()
	c = &claimdesk.Customer{
		ShopID: shop.ID, ExternalID: r.ExternalID, Kind: r.Kind, Name: r.Name, Email: r.Email, Phone: r.Phone,
		OrgNumber: r.OrgNumber, Country: r.Country, Lang: r.Lang, CreatedAt: now, UpdatedAt: now, LastActiveAt: now,
	}
	return c, tx.Customers.CreateCustomer(ctx, c)
}

// normaliseOrder fills defaults from the shop's market.
func normaliseOrder(shop *claimdesk.Shop, o *claimdesk.Order, c CustomerRef) {
	o.ExternalID = strings.TrimSpace(o.ExternalID)
	if o.Country == "" {
		o.Country = c.Country
	}
	if o.Country == "" {
		o.Country = shop.Country
	}
	if m, ok := shop.Market(o.Country); ok {
		if o.Currency == "" {
			o.Currency = m.Currency
		}
		if o.Lang == "" {
			o.Lang = m.Lang
		}
	}
	o.OrderedAt = o.OrderedAt.UTC()
	for i := range o.Lines {
		if o.Lines[i].LineNo == 0 {
			o.Lines[i].LineNo = i + 1
		}
		if o.Lines[i].VATRate == 0 {
			o.Lines[i].VATRate = 2500
		}
	}
}

// validateOrder checks an order and says precisely what is wrong where.
func validateOrder(shop *claimdesk.Shop, o *claimdesk.Order, c CustomerRef) error {
	var v claimdesk.Validation
	v.Check(o.ExternalID != "", "external_id", "required", "the shop's order number is required")
	v.Check(!o.OrderedAt.IsZero(), "ordered_at", "required", "the order time is required")
	v.Check(claimdesk.ValidCurrency(o.Currency), "currency", "invalid", "currency %q is not one of NOK, SEK, DKK, EUR", o.Currency)
	if _, ok := shop.Market(o.Country); !ok {
		v.Add("country", "invalid", "shop %s does not sell to %q", shop.ID, o.Country)
	}
	v.Check(o.DeliveryFee >= 0, "delivery_fee", "negative", "the delivery fee cannot be negative")
	validateCustomerRef(&v, shop, c)
	skus := validateLines(&v, o.Lines)
	for i, f := range o.Fees {
		v.Check(f.Code != "", fmt.Sprintf("fees[%d].code", i), "required", "a fee needs a code")
		v.Check(f.Amount >= 0, fmt.Sprintf("fees[%d].amount", i), "negative", "a fee cannot be negative")
	}
	validateDeliveries(&v, o, skus)
	for i, p := range o.Payments {
		v.Check(p.Method != "", fmt.Sprintf("payments[%d].method", i), "required", "a payment needs a method")
	}
	return v.Err()
}

func validateCustomerRef(v *claimdesk.Validation, shop *claimdesk.Shop, c CustomerRef) {
	v.Check(c.ExternalID != "" || c.Email != "", "customer.email", "required", "the customer needs an id or an email")
	v.Check(c.Email == "" || strings.Contains(c.Email, "@"), "customer.email", "invalid", "%q is not an email address", c.Email)
	v.Check(c.Kind == claimdesk.Consumer || c.Kind == claimdesk.Company, "customer.kind", "invalid", "the customer kind must be consumer or company")
	v.Check(c.Kind != claimdesk.Company || c.OrgNumber != "", "customer.org_number", "required", "a company needs its organisation number")
	v.Check(!shop.BusinessOnly || c.Kind == claimdesk.Company, "customer.kind", "business_only", "shop %s sells to business buyers only", shop.ID)
	v.Check(c.Name != "", "customer.name", "required", "the customer's name is required")
}

// validateLines checks the lines and returns the ordered quantity per SKU.
func validateLines(v *claimdesk.Validation, lines []claimdesk.OrderLine) map[string]int {
	v.Check(len(lines) > 0, "lines", "required", "an order needs at least one line")
	skus := map[string]int{}
	for i, l := range lines {
		p := fmt.Sprintf("lines[%d]", i)
		v.Check(l.SKU != "", p+".sku", "required", "a line needs a sku")
		if _, dup := skus[l.SKU]; dup && l.SKU != "" {
			v.Add(p+".sku", "duplicate", "sku %q is on the order twice", l.SKU)
		}
		skus[l.SKU] = l.Quantity
		v.Check(l.Name != "", p+".name", "required", "a line needs a product name")
		v.Check(l.Quantity > 0, p+".quantity", "not_positive", "quantity must be at least 1, not %d", l.Quantity)
		v.Check(l.UnitPrice >= 0, p+".unit_price", "negative", "the unit price cannot be negative")
		v.Check(l.VATRate >= 0 && l.VATRate <= 3000, p+".vat_rate", "invalid", "the VAT rate must be between 0 and 30 %%")
		v.Check(l.WarrantyMonths >= 0, p+".manufacturer_warranty_months", "negative", "warranty months cannot be negative")
	}
	return skus
}

func validateDeliveries(v *claimdesk.Validation, o *claimdesk.Order, skus map[string]int) {
	shipped := map[string]int{}
	numbers := map[string]bool{}
	for i, d := range o.Deliveries {
		p := fmt.Sprintf("deliveries[%d]", i)
		v.Check(d.Number != "", p+".number", "required", "a delivery needs a number")
		v.Check(!numbers[d.Number], p+".number", "duplicate", "delivery %q is listed twice", d.Number)
		numbers[d.Number] = true
		v.Check(len(d.Lines) > 0, p+".lines", "required", "a delivery carries at least one line")
		if !d.DeliveredOn.IsZero() && !o.OrderedAt.IsZero() {
			v.Check(!d.DeliveredOn.Before(claimdesk.DateOf(o.OrderedAt.Add(-24*time.Hour))), p+".delivered_on", "before_order", "delivered before the order was placed")
		}
		for j, l := range d.Lines {
			q := fmt.Sprintf("%s.lines[%d]", p, j)
			if _, ok := skus[l.SKU]; !ok {
				v.Add(q+".sku", "unknown_sku", "sku %q is not a line of this order", l.SKU)
				continue
			}
			v.Check(l.Quantity > 0, q+".quantity", "not_positive", "quantity must be at least 1, not %d", l.Quantity)
			shipped[l.SKU] += l.Quantity
			v.Check(shipped[l.SKU] <= skus[l.SKU], q+".quantity", "too_many", "more of %q delivered than ordered", l.SKU)
		}
	}
	for i, inv := range o.Invoices {
		p := fmt.Sprintf("invoices[%d]", i)
		v.Check(inv.Number != "", p+".number", "required", "an invoice needs a number")
		v.Check(inv.Delivery == "" || numbers[inv.Delivery], p+".delivery", "unknown_delivery", "delivery %q is not on this order", inv.Delivery)
	}
}

// GetOrder returns one of a shop's orders to its staff or its customer.
func (s *Service) GetOrder(ctx context.Context, shopID, externalID string) (*claimdesk.Order, error) {
	if _, err := s.shopFor(ctx, shopID); err != nil {
		return nil, err
	}
	o, err := s.stores().Orders.FindOrderByExternalID(ctx, shopID, externalID)
	if err != nil {
		return nil, err
	}
	if !sees(claimdesk.ActorFrom(ctx), shopID, o.CustomerID, o.ID) {
		return nil, hidden("order", externalID)
	}
	return o, nil
}

// ListOrders lists a shop's orders: all of them for staff, a customer's own
// (or their company's) for a customer, the one order for a guest.
func (s *Service) ListOrders(ctx context.Context, f claimdesk.OrderFilter) ([]*claimdesk.Order, int64, error) {
	a := claimdesk.ActorFrom(ctx)
	if _, err := s.shopFor(ctx, f.ShopID); err != nil {
		return nil, 0, err
	}
	switch {
	case a.Staff(f.ShopID):
	case a.Guest():
		return s.guestOrders(ctx, f)
	case a.Kind == claimdesk.ActorCustomer:
		f.CustomerIDs = []int64{a.CustomerID}
	case a.Kind == claimdesk.ActorAnonymous:
		return nil, 0, unauthenticated()
	default:
		return nil, 0, forbidden()
	}
	f.Limit = clampLimit(f.Limit)
	return s.stores().Orders.FindOrders(ctx, f)
}

func clampLimit(n int) int {
	switch {
	case n <= 0:
		return 50
	case n > 200:
		return 200
	}
	return n
}

// ImportError is what is wrong with one record of an import file.
type ImportError struct {
	Line int    // the first line of the record in the file
	Ref  string // the order number, if known
	Err  error
}

// CheckOrders checks orders before an import and returns every problem
// with its line, changing nothing.
func (s *Service) CheckOrders(ctx context.Context, shopID string, ins []OrderInput, lines []int) ([]ImportError, error) {
	if err := requireStaff(ctx, shopID); err != nil {
		return nil, err
	}
	shop, err := s.stores().Shops.FindShop(ctx, shopID)
	if err != nil {
		return nil, err
	}
	var problems []ImportError
	seen := map[string]int{}
	for i := range ins {
		o := &ins[i].Order
		o.ShopID = shopID
		normaliseOrder(shop, o, ins[i].Customer)
		if err := validateOrder(shop, o, ins[i].Customer); err != nil {
			problems = append(problems, ImportError{Line: lines[i], Ref: o.ExternalID, Err: err})
		} else if prev, dup := seen[o.ExternalID]; dup {
			problems = append(problems, ImportError{Line: lines[i], Ref: o.ExternalID, Err: fmt.Errorf("order %s is also on line %d", o.ExternalID, prev)})
		}
		seen[o.ExternalID] = lines[i]
	}
	return problems, nil
}

// ImportOrders stores many orders at once, all or nothing: every order is
// checked first and, if any is wrong, nothing is stored and every problem is
// returned; otherwise all are stored in one transaction. Orders are matched
// on the shop's order number, so running the same file again changes nothing.
func (s *Service) ImportOrders(ctx context.Context, shopID string, ins []OrderInput, lines []int, progress func(done int)) (created, updated int, problems []ImportError, err error) {
	problems, err = s.CheckOrders(ctx, shopID, ins, lines)
	if err != nil || len(problems) > 0 {
		return 0, 0, problems, err
	}
	shop, err := s.stores().Shops.FindShop(ctx, shopID)
	if err != nil {
		return 0, 0, nil, err
	}
	err = s.db.WithTx(ctx, func(tx claimdesk.Stores) error {
		created, updated = 0, 0
		for i := range ins {
			c, err := s.ensureCustomer(ctx, tx, shop, ins[i].Customer)
			if err != nil {
				return fmt.Errorf("line %d: %w", lines[i], err)
			}
			ins[i].Order.CustomerID = c.ID
			isNew, err := tx.Orders.UpsertOrder(ctx, &ins[i].Order)
			if err != nil {
				return fmt.Errorf("line %d: %w", lines[i], err)
			}
			if isNew {
				created++
			} else {
				updated++
			}
			if progress != nil {
				progress(i + 1)
			}
		}
		return nil
	})
	return created, updated, nil, err
}
