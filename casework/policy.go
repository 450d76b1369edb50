package casework

import (
	"context"
	"encoding/json"
	"errors"
	"sort"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/policy"
)

// PolicyAssessor judges cases with the policy engine.
type PolicyAssessor struct{ Engine *policy.Engine }

// Assess builds the engine's scenario from the stored shop, customer, order
// and case, and turns its decision into an Assessment.
func (p PolicyAssessor) Assess(in AssessInput) (*Assessment, error) {
	sc := Scenario(in)
	e := p.Engine
	if in.Terms != nil {
		e = e.With(in.Terms)
	}
	d := e.Assess(sc)
	if d.Error != nil {
		return nil, claimdesk.Errorf(claimdesk.CodeInvalid, "the case cannot be judged: %s", *d.Error)
	}
	snap, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	a := &Assessment{Route: "shop", Reasons: d.Reasons, TermsVersion: d.TermsVersion, Snapshot: snap}
	if d.Eligible == nil {
		return nil, errors.New("policy decision without eligibility")
	}
	a.Eligible = *d.Eligible
	if d.Route != nil {
		a.Route = *d.Route
	}
	if d.Deadline != nil {
		a.Deadline = claimdesk.DateOf(d.Deadline.Time)
	}
	if d.GoodsDue != nil {
		a.GoodsDue = claimdesk.DateOf(d.GoodsDue.Time)
	}
	for _, f := range d.Fees {
		a.Fees = append(a.Fees, claimdesk.CaseFee{Code: f.Code, Amount: f.Amount})
	}
	if d.Refund != nil {
		r := d.Refund.Amount
		a.Refund = &r
	}
	return a, nil
}

// Scenario turns a stored case into the policy engine's scenario.
func Scenario(in AssessInput) *policy.Scenario {
	o, c, cu := in.Order, in.Case, in.Customer
	kind := "consumer"
	if cu.IsBusiness() {
		kind = "business"
	}
	sc := &policy.Scenario{
		Shop:     in.Shop.TermsID,
		Customer: policy.Customer{Kind: kind, Country: string(c.Country), OrgNumber: cu.OrgNumber, Lang: string(c.Lang)},
		Order: policy.Order{
			OrderedOn: claimdesk.DateIn(o.OrderedAt, in.Shop.Location()).String(), Currency: o.Currency, DeliveryFee: o.DeliveryFee,
		},
		Case: policy.ScenarioCase{Kind: string(c.Kind), OpenedOn: in.Today.String(), Description: c.Description, Facts: facts(c.Facts)},
	}
	if sc.Shop == "" {
		sc.Shop = in.Shop.ID
	}
	if in.Terms != nil {
		sc.Shop = in.Terms.ID
	}
	for _, f := range o.Fees {
		sc.Order.ExtraFees = append(sc.Order.ExtraFees, policy.ExtraFee{Code: f.Code, Amount: f.Amount})
	}
	for _, l := range o.Lines {
		sc.Order.Lines = append(sc.Order.Lines, policy.Line{
			SKU: l.SKU, Category: l.Category, Quantity: l.Quantity, UnitPrice: l.UnitPrice, CustomMade: l.CustomMade,
			LongLived: l.LongLived, ManufacturerWarrantyMonths: l.WarrantyMonths, HandledByManufacturer: l.HandledByManufacturer,
		})
	}
	sc.Order.Deliveries = deliveries(o)
	for _, l := range c.Lines {
		sc.Case.SKUs = append(sc.Case.SKUs, policy.CaseSKU{SKU: l.SKU, Quantity: l.Quantity})
	}
	if !in.DiscoveredOn.IsZero() {
		d := in.DiscoveredOn.String()
		sc.Case.DiscoveredOn = &d
	}
	return sc
}

// deliveries groups the delivered SKUs by day, as the engine reads them.
func deliveries(o *claimdesk.Order) []policy.Delivery {
	byDay := map[string][]string{}
	for _, d := range o.Deliveries {
		if d.DeliveredOn.IsZero() {
			continue
		}
		day := d.DeliveredOn.String()
		for _, l := range d.Lines {
			byDay[day] = append(byDay[day], l.SKU)
		}
	}
	days := make([]string, 0, len(byDay))
	for d := range byDay {
		days = append(days, d)
	}
	sort.Strings(days)
	out := make([]policy.Delivery, 0, len(days))
	for _, d := range days {
		out = append(out, policy.Delivery{DeliveredOn: d, SKUs: byDay[d]})
	}
	return out
}

func facts(m map[string]bool) policy.Facts {
	get := func(k string) *bool {
		if v, ok := m[k]; ok {
			return &v
		}
		return nil
	}
	return policy.Facts{
		Unused: get("unused"), OriginalPackaging: get("original_packaging"), LabelsIntact: get("labels_intact"),
		HiddenDamage: get("hidden_damage"), NotedOnWaybill: get("noted_on_waybill"), FindMyDisabled: get("find_my_disabled"),
		AccountsRemoved: get("accounts_removed"), PhotosAttached: get("photos_attached"),
	}
}

// PreCheck judges a scenario against a shop's terms without storing
// anything: the portal's live pre-check before a case is submitted. The
// scenario's shop is always the one named in the path.
func (s *Service) PreCheck(ctx context.Context, shopID string, sc *policy.Scenario) (policy.Decision, error) {
	shop, err := s.stores().Shops.FindShop(ctx, shopID)
	if err != nil {
		return policy.Decision{}, err
	}
	pa, ok := s.assessor.(PolicyAssessor)
	if !ok {
		return policy.Decision{}, claimdesk.Errorf(claimdesk.CodeUnavailable, "the policy engine is not configured")
	}
	var e *policy.Engine
	e, sc.Shop = pa.Engine, shippedTermsID(shop)
	terms, err := s.uploadedTerms(ctx, shop.ID)
	if err != nil {
		return policy.Decision{}, err
	}
	if terms != nil {
		e, sc.Shop = e.With(terms), terms.ID
	}
	if sc.Case.OpenedOn == "" {
		sc.Case.OpenedOn = s.today(shop).String()
	}
	return e.Assess(sc), nil
}
