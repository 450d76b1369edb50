package demo

import "github.com/claimdesk/claimdesk"

// Person is a demo login: an agent of a shop or a user of a customer.
type Person struct {
	Name  string
	Email string
	Role  string // agents: agent, lead, admin, ombudsman; company users: admin, buyer, viewer
}

// Customer is a demo customer with its logins.
type Customer struct {
	Shop     string
	Customer claimdesk.Customer
	Users    []Person
}

func addr(name, street, postal, city string, c claimdesk.Country) claimdesk.Address {
	return claimdesk.Address{Name: name, Street: street, PostalCode: postal, City: city, Country: c}
}

func book(kind claimdesk.AddressKind, label string, a claimdesk.Address) claimdesk.AddressEntry {
	return claimdesk.AddressEntry{Kind: kind, Label: label, Default: true, Address: a}
}

func consumer(shop, id, name, email, phone string, c claimdesk.Country, l claimdesk.Lang, a claimdesk.Address) Customer {
	return Customer{Shop: shop, Customer: claimdesk.Customer{
		ExternalID: id, Kind: claimdesk.Consumer, Name: name, Email: email, Phone: phone, Country: c, Lang: l,
		Addresses: []claimdesk.AddressEntry{book(claimdesk.BillingAddress, "Hjem", a), book(claimdesk.DeliveryAddress, "Hjem", a)},
	}, Users: []Person{{Name: name, Email: email}}}
}

// Customers returns the demo customers: consumers in every shop that sells
// to consumers, and companies with several users at dustin and belysning.
func Customers() []Customer {
	no, se, dk := claimdesk.Norway, claimdesk.Sweden, claimdesk.Denmark
	nordvik := addr("Nordvik Regnskap AS", "Storgata 12", "9008", "Tromsø", no)
	fjordlys := addr("Fjordlys Elektro AS", "Sandviksveien 41", "5035", "Bergen", no)
	fjordlysSite := addr("Fjordlys Elektro AS, byggeplass Kronstad", "Kronstadveien 4", "5053", "Bergen", no)
	interior := addr("Bryggen Interiørarkitekter AS", "Vetrlidsallmenningen 2", "5014", "Bergen", no)
	ljus := addr("Ljusdal Data AB", "Kungsgatan 8", "827 30", "Ljusdal", se)
	return []Customer{
		consumer("dustin", "D-10021", "Ingrid Haugen", "ingrid.haugen@example.net", "+47 912 34 567", no, claimdesk.Bokmal, addr("Ingrid Haugen", "Thereses gate 23B", "0358", "Oslo", no)),
		consumer("dustin", "D-10022", "Ola Nordmann Berg", "ola.berg@example.net", "+47 934 56 789", no, claimdesk.Nynorsk, addr("Ola Nordmann Berg", "Hjallavegen 3", "6856", "Sogndal", no)),
		{Shop: "dustin", Customer: claimdesk.Customer{
			ExternalID: "D-B-3001", Kind: claimdesk.Company, Name: "Nordvik Regnskap AS", Email: "post@nordvik-regnskap.example", Phone: "+47 77 60 12 00",
			OrgNumber: "933 118 207", Country: no, Lang: claimdesk.Bokmal,
			Addresses: []claimdesk.AddressEntry{book(claimdesk.BusinessAddress, "Forretningsadresse", nordvik), book(claimdesk.BillingAddress, "Faktura", nordvik), book(claimdesk.DeliveryAddress, "Kontoret", nordvik)},
		}, Users: []Person{
			{Name: "Sigrid Nordvik", Email: "sigrid@nordvik-regnskap.example", Role: "admin"},
			{Name: "Magnus Eriksen", Email: "magnus@nordvik-regnskap.example", Role: "buyer"},
			{Name: "Hanne Pettersen", Email: "hanne@nordvik-regnskap.example", Role: "viewer"},
		}},
		{Shop: "belysning", Customer: claimdesk.Customer{
			ExternalID: "B-2001", Kind: claimdesk.Company, Name: "Fjordlys Elektro AS", Email: "innkjop@fjordlys.example", Phone: "+47 55 20 31 40",
			OrgNumber: "976 543 211", VATNumber: "NO976543211MVA", Country: no, Lang: claimdesk.Bokmal,
			Addresses: []claimdesk.AddressEntry{
				book(claimdesk.BusinessAddress, "Forretningsadresse", fjordlys), book(claimdesk.BillingAddress, "Faktura", fjordlys),
				book(claimdesk.DeliveryAddress, "Lager", fjordlys), {Kind: claimdesk.DeliveryAddress, Label: "Byggeplass Kronstad", Address: fjordlysSite},
			},
		}, Users: []Person{
			{Name: "Kristian Solheim", Email: "kristian@fjordlys.example", Role: "admin"},
			{Name: "Line Vik", Email: "line@fjordlys.example", Role: "buyer"},
		}},
		{Shop: "belysning", Customer: claimdesk.Customer{
			ExternalID: "B-2002", Kind: claimdesk.Company, Name: "Bryggen Interiørarkitekter AS", Email: "post@bryggen-interior.example", Phone: "+47 55 30 90 10",
			OrgNumber: "910 293 842", Country: no, Lang: claimdesk.Bokmal,
			Addresses: []claimdesk.AddressEntry{book(claimdesk.BusinessAddress, "Kontor", interior), book(claimdesk.BillingAddress, "Faktura", interior), book(claimdesk.DeliveryAddress, "Kontor", interior)},
		}, Users: []Person{{Name: "Marte Lunde", Email: "marte@bryggen-interior.example", Role: "admin"}}},
		consumer("compumail", "C-55001", "Elin Johansson", "elin.johansson@example.org", "+46 70 123 45 67", se, claimdesk.Swedish, addr("Elin Johansson", "Vasagatan 14", "411 24", "Göteborg", se)),
		consumer("compumail", "C-55002", "Mikkel Sørensen", "mikkel.sorensen@example.org", "+45 21 43 65 87", dk, claimdesk.Danish, addr("Mikkel Sørensen", "Jægergårdsgade 88", "8000", "Aarhus C", dk)),
		{Shop: "compumail", Customer: claimdesk.Customer{
			ExternalID: "C-B-901", Kind: claimdesk.Company, Name: "Ljusdal Data AB", Email: "inkop@ljusdaldata.example", Phone: "+46 651 120 00",
			OrgNumber: "556123-4567", Country: se, Lang: claimdesk.Swedish,
			Addresses: []claimdesk.AddressEntry{book(claimdesk.BusinessAddress, "Kontor", ljus), book(claimdesk.BillingAddress, "Faktura", ljus), book(claimdesk.DeliveryAddress, "Kontor", ljus)},
		}, Users: []Person{{Name: "Per Lindqvist", Email: "per@ljusdaldata.example", Role: "admin"}}},
		consumer("digitallassmed", "L-7001", "Silje Bakken", "silje.bakken@example.net", "+47 482 11 223", no, claimdesk.Bokmal, addr("Silje Bakken", "Kirkeveien 61", "0364", "Oslo", no)),
		consumer("digitallassmed", "L-7002", "Jonas Aasen", "jonas.aasen@example.net", "+47 905 44 321", no, claimdesk.Bokmal, addr("Jonas Aasen", "Nedre Bakklandet 7", "7014", "Trondheim", no)),
	}
}

// Agents returns the demo shops' staff.
func Agents() map[string][]Person {
	return map[string][]Person{
		"dustin": {
			{Name: "Camilla Strand", Email: "camilla.strand@dustin.example", Role: "admin"},
			{Name: "Henrik Moe", Email: "henrik.moe@dustin.example", Role: "agent"},
			{Name: "Eva Lie", Email: "kundeombud@dustin.example", Role: "ombudsman"},
		},
		"belysning":      {{Name: "Tor Egil Rønning", Email: "tor.egil@belysning.example", Role: "admin"}, {Name: "Nina Dahl", Email: "nina.dahl@belysning.example", Role: "agent"}},
		"compumail":      {{Name: "Anders Kjær", Email: "anders.kjaer@compumail.example", Role: "admin"}, {Name: "Sofia Berglund", Email: "sofia.berglund@compumail.example", Role: "agent"}},
		"digitallassmed": {{Name: "Knut Hovland", Email: "knut.hovland@digitallassmed.example", Role: "admin"}, {Name: "Amira Haddad", Email: "amira.haddad@digitallassmed.example", Role: "agent"}},
	}
}
