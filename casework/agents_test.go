package casework_test

import (
	"context"
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/storetest"
)

// TestAgents: shop admins list, add, re-role and remove their shop's
// agents; nobody else may, and a shop never loses its last admin.
func TestAgents(t *testing.T) {
	d := newDesk(t, storetest.OpenSQLite)
	// Actors are read when a step runs: roles change along the way.
	camilla := func() context.Context { return d.as("", "camilla.strand@dustin.example") }
	henrik := func() context.Context { return d.as("", "henrik.moe@dustin.example") }
	knut := func() context.Context { return d.as("", "knut.hovland@digitallassmed.example") }
	anonymous := func() context.Context { return context.Background() }
	system := func() context.Context { return claimdesk.WithActor(context.Background(), claimdesk.System) }
	id := func(email string) int64 {
		u, err := d.db.Stores().Users.FindUserByEmail(context.Background(), claimdesk.AgentUser, "", email)
		if err != nil {
			t.Fatal(err)
		}
		return u.ID
	}
	camillaID, henrikID, evaID := id("camilla.strand@dustin.example"), id("henrik.moe@dustin.example"), id("kundeombud@dustin.example")

	t.Run("list", func(t *testing.T) {
		list, err := d.svc.ListAgents(camilla(), "dustin")
		if err != nil || len(list) != 3 || list[0].Name != "Camilla Strand" {
			t.Fatalf("ListAgents = %d agents, %v", len(list), err)
		}
		for _, ctx := range []func() context.Context{henrik, knut, anonymous} {
			if _, err := d.svc.ListAgents(ctx(), "dustin"); err == nil {
				t.Error("a non-admin lists the agents")
			}
		}
	})

	addTests := []struct {
		name    string
		ctx     func() context.Context
		in      casework.AgentInput
		code    claimdesk.Code
		field   string
		created bool
	}{
		{"new agent with a first password", camilla, casework.AgentInput{Email: "Jonas.Berg@dustin.example", Name: "Jonas Berg", Password: "forste-passord-1", Role: claimdesk.RoleAgent}, "", "", true},
		{"ombudsman role", camilla, casework.AgentInput{Email: "ombud2@dustin.example", Name: "Ola Ombud", Password: "forste-passord-1", Role: claimdesk.RoleOmbudsman}, "", "", true},
		{"agent of another shop joins", camilla, casework.AgentInput{Email: "knut.hovland@digitallassmed.example", Role: claimdesk.RoleLead}, "", "", false},
		{"already works here", camilla, casework.AgentInput{Email: "henrik.moe@dustin.example", Role: claimdesk.RoleLead}, claimdesk.CodeConflict, "email", false},
		{"unknown role", camilla, casework.AgentInput{Email: "x@dustin.example", Name: "X", Password: "forste-passord-1", Role: "boss"}, claimdesk.CodeInvalid, "role", false},
		{"short first password", camilla, casework.AgentInput{Email: "y@dustin.example", Name: "Y", Password: "kort", Role: claimdesk.RoleAgent}, claimdesk.CodeInvalid, "password", false},
		{"no name", camilla, casework.AgentInput{Email: "z@dustin.example", Password: "forste-passord-1", Role: claimdesk.RoleAgent}, claimdesk.CodeInvalid, "name", false},
		{"agent who is no admin", henrik, casework.AgentInput{Email: "w@dustin.example", Name: "W", Password: "forste-passord-1", Role: claimdesk.RoleAdmin}, claimdesk.CodeForbidden, "", false},
		{"admin of another shop", knut, casework.AgentInput{Email: "v@dustin.example", Name: "V", Password: "forste-passord-1", Role: claimdesk.RoleAgent}, claimdesk.CodeForbidden, "", false},
	}
	for _, tt := range addTests {
		t.Run("add/"+tt.name, func(t *testing.T) {
			u, created, err := d.svc.AddAgent(tt.ctx(), "dustin", tt.in)
			checkErr(t, err, tt.code, tt.field)
			if err != nil {
				return
			}
			if created != tt.created || u.RoleIn("dustin") != tt.in.Role {
				t.Errorf("created %v, role %q", created, u.RoleIn("dustin"))
			}
		})
	}
	if u, _ := d.db.Stores().Users.FindUser(context.Background(), id("knut.hovland@digitallassmed.example")); u.RoleIn("digitallassmed") != claimdesk.RoleAdmin {
		t.Error("joining dustin changed Knut's role at his own shop")
	}

	roleTests := []struct {
		name string
		ctx  func() context.Context
		user int64
		role claimdesk.AgentRole
		code claimdesk.Code
	}{
		{"an admin cannot demote themselves", camilla, camillaID, claimdesk.RoleAgent, claimdesk.CodeConflict},
		{"ombudsman becomes lead", camilla, evaID, claimdesk.RoleLead, ""},
		{"lead becomes ombudsman again", camilla, evaID, claimdesk.RoleOmbudsman, ""},
		{"unknown role", camilla, henrikID, "boss", claimdesk.CodeInvalid},
		{"agent who is no admin", henrik, henrikID, claimdesk.RoleAdmin, claimdesk.CodeForbidden},
		{"agent of another shop", camilla, id("amira.haddad@digitallassmed.example"), claimdesk.RoleLead, claimdesk.CodeNotFound},
		{"no such user", camilla, 999999, claimdesk.RoleLead, claimdesk.CodeNotFound},
		{"the system cannot demote the last admin", system, camillaID, claimdesk.RoleAgent, claimdesk.CodeConflict},
		{"a second admin", camilla, henrikID, claimdesk.RoleAdmin, ""},
		{"who may then demote the first", henrik, camillaID, claimdesk.RoleLead, ""},
	}
	for _, tt := range roleTests {
		t.Run("role/"+tt.name, func(t *testing.T) {
			u, err := d.svc.SetAgentRole(tt.ctx(), "dustin", tt.user, tt.role)
			checkErr(t, err, tt.code, "")
			if err == nil && u.RoleIn("dustin") != tt.role {
				t.Errorf("role %q", u.RoleIn("dustin"))
			}
		})
	}

	removeTests := []struct {
		name string
		ctx  func() context.Context
		user int64
		code claimdesk.Code
	}{
		{"nobody removes themselves", henrik, henrikID, claimdesk.CodeConflict},
		{"a former admin no longer may", camilla, evaID, claimdesk.CodeForbidden},
		{"the system cannot remove the last admin", system, henrikID, claimdesk.CodeConflict},
		{"the admin removes an agent from another shop's staff", henrik, id("knut.hovland@digitallassmed.example"), ""},
		{"removed already", henrik, id("knut.hovland@digitallassmed.example"), claimdesk.CodeNotFound},
	}
	for _, tt := range removeTests {
		t.Run("remove/"+tt.name, func(t *testing.T) {
			checkErr(t, d.svc.RemoveAgent(tt.ctx(), "dustin", tt.user), tt.code, "")
		})
	}
	if u, _ := d.db.Stores().Users.FindUser(context.Background(), id("knut.hovland@digitallassmed.example")); u.RoleIn("digitallassmed") != claimdesk.RoleAdmin || u.RoleIn("dustin") != "" {
		t.Errorf("after removal Knut has %v", u.Memberships)
	}
}

// checkErr checks an error's code (none for "") and, if given, its field.
func checkErr(t *testing.T, err error, code claimdesk.Code, field string) {
	t.Helper()
	if code == "" {
		if err != nil {
			t.Fatalf("unexpected error %v", err)
		}
		return
	}
	if !claimdesk.IsCode(err, code) {
		t.Fatalf("error %v, want %s", err, code)
	}
	if field == "" {
		return
	}
	e := err.(*claimdesk.Error)
	for _, f := range e.Fields {
		if f.Field == field {
			return
		}
	}
	t.Errorf("error %v has no field %s", err, field)
}
