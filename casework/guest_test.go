package casework_test

import (
	"context"
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/storetest"
)

// guest signs in with an order number and email and returns the guest's
// context, as the session cookie would give it.
func (d *desk) guest(shop, number, email string) context.Context {
	d.t.Helper()
	token, _, err := d.svc.SignInWithOrder(context.Background(), shop, number, email)
	if err != nil {
		d.t.Fatalf("guest sign-in %s %s: %v", number, email, err)
	}
	a, err := d.svc.SessionActor(context.Background(), token)
	if err != nil {
		d.t.Fatal(err)
	}
	return claimdesk.WithActor(context.Background(), a)
}

// TestSignInWithOrder: the order number and the order's email sign in;
// anything else gets the same unauthenticated error, and repeated failures
// are throttled per order number and per address.
func TestSignInWithOrder(t *testing.T) {
	for name, open := range storetest.Dialects() {
		t.Run(name, func(t *testing.T) {
			d := newDesk(t, open)
			ingrid := "ingrid.haugen@example.net"
			tests := []struct {
				name, number, email string
				code                claimdesk.Code
			}{
				{"number and email", "5004127733", ingrid, ""},
				{"email in other case and spaces", " 5004127733 ", "  Ingrid.Haugen@Example.NET ", ""},
				{"wrong email", "5004127733", "ola.berg@example.net", claimdesk.CodeUnauthenticated},
				{"unknown number", "5009999999", ingrid, claimdesk.CodeUnauthenticated},
				{"another shop's order", "CM-880245", ingrid, claimdesk.CodeUnauthenticated},
				{"no number", "", ingrid, claimdesk.CodeInvalid},
				{"no email", "5004127733", "", claimdesk.CodeInvalid},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					token, o, err := d.svc.SignInWithOrder(context.Background(), "dustin", tt.number, tt.email)
					if tt.code != "" {
						if !claimdesk.IsCode(err, tt.code) {
							t.Fatalf("err %v, want %s", err, tt.code)
						}
						return
					}
					if err != nil || token == "" || o.ExternalID != "5004127733" {
						t.Fatalf("sign-in: %v", err)
					}
					a, err := d.svc.SessionActor(context.Background(), token)
					if err != nil || !a.Guest() || a.OrderID != o.ID || a.CustomerID != o.CustomerID || a.UserID != 0 {
						t.Fatalf("actor %+v, %v", a, err)
					}
				})
			}
			t.Run("throttled", func(t *testing.T) {
				for range 5 {
					_, _, err := d.svc.SignInWithOrder(context.Background(), "dustin", "5003988120", "guess@example.net")
					if !claimdesk.IsCode(err, claimdesk.CodeUnauthenticated) {
						t.Fatal(err)
					}
				}
				_, _, err := d.svc.SignInWithOrder(context.Background(), "dustin", "5003988120", ingrid)
				if !claimdesk.IsCode(err, claimdesk.CodeRateLimited) {
					t.Fatalf("after five wrong addresses for the order: %v, want rate_limited", err)
				}
				// The lock is per use: the withdrawal function, which
				// checks the same order number and email, still answers.
				_, err = d.svc.CheckWithdrawal(context.Background(), "dustin", casework.WithdrawalInput{Name: "Ingrid Haugen", OrderExternalID: "5003988120", Email: ingrid})
				if err != nil {
					t.Fatalf("withdrawal check after the sign-in lock: %v", err)
				}
			})
		})
	}
}

// TestGuestSeesOneOrder: a guest of order A sees A and its cases, opens
// cases on A and writes on them; B (the same customer's other order), B's
// cases, other customers' orders, the account and the company are hidden.
func TestGuestSeesOneOrder(t *testing.T) {
	for name, open := range storetest.Dialects() {
		t.Run(name, func(t *testing.T) {
			d := newDesk(t, open)
			ingrid := d.as("dustin", "ingrid.haugen@example.net")
			onB := d.open(ingrid, "dustin", casework.OpenCaseInput{Kind: claimdesk.KindGeneral, OrderExternalID: "5003988120", Description: "Spørsmål om garantien."})
			general := d.open(ingrid, "dustin", casework.OpenCaseInput{Kind: claimdesk.KindGeneral, Description: "Et spørsmål uten ordre."})
			g := d.guest("dustin", "5004127733", "ingrid.haugen@example.net")
			onA := d.open(g, "dustin", casework.OpenCaseInput{Kind: claimdesk.KindDefect, OrderExternalID: "5004127733",
				Lines: line("DELL-U2724D", 1), Description: "Skjermen flimrer når den har stått på en stund."})
			svc := d.svc
			tests := []struct {
				name string
				do   func() error
				code claimdesk.Code
			}{
				{"order A", func() error { _, err := svc.GetOrder(g, "dustin", "5004127733"); return err }, ""},
				{"order B of the same customer", func() error { _, err := svc.GetOrder(g, "dustin", "5003988120"); return err }, claimdesk.CodeNotFound},
				{"another customer's order", func() error { _, err := svc.GetOrder(g, "dustin", "5004131902"); return err }, claimdesk.CodeNotFound},
				{"case on A", func() error { _, err := svc.GetCase(g, onA.Number); return err }, ""},
				{"case on B", func() error { _, err := svc.GetCase(g, onB.Number); return err }, claimdesk.CodeNotFound},
				{"case on no order", func() error { _, err := svc.GetCase(g, general.Number); return err }, claimdesk.CodeNotFound},
				{"messages of the case on B", func() error { _, err := svc.CaseMessages(g, onB.Number); return err }, claimdesk.CodeNotFound},
				{"reply on A", func() error {
					_, err := svc.AddMessage(g, onA.Number, casework.MessageInput{Body: "Bilder kommer."})
					return err
				}, ""},
				{"reply on B", func() error {
					_, err := svc.AddMessage(g, onB.Number, casework.MessageInput{Body: "Hei."})
					return err
				}, claimdesk.CodeNotFound},
				{"open a case on B", func() error {
					_, err := svc.OpenCase(g, "dustin", casework.OpenCaseInput{Kind: claimdesk.KindGeneral, OrderExternalID: "5003988120", Description: "Hei."})
					return err
				}, claimdesk.CodeNotFound},
				{"open a case on no order", func() error {
					_, err := svc.OpenCase(g, "dustin", casework.OpenCaseInput{Kind: claimdesk.KindGeneral, Description: "Hei."})
					return err
				}, claimdesk.CodeNotFound},
				{"another shop", func() error { _, err := svc.GetOrder(g, "compumail", "CM-880245"); return err }, claimdesk.CodeForbidden},
				{"the account", func() error { _, err := svc.Me(g); return err }, claimdesk.CodeUnauthenticated},
				{"the company's users", func() error {
					_, err := svc.CompanyUsers(g, "dustin", claimdesk.ActorFrom(g).CustomerID)
					return err
				}, claimdesk.CodeNotFound},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					if got := claimdesk.ErrorCode(tt.do()); got != tt.code {
						t.Errorf("got %q, want %q", got, tt.code)
					}
				})
			}
			orders, _, err := svc.ListOrders(g, claimdesk.OrderFilter{ShopID: "dustin"})
			if err != nil || len(orders) != 1 || orders[0].ExternalID != "5004127733" {
				t.Errorf("order list %v, %v", orders, err)
			}
			cases, _, err := svc.ListCases(g, claimdesk.CaseFilter{})
			if err != nil || len(cases) != 1 || cases[0].Number != onA.Number {
				t.Errorf("case list %d cases, %v", len(cases), err)
			}
			c, err := svc.GetCustomer(g, "dustin", claimdesk.ActorFrom(g).CustomerID)
			if err != nil || len(c.Addresses) != 0 {
				t.Errorf("a guest's own customer: %v, %d addresses", err, len(c.Addresses))
			}
		})
	}
}
