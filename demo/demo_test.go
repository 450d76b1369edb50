package demo

import (
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
)

func TestOrgNumbersAreValid(t *testing.T) {
	for _, s := range Shops() {
		var ok bool
		switch s.ID {
		case "compumail":
			// "Org.nr. 502084-1697" as printed in Compumail's terms: a Swedish-form number.
			ok = ValidSwedishOrgNumber(s.OrgNumber)
		default:
			ok = ValidNorwegianOrgNumber(s.OrgNumber)
		}
		if !ok {
			t.Errorf("shop %s: org number %s fails its check digit", s.ID, s.OrgNumber)
		}
	}
	for _, c := range Customers() {
		if c.Customer.Kind != claimdesk.Company {
			continue
		}
		var ok bool
		switch c.Customer.Country {
		case claimdesk.Norway:
			ok = ValidNorwegianOrgNumber(c.Customer.OrgNumber)
		case claimdesk.Sweden:
			ok = ValidSwedishOrgNumber(c.Customer.OrgNumber)
		case claimdesk.Denmark:
			ok = ValidDanishCVR(c.Customer.OrgNumber)
		}
		if !ok {
			t.Errorf("%s: org number %s fails its check digit", c.Customer.Name, c.Customer.OrgNumber)
		}
	}
	if ValidNorwegianOrgNumber("921774465") || ValidSwedishOrgNumber("5561234568") || !ValidDanishCVR("10150817") {
		t.Error("check-digit functions accept a wrong number or refuse a right one")
	}
}

// TestBrandColors: each demo shop has its own brand colour, and white text
// on it passes WCAG 2.x SC 1.4.3 (4.5:1), the rule shop settings enforce.
func TestBrandColors(t *testing.T) {
	seen := map[string]string{}
	for _, s := range Shops() {
		if s.Brand.Color == "" {
			t.Errorf("shop %s has no brand colour", s.ID)
		}
		if err := s.Brand.Validate(); err != nil {
			t.Errorf("shop %s: %v", s.ID, err)
		}
		if other, dup := seen[s.Brand.Color]; dup {
			t.Errorf("shops %s and %s share the colour %s", other, s.ID, s.Brand.Color)
		}
		seen[s.Brand.Color] = s.ID
	}
}

func TestOrdersAreConsistent(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	customers := map[string]claimdesk.Customer{}
	for _, c := range Customers() {
		customers[c.Shop+"|"+c.Customer.ExternalID] = c.Customer
	}
	for _, s := range Shops() {
		orders := Orders(s, now)
		if len(orders) < 3 {
			t.Errorf("shop %s has %d demo orders, want at least 3", s.ID, len(orders))
		}
		for _, p := range orders {
			c, ok := customers[s.ID+"|"+p.Customer]
			if !ok {
				t.Fatalf("order %s names unknown customer %s", p.Order.ExternalID, p.Customer)
			}
			if s.BusinessOnly && c.Kind != claimdesk.Company {
				t.Errorf("business-only shop %s has a consumer order %s", s.ID, p.Order.ExternalID)
			}
			if len(p.Order.Lines) != len(plans[s.ID][indexOf(s.ID, p.Order.ExternalID)].Lines) {
				t.Errorf("order %s lost a line: a SKU is missing from the catalogue", p.Order.ExternalID)
			}
			for _, d := range p.Order.Deliveries {
				if d.DeliveredOn.After(claimdesk.DateOf(now)) || d.DeliveredOn.Before(claimdesk.DateOf(p.Order.OrderedAt)) {
					t.Errorf("order %s delivered %s, outside order day and today", p.Order.ExternalID, d.DeliveredOn)
				}
			}
		}
	}
}

func indexOf(shop, id string) int {
	for i, p := range plans[shop] {
		if p.ID == id {
			return i
		}
	}
	return -1
}
