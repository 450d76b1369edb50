package claimdesk

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// Minor is an amount of money in minor units (øre, öre, cent). Every currency
// claimdesk handles (NOK, SEK, DKK, EUR) has two decimals. Money is never a
// float: JSON numbers are parsed digit by digit.
type Minor int64

// ParseMinor parses a decimal in major units ("4159", "4159.5", "-12.99")
// into minor units; more than two decimals is an error.
func ParseMinor(s string) (Minor, error) {
	s = strings.TrimSpace(s)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" || (hasDot && frac == "") || len(frac) > 2 {
		return 0, fmt.Errorf("amount %q must be a decimal number with at most two decimals", s)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || strings.ContainsAny(whole, "+-") {
		return 0, fmt.Errorf("amount %q is not a number", s)
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil || strings.ContainsAny(frac, "+-") {
		return 0, fmt.Errorf("amount %q is not a number", s)
	}
	if w > (1<<62)/100 {
		return 0, fmt.Errorf("amount %q is too large", s)
	}
	m := Minor(w*100 + f)
	if neg {
		m = -m
	}
	return m, nil
}

// String formats m in major units with two decimals: "4159.00".
func (m Minor) String() string {
	sign := ""
	v := int64(m)
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// MarshalJSON writes m as a JSON number in major units with two decimals.
func (m Minor) MarshalJSON() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalJSON reads a JSON number (or a numeric string) in major units.
func (m *Minor) UnmarshalJSON(b []byte) error {
	b = bytes.Trim(b, `"`)
	v, err := ParseMinor(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Money is an amount with its ISO 4217 currency.
type Money struct {
	Amount   Minor  `json:"amount"`
	Currency string `json:"currency"`
}

// String formats the money as "4159.00 NOK".
func (m Money) String() string { return m.Amount.String() + " " + m.Currency }

// VATRate is a VAT rate in basis points: 2500 is 25 %.
type VATRate int32

// Percent formats the rate as a percentage string: "25", "25.5", "6".
func (r VATRate) Percent() string {
	s := strconv.FormatFloat(float64(r)/100, 'f', -1, 64)
	return s
}

// MarshalJSON writes the rate as a percentage number (25, 25.5).
func (r VATRate) MarshalJSON() ([]byte, error) {
	return []byte(fmt.Sprintf("%d.%02d", r/100, r%100)), nil
}

// UnmarshalJSON reads a percentage number (25, 25.5) exactly.
func (r *VATRate) UnmarshalJSON(b []byte) error {
	m, err := ParseMinor(string(bytes.Trim(b, `"`)))
	if err != nil {
		return fmt.Errorf("vat rate: %w", err)
	}
	*r = VATRate(m)
	return nil
}

// VATOf returns the VAT included in a gross amount at rate r, rounded half
// away from zero to the minor unit.
func VATOf(gross Minor, r VATRate) Minor {
	num := int64(gross) * int64(r)
	den := int64(10000 + r)
	if num >= 0 {
		return Minor((num + den/2) / den)
	}
	return Minor((num - den/2) / den)
}

// ValidCurrency reports whether c is a currency claimdesk handles.
func ValidCurrency(c string) bool {
	switch c {
	case "NOK", "SEK", "DKK", "EUR":
		return true
	}
	return false
}
