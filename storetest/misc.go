package storetest

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
)

func testAPIKeys(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	e.shop("s2")
	k1 := &claimdesk.APIKey{ShopID: "s1", Name: "Nettbutikk", Prefix: "cd_live_ab", Hash: []byte{1, 2, 3, 0}, CreatedAt: t0}
	k2 := &claimdesk.APIKey{ShopID: "s1", Name: "ERP", Prefix: "cd_live_cd", Hash: []byte{4, 5, 6}, CreatedAt: t0.Add(time.Hour)}
	e.must(e.s.APIKeys.CreateAPIKey(e.ctx, k1), "CreateAPIKey")
	e.must(e.s.APIKeys.CreateAPIKey(e.ctx, k2), "CreateAPIKey")
	dup := &claimdesk.APIKey{ShopID: "s2", Name: "dup", Hash: []byte{1, 2, 3, 0}}
	wantCode(t, e.s.APIKeys.CreateAPIKey(e.ctx, dup), claimdesk.CodeConflict, "CreateAPIKey with a taken hash")
	got, err := e.s.APIKeys.FindAPIKeyByHash(e.ctx, []byte{1, 2, 3, 0})
	e.must(err, "FindAPIKeyByHash")
	if !reflect.DeepEqual(got, k1) {
		t.Errorf("FindAPIKeyByHash =\n%+v\nwant\n%+v", got, k1)
	}
	_, err = e.s.APIKeys.FindAPIKeyByHash(e.ctx, []byte{1, 2, 3})
	wantCode(t, err, claimdesk.CodeNotFound, "FindAPIKeyByHash of a missing hash")
	list, err := e.s.APIKeys.ListAPIKeys(e.ctx, "s1")
	e.must(err, "ListAPIKeys")
	if len(list) != 2 || list[0].ID != k2.ID || list[1].ID != k1.ID {
		t.Errorf("ListAPIKeys = %v, want newest first", ids(list, func(k *claimdesk.APIKey) any { return k.ID }))
	}
	at := t0.Add(2 * time.Hour)
	e.must(e.s.APIKeys.RevokeAPIKey(e.ctx, "s1", k1.ID, at), "RevokeAPIKey")
	wantCode(t, e.s.APIKeys.RevokeAPIKey(e.ctx, "s2", k2.ID, at), claimdesk.CodeNotFound, "RevokeAPIKey of another shop's key")
	wantCode(t, e.s.APIKeys.RevokeAPIKey(e.ctx, "s1", 99999, at), claimdesk.CodeNotFound, "RevokeAPIKey of a missing key")
	got, err = e.s.APIKeys.FindAPIKeyByHash(e.ctx, k1.Hash)
	e.must(err, "FindAPIKeyByHash revoked")
	if got.RevokedAt == nil {
		t.Fatal("RevokedAt not set")
	}
	sameTime(t, *got.RevokedAt, at, "RevokedAt")
}

func testIdempotency(t *testing.T, open Opener) {
	e := newEnv(t, open)
	r := &claimdesk.IdempotentResponse{Scope: "key:12", Key: "abc-123", RequestHash: []byte{9, 9}, Status: 201,
		Body: []byte(`{"id":1,"navn":"Ærlig"}`), CreatedAt: t0}
	e.must(e.s.Idempotency.SaveIdempotentResponse(e.ctx, r), "SaveIdempotentResponse")
	again := *r
	again.Status = 500
	wantCode(t, e.s.Idempotency.SaveIdempotentResponse(e.ctx, &again), claimdesk.CodeConflict, "SaveIdempotentResponse twice")
	other := *r
	other.Scope = "user:7"
	other.CreatedAt = t0.Add(time.Hour)
	e.must(e.s.Idempotency.SaveIdempotentResponse(e.ctx, &other), "same key in another scope")
	got, err := e.s.Idempotency.FindIdempotentResponse(e.ctx, "key:12", "abc-123")
	e.must(err, "FindIdempotentResponse")
	if !reflect.DeepEqual(got, r) {
		t.Errorf("FindIdempotentResponse =\n%+v\nwant\n%+v", got, r)
	}
	_, err = e.s.Idempotency.FindIdempotentResponse(e.ctx, "key:13", "abc-123")
	wantCode(t, err, claimdesk.CodeNotFound, "FindIdempotentResponse of a missing key")
	n, err := e.s.Idempotency.DeleteIdempotentResponsesBefore(e.ctx, t0.Add(time.Minute))
	e.must(err, "DeleteIdempotentResponsesBefore")
	if n != 1 {
		t.Errorf("deleted %d responses, want 1", n)
	}
	_, err = e.s.Idempotency.FindIdempotentResponse(e.ctx, "key:12", "abc-123")
	wantCode(t, err, claimdesk.CodeNotFound, "FindIdempotentResponse after expiry")
	_, err = e.s.Idempotency.FindIdempotentResponse(e.ctx, "user:7", "abc-123")
	e.must(err, "the newer response survives")
}

func testSessions(t *testing.T, open Opener) {
	e := newEnv(t, open)
	u := &claimdesk.User{Kind: claimdesk.AgentUser, Email: "a@desk.no"}
	e.must(e.s.Users.CreateUser(e.ctx, u), "CreateUser")
	s1 := &claimdesk.Session{TokenHash: []byte("hash-1"), UserID: u.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
	s2 := &claimdesk.Session{TokenHash: []byte("hash-2"), UserID: u.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
	e.must(e.s.Sessions.CreateSession(e.ctx, s1), "CreateSession")
	e.must(e.s.Sessions.CreateSession(e.ctx, s2), "CreateSession")
	wantCode(t, e.s.Sessions.CreateSession(e.ctx, &claimdesk.Session{TokenHash: []byte("x"), UserID: u.ID + 100,
		ExpiresAt: t0}), claimdesk.CodeInvalid, "CreateSession of a missing user")
	for _, tc := range []struct {
		name string
		now  time.Time
		code claimdesk.Code
	}{
		{"fresh", t0.Add(59 * time.Minute), ""},
		{"at expiry", t0.Add(time.Hour), claimdesk.CodeNotFound},
		{"expired", t0.Add(2 * time.Hour), claimdesk.CodeNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := e.s.Sessions.FindSession(e.ctx, []byte("hash-1"), tc.now)
			if tc.code != "" {
				wantCode(t, err, tc.code, "FindSession")
				return
			}
			e.must(err, "FindSession")
			if got.UserID != u.ID {
				t.Errorf("FindSession user = %d", got.UserID)
			}
			sameTime(t, got.ExpiresAt, t0.Add(time.Hour), "ExpiresAt")
		})
	}
	e.must(e.s.Sessions.DeleteSession(e.ctx, []byte("hash-1")), "DeleteSession")
	_, err := e.s.Sessions.FindSession(e.ctx, []byte("hash-1"), t0)
	wantCode(t, err, claimdesk.CodeNotFound, "FindSession after DeleteSession")
	_, err = e.s.Sessions.FindSession(e.ctx, []byte("hash-2"), t0)
	e.must(err, "the other session survives")
	e.must(e.s.Sessions.DeleteUserSessions(e.ctx, u.ID), "DeleteUserSessions")
	_, err = e.s.Sessions.FindSession(e.ctx, []byte("hash-2"), t0)
	wantCode(t, err, claimdesk.CodeNotFound, "FindSession after DeleteUserSessions")
}

func testArticles(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	e.shop("s2")
	versions := map[string]bool{}
	version := func(step string) {
		t.Helper()
		v, err := e.s.Articles.ArticlesVersion(e.ctx)
		e.must(err, "ArticlesVersion")
		if versions[v] {
			t.Errorf("ArticlesVersion after %s = %q, seen before", step, v)
		}
		versions[v] = true
	}
	version("start")
	a := &claimdesk.Article{ShopID: "s1", Slug: "angrerett", Title: "Angrerett", Body: "Du har 14 dagers angrerett.",
		Lang: claimdesk.Bokmal, Source: "terms", Position: 2, CreatedAt: t0, UpdatedAt: t0}
	b := &claimdesk.Article{ShopID: "s1", Slug: "reklamasjon", Title: "Reklamasjon", Lang: claimdesk.Bokmal, Position: 1}
	c := &claimdesk.Article{ShopID: "s2", Slug: "angrerett", Title: "Ångerrätt", Lang: claimdesk.Swedish}
	for _, x := range []*claimdesk.Article{a, b, c} {
		e.must(e.s.Articles.CreateArticle(e.ctx, x), "CreateArticle")
		version("create " + x.Slug)
	}
	dup := *a
	wantCode(t, e.s.Articles.CreateArticle(e.ctx, &dup), claimdesk.CodeConflict, "CreateArticle with a taken slug")
	got, err := e.s.Articles.FindArticle(e.ctx, "s1", a.ID)
	e.must(err, "FindArticle")
	if !reflect.DeepEqual(got, a) {
		t.Errorf("FindArticle =\n%+v\nwant\n%+v", got, a)
	}
	_, err = e.s.Articles.FindArticle(e.ctx, "s2", a.ID)
	wantCode(t, err, claimdesk.CodeNotFound, "FindArticle in another shop")
	list, err := e.s.Articles.ListArticles(e.ctx, "s1")
	e.must(err, "ListArticles")
	if len(list) != 2 || list[0].ID != b.ID || list[1].ID != a.ID {
		t.Errorf("ListArticles(s1) = %v, want by position", ids(list, func(a *claimdesk.Article) any { return a.Slug }))
	}
	list, err = e.s.Articles.ListArticles(e.ctx, "")
	e.must(err, "ListArticles all")
	if len(list) != 3 {
		t.Errorf("ListArticles(\"\") = %d articles, want 3", len(list))
	}
	a.Body = "Oppdatert"
	a.UpdatedAt = t0.Add(time.Hour)
	e.must(e.s.Articles.UpdateArticle(e.ctx, a), "UpdateArticle")
	version("update")
	wantCode(t, e.s.Articles.UpdateArticle(e.ctx, &claimdesk.Article{ID: 9999, ShopID: "s1", Slug: "x"}), claimdesk.CodeNotFound,
		"UpdateArticle of a missing article")
	e.must(e.s.Articles.DeleteArticle(e.ctx, "s1", b.ID), "DeleteArticle")
	version("delete")
	wantCode(t, e.s.Articles.DeleteArticle(e.ctx, "s1", b.ID), claimdesk.CodeNotFound, "DeleteArticle twice")
	// Deleting one and creating another keeps the count but must still change the version.
	d := &claimdesk.Article{ShopID: "s1", Slug: "ny", Title: "Ny"}
	e.must(e.s.Articles.CreateArticle(e.ctx, d), "CreateArticle")
	version("create after delete")
}

var errRollback = errors.New("roll back, please")

func testWithTx(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	var caseID, custID int64
	err := e.db.WithTx(e.ctx, func(s claimdesk.Stores) error {
		cu := &claimdesk.Customer{ShopID: "s1", ExternalID: "TX-1", Kind: claimdesk.Consumer, Name: "Tx"}
		if err := s.Customers.CreateCustomer(e.ctx, cu); err != nil {
			return err
		}
		custID = cu.ID
		c := e.newCase("s1", cu.ID)
		if err := s.Cases.CreateCase(e.ctx, c, []claimdesk.Event{{Type: "created"}}); err != nil {
			return err
		}
		caseID = c.ID
		if _, err := s.Cases.FindCase(e.ctx, c.ID); err != nil { // reads see the transaction's writes
			return err
		}
		if err := s.Meta.SetSetting(e.ctx, "tx", "1"); err != nil {
			return err
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		t.Fatalf("WithTx returned %v, want fn's error", err)
	}
	_, err = e.s.Customers.FindCustomer(e.ctx, custID)
	wantCode(t, err, claimdesk.CodeNotFound, "customer after rollback")
	_, err = e.s.Cases.FindCase(e.ctx, caseID)
	wantCode(t, err, claimdesk.CodeNotFound, "case after rollback")
	_, err = e.s.Meta.Setting(e.ctx, "tx")
	wantCode(t, err, claimdesk.CodeNotFound, "setting after rollback")

	// A failing statement inside rolls back the earlier ones too.
	err = e.db.WithTx(e.ctx, func(s claimdesk.Stores) error {
		if err := s.Meta.SetSetting(e.ctx, "tx", "2"); err != nil {
			return err
		}
		return s.Shops.CreateShop(e.ctx, &claimdesk.Shop{ID: "s1", Name: "dup", Country: "NO", Lang: "nb"})
	})
	wantCode(t, err, claimdesk.CodeConflict, "WithTx with a failing statement")
	_, err = e.s.Meta.Setting(e.ctx, "tx")
	wantCode(t, err, claimdesk.CodeNotFound, "setting after a failed transaction")

	err = e.db.WithTx(e.ctx, func(s claimdesk.Stores) error { return s.Meta.SetSetting(e.ctx, "tx", "3") })
	e.must(err, "WithTx commit")
	v, err := e.s.Meta.Setting(e.ctx, "tx")
	e.must(err, "Setting after commit")
	if v != "3" {
		t.Errorf("setting = %q, want 3", v)
	}
}

func testTimesUTC(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	cu := e.customer("s1", "Kari")
	for _, tc := range []struct {
		name string
		at   time.Time
	}{
		{"Oslo summer", time.Date(2026, 7, 1, 0, 30, 0, 0, oslo)},
		{"Oslo winter", time.Date(2026, 1, 1, 0, 30, 0, 999000, oslo)},
		{"Stockholm DST change", time.Date(2026, 3, 29, 3, 0, 0, 0, mustZone("Europe/Stockholm"))},
		{"fixed offset", time.Date(2026, 5, 18, 23, 59, 59, 1000, time.FixedZone("X", -7*3600))},
		{"UTC", time.Date(2026, 12, 31, 23, 59, 59, 999999000, time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := e.newCase("s1", cu.ID)
			due := tc.at
			c.CreatedAt, c.UpdatedAt, c.DueAt = tc.at, tc.at, &due
			e.createCase(c)
			got, err := e.s.Cases.FindCase(e.ctx, c.ID)
			e.must(err, "FindCase")
			sameTime(t, got.CreatedAt, tc.at, "CreatedAt")
			sameTime(t, *got.DueAt, tc.at, "DueAt")
			// An instant compares correctly against a parameter in another zone.
			n, err := e.s.Idempotency.DeleteIdempotentResponsesBefore(e.ctx, tc.at.In(time.UTC))
			e.must(err, "DeleteIdempotentResponsesBefore")
			_ = n
		})
	}
	// Sessions: expiry compares instants, not wall clocks.
	u := &claimdesk.User{Kind: claimdesk.AgentUser, Email: "utc@desk.no"}
	e.must(e.s.Users.CreateUser(e.ctx, u), "CreateUser")
	exp := time.Date(2026, 5, 18, 16, 0, 0, 0, oslo) // 14:00 UTC
	e.must(e.s.Sessions.CreateSession(e.ctx, &claimdesk.Session{TokenHash: []byte("z"), UserID: u.ID, CreatedAt: t0, ExpiresAt: exp}), "CreateSession")
	if _, err := e.s.Sessions.FindSession(e.ctx, []byte("z"), time.Date(2026, 5, 18, 14, 30, 0, 0, time.UTC)); !claimdesk.IsCode(err, claimdesk.CodeNotFound) {
		t.Errorf("session expiring 16:00 Oslo found at 14:30 UTC: %v", err)
	}
	if _, err := e.s.Sessions.FindSession(e.ctx, []byte("z"), time.Date(2026, 5, 18, 15, 30, 0, 0, oslo)); err != nil {
		t.Errorf("session expiring 16:00 Oslo not found at 15:30 Oslo: %v", err)
	}
}
