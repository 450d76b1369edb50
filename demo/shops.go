// Package demo holds the four demo shops — dustin, belysning, compumail and
// digitallassmed — with customers, companies, agents and orders that look
// like the real thing (Nordic names and addresses, valid organisation
// numbers, prices with VAT), and loads them once into a fresh database.
// Their help content and terms are the shops' own published texts, shipped
// verbatim in package seeds.
package demo

import "github.com/claimdesk/claimdesk"

var weekdays = func(from, to string) claimdesk.OpeningHours {
	var h claimdesk.OpeningHours
	for d := 1; d <= 5; d++ {
		h.Week[d] = []claimdesk.Interval{{From: from, To: to}}
	}
	return h
}

// Shops returns the demo shops' settings, taken from their seed documents
// where the documents say (opening hours, answer times, return address,
// retention) and made up, plausibly, where they do not.
func Shops() []*claimdesk.Shop {
	return []*claimdesk.Shop{
		{
			ID: "dustin", Name: "Dustin", LegalName: "Dustin Norge AS", OrgNumber: "983 146 732", Country: claimdesk.Norway,
			Lang: claimdesk.Bokmal, TimeZone: "Europe/Oslo", CasePrefix: "DUS",
			Markets:       []claimdesk.Market{{Country: claimdesk.Norway, Currency: "NOK", Lang: claimdesk.Bokmal}},
			ReturnAddress: claimdesk.Address{Name: "Dustin Norge AS", Attention: "Returavdelingen", Street: "Ryensvingen 5", PostalCode: "0680", City: "Oslo", Country: claimdesk.Norway},
			SupportEmail:  "kundeservice@dustin.example", Phone: "21 04 40 30", Website: "https://www.dustin.no",
			// "Kundeservice har åpent alle hverdager mellom 08:00 og 16:00." /
			// "Vi har som mål å besvare alle innkomne e-post i løpet av 24 timer på hverdager."
			OpeningHours: weekdays("08:00", "16:00"),
			SLA:          claimdesk.ShopSLA{FirstResponseMinutes: 24 * 60, NextResponseMinutes: 24 * 60, Clock: "weekday_hours"},
			// "En konto slettes automatisk etter tre års inaktivitet."
			TermsID: "dustin", RetentionYears: 3, Demo: true,
			Brand: claimdesk.ShopBrand{Color: "#0b3d91"}, // dark blue
		},
		{
			ID: "belysning", Name: "Belysning Proff", LegalName: "Nordisk Belysning Proff AS", OrgNumber: "928 374 653", Country: claimdesk.Norway,
			Lang: claimdesk.Bokmal, TimeZone: "Europe/Oslo", CasePrefix: "BEL", BusinessOnly: true,
			Markets:       []claimdesk.Market{{Country: claimdesk.Norway, Currency: "NOK", Lang: claimdesk.Bokmal}},
			ReturnAddress: claimdesk.Address{Name: "Nordisk Belysning Proff AS", Attention: "Retur", Street: "Industrivegen 14", PostalCode: "2069", City: "Jessheim", Country: claimdesk.Norway},
			SupportEmail:  "kundeservice@belysning.example", Phone: "63 97 41 00", Website: "https://www.belysning-proff.example",
			// "De vil gi deg et tilbud innen 24 timer" (quotes).
			OpeningHours: weekdays("08:00", "16:00"),
			SLA:          claimdesk.ShopSLA{FirstResponseMinutes: 24 * 60, NextResponseMinutes: 24 * 60, Clock: "weekday_hours"},
			TermsID:      "belysning", RetentionYears: 2, Demo: true,
			Brand: claimdesk.ShopBrand{Color: "#1b5e20"}, // dark green
		},
		{
			ID: "compumail", Name: "Compumail", LegalName: "Compumail ApS", OrgNumber: "502084-1697", Country: claimdesk.Denmark,
			Lang: claimdesk.Danish, TimeZone: "Europe/Copenhagen", CasePrefix: "CMP",
			Markets: []claimdesk.Market{
				{Country: claimdesk.Sweden, Currency: "SEK", Lang: claimdesk.Swedish},
				{Country: claimdesk.Denmark, Currency: "DKK", Lang: claimdesk.Danish},
			},
			// "Compumail ApS, Høgemosevænget 1, DK-8380 Trige, Danmark" (3. Insändning av reklamation).
			ReturnAddress: claimdesk.Address{Name: "Compumail ApS", Attention: "Reklamation", Street: "Høgemosevænget 1", PostalCode: "8380", City: "Trige", Country: claimdesk.Denmark},
			SupportEmail:  "support@compumail.example", Phone: "+45 70 20 35 10", Website: "https://www.compumail.example",
			OpeningHours: splitWeek(),
			SLA:          claimdesk.ShopSLA{FirstResponseMinutes: 16 * 60, NextResponseMinutes: 8 * 60, Clock: "business_hours"},
			TermsID:      "compumail", RetentionYears: 2, Demo: true,
			Brand: claimdesk.ShopBrand{Color: "#9b1c1c"}, // dark red
		},
		{
			ID: "digitallassmed", Name: "Digital Låssmed", LegalName: "Digital Låssmed AS", OrgNumber: "924 611 502", Country: claimdesk.Norway,
			Lang: claimdesk.Bokmal, TimeZone: "Europe/Oslo", CasePrefix: "DLS",
			Markets:       []claimdesk.Market{{Country: claimdesk.Norway, Currency: "NOK", Lang: claimdesk.Bokmal}},
			ReturnAddress: claimdesk.Address{Name: "Digital Låssmed AS", Attention: "Returer", Street: "Sandakerveien 24C", PostalCode: "0473", City: "Oslo", Country: claimdesk.Norway},
			SupportEmail:  "kundeservice@digitallassmed.example", Phone: "22 15 60 60", Website: "https://www.portal.digitallassmed.no",
			// "Vår målsättning är att besvara frågor via e-post inom 24 timmar … endast under vardagar".
			OpeningHours: weekdays("09:00", "17:00"),
			SLA:          claimdesk.ShopSLA{FirstResponseMinutes: 24 * 60, NextResponseMinutes: 24 * 60, Clock: "weekday_hours"},
			TermsID:      "digitallassmed", RetentionYears: 2, Demo: true,
			Brand: claimdesk.ShopBrand{Color: "#5b2a86"}, // dark purple
		},
	}
}

// splitWeek is Compumail's demo opening hours: a split shift on weekdays
// (a closed lunch hour), a short Saturday.
func splitWeek() claimdesk.OpeningHours {
	h := weekdays("08:00", "11:30")
	for d := 1; d <= 5; d++ {
		h.Week[d] = append(h.Week[d], claimdesk.Interval{From: "12:30", To: "16:00"})
	}
	h.Week[6] = []claimdesk.Interval{{From: "10:00", To: "13:00"}}
	return h
}
