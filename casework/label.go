package casework

import (
	"bytes"
	"context"
	"strings"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/label"
)

// SetBaseURL sets the public URL used in links (the label's QR code).
func (s *Service) SetBaseURL(u string) { s.baseURL = strings.TrimRight(u, "/") }

// ReturnLabel renders the A6 return label of a case that waits for goods:
// the shop's return address, the case number as Code128, a QR code to the
// case page and the packing notes the shop's terms require, in the case's
// language. The case's customer and the shop's staff may fetch it.
func (s *Service) ReturnLabel(ctx context.Context, number string) ([]byte, error) {
	c, err := s.GetCase(ctx, number)
	if err != nil {
		return nil, err
	}
	if c.Logistics != claimdesk.LogisticsAwaitingGoods && c.Logistics != claimdesk.LogisticsInTransit {
		return nil, claimdesk.Errorf(claimdesk.CodeConflict, "case %s awaits no goods, so it has no return label", c.Number)
	}
	if c.Route != "shop" && c.Route != "" {
		return nil, claimdesk.Errorf(claimdesk.CodeConflict, "case %s goes to the manufacturer, who sends its own label", c.Number)
	}
	st := s.stores()
	shop, err := st.Shops.FindShop(ctx, c.ShopID)
	if err != nil {
		return nil, err
	}
	cu, err := st.Customers.FindCustomer(ctx, c.CustomerID)
	if err != nil {
		return nil, err
	}
	var order *claimdesk.Order
	if c.OrderID != 0 {
		if order, err = st.Orders.FindOrder(ctx, c.OrderID); err != nil {
			return nil, err
		}
	}
	l := c.Lang
	lab := label.Label{
		CaseNumber: c.Number, Kind: text(l, "kind."+string(c.Kind), nil), ReturnTo: labelAddress(l, shop.ReturnAddress),
		From: labelAddress(l, senderAddress(cu, order)), StatusURL: s.baseURL + "/s/" + shop.ID + "/cases/" + c.Number, Lang: string(l),
		Headings: label.Headings{ReturnTo: text(l, "label.return_to", nil), From: text(l, "label.from", nil),
			CaseNumber: text(l, "label.case_number", nil), Checklist: text(l, "label.checklist", nil)},
		Instruction: text(l, "label.instruction", nil), Checklist: s.packingNotes(shop, c, order),
	}
	if lab.StatusURL[0] == '/' {
		lab.StatusURL = "http://localhost:8080" + lab.StatusURL
	}
	var b bytes.Buffer
	if err := label.Render(&b, lab); err != nil {
		return nil, claimdesk.Wrap(err, claimdesk.CodeInternal, "the label could not be drawn")
	}
	return b.Bytes(), nil
}

// packingNotes are the terms' packing instructions for the case's kind and
// the categories of its lines, in the case's language.
func (s *Service) packingNotes(shop *claimdesk.Shop, c *claimdesk.Case, o *claimdesk.Order) []string {
	t := s.termsOf(shop)
	if t == nil {
		return nil
	}
	cats := map[string]bool{}
	if o != nil {
		for _, cl := range c.Lines {
			if ol, ok := o.Line(cl.SKU); ok {
				cats[ol.Category] = true
			}
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, p := range t.Packing {
		if !contains(p.Kinds, string(c.Kind)) || seen[p.Code] {
			continue
		}
		if len(p.Categories) > 0 && !anyIn(p.Categories, cats) {
			continue
		}
		seen[p.Code] = true
		out = append(out, text(c.Lang, "packing."+p.Code, nil))
	}
	return out
}

func contains(list []string, s string) bool {
	if len(list) == 0 {
		return true
	}
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func anyIn(list []string, set map[string]bool) bool {
	for _, x := range list {
		if set[x] {
			return true
		}
	}
	return false
}

// senderAddress is where the parcel comes from: the order's delivery
// address, else the customer's default address book entry.
func senderAddress(cu *claimdesk.Customer, o *claimdesk.Order) claimdesk.Address {
	if o != nil && o.DeliveryAddress.Street != "" {
		return o.DeliveryAddress
	}
	for _, a := range cu.Addresses {
		if a.Default || a.Kind == claimdesk.DeliveryAddress {
			return a.Address
		}
	}
	return claimdesk.Address{Name: cu.Name}
}

func labelAddress(l claimdesk.Lang, a claimdesk.Address) label.Address {
	lines := []string{}
	for _, s := range []string{a.Attention, a.Street, a.Street2} {
		if s != "" {
			lines = append(lines, s)
		}
	}
	country := ""
	if a.Country != "" {
		country = text(l, "country."+string(a.Country), nil)
	}
	return label.Address{Name: a.Name, Lines: lines, Postcode: a.PostalCode, City: a.City, Country: country}
}

// ReturnMethodInput is how the customer sends the goods back.
type ReturnMethodInput struct {
	Method  string         // label, pickup, own_carrier
	Date    claimdesk.Date // pickup: the day asked for
	Carrier string         // own_carrier: the customer's carrier
	Note    string
}

// ChooseReturnMethod records how the goods come back: the shop's label, a
// pickup, or the customer's own carrier — the last two only where the
// shop's terms offer them (Dustin: heavy parcels are picked up; a business
// with its own Posten, Bring or PostNord agreement may use its own waybill).
func (s *Service) ChooseReturnMethod(ctx context.Context, number string, in ReturnMethodInput) (*claimdesk.Case, error) {
	return s.change(ctx, number, staffOrCustomer, claimdesk.ActGoodsInTransit, func(tx claimdesk.Stores, c *claimdesk.Case) ([]claimdesk.Event, error) {
		shop, err := tx.Shops.FindShop(ctx, c.ShopID)
		if err != nil {
			return nil, err
		}
		if in.Method != "label" {
			t := s.termsOf(shop)
			if t == nil || t.ReturnOption(in.Method) == nil {
				return nil, fieldErr("method", "not_offered", "%s does not offer %q; use its return label", shop.Name, in.Method)
			}
		}
		if in.Method == "pickup" && (in.Date.IsZero() || in.Date.Before(s.today(shop))) {
			return nil, fieldErr("date", "invalid", "a pickup needs a day from today on")
		}
		return []claimdesk.Event{event("case.return_method", in.Note, map[string]any{"method": in.Method, "date": in.Date, "carrier": in.Carrier})}, nil
	})
}
