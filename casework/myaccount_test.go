package casework_test

import (
	"context"
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/storetest"
)

// Demo logins the account tests act as.
const (
	ingridMail = "ingrid.haugen@example.net"       // consumer at dustin
	sigridMail = "sigrid@nordvik-regnskap.example" // Nordvik's admin
	magnusMail = "magnus@nordvik-regnskap.example" // Nordvik's buyer
	hanneMail  = "hanne@nordvik-regnskap.example"  // Nordvik's viewer
)

// withPassword gives a demo login a real password (the demo's hashes are
// placeholders) and signs it in, returning its context.
func (d *desk) withPassword(email, password string) context.Context {
	d.t.Helper()
	ctx := context.Background()
	u, err := d.db.Stores().Users.FindUserByEmail(ctx, claimdesk.CustomerUser, "dustin", email)
	if err != nil {
		d.t.Fatal(err)
	}
	if u.PasswordHash, err = casework.HashPassword(password); err != nil {
		d.t.Fatal(err)
	}
	if err := d.db.Stores().Users.UpdateUser(ctx, u); err != nil {
		d.t.Fatal(err)
	}
	return d.signedIn(email, password)
}

func (d *desk) signedIn(email, password string) context.Context {
	d.t.Helper()
	token, _, err := d.svc.Login(context.Background(), casework.LoginInput{Kind: claimdesk.CustomerUser, ShopID: "dustin", Email: email, Password: password})
	if err != nil {
		d.t.Fatalf("sign-in of %s: %v", email, err)
	}
	return d.session(token)
}

func (d *desk) session(token string) context.Context {
	d.t.Helper()
	a, err := d.svc.SessionActor(context.Background(), token)
	if err != nil {
		d.t.Fatal(err)
	}
	return claimdesk.WithActor(context.Background(), a)
}

type accountCase struct {
	name string
	ctx  context.Context
	do   func(ctx context.Context) error
	code claimdesk.Code
}

func runAccountCases(t *testing.T, cases []accountCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			if got := claimdesk.ErrorCode(tt.do(tt.ctx)); got != tt.code {
				t.Errorf("got %q, want %q", got, tt.code)
			}
		})
	}
}

// TestMyAccount: who may change which part of an account. Profile and
// password are the signed-in user's own; a consumer keeps their address
// book, a company's is its admins'; company admins change colleagues' roles
// and disable them, never their own login; guests and agents have no
// account here. (The "last admin" rule cannot be reached through these
// use-cases, since the admin acting is always another enabled admin; it
// guards against a future one.)
func TestMyAccount(t *testing.T) {
	for name, open := range storetest.Dialects() {
		t.Run(name, func(t *testing.T) {
			d := newDesk(t, open)
			ingrid := d.as("dustin", ingridMail)
			sigrid, magnus, hanne := d.as("dustin", sigridMail), d.as("dustin", magnusMail), d.as("dustin", hanneMail)
			guest := d.guest("dustin", "5004127733", ingridMail)
			agent := d.as("", "henrik.moe@dustin.example")
			anon := context.Background()
			svc := d.svc
			ingridID := claimdesk.ActorFrom(ingrid).CustomerID
			nordvikID := claimdesk.ActorFrom(sigrid).CustomerID
			home := claimdesk.Address{Name: "Ingrid Haugen", Street: "Storgata 1", PostalCode: "0155", City: "Oslo", Country: claimdesk.Norway}
			profile := func(in casework.ProfileInput) func(context.Context) error {
				return func(ctx context.Context) error { _, err := svc.UpdateMyProfile(ctx, in); return err }
			}
			address := func(customerID int64, e claimdesk.AddressEntry) func(context.Context) error {
				return func(ctx context.Context) error { _, err := svc.SaveAddress(ctx, "dustin", customerID, e); return err }
			}
			role := func(email string, r claimdesk.CompanyRole) func(context.Context) error {
				return func(ctx context.Context) error {
					_, err := svc.UpdateCompanyUser(ctx, "dustin", claimdesk.ActorFrom(d.as("dustin", email)).UserID, r)
					return err
				}
			}
			disable := func(email string, off bool) func(context.Context) error {
				return func(ctx context.Context) error {
					_, err := svc.SetCompanyUserDisabled(ctx, "dustin", claimdesk.ActorFrom(d.as("dustin", email)).UserID, off)
					return err
				}
			}
			delivery := claimdesk.AddressEntry{Kind: claimdesk.DeliveryAddress, Label: "Hytta", Default: true, Address: home}
			runAccountCases(t, []accountCase{
				{"own profile", ingrid, profile(casework.ProfileInput{Name: "Ingrid H. Haugen", Phone: "+47 912 00 000", Lang: claimdesk.Nynorsk}), ""},
				{"profile without a name", ingrid, profile(casework.ProfileInput{Name: " "}), claimdesk.CodeInvalid},
				{"profile in an unknown language", ingrid, profile(casework.ProfileInput{Name: "Ingrid", Lang: "de"}), claimdesk.CodeInvalid},
				{"guest's profile", guest, profile(casework.ProfileInput{Name: "X"}), claimdesk.CodeUnauthenticated},
				{"agent's profile here", agent, profile(casework.ProfileInput{Name: "X"}), claimdesk.CodeUnauthenticated},
				{"anonymous profile", anon, profile(casework.ProfileInput{Name: "X"}), claimdesk.CodeUnauthenticated},

				{"consumer adds an address", ingrid, address(ingridID, delivery), ""},
				{"consumer adds a business address", ingrid, address(ingridID, claimdesk.AddressEntry{Kind: claimdesk.BusinessAddress, Address: home}), claimdesk.CodeInvalid},
				{"address without a street", ingrid, address(ingridID, claimdesk.AddressEntry{Kind: claimdesk.DeliveryAddress, Address: claimdesk.Address{Name: "I", City: "Oslo", PostalCode: "0155"}}), claimdesk.CodeInvalid},
				{"consumer edits an address not theirs", ingrid, address(ingridID, claimdesk.AddressEntry{ID: 999999, Kind: claimdesk.DeliveryAddress, Address: home}), claimdesk.CodeNotFound},
				{"consumer in a company's book", ingrid, address(nordvikID, delivery), claimdesk.CodeNotFound},
				{"company admin adds an address", sigrid, address(nordvikID, claimdesk.AddressEntry{Kind: claimdesk.BusinessAddress, Label: "Filial", Address: home}), ""},
				{"company buyer adds an address", magnus, address(nordvikID, delivery), claimdesk.CodeForbidden},
				{"company viewer adds an address", hanne, address(nordvikID, delivery), claimdesk.CodeForbidden},
				{"guest adds an address", guest, address(ingridID, delivery), claimdesk.CodeUnauthenticated},

				{"admin makes a buyer viewer", sigrid, role(magnusMail, claimdesk.CompanyViewer), ""},
				{"admin makes a viewer buyer", sigrid, role(hanneMail, claimdesk.CompanyBuyer), ""},
				{"admin gives an unknown role", sigrid, role(hanneMail, "owner"), claimdesk.CodeInvalid},
				{"admin changes their own role", sigrid, role(sigridMail, claimdesk.CompanyBuyer), claimdesk.CodeInvalid},
				{"admin changes another company's user", sigrid, role(ingridMail, claimdesk.CompanyBuyer), claimdesk.CodeNotFound},
				{"buyer changes a role", hanne, role(magnusMail, claimdesk.CompanyAdmin), claimdesk.CodeForbidden},
				{"consumer changes a role", ingrid, role(hanneMail, claimdesk.CompanyAdmin), claimdesk.CodeForbidden},
				{"guest changes a role", guest, role(hanneMail, claimdesk.CompanyAdmin), claimdesk.CodeUnauthenticated},
				{"admin disables a colleague", sigrid, disable(hanneMail, true), ""},
				{"admin disables themself", sigrid, disable(sigridMail, true), claimdesk.CodeInvalid},
				{"admin enables a colleague", sigrid, disable(hanneMail, false), ""},
				{"viewer disables a colleague", magnus, disable(hanneMail, true), claimdesk.CodeForbidden},
			})

			c, err := svc.GetCustomer(ingrid, "dustin", ingridID)
			if err != nil {
				t.Fatal(err)
			}
			defaults := 0
			for _, a := range c.Addresses {
				if a.Kind == claimdesk.DeliveryAddress && a.Default {
					defaults++
					if a.Label != "Hytta" {
						t.Errorf("the default delivery address is %q, want the new one", a.Label)
					}
				}
			}
			if defaults != 1 {
				t.Errorf("%d default delivery addresses, want 1", defaults)
			}
			n := len(c.Addresses)
			if c, err = svc.DeleteAddress(ingrid, "dustin", ingridID, c.Addresses[0].ID); err != nil || len(c.Addresses) != n-1 {
				t.Errorf("delete an address: %v", err)
			}
			if _, err := svc.DeleteAddress(magnus, "dustin", nordvikID, 1); !claimdesk.IsCode(err, claimdesk.CodeForbidden) {
				t.Errorf("a company buyer deletes an address: %v", err)
			}
		})
	}
}

// TestChangePasswordAndDeletion: a password change needs the current one
// and signs out every other session; an account deletion request, confirmed
// with the password, puts a case in the shop's queue and disables the login.
func TestChangePasswordAndDeletion(t *testing.T) {
	for name, open := range storetest.Dialects() {
		t.Run(name, func(t *testing.T) {
			d := newDesk(t, open)
			ingrid := d.withPassword(ingridMail, "gammelt passord 1")
			otherToken, _, err := d.svc.Login(context.Background(), casework.LoginInput{Kind: claimdesk.CustomerUser, ShopID: "dustin", Email: ingridMail, Password: "gammelt passord 1"})
			if err != nil {
				t.Fatal(err)
			}
			change := func(cur, next string) func(context.Context) error {
				return func(ctx context.Context) error { _, err := d.svc.ChangePassword(ctx, cur, next); return err }
			}
			runAccountCases(t, []accountCase{
				{"wrong current password", ingrid, change("feil passord", "nytt passord 123"), claimdesk.CodeInvalid},
				{"too short", ingrid, change("gammelt passord 1", "kort"), claimdesk.CodeInvalid},
				{"guest", d.guest("dustin", "5004127733", ingridMail), change("gammelt passord 1", "nytt passord 123"), claimdesk.CodeUnauthenticated},
			})
			token, err := d.svc.ChangePassword(ingrid, "gammelt passord 1", "nytt passord 123")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := d.svc.SessionActor(context.Background(), otherToken); !claimdesk.IsCode(err, claimdesk.CodeUnauthenticated) {
				t.Errorf("another session after the change: %v", err)
			}
			ingrid = d.session(token)
			if _, _, err := d.svc.ListCases(ingrid, claimdesk.CaseFilter{}); err != nil {
				t.Errorf("the new session: %v", err)
			}
			if _, _, err := d.svc.Login(context.Background(), casework.LoginInput{Kind: claimdesk.CustomerUser, ShopID: "dustin", Email: ingridMail, Password: "gammelt passord 1"}); err == nil {
				t.Error("the old password still signs in")
			}

			// Deletion.
			hanne := d.withPassword(hanneMail, "se men ikke røre")
			if _, err := d.svc.RequestAccountDeletion(hanne, "feil"); !claimdesk.IsCode(err, claimdesk.CodeInvalid) {
				t.Errorf("deletion with a wrong password: %v", err)
			}
			if _, err := d.svc.RequestAccountDeletion(d.guest("dustin", "5004127733", ingridMail), "x"); !claimdesk.IsCode(err, claimdesk.CodeUnauthenticated) {
				t.Errorf("deletion by a guest: %v", err)
			}
			kase, err := d.svc.RequestAccountDeletion(hanne, "se men ikke røre")
			if err != nil {
				t.Fatalf("a company viewer asks for deletion: %v", err)
			}
			if kase.Kind != claimdesk.KindGeneral || kase.Subject != "Ønsker å slette kontoen" {
				t.Errorf("deletion case %s %q", kase.Kind, kase.Subject)
			}
			queue, _, err := d.svc.ListCases(d.as("", "henrik.moe@dustin.example"), claimdesk.CaseFilter{Query: kase.Number})
			if err != nil || len(queue) != 1 {
				t.Errorf("staff see the request in the queue: %d, %v", len(queue), err)
			}
			if _, _, err := d.svc.Login(context.Background(), casework.LoginInput{Kind: claimdesk.CustomerUser, ShopID: "dustin", Email: hanneMail, Password: "se men ikke røre"}); err == nil {
				t.Error("a login whose deletion was requested still signs in")
			}
		})
	}
}
