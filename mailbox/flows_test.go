package mailbox_test

import (
	"context"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/mail"
	"github.com/claimdesk/claimdesk/storetest"
)

var linkRE = regexp.MustCompile(`https?://\S+token=[A-Za-z0-9_-]+`)

// lastLink returns the link in the last mail the SMTP server received.
func (d *desk) lastLink(t *testing.T) string {
	t.Helper()
	got := d.smtp.received()
	if len(got) == 0 {
		t.Fatal("no mail was sent")
	}
	in, err := mail.ParseInbound(got[len(got)-1].raw)
	if err != nil {
		t.Fatal(err)
	}
	link := linkRE.FindString(in.FullText)
	if link == "" {
		t.Fatalf("no link in:\n%s", in.FullText)
	}
	return link
}

func tokenOf(t *testing.T, link string) string {
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("token")
}

// TestAccountFlows: a sign-in link works once; a password reset sets a new
// password; a company admin's invitation lets a colleague set a password
// and sign in; an unknown address gets no mail and no hint.
func TestAccountFlows(t *testing.T) {
	for name, open := range storetest.Dialects() {
		t.Run(name, func(t *testing.T) {
			d := newDesk(t, open)
			ctx := context.Background()
			if err := d.svc.RequestAccountLink(ctx, "dustin", "ingrid.haugen@example.net", claimdesk.TokenSignIn); err != nil {
				t.Fatal(err)
			}
			d.runJobsAt(start.Add(time.Minute))
			token := tokenOf(t, d.lastLink(t))
			if _, u, err := d.svc.SignInWithToken(ctx, token); err != nil || u.Email != "ingrid.haugen@example.net" {
				t.Fatalf("sign in with the link: %v", err)
			}
			if _, _, err := d.svc.SignInWithToken(ctx, token); !claimdesk.IsCode(err, claimdesk.CodeUnauthenticated) {
				t.Errorf("the link worked twice: %v", err)
			}
			before := len(d.smtp.received())
			if err := d.svc.RequestAccountLink(ctx, "dustin", "nobody@example.net", claimdesk.TokenReset); err != nil {
				t.Errorf("an unknown address: %v", err)
			}
			d.runJobsAt(start.Add(2 * time.Minute))
			if len(d.smtp.received()) != before {
				t.Error("an unknown address got mail")
			}
			if err := d.svc.RequestAccountLink(ctx, "dustin", "ola.berg@example.net", claimdesk.TokenReset); err != nil {
				t.Fatal(err)
			}
			d.runJobsAt(start.Add(3 * time.Minute))
			if _, _, err := d.svc.SetPasswordWithToken(ctx, tokenOf(t, d.lastLink(t)), "kort"); !claimdesk.IsCode(err, claimdesk.CodeInvalid) {
				t.Errorf("a short password: %v", err)
			}
			if _, _, err := d.svc.SetPasswordWithToken(ctx, tokenOf(t, d.lastLink(t)), "et-godt-nytt-passord"); err != nil {
				t.Fatalf("reset: %v", err)
			}
			// The belysning admin invites a colleague, who sets a password and signs in.
			kristian := d.as("belysning", "kristian@fjordlys.example")
			company, err := d.db.Stores().Customers.FindCustomerByExternalID(ctx, "belysning", "B-2001")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := d.svc.InviteColleague(kristian, "belysning", company.ID, "ny.kollega@fjordlys.example", "Ny Kollega", claimdesk.CompanyBuyer); err != nil {
				t.Fatal(err)
			}
			d.runJobsAt(start.Add(4 * time.Minute))
			if _, u, err := d.svc.SetPasswordWithToken(ctx, tokenOf(t, d.lastLink(t)), "mitt-eget-passord"); err != nil || u.CustomerID != company.ID {
				t.Fatalf("accepting the invitation: %v", err)
			}
			if _, _, err := d.svc.Login(ctx, loginIn("belysning", "ny.kollega@fjordlys.example", "mitt-eget-passord")); err != nil {
				t.Errorf("the invited colleague cannot sign in: %v", err)
			}
		})
	}
}

func loginIn(shop, email, password string) casework.LoginInput {
	return casework.LoginInput{Kind: claimdesk.CustomerUser, ShopID: shop, Email: email, Password: password}
}
