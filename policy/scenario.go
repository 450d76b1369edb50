package policy

import (
	"encoding/json"
	"time"

	"github.com/claimdesk/claimdesk"
)

// Scenario is one customer request as the assess batch contract defines it
// (docs: shared/spec/assessment.md). Unknown fields are ignored.
type Scenario struct {
	ID       *string      `json:"id"`
	Shop     string       `json:"shop"`
	Customer Customer     `json:"customer"`
	Order    Order        `json:"order"`
	Case     ScenarioCase `json:"case"`
}

// Customer is the buyer.
type Customer struct {
	Kind      string `json:"kind"` // consumer or business
	Country   string `json:"country"`
	OrgNumber string `json:"org_number"`
	Lang      string `json:"lang"`
}

// Order is what was bought and delivered.
type Order struct {
	OrderedOn   string          `json:"ordered_on"`
	Currency    string          `json:"currency"`
	DeliveryFee claimdesk.Minor `json:"delivery_fee"`
	ExtraFees   []ExtraFee      `json:"extra_fees"`
	Lines       []Line          `json:"lines"`
	Deliveries  []Delivery      `json:"deliveries"`
}

// ExtraFee is a paid extra (emergency order, bulky goods …).
type ExtraFee struct {
	Code   string          `json:"code"`
	Amount claimdesk.Minor `json:"amount"`
}

// Line is one order line; UnitPrice includes VAT.
type Line struct {
	SKU                        string          `json:"sku"`
	Category                   string          `json:"category"`
	Quantity                   int             `json:"quantity"`
	UnitPrice                  claimdesk.Minor `json:"unit_price"`
	CustomMade                 bool            `json:"custom_made"`
	LongLived                  bool            `json:"long_lived"`
	ManufacturerWarrantyMonths int             `json:"manufacturer_warranty_months"`
	HandledByManufacturer      bool            `json:"handled_by_manufacturer"`
}

// Delivery lists the SKUs delivered on one day.
type Delivery struct {
	DeliveredOn string   `json:"delivered_on"`
	SKUs        []string `json:"skus"`
}

// ScenarioCase is the request itself.
type ScenarioCase struct {
	Kind         string    `json:"kind"`
	OpenedOn     string    `json:"opened_on"`
	DiscoveredOn *string   `json:"discovered_on"`
	SKUs         []CaseSKU `json:"skus"`
	Description  string    `json:"description"`
	Facts        Facts     `json:"facts"`
}

// CaseSKU is a line and quantity the case is about.
type CaseSKU struct {
	SKU      string `json:"sku"`
	Quantity int    `json:"quantity"`
}

// Facts are what the customer states; nil means not stated.
type Facts struct {
	Unused            *bool `json:"unused"`
	OriginalPackaging *bool `json:"original_packaging"`
	LabelsIntact      *bool `json:"labels_intact"`
	HiddenDamage      *bool `json:"hidden_damage"`
	NotedOnWaybill    *bool `json:"noted_on_waybill"`
	FindMyDisabled    *bool `json:"find_my_disabled"`
	AccountsRemoved   *bool `json:"accounts_removed"`
	PhotosAttached    *bool `json:"photos_attached"`
}

func isFalse(b *bool) bool { return b != nil && !*b }

// Decision is the engine's answer to a scenario. Every field is always
// present in JSON: null or [] where empty.
type Decision struct {
	ID           *string          `json:"id"`
	Eligible     *bool            `json:"eligible"`
	Deadline     *Day             `json:"deadline"`
	GoodsDue     *Day             `json:"goods_due"`
	Route        *string          `json:"route"`
	Reasons      []string         `json:"reasons"`
	Fees         []Fee            `json:"fees"`
	PossibleFees []Fee            `json:"possible_fees"`
	Refund       *claimdesk.Money `json:"refund"`
	Explanation  []Explanation    `json:"explanation"`
	Error        *string          `json:"error"`
	// TermsVersion is the version of the shop's terms the decision was made under.
	TermsVersion string `json:"-"`
}

// Fee is a fee with its code.
type Fee struct {
	Code string `json:"code"`
	claimdesk.Money
	// CaseByCase marks a fee whose amount is judged case by case (a value
	// deduction); Amount is then zero.
	CaseByCase bool `json:"case_by_case,omitempty"`
}

// Explanation is one applied rule: a stable id, where it comes from and a
// sentence for the customer.
type Explanation struct {
	Rule   string `json:"rule"`
	Source string `json:"source"`
	Text   string `json:"text"`
}

// Day is a civil date that marshals as "YYYY-MM-DD".
type Day struct{ time.Time }

// MarshalJSON writes the date as an ISO string.
func (d Day) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 12)
	b = append(b, '"')
	b = d.AppendFormat(b, time.DateOnly)
	return append(b, '"'), nil
}

// UnmarshalJSON reads an ISO date.
func (d *Day) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	t, err := time.Parse(time.DateOnly, s)
	d.Time = t
	return err
}

func dayPtr(t time.Time) *Day {
	if t.IsZero() {
		return nil
	}
	return &Day{t}
}
