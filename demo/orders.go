package demo

import (
	"fmt"
	"time"

	"github.com/claimdesk/claimdesk"
)

// product is a catalogue item; prices are in minor units, VAT included.
type product struct {
	SKU, Name, Category, Manufacturer string
	Price                             claimdesk.Minor
	Custom, LongLived, Manufacturer2  bool // Manufacturer2: complaints go to the manufacturer
	WarrantyMonths                    int
}

var catalogue = map[string][]product{
	"dustin": {
		{SKU: "LEN-T14-G5", Name: "Lenovo ThinkPad T14 Gen 5, 14\" Ultra 7, 32 GB, 1 TB", Category: "laptop", Manufacturer: "Lenovo", Price: 1749000, Manufacturer2: true, WarrantyMonths: 36},
		{SKU: "DELL-U2724D", Name: "Dell UltraSharp U2724D 27\" QHD", Category: "monitor", Manufacturer: "Dell", Price: 529900, WarrantyMonths: 36},
		{SKU: "JAB-EV2-65", Name: "Jabra Evolve2 65 Flex, USB-C, MS Teams", Category: "headset", Manufacturer: "Jabra", Price: 249000, WarrantyMonths: 24},
		{SKU: "LEN-TB4-DOCK", Name: "Lenovo ThinkPad Thunderbolt 4 Dock", Category: "dock", Manufacturer: "Lenovo", Price: 289000, WarrantyMonths: 36},
		{SKU: "HP-LJ-M234", Name: "HP LaserJet Pro MFP 3102fdw", Category: "printer", Manufacturer: "HP", Price: 389000, Manufacturer2: true, WarrantyMonths: 12},
	},
	"belysning": {
		{SKU: "LED-PNL-6060", Name: "LED-panel 60x60 36 W 4000 K UGR<19", Category: "lamp", Manufacturer: "Glamox", Price: 124900, LongLived: true, WarrantyMonths: 12},
		{SKU: "DL-R90-IP44", Name: "Downlight R90 8 W 2700 K IP44, dimbar", Category: "lamp", Manufacturer: "SG Armaturen", Price: 54900, WarrantyMonths: 12},
		{SKU: "PEND-OPAL-40", Name: "Pendel Opal 40 cm E27, messing", Category: "lamp", Manufacturer: "Nordlux", Price: 219000, WarrantyMonths: 12},
		{SKU: "DRV-DALI-40", Name: "LED-driver DALI 40 W 350-1050 mA", Category: "driver", Manufacturer: "Tridonic", Price: 68900, WarrantyMonths: 12},
	},
	"compumail": {
		{SKU: "IPH-14-128-R", Name: "iPhone 14 128 GB, Pre-owned klass A", Category: "phone", Manufacturer: "Apple", Price: 579000},
		{SKU: "SSD-990-2TB", Name: "Samsung 990 PRO 2 TB NVMe M.2", Category: "ssd", Manufacturer: "Samsung", Price: 229900, Manufacturer2: true, WarrantyMonths: 60},
		{SKU: "HDD-WD-8TB", Name: "WD Red Plus 8 TB 3,5\" NAS", Category: "hard_drive", Manufacturer: "Western Digital", Price: 249900},
		{SKU: "GPU-4070S", Name: "ASUS Dual GeForce RTX 4070 SUPER 12 GB", Category: "graphics_card", Manufacturer: "ASUS", Price: 749000},
	},
	"digitallassmed": {
		{SKU: "NOK-SYS-KOPI", Name: "Systemnøkkel kopi, ASSA d12", Category: "key", Manufacturer: "ASSA ABLOY", Price: 34900, Custom: true},
		{SKU: "TAG-EM-PROG", Name: "Nøkkelbrikke EM4102, programmert", Category: "key_tag", Manufacturer: "Salto", Price: 29900, Custom: true},
		{SKU: "LAS-ASSA-2000", Name: "ASSA 2000 sylinderlås, komplett", Category: "lock", Manufacturer: "ASSA ABLOY", Price: 189000},
		{SKU: "HANG-ABUS-55", Name: "ABUS 55/50 hengelås, messing", Category: "padlock", Manufacturer: "ABUS", Price: 44900},
	},
}

// orderPlan describes a demo order relative to the day the demo is loaded.
type orderPlan struct {
	ID, Customer, Buyer string
	OrderedDaysAgo      int
	DeliveredDaysAgo    int // -1: not delivered yet
	Lines               map[string]int
	Payment             string
	DeliveryFee         claimdesk.Minor
	Fees                []claimdesk.Fee
	Carrier             string
}

var plans = map[string][]orderPlan{
	"dustin": {
		{ID: "5004127733", Customer: "D-10021", OrderedDaysAgo: 9, DeliveredDaysAgo: 6, Lines: map[string]int{"DELL-U2724D": 1, "JAB-EV2-65": 1}, Payment: "card", DeliveryFee: 14900, Carrier: "PostNord"},
		{ID: "5003988120", Customer: "D-10021", OrderedDaysAgo: 230, DeliveredDaysAgo: 227, Lines: map[string]int{"LEN-T14-G5": 1}, Payment: "vipps", DeliveryFee: 0, Carrier: "Bring"},
		{ID: "5004131902", Customer: "D-10022", OrderedDaysAgo: 2, DeliveredDaysAgo: -1, Lines: map[string]int{"LEN-TB4-DOCK": 1}, Payment: "card", DeliveryFee: 9900, Carrier: "Bring"},
		{ID: "5004090456", Customer: "D-B-3001", Buyer: "magnus@nordvik-regnskap.example", OrderedDaysAgo: 20, DeliveredDaysAgo: 17, Lines: map[string]int{"LEN-T14-G5": 3, "LEN-TB4-DOCK": 3, "DELL-U2724D": 3}, Payment: "invoice", DeliveryFee: 0, Carrier: "DB Schenker"},
		{ID: "5003711208", Customer: "D-B-3001", Buyer: "sigrid@nordvik-regnskap.example", OrderedDaysAgo: 400, DeliveredDaysAgo: 396, Lines: map[string]int{"HP-LJ-M234": 1}, Payment: "invoice", DeliveryFee: 14900, Carrier: "PostNord"},
	},
	"belysning": {
		{ID: "BP-240318", Customer: "B-2001", Buyer: "line@fjordlys.example", OrderedDaysAgo: 12, DeliveredDaysAgo: 8, Lines: map[string]int{"LED-PNL-6060": 24, "DRV-DALI-40": 24}, Payment: "invoice", DeliveryFee: 49000, Fees: []claimdesk.Fee{{Code: "bulky_goods", Amount: 35000, VATRate: 2500}}, Carrier: "Schenker"},
		{ID: "BP-240355", Customer: "B-2001", Buyer: "kristian@fjordlys.example", OrderedDaysAgo: 4, DeliveredDaysAgo: -1, Lines: map[string]int{"DL-R90-IP44": 40}, Payment: "invoice", DeliveryFee: 19900, Carrier: "Bring"},
		{ID: "BP-239902", Customer: "B-2002", Buyer: "marte@bryggen-interior.example", OrderedDaysAgo: 70, DeliveredDaysAgo: 66, Lines: map[string]int{"PEND-OPAL-40": 6}, Payment: "invoice", DeliveryFee: 19900, Carrier: "PostNord"},
	},
	"compumail": {
		{ID: "CM-880112", Customer: "C-55001", OrderedDaysAgo: 30, DeliveredDaysAgo: 27, Lines: map[string]int{"IPH-14-128-R": 1}, Payment: "swish", DeliveryFee: 4900, Carrier: "PostNord"},
		{ID: "CM-880245", Customer: "C-55001", OrderedDaysAgo: 6, DeliveredDaysAgo: 3, Lines: map[string]int{"SSD-990-2TB": 1, "HDD-WD-8TB": 2}, Payment: "card", DeliveryFee: 4900, Carrier: "PostNord"},
		{ID: "CM-879031", Customer: "C-55002", OrderedDaysAgo: 500, DeliveredDaysAgo: 497, Lines: map[string]int{"GPU-4070S": 1}, Payment: "mobilepay", DeliveryFee: 3900, Carrier: "GLS"},
		{ID: "CM-880301", Customer: "C-B-901", Buyer: "per@ljusdaldata.example", OrderedDaysAgo: 15, DeliveredDaysAgo: 12, Lines: map[string]int{"HDD-WD-8TB": 4}, Payment: "invoice", DeliveryFee: 9900, Carrier: "DHL"},
	},
	"digitallassmed": {
		{ID: "DL-100457", Customer: "L-7001", OrderedDaysAgo: 10, DeliveredDaysAgo: 7, Lines: map[string]int{"LAS-ASSA-2000": 1, "HANG-ABUS-55": 2}, Payment: "card", DeliveryFee: 9900, Carrier: "Posten"},
		{ID: "DL-100466", Customer: "L-7001", OrderedDaysAgo: 8, DeliveredDaysAgo: 7, Lines: map[string]int{"NOK-SYS-KOPI": 3, "TAG-EM-PROG": 2}, Payment: "vipps", DeliveryFee: 9900, Fees: []claimdesk.Fee{{Code: "emergency_order", Amount: 45000, VATRate: 2500}}, Carrier: "Budbil"},
		{ID: "DL-099870", Customer: "L-7002", OrderedDaysAgo: 45, DeliveredDaysAgo: 41, Lines: map[string]int{"LAS-ASSA-2000": 2}, Payment: "klarna", DeliveryFee: 9900, Carrier: "Posten"},
	},
}

// Orders returns the shop's demo orders as of today, with their customer's
// external id and the buyer's email.
func Orders(shop *claimdesk.Shop, now time.Time) []PlannedOrder {
	loc := shop.Location()
	today := claimdesk.DateIn(now, loc)
	var out []PlannedOrder
	for n, p := range plans[shop.ID] {
		o := claimdesk.Order{
			ShopID: shop.ID, ExternalID: p.ID, OrderedAt: today.AddDays(-p.OrderedDaysAgo).Time(loc).Add(time.Duration(9+n%8)*time.Hour + time.Duration(n*7%60)*time.Minute).UTC(),
			PaymentMethod: p.Payment, DeliveryFee: p.DeliveryFee, Fees: p.Fees,
		}
		var dl []claimdesk.DeliveryLine
		for i, pr := range catalogue[shop.ID] {
			q, ok := p.Lines[pr.SKU]
			if !ok {
				continue
			}
			o.Lines = append(o.Lines, claimdesk.OrderLine{
				LineNo: i + 1, SKU: pr.SKU, Name: pr.Name, Category: pr.Category, Manufacturer: pr.Manufacturer, Quantity: q, UnitPrice: pr.Price,
				VATRate: 2500, CustomMade: pr.Custom, LongLived: pr.LongLived, HandledByManufacturer: pr.Manufacturer2, WarrantyMonths: pr.WarrantyMonths,
			})
			dl = append(dl, claimdesk.DeliveryLine{SKU: pr.SKU, Quantity: q})
		}
		total := o.Total()
		if p.DeliveredDaysAgo >= 0 {
			d := claimdesk.Delivery{
				Number: p.ID + "-1", ShippedOn: today.AddDays(-p.DeliveredDaysAgo - 1), DeliveredOn: today.AddDays(-p.DeliveredDaysAgo),
				Carrier: p.Carrier, TrackingNumber: fmt.Sprintf("70%014d", 31415926+n*7919+len(p.ID)*104729), Lines: dl,
			}
			o.Deliveries = []claimdesk.Delivery{d}
			o.Invoices = []claimdesk.Invoice{{Number: "F" + p.ID, Delivery: d.Number, IssuedOn: d.ShippedOn, DueOn: d.ShippedOn.AddDays(14), Amount: total, VAT: claimdesk.VATOf(total, 2500)}}
		}
		if p.Payment != "invoice" || p.DeliveredDaysAgo > 14 {
			o.Payments = []claimdesk.Payment{{Method: p.Payment, Amount: total, PaidAt: o.OrderedAt.Add(3 * time.Minute), Reference: "PAY-" + p.ID}}
		}
		out = append(out, PlannedOrder{Order: o, Customer: p.Customer, Buyer: p.Buyer})
	}
	return out
}

// PlannedOrder is a demo order with its customer's external id.
type PlannedOrder struct {
	Order    claimdesk.Order
	Customer string
	Buyer    string
}
