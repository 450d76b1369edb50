package storetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
)

func testPing(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.must(e.db.Ping(e.ctx), "Ping")
	if d := e.db.Dialect(); d != "sqlite" && d != "postgres" {
		t.Errorf("Dialect() = %q", d)
	}
}

func testMeta(t *testing.T, open Opener) {
	e := newEnv(t, open)
	_, err := e.s.Meta.Setting(e.ctx, "demo.loaded")
	wantCode(t, err, claimdesk.CodeNotFound, "Setting of a missing key")
	for _, v := range []string{"1", "2 – æøå"} {
		e.must(e.s.Meta.SetSetting(e.ctx, "demo.loaded", v), "SetSetting")
		got, err := e.s.Meta.Setting(e.ctx, "demo.loaded")
		e.must(err, "Setting")
		if got != v {
			t.Errorf("Setting = %q, want %q", got, v)
		}
	}
	err = e.db.WithTx(e.ctx, func(s claimdesk.Stores) error {
		if err := s.Meta.Lock(e.ctx, "demo"); err != nil {
			return err
		}
		return s.Meta.SetSetting(e.ctx, "locked", "yes")
	})
	e.must(err, "Lock within WithTx")
}

func testShops(t *testing.T, open Opener) {
	e := newEnv(t, open)
	a := e.shop("dustin")
	e.shop("belysning")
	got, err := e.s.Shops.FindShop(e.ctx, "dustin")
	e.must(err, "FindShop")
	if !reflect.DeepEqual(got, a) {
		t.Errorf("FindShop =\n%+v\nwant\n%+v", got, a)
	}
	_, err = e.s.Shops.FindShop(e.ctx, "nope")
	wantCode(t, err, claimdesk.CodeNotFound, "FindShop of a missing shop")

	dup := *a
	dup.CasePrefix = "OTHER"
	wantCode(t, e.s.Shops.CreateShop(e.ctx, &dup), claimdesk.CodeConflict, "CreateShop with a taken id")
	dup = *a
	dup.ID = "another"
	wantCode(t, e.s.Shops.CreateShop(e.ctx, &dup), claimdesk.CodeConflict, "CreateShop with a taken prefix")

	a.Name, a.BusinessOnly, a.UpdatedAt = "Dustin Home", true, t0.Add(time.Hour)
	a.Brand = claimdesk.ShopBrand{Color: "#0b3d91"}
	e.must(e.s.Shops.UpdateShop(e.ctx, a), "UpdateShop")
	got, err = e.s.Shops.FindShop(e.ctx, "dustin")
	e.must(err, "FindShop")
	if got.Name != "Dustin Home" || !got.BusinessOnly || !got.UpdatedAt.Equal(t0.Add(time.Hour)) || got.Brand.Color != "#0b3d91" {
		t.Errorf("after UpdateShop: %+v", got)
	}
	sameTime(t, got.CreatedAt, t0, "CreatedAt")
	missing := *a
	missing.ID = "missing"
	wantCode(t, e.s.Shops.UpdateShop(e.ctx, &missing), claimdesk.CodeNotFound, "UpdateShop of a missing shop")

	list, err := e.s.Shops.ListShops(e.ctx)
	e.must(err, "ListShops")
	if len(list) != 2 || list[0].ID != "belysning" || list[1].ID != "dustin" {
		t.Errorf("ListShops = %v, want belysning, dustin", ids(list, func(s *claimdesk.Shop) any { return s.ID }))
	}
}

func ids[T any](xs []T, id func(T) any) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = id(x)
	}
	return out
}

func testCustomers(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	e.shop("s2")
	c := &claimdesk.Customer{
		ShopID: "s1", ExternalID: "K-1", Kind: claimdesk.Company, Name: "Fjord Rørlegger AS", Email: "Post@Fjord.no",
		OrgNumber: "998877665", Country: claimdesk.Norway, Lang: claimdesk.Bokmal, CreatedAt: t0, UpdatedAt: t0,
		LastActiveAt: t0,
		Addresses: []claimdesk.AddressEntry{
			{Kind: claimdesk.BusinessAddress, Label: "Hovedkontor", Default: true,
				Address: claimdesk.Address{Name: "Fjord Rørlegger", Street: "Kaigata 2", PostalCode: "5003", City: "Bergen", Country: claimdesk.Norway}},
			{Kind: claimdesk.DeliveryAddress, Label: "Lager",
				Address: claimdesk.Address{Name: "Lager", Street: "Sjøgata 9", PostalCode: "5004", City: "Bergen", Country: claimdesk.Norway}},
		},
	}
	e.must(e.s.Customers.CreateCustomer(e.ctx, c), "CreateCustomer")
	if c.ID == 0 || c.Addresses[0].ID == 0 || c.Addresses[1].CustomerID != c.ID {
		t.Fatalf("CreateCustomer did not set ids: %+v", c)
	}
	got, err := e.s.Customers.FindCustomer(e.ctx, c.ID)
	e.must(err, "FindCustomer")
	if !reflect.DeepEqual(got, c) {
		t.Errorf("FindCustomer =\n%+v\nwant\n%+v", got, c)
	}
	for _, tc := range []struct {
		name string
		find func() (*claimdesk.Customer, error)
		want int64
		code claimdesk.Code
	}{
		{"by external id", func() (*claimdesk.Customer, error) { return e.s.Customers.FindCustomerByExternalID(e.ctx, "s1", "K-1") }, c.ID, ""},
		{"by external id, other shop", func() (*claimdesk.Customer, error) {
			return e.s.Customers.FindCustomerByExternalID(e.ctx, "s2", "K-1")
		}, 0, claimdesk.CodeNotFound},
		{"by email, other case", func() (*claimdesk.Customer, error) {
			return e.s.Customers.FindCustomerByEmail(e.ctx, "s1", "post@fjord.NO")
		}, c.ID, ""},
		{"by email, missing", func() (*claimdesk.Customer, error) { return e.s.Customers.FindCustomerByEmail(e.ctx, "s1", "x@y.no") }, 0, claimdesk.CodeNotFound},
		{"by id, missing", func() (*claimdesk.Customer, error) { return e.s.Customers.FindCustomer(e.ctx, c.ID+1000) }, 0, claimdesk.CodeNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.find()
			if tc.code != "" {
				wantCode(t, err, tc.code, tc.name)
				return
			}
			if err != nil || got.ID != tc.want || len(got.Addresses) != 2 {
				t.Errorf("got %+v, %v; want id %d with 2 addresses", got, err, tc.want)
			}
		})
	}
	dup := &claimdesk.Customer{ShopID: "s1", ExternalID: "K-1", Kind: claimdesk.Consumer, Name: "Dup"}
	wantCode(t, e.s.Customers.CreateCustomer(e.ctx, dup), claimdesk.CodeConflict, "CreateCustomer with a taken external id")
	other := &claimdesk.Customer{ShopID: "s2", ExternalID: "K-1", Kind: claimdesk.Consumer, Name: "Other shop"}
	e.must(e.s.Customers.CreateCustomer(e.ctx, other), "CreateCustomer with the same external id in another shop")
	bad := &claimdesk.Customer{ShopID: "s1", Kind: "alien", Name: "Bad"}
	wantCode(t, e.s.Customers.CreateCustomer(e.ctx, bad), claimdesk.CodeInvalid, "CreateCustomer with a bad kind")

	// Update: keep the first address, drop the second, add a third.
	keep := c.Addresses[0]
	keep.Label = "HQ"
	c.Addresses = []claimdesk.AddressEntry{keep, {Kind: claimdesk.BillingAddress, Label: "Faktura",
		Address: claimdesk.Address{Name: "Fjord", Street: "Postboks 1", PostalCode: "5001", City: "Bergen", Country: claimdesk.Norway}}}
	c.Name, c.UpdatedAt = "Fjord Rør AS", t0.Add(time.Hour)
	e.must(e.s.Customers.UpdateCustomer(e.ctx, c), "UpdateCustomer")
	got, err = e.s.Customers.FindCustomer(e.ctx, c.ID)
	e.must(err, "FindCustomer")
	if got.Name != "Fjord Rør AS" || len(got.Addresses) != 2 || got.Addresses[0].ID != keep.ID ||
		got.Addresses[0].Label != "HQ" || got.Addresses[1].Kind != claimdesk.BillingAddress {
		t.Errorf("after UpdateCustomer: %+v", got)
	}
	sameTime(t, got.CreatedAt, t0, "CreatedAt after update")
	missing := *c
	missing.ID = c.ID + 1000
	wantCode(t, e.s.Customers.UpdateCustomer(e.ctx, &missing), claimdesk.CodeNotFound, "UpdateCustomer of a missing customer")
}

func testCustomerSearch(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	e.shop("s2")
	names := []string{"Åse Ødegård", "Björn Ängström", "Ærlig Handel AS", "Ola Nordmann", "Kari Hansen"}
	for _, n := range names {
		e.customer("s1", n)
	}
	e.customer("s2", "Åse i annen butikk")
	for _, tc := range []struct {
		query string
		want  int
	}{
		{"ÅSE", 1}, {"ødegård", 1}, {"ÄNGSTRÖM", 1}, {"ærlig", 1}, {"ÆRLIG", 1}, {"nordmann", 1},
		{"example.no", len(names)}, {"%", 0}, {"_", 0}, {"", len(names)},
	} {
		t.Run(tc.query, func(t *testing.T) {
			got, next, err := e.s.Customers.FindCustomers(e.ctx, claimdesk.CustomerFilter{ShopID: "s1", Query: tc.query})
			e.must(err, "FindCustomers")
			if len(got) != tc.want || next != 0 {
				t.Errorf("FindCustomers(%q) = %d customers (next %d), want %d", tc.query, len(got), next, tc.want)
			}
		})
	}
	// Pages of two, ordered by id, no duplicates, no gaps.
	var seen []int64
	var after int64
	for page := 0; ; page++ {
		got, next, err := e.s.Customers.FindCustomers(e.ctx, claimdesk.CustomerFilter{ShopID: "s1", After: after, Limit: 2})
		e.must(err, "FindCustomers page")
		for _, c := range got {
			seen = append(seen, c.ID)
		}
		if next == 0 {
			break
		}
		after = next
		if page > 10 {
			t.Fatal("too many pages")
		}
	}
	if len(seen) != len(names) {
		t.Fatalf("paged through %d customers, want %d", len(seen), len(names))
	}
	for i := 1; i < len(seen); i++ {
		if seen[i] <= seen[i-1] {
			t.Errorf("pages not in id order: %v", seen)
		}
	}
	got, _, err := e.s.Customers.FindCustomers(e.ctx, claimdesk.CustomerFilter{ShopID: "s1", Kind: claimdesk.Company})
	e.must(err, "FindCustomers by kind")
	if len(got) != 0 {
		t.Errorf("companies = %d, want 0", len(got))
	}
}

func testUsers(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	e.shop("s2")
	co := e.customer("s1", "Firma AS")
	agent := &claimdesk.User{Kind: claimdesk.AgentUser, Email: "Agent@Desk.no", Name: "Agnes", PasswordHash: "h1",
		Memberships: []claimdesk.Membership{{ShopID: "s1", Role: claimdesk.RoleLead}, {ShopID: "s2", Role: claimdesk.RoleAgent}},
		CreatedAt:   t0}
	e.must(e.s.Users.CreateUser(e.ctx, agent), "CreateUser agent")
	buyer := &claimdesk.User{Kind: claimdesk.CustomerUser, ShopID: "s1", Email: "buyer@firma.no", Name: "Bo",
		CustomerID: co.ID, CompanyRole: claimdesk.CompanyBuyer, CreatedAt: t0}
	e.must(e.s.Users.CreateUser(e.ctx, buyer), "CreateUser buyer")

	for _, tc := range []struct {
		name string
		u    *claimdesk.User
		code claimdesk.Code
	}{
		{"agent email taken (other case)", &claimdesk.User{Kind: claimdesk.AgentUser, Email: "agent@desk.NO"}, claimdesk.CodeConflict},
		{"customer email taken in shop", &claimdesk.User{Kind: claimdesk.CustomerUser, ShopID: "s1", Email: "buyer@firma.no"}, claimdesk.CodeConflict},
		{"customer email free in other shop", &claimdesk.User{Kind: claimdesk.CustomerUser, ShopID: "s2", Email: "buyer@firma.no"}, ""},
		{"customer with agent's email", &claimdesk.User{Kind: claimdesk.CustomerUser, ShopID: "s1", Email: "agent@desk.no"}, ""},
		{"bad role", &claimdesk.User{Kind: claimdesk.AgentUser, Email: "r@desk.no",
			Memberships: []claimdesk.Membership{{ShopID: "s1", Role: "boss"}}}, claimdesk.CodeInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := e.s.Users.CreateUser(e.ctx, tc.u)
			if tc.code == "" {
				e.must(err, "CreateUser")
				return
			}
			wantCode(t, err, tc.code, "CreateUser")
		})
	}
	got, err := e.s.Users.FindUser(e.ctx, agent.ID)
	e.must(err, "FindUser")
	if !reflect.DeepEqual(got, agent) {
		t.Errorf("FindUser =\n%+v\nwant\n%+v", got, agent)
	}
	_, err = e.s.Users.FindUser(e.ctx, agent.ID+1000)
	wantCode(t, err, claimdesk.CodeNotFound, "FindUser of a missing user")
	got, err = e.s.Users.FindUserByEmail(e.ctx, claimdesk.AgentUser, "", "AGENT@desk.no")
	e.must(err, "FindUserByEmail agent")
	if got.ID != agent.ID {
		t.Errorf("FindUserByEmail agent = %d, want %d", got.ID, agent.ID)
	}
	got, err = e.s.Users.FindUserByEmail(e.ctx, claimdesk.CustomerUser, "s1", "buyer@firma.no")
	e.must(err, "FindUserByEmail customer")
	if got.ID != buyer.ID || got.CustomerID != co.ID || got.CompanyRole != claimdesk.CompanyBuyer {
		t.Errorf("FindUserByEmail customer = %+v", got)
	}
	_, err = e.s.Users.FindUserByEmail(e.ctx, claimdesk.CustomerUser, "s2", "nobody@firma.no")
	wantCode(t, err, claimdesk.CodeNotFound, "FindUserByEmail of a missing user")

	users, err := e.s.Users.FindUsersByCustomer(e.ctx, co.ID)
	e.must(err, "FindUsersByCustomer")
	if len(users) != 1 || users[0].ID != buyer.ID {
		t.Errorf("FindUsersByCustomer = %v", ids(users, func(u *claimdesk.User) any { return u.ID }))
	}
	agents, err := e.s.Users.FindAgents(e.ctx, "s2")
	e.must(err, "FindAgents")
	if len(agents) != 1 || agents[0].RoleIn("s2") != claimdesk.RoleAgent || agents[0].RoleIn("s1") != claimdesk.RoleLead {
		t.Errorf("FindAgents = %+v", agents)
	}

	agent.Name, agent.PasswordHash = "Agnes N.", "h2"
	agent.Memberships = []claimdesk.Membership{{ShopID: "s1", Role: claimdesk.RoleAdmin}}
	e.must(e.s.Users.UpdateUser(e.ctx, agent), "UpdateUser")
	got, err = e.s.Users.FindUser(e.ctx, agent.ID)
	e.must(err, "FindUser")
	if got.Name != "Agnes N." || got.PasswordHash != "h2" || len(got.Memberships) != 1 || got.RoleIn("s1") != claimdesk.RoleAdmin {
		t.Errorf("after UpdateUser: %+v", got)
	}
	agents, err = e.s.Users.FindAgents(e.ctx, "s2")
	e.must(err, "FindAgents")
	if len(agents) != 0 {
		t.Errorf("FindAgents(s2) after removing the membership = %d agents", len(agents))
	}
	wantCode(t, e.s.Users.UpdateUser(e.ctx, &claimdesk.User{ID: agent.ID + 1000, Email: "x@y.no"}), claimdesk.CodeNotFound,
		"UpdateUser of a missing user")

	login := time.Date(2026, 6, 1, 9, 0, 0, 0, oslo)
	e.must(e.s.Users.TouchLogin(e.ctx, agent.ID, login), "TouchLogin")
	got, err = e.s.Users.FindUser(e.ctx, agent.ID)
	e.must(err, "FindUser")
	if got.LastLoginAt == nil {
		t.Fatal("LastLoginAt not set")
	}
	sameTime(t, *got.LastLoginAt, login, "LastLoginAt")
}
