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

// OrderLineBody is an order line; prices include VAT.
type OrderLineBody struct {
	SKU                   string `json:"sku" minLength:"1" maxLength:"100"`
	Name                  string `json:"name" minLength:"1" maxLength:"300"`
	Category              string `json:"category,omitempty" maxLength:"100" doc:"laptop, phone, tablet, key, lamp, hard_drive …"`
	Manufacturer          string `json:"manufacturer,omitempty" maxLength:"100"`
	Quantity              int    `json:"quantity"`
	UnitPrice             Amount `json:"unit_price" doc:"Price per unit, VAT included."`
	VATRate               Rate   `json:"vat_rate,omitempty" doc:"VAT rate in percent; 25 when left out."`
	CustomMade            bool   `json:"custom_made,omitempty" doc:"Made or programmed to the buyer's specification."`
	LongLived             bool   `json:"long_lived,omitempty" doc:"Meant to last considerably longer than two years."`
	HandledByManufacturer bool   `json:"handled_by_manufacturer,omitempty" doc:"Complaints go to the manufacturer or its service partner."`
	WarrantyMonths        int    `json:"manufacturer_warranty_months,omitempty" minimum:"0" maximum:"240"`
	SerialNumber          string `json:"serial_number,omitempty" maxLength:"100"`
}

// DeliveryBody is a shipment and the lines it carried.
type DeliveryBody struct {
	Number         string             `json:"number" maxLength:"100"`
	ShippedOn      *Date              `json:"shipped_on,omitempty"`
	DeliveredOn    *Date              `json:"delivered_on,omitempty" doc:"Left out while the parcel is on its way."`
	Carrier        string             `json:"carrier,omitempty" maxLength:"100"`
	TrackingNumber string             `json:"tracking_number,omitempty" maxLength:"100"`
	Lines          []DeliveryLineBody `json:"lines"`
}

// DeliveryLineBody is a quantity of a SKU in a delivery.
type DeliveryLineBody struct {
	SKU      string `json:"sku"`
	Quantity int    `json:"quantity"`
}

// InvoiceBody is the invoice of a delivery.
type InvoiceBody struct {
	Number   string `json:"number" maxLength:"100"`
	Delivery string `json:"delivery,omitempty" doc:"The number of the delivery it bills."`
	IssuedOn *Date  `json:"issued_on,omitempty"`
	DueOn    *Date  `json:"due_on,omitempty"`
	Amount   Amount `json:"amount"`
	VAT      Amount `json:"vat,omitempty"`
}

// PaymentBody is money received.
type PaymentBody struct {
	Method    string    `json:"method" doc:"card, invoice, vipps, swish, mobilepay, klarna, bank_transfer …"`
	Amount    Amount    `json:"amount"`
	PaidAt    time.Time `json:"paid_at,omitempty"`
	Reference string    `json:"reference,omitempty" maxLength:"200"`
}

// FeeBody is a paid extra on an order.
type FeeBody struct {
	Code    string `json:"code" doc:"emergency_order, bulky_goods …"`
	Amount  Amount `json:"amount"`
	VATRate Rate   `json:"vat_rate,omitempty"`
}

// CustomerRefBody names an order's customer.
type CustomerRefBody struct {
	ID        string `json:"id,omitempty" maxLength:"100" doc:"The shop's own customer id."`
	Kind      string `json:"kind" enum:"consumer,company"`
	Name      string `json:"name" maxLength:"200"`
	Email     string `json:"email,omitempty" maxLength:"254"`
	Phone     string `json:"phone,omitempty" maxLength:"40"`
	OrgNumber string `json:"org_number,omitempty" maxLength:"40"`
	Country   string `json:"country,omitempty" pattern:"^[A-Z]{2}$"`
	Lang      string `json:"lang,omitempty" enum:"nb,nn,sv,da,en"`
}

// OrderInBody is an order as a shop platform sends it.
type OrderInBody struct {
	ID              string          `json:"id" minLength:"1" maxLength:"100" doc:"The shop's order number."`
	OrderedAt       time.Time       `json:"ordered_at"`
	Customer        CustomerRefBody `json:"customer"`
	BuyerEmail      string          `json:"buyer_email,omitempty" doc:"The company employee who placed the order."`
	Country         string          `json:"country,omitempty" pattern:"^[A-Z]{2}$" doc:"The customer country whose law applies; the customer's by default."`
	Currency        string          `json:"currency,omitempty" doc:"The market's currency by default."`
	Lang            string          `json:"lang,omitempty" enum:"nb,nn,sv,da,en"`
	PaymentMethod   string          `json:"payment_method,omitempty"`
	DeliveryFee     Amount          `json:"delivery_fee,omitempty"`
	Fees            []FeeBody       `json:"fees,omitempty"`
	Lines           []OrderLineBody `json:"lines"`
	Deliveries      []DeliveryBody  `json:"deliveries,omitempty"`
	Invoices        []InvoiceBody   `json:"invoices,omitempty"`
	Payments        []PaymentBody   `json:"payments,omitempty"`
	BillingAddress  *AddressBody    `json:"billing_address,omitempty"`
	DeliveryAddress *AddressBody    `json:"delivery_address,omitempty"`
}

// OrderBody is a stored order. Its customer is named by id; the customer
// resource has the rest.
type OrderBody struct {
	OrderInBody
	Customer   *CustomerIDBody `json:"customer"`
	CustomerID int64           `json:"customer_id"`
	Total      Amount          `json:"total"`
	CreatedAt  time.Time       `json:"created_at"`
	UpdatedAt  time.Time       `json:"updated_at"`
}

func dateIn(d *Date) claimdesk.Date {
	if d == nil {
		return claimdesk.Date{}
	}
	return claimdesk.Date(*d)
}

func dateOut(d claimdesk.Date) *Date {
	if d.IsZero() {
		return nil
	}
	v := Date(d)
	return &v
}

// OrderInput converts the body to the use-case input.
func (b *OrderInBody) OrderInput() casework.OrderInput {
	o := claimdesk.Order{
		ExternalID: b.ID, OrderedAt: b.OrderedAt, Country: claimdesk.Country(b.Country), Currency: b.Currency, Lang: claimdesk.Lang(b.Lang),
		PaymentMethod: b.PaymentMethod, DeliveryFee: claimdesk.Minor(b.DeliveryFee),
		BillingAddress: addressIn(b.BillingAddress), DeliveryAddress: addressIn(b.DeliveryAddress),
	}
	for _, f := range b.Fees {
		o.Fees = append(o.Fees, claimdesk.Fee{Code: f.Code, Amount: claimdesk.Minor(f.Amount), VATRate: claimdesk.VATRate(f.VATRate)})
	}
	for _, l := range b.Lines {
		o.Lines = append(o.Lines, claimdesk.OrderLine{
			SKU: l.SKU, Name: l.Name, Category: l.Category, Manufacturer: l.Manufacturer, Quantity: l.Quantity,
			UnitPrice: claimdesk.Minor(l.UnitPrice), VATRate: claimdesk.VATRate(l.VATRate), CustomMade: l.CustomMade, LongLived: l.LongLived,
			HandledByManufacturer: l.HandledByManufacturer, WarrantyMonths: l.WarrantyMonths, SerialNumber: l.SerialNumber,
		})
	}
	for _, d := range b.Deliveries {
		dl := claimdesk.Delivery{Number: d.Number, ShippedOn: dateIn(d.ShippedOn), DeliveredOn: dateIn(d.DeliveredOn), Carrier: d.Carrier, TrackingNumber: d.TrackingNumber}
		for _, l := range d.Lines {
			dl.Lines = append(dl.Lines, claimdesk.DeliveryLine{SKU: l.SKU, Quantity: l.Quantity})
		}
		o.Deliveries = append(o.Deliveries, dl)
	}
	for _, i := range b.Invoices {
		o.Invoices = append(o.Invoices, claimdesk.Invoice{Number: i.Number, Delivery: i.Delivery, IssuedOn: dateIn(i.IssuedOn), DueOn: dateIn(i.DueOn), Amount: claimdesk.Minor(i.Amount), VAT: claimdesk.Minor(i.VAT)})
	}
	for _, p := range b.Payments {
		o.Payments = append(o.Payments, claimdesk.Payment{Method: p.Method, Amount: claimdesk.Minor(p.Amount), PaidAt: p.PaidAt.UTC(), Reference: p.Reference})
	}
	c := b.Customer
	return casework.OrderInput{Order: o, BuyerEmail: b.BuyerEmail, Customer: casework.CustomerRef{
		ExternalID: c.ID, Kind: claimdesk.CustomerKind(c.Kind), Name: c.Name, Email: c.Email, Phone: c.Phone,
		OrgNumber: c.OrgNumber, Country: claimdesk.Country(c.Country), Lang: claimdesk.Lang(c.Lang),
	}}
}

// CustomerIDBody names an order's customer.
type CustomerIDBody struct {
	CustomerID int64 `json:"customer_id"`
}

func orderOut(o *claimdesk.Order) OrderBody {
	b := OrderBody{CustomerID: o.CustomerID, Customer: &CustomerIDBody{CustomerID: o.CustomerID}, Total: Amount(o.Total()), CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt}
	b.ID, b.OrderedAt, b.Country, b.Currency, b.Lang = o.ExternalID, o.OrderedAt, string(o.Country), o.Currency, string(o.Lang)
	b.PaymentMethod, b.DeliveryFee = o.PaymentMethod, Amount(o.DeliveryFee)
	b.BillingAddress, b.DeliveryAddress = addressOut(o.BillingAddress), addressOut(o.DeliveryAddress)
	b.Lines, b.Deliveries, b.Invoices, b.Payments, b.Fees = []OrderLineBody{}, []DeliveryBody{}, []InvoiceBody{}, []PaymentBody{}, []FeeBody{}
	for _, l := range o.Lines {
		b.Lines = append(b.Lines, OrderLineBody{SKU: l.SKU, Name: l.Name, Category: l.Category, Manufacturer: l.Manufacturer, Quantity: l.Quantity,
			UnitPrice: Amount(l.UnitPrice), VATRate: Rate(l.VATRate), CustomMade: l.CustomMade, LongLived: l.LongLived,
			HandledByManufacturer: l.HandledByManufacturer, WarrantyMonths: l.WarrantyMonths, SerialNumber: l.SerialNumber})
	}
	for _, d := range o.Deliveries {
		db := DeliveryBody{Number: d.Number, ShippedOn: dateOut(d.ShippedOn), DeliveredOn: dateOut(d.DeliveredOn), Carrier: d.Carrier, TrackingNumber: d.TrackingNumber, Lines: []DeliveryLineBody{}}
		for _, l := range d.Lines {
			db.Lines = append(db.Lines, DeliveryLineBody{SKU: l.SKU, Quantity: l.Quantity})
		}
		b.Deliveries = append(b.Deliveries, db)
	}
	for _, i := range o.Invoices {
		b.Invoices = append(b.Invoices, InvoiceBody{Number: i.Number, Delivery: i.Delivery, IssuedOn: dateOut(i.IssuedOn), DueOn: dateOut(i.DueOn), Amount: Amount(i.Amount), VAT: Amount(i.VAT)})
	}
	for _, p := range o.Payments {
		b.Payments = append(b.Payments, PaymentBody{Method: p.Method, Amount: Amount(p.Amount), PaidAt: p.PaidAt, Reference: p.Reference})
	}
	for _, f := range o.Fees {
		b.Fees = append(b.Fees, FeeBody{Code: f.Code, Amount: Amount(f.Amount), VATRate: Rate(f.VATRate)})
	}
	return b
}

type orderPath struct {
	Shop  string `path:"shop" doc:"The shop's id (slug)." example:"dustin"`
	Order string `path:"order" doc:"The shop's order number."`
}

type orderList struct {
	Items      []OrderBody `json:"items"`
	NextCursor string      `json:"next_cursor" doc:"Pass as cursor for the next page; empty at the end."`
}

type listQuery struct {
	Cursor string `query:"cursor"`
	Limit  int    `query:"limit" minimum:"0" maximum:"200" doc:"Page size, 50 by default."`
}

func (s *Server) orderRoutes() {
	tags := []string{"Orders"}
	huma.Register(s.api, op("upsert-order", http.MethodPost, "/api/v1/shops/{shop}/orders", "Create or replace an order by the shop's order number", tags, "apiKey", "session"),
		func(ctx context.Context, in *struct {
			Shop string `path:"shop" doc:"The shop's id (slug)." example:"dustin"`
			Body OrderInBody
		}) (*struct {
			Status int
			Body   OrderBody
		}, error) {
			o, created, err := s.svc.UpsertOrder(ctx, in.Shop, in.Body.OrderInput())
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			status := http.StatusOK
			if created {
				status = http.StatusCreated
			}
			return &struct {
				Status int
				Body   OrderBody
			}{Status: status, Body: orderOut(o)}, nil
		})
	huma.Register(s.api, op("get-order", http.MethodGet, "/api/v1/shops/{shop}/orders/{order}", "Get an order", tags, "apiKey", "session"),
		func(ctx context.Context, in *orderPath) (*struct{ Body OrderBody }, error) {
			o, err := s.svc.GetOrder(ctx, in.Shop, in.Order)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body OrderBody }{Body: orderOut(o)}, nil
		})
	huma.Register(s.api, op("list-orders", http.MethodGet, "/api/v1/shops/{shop}/orders", "List orders, newest first", tags, "apiKey", "session"),
		func(ctx context.Context, in *struct {
			Shop   string `path:"shop" doc:"The shop's id (slug)." example:"dustin"`
			Cursor string `query:"cursor"`
			Limit  int    `query:"limit" minimum:"0" maximum:"200" doc:"Page size, 50 by default."`
		}) (*struct{ Body orderList }, error) {
			before, _ := strconv.ParseInt(in.Cursor, 10, 64)
			list, next, err := s.svc.ListOrders(ctx, claimdesk.OrderFilter{ShopID: in.Shop, Before: before, Limit: in.Limit})
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			out := orderList{Items: []OrderBody{}}
			for _, o := range list {
				out.Items = append(out.Items, orderOut(o))
			}
			if next != 0 {
				out.NextCursor = strconv.FormatInt(next, 10)
			}
			return &struct{ Body orderList }{Body: out}, nil
		})
}
