package claimdesk

import (
	"context"
	"time"
)

// OrderLine is one line of an order. Prices always include VAT; the rate is
// kept beside them.
type OrderLine struct {
	LineNo                int     `json:"line_no"`
	SKU                   string  `json:"sku"`
	Name                  string  `json:"name"`
	Category              string  `json:"category"`
	Manufacturer          string  `json:"manufacturer"`
	Quantity              int     `json:"quantity"`
	UnitPrice             Minor   `json:"unit_price"`
	VATRate               VATRate `json:"vat_rate"`
	CustomMade            bool    `json:"custom_made"`
	LongLived             bool    `json:"long_lived"`
	HandledByManufacturer bool    `json:"handled_by_manufacturer"`
	WarrantyMonths        int     `json:"manufacturer_warranty_months"`
	SerialNumber          string  `json:"serial_number,omitempty"`
}

// Total returns quantity × unit price.
func (l OrderLine) Total() Minor { return Minor(l.Quantity) * l.UnitPrice }

// DeliveryLine is a quantity of one SKU carried by a delivery.
type DeliveryLine struct {
	SKU      string `json:"sku"`
	Quantity int    `json:"quantity"`
}

// Delivery is one shipment of an order.
type Delivery struct {
	Number         string         `json:"number"`
	ShippedOn      Date           `json:"shipped_on"`
	DeliveredOn    Date           `json:"delivered_on"`
	Carrier        string         `json:"carrier"`
	TrackingNumber string         `json:"tracking_number"`
	Lines          []DeliveryLine `json:"lines"`
}

// Invoice is the invoice for one delivery.
type Invoice struct {
	Number   string `json:"number"`
	Delivery string `json:"delivery"` // the delivery's number
	IssuedOn Date   `json:"issued_on"`
	DueOn    Date   `json:"due_on"`
	Amount   Minor  `json:"amount"`
	VAT      Minor  `json:"vat"`
}

// Payment is money received for an order.
type Payment struct {
	Method    string    `json:"method"` // card, invoice, vipps, swish, mobilepay, klarna, bank_transfer
	Amount    Minor     `json:"amount"`
	PaidAt    time.Time `json:"paid_at"`
	Reference string    `json:"reference"`
}

// Fee is a paid extra on an order (delivery, emergency order, bulky goods).
type Fee struct {
	Code    string  `json:"code"`
	Amount  Minor   `json:"amount"`
	VATRate VATRate `json:"vat_rate"`
}

// Order is a shop's order as its platform sends it. ExternalID is the shop's
// own order number; a repeated upsert with it replaces the order.
type Order struct {
	ID              int64       `json:"id"`
	ShopID          string      `json:"shop_id"`
	ExternalID      string      `json:"external_id"`
	CustomerID      int64       `json:"customer_id"`
	UserID          int64       `json:"user_id,omitempty"` // who placed it (company buyers)
	OrderedAt       time.Time   `json:"ordered_at"`
	Country         Country     `json:"country"` // the customer country whose law applies
	Currency        string      `json:"currency"`
	Lang            Lang        `json:"lang"`
	PaymentMethod   string      `json:"payment_method"`
	DeliveryFee     Minor       `json:"delivery_fee"`
	Fees            []Fee       `json:"fees"`
	Lines           []OrderLine `json:"lines"`
	Deliveries      []Delivery  `json:"deliveries"`
	Invoices        []Invoice   `json:"invoices"`
	Payments        []Payment   `json:"payments"`
	BillingAddress  Address     `json:"billing_address"`
	DeliveryAddress Address     `json:"delivery_address"`
	CreatedAt       time.Time   `json:"created_at"`
	UpdatedAt       time.Time   `json:"updated_at"`
}

// Total returns the sum of the lines, the delivery fee and the extra fees.
func (o *Order) Total() Minor {
	t := o.DeliveryFee
	for _, l := range o.Lines {
		t += l.Total()
	}
	for _, f := range o.Fees {
		t += f.Amount
	}
	return t
}

// Line returns the line with the SKU.
func (o *Order) Line(sku string) (OrderLine, bool) {
	for _, l := range o.Lines {
		if l.SKU == sku {
			return l, true
		}
	}
	return OrderLine{}, false
}

// DeliveredOn returns the date the SKU was last delivered, or the zero date.
func (o *Order) DeliveredOn(sku string) Date {
	var last Date
	for _, d := range o.Deliveries {
		for _, l := range d.Lines {
			if l.SKU == sku && !d.DeliveredOn.IsZero() && last.Before(d.DeliveredOn) {
				last = d.DeliveredOn
			}
		}
	}
	return last
}

// OrderFilter selects orders.
type OrderFilter struct {
	ShopID      string
	CustomerIDs []int64 // empty: any customer
	UserID      int64   // company buyers who only see their own orders
	ExternalID  string
	Before      int64 // cursor: orders with a smaller id (newest first)
	Limit       int
}

// OrderStore stores orders.
type OrderStore interface {
	// UpsertOrder stores an order by (shop, external id), replacing its lines,
	// deliveries, invoices and payments. It reports whether the order was created.
	UpsertOrder(ctx context.Context, o *Order) (created bool, err error)
	// FindOrder returns an order with everything in it. Returns not_found.
	FindOrder(ctx context.Context, id int64) (*Order, error)
	// FindOrderByExternalID returns the shop's order with that number. Returns not_found.
	FindOrderByExternalID(ctx context.Context, shopID, externalID string) (*Order, error)
	// FindOrders lists orders newest first with the cursor of the next page (0 at the end).
	FindOrders(ctx context.Context, f OrderFilter) ([]*Order, int64, error)
}
