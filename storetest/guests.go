package storetest

import (
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
)

// testGuestSessions: a session is a user's, or a guest's with a customer
// and one of its orders (migration 00007), never both and never neither.
func testGuestSessions(t *testing.T, open Opener) {
	e := newEnv(t, open)
	shop := e.shop("gjest")
	c := e.customer(shop.ID, "Kari Gjest")
	o := e.order(shop.ID, c.ID)
	u := &claimdesk.User{Kind: claimdesk.AgentUser, Email: "agent@gjest.no"}
	e.must(e.s.Users.CreateUser(e.ctx, u), "CreateUser")
	valid := func(hash string) claimdesk.Session {
		return claimdesk.Session{TokenHash: []byte(hash), CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
	}
	tests := []struct {
		name                string
		user, customer, ord int64
		code                claimdesk.Code
	}{
		{"guest", 0, c.ID, o.ID, ""},
		{"user", u.ID, 0, 0, ""},
		{"user and guest at once", u.ID, c.ID, o.ID, claimdesk.CodeInvalid},
		{"neither", 0, 0, 0, claimdesk.CodeInvalid},
		{"order without customer", 0, 0, o.ID, claimdesk.CodeInvalid},
		{"customer without order", 0, c.ID, 0, claimdesk.CodeInvalid},
		{"unknown order", 0, c.ID, o.ID + 1000, claimdesk.CodeInvalid},
		{"unknown customer", 0, c.ID + 1000, o.ID, claimdesk.CodeInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := valid("g-" + tt.name)
			s.UserID, s.CustomerID, s.OrderID = tt.user, tt.customer, tt.ord
			err := e.s.Sessions.CreateSession(e.ctx, &s)
			if tt.code != "" {
				wantCode(t, err, tt.code, "CreateSession")
				return
			}
			e.must(err, "CreateSession")
			got, err := e.s.Sessions.FindSession(e.ctx, s.TokenHash, t0.Add(time.Minute))
			e.must(err, "FindSession")
			if got.UserID != tt.user || got.CustomerID != tt.customer || got.OrderID != tt.ord {
				t.Errorf("found user %d customer %d order %d, want %d %d %d", got.UserID, got.CustomerID, got.OrderID, tt.user, tt.customer, tt.ord)
			}
		})
	}
	e.must(e.s.Sessions.DeleteUserSessions(e.ctx, u.ID), "DeleteUserSessions")
	_, err := e.s.Sessions.FindSession(e.ctx, []byte("g-guest"), t0)
	e.must(err, "a guest session survives signing out the users")
	e.must(e.s.Sessions.DeleteSession(e.ctx, []byte("g-guest")), "DeleteSession")
	_, err = e.s.Sessions.FindSession(e.ctx, []byte("g-guest"), t0)
	wantCode(t, err, claimdesk.CodeNotFound, "FindSession after signing the guest out")
}
