package storetest

import (
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
)

// testShopTerms: uploads per shop and version, one active version per
// shop, and a version value that moves on with every activation.
func testShopTerms(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	e.shop("s2")
	admin := &claimdesk.User{Kind: claimdesk.AgentUser, Email: "admin@s1.example", Name: "Åse Ødegård", Memberships: []claimdesk.Membership{{ShopID: "s1", Role: claimdesk.RoleAdmin}}}
	e.must(e.s.Users.CreateUser(e.ctx, admin), "CreateUser")
	v0, err := e.s.Terms.ShopTermsVersion(e.ctx)
	e.must(err, "ShopTermsVersion")
	src := "id = \"s1\"\nname = \"Vilkår for Sæl & Ål\"\n"
	a := &claimdesk.ShopTerms{ShopID: "s1", Version: "s1-2026-01", TermsID: "s1", Source: src, UploadedBy: admin.ID, CreatedAt: t0}
	b := &claimdesk.ShopTerms{ShopID: "s1", Version: "s1-2026-06", TermsID: "s1", Source: src + "# ny\n", CreatedAt: t0.Add(time.Hour)}
	c := &claimdesk.ShopTerms{ShopID: "s2", Version: "s1-2026-01", TermsID: "s2", Source: "id = \"s2\"\n", CreatedAt: t0}
	for _, x := range []*claimdesk.ShopTerms{a, b, c} {
		e.must(e.s.Terms.CreateShopTerms(e.ctx, x), "CreateShopTerms "+x.ShopID+" "+x.Version)
	}
	wantCode(t, e.s.Terms.CreateShopTerms(e.ctx, &claimdesk.ShopTerms{ShopID: "s1", Version: "s1-2026-01", Source: "x"}), claimdesk.CodeConflict, "CreateShopTerms of a taken version")
	wantCode(t, e.s.Terms.CreateShopTerms(e.ctx, &claimdesk.ShopTerms{ShopID: "nope", Version: "v", Source: "x"}), claimdesk.CodeInvalid, "CreateShopTerms for a missing shop")

	got, err := e.s.Terms.FindShopTerms(e.ctx, "s1", "s1-2026-01")
	e.must(err, "FindShopTerms")
	if got.Source != src || got.UploadedBy != admin.ID || got.Active || got.ActivatedAt != nil || got.TermsID != "s1" {
		t.Errorf("FindShopTerms = %+v", got)
	}
	sameTime(t, got.CreatedAt, t0, "CreatedAt")
	_, err = e.s.Terms.FindShopTerms(e.ctx, "s2", "s1-2026-06")
	wantCode(t, err, claimdesk.CodeNotFound, "FindShopTerms of another shop's version")
	list, err := e.s.Terms.ListShopTerms(e.ctx, "s1")
	e.must(err, "ListShopTerms")
	if len(list) != 2 || list[0].Version != b.Version || list[1].Version != a.Version {
		t.Errorf("ListShopTerms = %v, want newest first", ids(list, func(x *claimdesk.ShopTerms) any { return x.Version }))
	}
	if act, _ := e.s.Terms.ActiveShopTerms(e.ctx); len(act) != 0 {
		t.Errorf("active before any activation: %d", len(act))
	}

	at := t0.Add(2 * time.Hour)
	e.must(e.s.Terms.ActivateShopTerms(e.ctx, "s1", a.Version, at), "ActivateShopTerms a")
	e.must(e.s.Terms.ActivateShopTerms(e.ctx, "s2", c.Version, at), "ActivateShopTerms c")
	v1, _ := e.s.Terms.ShopTermsVersion(e.ctx)
	if v1 == v0 {
		t.Error("ShopTermsVersion did not change on activation")
	}
	e.must(e.s.Terms.ActivateShopTerms(e.ctx, "s1", b.Version, at.Add(time.Hour)), "ActivateShopTerms b")
	wantCode(t, e.s.Terms.ActivateShopTerms(e.ctx, "s1", "s1-1999", at), claimdesk.CodeNotFound, "ActivateShopTerms of a missing version")
	if v2, _ := e.s.Terms.ShopTermsVersion(e.ctx); v2 == v1 {
		t.Error("ShopTermsVersion did not change on the second activation")
	}
	act, err := e.s.Terms.ActiveShopTerms(e.ctx)
	e.must(err, "ActiveShopTerms")
	if len(act) != 2 || act[0].ShopID != "s1" || act[0].Version != b.Version || act[1].ShopID != "s2" || !act[0].Active || act[0].ActivatedAt == nil {
		t.Fatalf("ActiveShopTerms = %+v", act)
	}
	sameTime(t, *act[0].ActivatedAt, at.Add(time.Hour), "ActivatedAt")
	old, _ := e.s.Terms.FindShopTerms(e.ctx, "s1", a.Version)
	if old.Active {
		t.Error("the earlier version is still active")
	}
	// An activation that fails leaves the active version as it was.
	if act, _ := e.s.Terms.ActiveShopTerms(e.ctx); len(act) != 2 || act[0].Version != b.Version {
		t.Error("a failed activation changed the active terms")
	}
}
