package casework_test

import (
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/storetest"
)

// TestShopSettings: the rules the settings page and the API share.
func TestShopSettings(t *testing.T) {
	d := newDesk(t, storetest.OpenSQLite)
	camilla := d.as("", "camilla.strand@dustin.example")
	ptr := func(s string) *string { return &s }
	years := func(n int) *int { return &n }
	split := claimdesk.OpeningHours{}
	split.Week[1] = []claimdesk.Interval{{From: "08:00", To: "12:00"}, {From: "13:00", To: "16:00"}}
	overlap := claimdesk.OpeningHours{}
	overlap.Week[2] = []claimdesk.Interval{{From: "08:00", To: "12:00"}, {From: "11:00", To: "16:00"}}
	nb := claimdesk.Bokmal
	bad := claimdesk.Lang("de")
	tests := []struct {
		name  string
		in    casework.ShopSettings
		field string // "" when valid
	}{
		{"split shift", casework.ShopSettings{OpeningHours: &split}, ""},
		{"overlapping shifts", casework.ShopSettings{OpeningHours: &overlap}, "opening_hours.week[2][1]"},
		{"name, language, zone, retention", casework.ShopSettings{Name: ptr("Dustin Norge"), Lang: &nb, TimeZone: ptr("Europe/Oslo"), RetentionYears: years(5)}, ""},
		{"empty name", casework.ShopSettings{Name: ptr("  ")}, "name"},
		{"unknown language", casework.ShopSettings{Lang: &bad}, "lang"},
		{"unknown time zone", casework.ShopSettings{TimeZone: ptr("Europe/Bergen")}, "time_zone"},
		{"retention too long", casework.ShopSettings{RetentionYears: years(40)}, "retention_years"},
		{"mail sender", casework.ShopSettings{Mail: &claimdesk.ShopMail{From: "kundeservice"}}, "mail.from"},
		{"brand colour too light for white text", casework.ShopSettings{Brand: &claimdesk.ShopBrand{Color: "#f0c000"}}, "brand.color"},
		{"brand colour not #rrggbb", casework.ShopSettings{Brand: &claimdesk.ShopBrand{Color: "blue"}}, "brand.color"},
		{"brand colour, upper case and spaces", casework.ShopSettings{Brand: &claimdesk.ShopBrand{Color: " #0B3D91 "}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := d.svc.UpdateShopSettings(camilla, "dustin", tt.in)
			if tt.field == "" {
				checkErr(t, err, "", "")
			} else {
				checkErr(t, err, claimdesk.CodeInvalid, tt.field)
			}
		})
	}
	shop, _ := d.svc.GetShop(camilla, "dustin")
	if shop.Name != "Dustin Norge" || shop.RetentionYears != 5 || len(shop.OpeningHours.Week[1]) != 2 || shop.Brand.Color != "#0b3d91" {
		t.Errorf("saved %q, %d years, Monday %v, colour %q", shop.Name, shop.RetentionYears, shop.OpeningHours.Week[1], shop.Brand.Color)
	}
	if _, err := d.svc.UpdateShopSettings(d.as("", "henrik.moe@dustin.example"), "dustin", casework.ShopSettings{Name: ptr("X")}); !claimdesk.IsCode(err, claimdesk.CodeForbidden) {
		t.Errorf("an agent changes settings: %v", err)
	}
}
