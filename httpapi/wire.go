package httpapi

import (
	"encoding/json"

	"github.com/danielgtaylor/huma/v2"

	"github.com/claimdesk/claimdesk"
)

// Amount is money in major units on the wire: 4159.00. Inside, it is an
// integer count of minor units; it is never a float.
type Amount claimdesk.Minor

// Schema describes an amount as a number with at most two decimals.
func (Amount) Schema(huma.Registry) *huma.Schema {
	return &huma.Schema{Type: "number", Description: "Amount in major units with at most two decimals, VAT included.", Examples: []any{4159.00}}
}

// MarshalJSON writes the amount with two decimals.
func (a Amount) MarshalJSON() ([]byte, error) { return claimdesk.Minor(a).MarshalJSON() }

// UnmarshalJSON reads the amount exactly.
func (a *Amount) UnmarshalJSON(b []byte) error { return (*claimdesk.Minor)(a).UnmarshalJSON(b) }

// Date is a civil date on the wire: "2026-05-18".
type Date claimdesk.Date

// Schema describes a date.
func (Date) Schema(huma.Registry) *huma.Schema {
	return &huma.Schema{Type: "string", Format: "date", Examples: []any{"2026-05-18"}}
}

// MarshalJSON writes the date.
func (d Date) MarshalJSON() ([]byte, error) { return claimdesk.Date(d).MarshalJSON() }

// UnmarshalJSON reads the date.
func (d *Date) UnmarshalJSON(b []byte) error { return (*claimdesk.Date)(d).UnmarshalJSON(b) }

// Rate is a VAT rate in percent on the wire: 25, 25.5.
type Rate claimdesk.VATRate

// Schema describes a VAT rate.
func (Rate) Schema(huma.Registry) *huma.Schema {
	min, max := 0.0, 30.0
	return &huma.Schema{Type: "number", Minimum: &min, Maximum: &max, Description: "VAT rate in percent.", Examples: []any{25}}
}

// MarshalJSON writes the rate.
func (r Rate) MarshalJSON() ([]byte, error) { return claimdesk.VATRate(r).MarshalJSON() }

// UnmarshalJSON reads the rate.
func (r *Rate) UnmarshalJSON(b []byte) error { return (*claimdesk.VATRate)(r).UnmarshalJSON(b) }

// RawJSON is a JSON value passed through as is (the decision snapshot).
type RawJSON json.RawMessage

// Schema describes an arbitrary JSON object.
func (RawJSON) Schema(huma.Registry) *huma.Schema {
	return &huma.Schema{Type: "object", AdditionalProperties: true, Description: "The policy engine's decision as made when the case was opened."}
}

// MarshalJSON writes the raw value, null when empty.
func (r RawJSON) MarshalJSON() ([]byte, error) {
	if len(r) == 0 {
		return []byte("null"), nil
	}
	return r, nil
}

// AddressBody is a postal address.
type AddressBody struct {
	Name       string `json:"name" maxLength:"200"`
	Attention  string `json:"attention,omitempty" maxLength:"200"`
	Street     string `json:"street" maxLength:"200"`
	Street2    string `json:"street2,omitempty" maxLength:"200"`
	PostalCode string `json:"postal_code" maxLength:"20"`
	City       string `json:"city" maxLength:"100"`
	Country    string `json:"country" pattern:"^[A-Z]{2}$"`
}

func addressIn(a *AddressBody) claimdesk.Address {
	if a == nil {
		return claimdesk.Address{}
	}
	return claimdesk.Address{Name: a.Name, Attention: a.Attention, Street: a.Street, Street2: a.Street2, PostalCode: a.PostalCode, City: a.City, Country: claimdesk.Country(a.Country)}
}

func addressOut(a claimdesk.Address) *AddressBody {
	if a == (claimdesk.Address{}) {
		return nil
	}
	return &AddressBody{Name: a.Name, Attention: a.Attention, Street: a.Street, Street2: a.Street2, PostalCode: a.PostalCode, City: a.City, Country: string(a.Country)}
}
