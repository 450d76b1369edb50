package mailbox_test

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/mail"
	"github.com/claimdesk/claimdesk/mailbox"
	"github.com/claimdesk/claimdesk/notify"
	"github.com/claimdesk/claimdesk/storetest"
	"github.com/emersion/go-smtp"
)

// TestNoServerFailsClearly: with neither a shop nor an instance server, a
// notification is marked failed with a clear error and not retried.
func TestNoServerFailsClearly(t *testing.T) {
	d := newDesk(t, storetest.OpenSQLite)
	d.opts.SMTPURL = ""
	d.restart()
	c, err := d.svc.OpenCase(d.as("digitallassmed", "silje.bakken@example.net"), "digitallassmed", casework.OpenCaseInput{
		Kind: claimdesk.KindWithdrawal, OrderExternalID: "DL-100457", Lines: []claimdesk.CaseLine{{SKU: "LAS-ASSA-2000", Quantity: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	d.runJobsAt(start.Add(time.Second))
	d.runJobsAt(start.Add(time.Hour))
	box := d.outbox(c.ID)
	if box[0].Status != claimdesk.MailFailed || !strings.Contains(box[0].LastError, "no SMTP server") {
		t.Errorf("status %s, error %q", box[0].Status, box[0].LastError)
	}
	js, _ := d.db.Stores().Jobs.FindJobs(context.Background(), "mail:")
	if len(js) != 1 || js[0].Outcome != claimdesk.JobFailed || js[0].Attempts != 1 {
		t.Errorf("job %+v, want failed after one attempt", js[0])
	}
}

// TestAccountMail: account messages go through the outbox without a case,
// and a non-account kind is refused.
func TestAccountMail(t *testing.T) {
	tests := []struct {
		name    string
		kind    notify.Kind
		data    notify.Data
		wantErr claimdesk.Code
	}{
		{"sign-in link", notify.SignInLink, notify.Data{LinkURL: "https://desk.example/login/abc", LinkMins: 15}, ""},
		{"password reset", notify.PasswordReset, notify.Data{LinkURL: "https://desk.example/reset/abc", LinkMins: 60}, ""},
		{"invitation without company", notify.Invitation, notify.Data{LinkURL: "https://desk.example/invite/abc"}, claimdesk.CodeInvalid},
		{"not an account message", notify.CaseClosed, notify.Data{}, claimdesk.CodeInvalid},
	}
	d := newDesk(t, storetest.OpenSQLite)
	ctx := context.Background()
	shop, err := d.db.Stores().Shops.FindShop(ctx, "digitallassmed")
	if err != nil {
		t.Fatal(err)
	}
	sent := 0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := d.db.WithTx(ctx, func(tx claimdesk.Stores) error {
				return d.mailer.QueueAccountMail(ctx, tx, shop, tt.kind, mail.Address{Name: "Silje", Email: "silje.bakken@example.net"}, claimdesk.Bokmal, tt.data)
			})
			if tt.wantErr != "" {
				if !claimdesk.IsCode(err, tt.wantErr) {
					t.Errorf("err %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			sent++
			d.runJobsAt(start.Add(time.Duration(sent) * time.Minute))
			got := d.smtp.received()
			if len(got) != sent {
				t.Fatalf("server has %d messages, want %d", len(got), sent)
			}
			in, err := mail.ParseInbound(got[sent-1].raw)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(in.FullText, tt.data.LinkURL) || len(in.ReplyTo) != 0 {
				t.Errorf("body without the link or with a per-case Reply-To %v:\n%s", in.ReplyTo, in.FullText)
			}
		})
	}
}

// TestRunPollsShops: Run polls the mailbox of each shop that has one and
// stops with its context.
func TestRunPollsShops(t *testing.T) {
	d := newDesk(t, storetest.OpenSQLite)
	box := startIMAP(t)
	box.deliver(t, corpus(t, "14-missing-item-da.eml", "support@compumail.example", "kundeservice@digitallassmed.example"))
	ctx, cancel := context.WithCancel(context.Background())
	shops := []*claimdesk.Shop{{ID: "digitallassmed"}, {ID: "nomail"}}
	done := make(chan struct{})
	go func() { d.mailer.Run(ctx, shops[:1], box.url, 50*time.Millisecond); close(done) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		n, _ := d.db.Stores().Cases.CountCases(context.Background(), claimdesk.CaseFilter{ShopIDs: []string{"digitallassmed"}, Query: "Manglende vare"})
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the polled message opened no case")
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not stop")
	}
	// A shop with no mailbox and no default is skipped: Run returns at once.
	d.mailer.Run(context.Background(), shops[1:], "", time.Second)
}

// TestLifecycleMail: each step of a withdrawal that the customer should
// hear about adds one mail, threaded to the one before.
func TestLifecycleMail(t *testing.T) {
	d := newDesk(t, storetest.OpenSQLite)
	silje := d.as("digitallassmed", "silje.bakken@example.net")
	agent := d.as("", "knut.hovland@digitallassmed.example")
	c, err := d.svc.OpenCase(silje, "digitallassmed", casework.OpenCaseInput{Kind: claimdesk.KindWithdrawal, OrderExternalID: "DL-100457",
		Lines: []claimdesk.CaseLine{{SKU: "LAS-ASSA-2000", Quantity: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		do   func() error
		kind string
	}{
		{"goods received", func() error {
			_, err := d.svc.ReceiveGoods(agent, c.Number, casework.ReceiveInput{Condition: "as_new"})
			return err
		}, "goods_received"},
		{"approved", func() error {
			_, err := d.svc.Decide(agent, c.Number, casework.DecideInput{Decision: claimdesk.DecisionApproved, Remedy: claimdesk.RemedyRefund})
			return err
		}, "decision"},
		{"refunded", func() error {
			_, err := d.svc.RecordRefund(agent, c.Number, casework.RefundInput{Amount: 164000, Reference: "KL-1"})
			return err
		}, "refund_made"},
	}
	for i, s := range steps {
		d.clk.set(start.Add(time.Duration(i+1) * time.Hour))
		before := d.outbox(c.ID)
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		after := d.outbox(c.ID)
		added := after[len(before):]
		found := false
		for _, m := range after {
			found = found || m.Kind == s.kind
		}
		if !found || len(added) == 0 {
			t.Errorf("%s: no %s mail (outbox %d → %d)", s.name, s.kind, len(before), len(after))
		}
	}
	d.runJobsAt(start.Add(24 * time.Hour))
	got := d.smtp.received()
	if len(got) != len(d.outbox(c.ID)) {
		t.Fatalf("%d sent, outbox holds %d", len(got), len(d.outbox(c.ID)))
	}
	seen := map[string]bool{}
	for i, m := range got {
		in, err := mail.ParseInbound(m.raw)
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 && (len(in.InReplyTo) != 1 || !seen[in.InReplyTo[0]]) {
			t.Errorf("mail %d (%s) is not threaded to an earlier one: %v", i, in.Subject, in.InReplyTo)
		}
		seen[in.MessageID] = true
	}
}

// TestListener: the built-in SMTP listener takes a customer's reply for
// the shop its address belongs to and threads it onto the case.
func TestListener(t *testing.T) {
	d := newDesk(t, storetest.OpenSQLite)
	ctx := context.Background()
	c, err := d.svc.OpenCase(d.as("digitallassmed", "silje.bakken@example.net"), "digitallassmed", casework.OpenCaseInput{
		Kind: claimdesk.KindWithdrawal, OrderExternalID: "DL-100457", Lines: []claimdesk.CaseLine{{SKU: "LAS-ASSA-2000", Quantity: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	shops, err := d.db.Stores().Shops.ListShops(ctx)
	if err != nil {
		t.Fatal(err)
	}
	domains := mailbox.Domains(shops)
	l := mail.NewListener(mail.ListenerConfig{Domains: domains}, d.mailer.ListenerHandler(shops))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go l.Serve(ln)
	t.Cleanup(func() { l.Close() })
	to := "kundeservice+" + strings.ToLower(c.Number) + "@digitallassmed.example"
	raw := plain("silje.bakken@example.net", to, "Re: returen", "l1@example.net", "", "Pakken er sendt.")
	s, err := mail.NewSMTPSender("smtp://" + ln.Addr().String() + "?tls=none")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(ctx, "silje.bakken@example.net", []string{to}, raw); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, m := range d.messages(c.ID) {
		found = found || strings.Contains(m.Body, "Pakken er sendt")
	}
	if !found {
		t.Error("the mail through the listener is not on the case")
	}
}

// TestCompanyUserAndEscalation: a company's case is mailed to the employee
// who opened it, and an escalation names the shop's ombudsman.
func TestCompanyUserAndEscalation(t *testing.T) {
	d := newDesk(t, storetest.OpenSQLite)
	magnus := d.as("dustin", "magnus@nordvik-regnskap.example")
	c, err := d.svc.OpenCase(magnus, "dustin", casework.OpenCaseInput{Kind: claimdesk.KindComplaint, Subject: "Treg levering",
		Description: "Vi er misfornøyde med leveringstiden."})
	if err != nil {
		t.Fatal(err)
	}
	d.clk.set(start.Add(time.Hour))
	if _, err := d.svc.Escalate(magnus, c.Number, "Ikke fornøyd med svaret"); err != nil {
		t.Fatal(err)
	}
	box := d.outbox(c.ID)
	kinds := map[string]string{}
	for _, m := range box {
		kinds[m.Kind] = m.To
	}
	if kinds["case_registered"] != "magnus@nordvik-regnskap.example" || kinds["escalated"] != "magnus@nordvik-regnskap.example" {
		t.Fatalf("outbox %v, want registration and escalation to Magnus", kinds)
	}
	d.runJobsAt(start.Add(2 * time.Hour))
	last := d.smtp.received()
	in, err := mail.ParseInbound(last[len(last)-1].raw)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(strings.Fields(in.FullText), " "), "Eva Lie") {
		t.Errorf("the escalation mail does not name the ombudsman:\n%s", in.FullText)
	}
}

// TestGivesUpAfterMaxAttempts: a server that always answers 4xx leaves the
// message failed, not pending, once the job has used its attempts.
func TestGivesUpAfterMaxAttempts(t *testing.T) {
	d := newDesk(t, storetest.OpenSQLite)
	d.smtp.refuse(&smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 3, 2}, Message: "try later"})
	c, err := d.svc.OpenCase(d.as("digitallassmed", "silje.bakken@example.net"), "digitallassmed", casework.OpenCaseInput{
		Kind: claimdesk.KindWithdrawal, OrderExternalID: "DL-100457", Lines: []claimdesk.CaseLine{{SKU: "LAS-ASSA-2000", Quantity: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 12; i++ {
		d.runJobsAt(start.Add(time.Duration(i) * 7 * time.Hour))
	}
	if box := d.outbox(c.ID); box[0].Status != claimdesk.MailFailed {
		t.Errorf("status %s after every attempt failed, want failed", box[0].Status)
	}
	js, _ := d.db.Stores().Jobs.FindJobs(context.Background(), "mail:")
	if js[0].Outcome != claimdesk.JobFailed {
		t.Errorf("job outcome %q", js[0].Outcome)
	}
}
