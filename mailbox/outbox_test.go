package mailbox_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/jobs"
	"github.com/claimdesk/claimdesk/mail"
	"github.com/claimdesk/claimdesk/mailbox"
	"github.com/claimdesk/claimdesk/storetest"
	"github.com/emersion/go-smtp"
)

// TestCaseRegisteredIsSentOnce: opening a case puts case_registered in the
// outbox in the same transaction; the job sends it in the customer's
// language with the RMA number in the subject and the per-case Reply-To.
func TestCaseRegisteredIsSentOnce(t *testing.T) {
	tests := []struct {
		name, shop, customer, order, sku string
		kind                             claimdesk.CaseKind
		subject, intro                   string
	}{
		{"Norwegian withdrawal", "digitallassmed", "silje.bakken@example.net", "DL-100457", "LAS-ASSA-2000", claimdesk.KindWithdrawal,
			"Saken din er registrert", "Returnummeret (RMA) ditt er"},
		{"Swedish complaint", "compumail", "elin.johansson@example.org", "CM-880245", "HDD-WD-8TB", claimdesk.KindDefect,
			"Ditt ärende är registrerat", "Ditt returnummer (RMA) är"},
	}
	for name, open := range storetest.Dialects() {
		for _, tt := range tests {
			t.Run(name+"/"+tt.name, func(t *testing.T) {
				d := newDesk(t, open)
				c, err := d.svc.OpenCase(d.as(tt.shop, tt.customer), tt.shop, casework.OpenCaseInput{Kind: tt.kind, OrderExternalID: tt.order,
					Lines: []claimdesk.CaseLine{{SKU: tt.sku, Quantity: 1}}, Description: "Det virker ikke / Den fungerar inte."})
				if err != nil {
					t.Fatal(err)
				}
				box := d.outbox(c.ID)
				if len(box) != 1 || box[0].Kind != "case_registered" || box[0].Status != claimdesk.MailPending || box[0].To != tt.customer {
					t.Fatalf("outbox after opening: %+v", box)
				}
				js, _ := d.db.Stores().Jobs.FindJobs(context.Background(), "mail:")
				if len(js) != 1 || js[0].Kind != mailbox.JobSend {
					t.Fatalf("send jobs: %+v", js)
				}
				d.runJobsAt(start.Add(time.Second))
				got := d.smtp.received()
				if len(got) != 1 {
					t.Fatalf("SMTP server got %d messages, want 1", len(got))
				}
				in, err := mail.ParseInbound(got[0].raw)
				if err != nil {
					t.Fatal(err)
				}
				wantReply := "+" + strings.ToLower(c.Number) + "@"
				if len(in.ReplyTo) != 1 || !strings.Contains(in.ReplyTo[0].Email, wantReply) {
					t.Errorf("Reply-To %v, want one with %s", in.ReplyTo, wantReply)
				}
				if !strings.Contains(in.Subject, c.Number) || !strings.Contains(in.Subject, tt.subject) {
					t.Errorf("subject %q, want %q with %s", in.Subject, tt.subject, c.Number)
				}
				if !strings.Contains(strings.Join(strings.Fields(in.FullText), " "), tt.intro+" "+c.Number) {
					t.Errorf("body lacks %q %s:\n%s", tt.intro, c.Number, in.FullText)
				}
				if !strings.Contains(in.FullText, "https://desk.example/s/"+tt.shop+"/cases/"+c.Number) {
					t.Errorf("body lacks the case link:\n%s", in.FullText)
				}
				if in.MessageID != box[0].MessageID || got[0].to[0] != tt.customer {
					t.Errorf("Message-ID %s (outbox %s), to %v", in.MessageID, box[0].MessageID, got[0].to)
				}
				if box = d.outbox(c.ID); box[0].Status != claimdesk.MailSent || box[0].SentAt == nil {
					t.Errorf("after sending: status %s", box[0].Status)
				}
				// A new process on the same database sends nothing again,
				// even when the job is run once more.
				d.restart()
				d.runJobsAt(start.Add(time.Hour))
				if n := len(d.smtp.received()); n != 1 {
					t.Errorf("after a restart the server has %d messages, want 1", n)
				}
			})
		}
	}
}

// TestSendRetriesAndFailures: a 4xx answer leaves the message pending and
// the job retried after the backoff, then it is sent exactly once; a 5xx
// fails it for good.
func TestSendRetriesAndFailures(t *testing.T) {
	tests := []struct {
		name       string
		refusal    *smtp.SMTPError
		wantStatus string
		wantSent   int
		wantJob    string
	}{
		{"greylisted then accepted", &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 7, 1}, Message: "greylisted"}, claimdesk.MailSent, 1, claimdesk.JobDone},
		{"unknown user", &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}, claimdesk.MailFailed, 0, claimdesk.JobFailed},
	}
	for name, open := range storetest.Dialects() {
		for _, tt := range tests {
			t.Run(name+"/"+tt.name, func(t *testing.T) {
				d := newDesk(t, open)
				d.smtp.refuse(tt.refusal)
				c, err := d.svc.OpenCase(d.as("digitallassmed", "silje.bakken@example.net"), "digitallassmed", casework.OpenCaseInput{
					Kind: claimdesk.KindWithdrawal, OrderExternalID: "DL-100457", Lines: []claimdesk.CaseLine{{SKU: "LAS-ASSA-2000", Quantity: 1}}})
				if err != nil {
					t.Fatal(err)
				}
				d.runJobsAt(start.Add(time.Second))
				box := d.outbox(c.ID)
				if tt.refusal.Code < 500 {
					if box[0].Status != claimdesk.MailPending || !strings.Contains(box[0].LastError, "451") {
						t.Fatalf("after a 4xx: status %s, last error %q", box[0].Status, box[0].LastError)
					}
					d.smtp.refuse(nil)
					d.runJobsAt(start.Add(5 * time.Second)) // before the backoff: nothing
					if n := len(d.smtp.received()); n != 0 {
						t.Fatalf("retried before the backoff: %d sent", n)
					}
					d.runJobsAt(start.Add(time.Second + jobs.Backoff(1) + time.Second))
				}
				d.runJobsAt(start.Add(24 * time.Hour))
				box = d.outbox(c.ID)
				if box[0].Status != tt.wantStatus || len(d.smtp.received()) != tt.wantSent {
					t.Errorf("status %s, %d sent; want %s, %d", box[0].Status, len(d.smtp.received()), tt.wantStatus, tt.wantSent)
				}
				js, _ := d.db.Stores().Jobs.FindJobs(context.Background(), "mail:")
				if len(js) != 1 || js[0].Outcome != tt.wantJob {
					t.Errorf("job outcome %+v, want %s", js, tt.wantJob)
				}
			})
		}
	}
}

// TestAgentReplyThreads: an agent's reply is mailed with its text, as a
// reply to the case's earlier mail; an internal note sends nothing.
func TestAgentReplyThreads(t *testing.T) {
	for name, open := range storetest.Dialects() {
		t.Run(name, func(t *testing.T) {
			d := newDesk(t, open)
			c, err := d.svc.OpenCase(d.as("digitallassmed", "silje.bakken@example.net"), "digitallassmed", casework.OpenCaseInput{
				Kind: claimdesk.KindWithdrawal, OrderExternalID: "DL-100457", Lines: []claimdesk.CaseLine{{SKU: "LAS-ASSA-2000", Quantity: 1}}})
			if err != nil {
				t.Fatal(err)
			}
			agent := d.as("", "knut.hovland@digitallassmed.example")
			d.clk.set(start.Add(time.Minute))
			if _, err := d.svc.AddMessage(agent, c.Number, casework.MessageInput{Body: "Internt: sjekk lageret.", Note: true}); err != nil {
				t.Fatal(err)
			}
			if _, err := d.svc.AddMessage(agent, c.Number, casework.MessageInput{Body: "Hei Silje! Pakken kan leveres på posten."}); err != nil {
				t.Fatal(err)
			}
			box := d.outbox(c.ID)
			if len(box) != 2 {
				t.Fatalf("outbox has %d messages, want registration and reply", len(box))
			}
			d.runJobsAt(start.Add(2 * time.Minute))
			var reply *mail.Inbound
			for _, m := range d.smtp.received() {
				in, err := mail.ParseInbound(m.raw)
				if err != nil {
					t.Fatal(err)
				}
				if strings.Contains(in.FullText, "Pakken kan leveres") {
					reply = in
				}
				if strings.Contains(in.FullText, "sjekk lageret") {
					t.Error("an internal note was mailed")
				}
			}
			if reply == nil {
				t.Fatal("no agent_reply mail")
			}
			first := box[0].MessageID
			if box[0].Kind != "case_registered" {
				first = box[1].MessageID
			}
			if len(reply.InReplyTo) != 1 || reply.InReplyTo[0] != first {
				t.Errorf("In-Reply-To %v, want %s", reply.InReplyTo, first)
			}
		})
	}
}
