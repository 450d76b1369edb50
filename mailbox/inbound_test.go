package mailbox_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/storetest"
)

// corpus reads a message of mail/testdata/eml and rewrites its strings
// (addresses, case numbers, Message-IDs) to fit the demo's case.
func corpus(t *testing.T, name string, replace ...string) []byte {
	t.Helper()
	b, err := os.ReadFile("../mail/testdata/eml/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(strings.NewReplacer(replace...).Replace(string(b)))
}

// plain is a short text mail from the customer.
func plain(from, to, subject, msgID, inReplyTo, body string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "From: Silje Bakken <%s>\r\nTo: %s\r\nSubject: %s\r\nDate: Mon, 23 Nov 2026 10:00:00 +0100\r\nMessage-ID: <%s>\r\n", from, to, subject, msgID)
	if inReplyTo != "" {
		fmt.Fprintf(&b, "In-Reply-To: <%s>\r\nReferences: <%s>\r\n", inReplyTo, inReplyTo)
	}
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n")
	return []byte(b.String())
}

// TestInboundMail: customers' replies delivered to the IMAP mailbox land on
// their case by reply address, case number or In-Reply-To; a re-delivery is
// stored once; an out-of-office reply causes no mail; a stranger's mail
// opens a general case with a triage note.
func TestInboundMail(t *testing.T) {
	const silje = "silje.bakken@example.net"
	for name, open := range storetest.Dialects() {
		t.Run(name, func(t *testing.T) {
			d := newDesk(t, open)
			box := startIMAP(t)
			c, err := d.svc.OpenCase(d.as("digitallassmed", silje), "digitallassmed", casework.OpenCaseInput{
				Kind: claimdesk.KindWithdrawal, OrderExternalID: "DL-100457", Lines: []claimdesk.CaseLine{{SKU: "LAS-ASSA-2000", Quantity: 1}}})
			if err != nil {
				t.Fatal(err)
			}
			ours := d.outbox(c.ID)[0].MessageID
			lower := strings.ToLower(c.Number)
			gmail := corpus(t, "01-gmail-reply-nb.eml", "dus-26-000123-5@dustin.example", lower+"@digitallassmed.example",
				"DUS-26-000123-5", c.Number, "kari.nordmann@gmail.example", silje,
				"cd.a1b2c3d4e5f6g7h8i9j0k1l2m3@claimdesk.example", "unknown@elsewhere.example")
			oof := corpus(t, "09-autoreply-nb.eml", "bel-26-000311-6@belysning.example", lower+"@digitallassmed.example",
				"BEL-26-000311-6", c.Number, "ola.hansen@firma.example", silje)
			steps := []struct {
				name     string
				raw      []byte
				wantIn   int // inbound messages on the case afterwards
				wantMail int // outbound mail on the case afterwards
			}{
				{"Gmail reply to the per-case address", gmail, 1, 1},
				{"the same message delivered again", gmail, 1, 1},
				{"case number in the subject", plain(silje, "kundeservice@digitallassmed.example", "Spørsmål om "+c.Number, "q1@example.net", "", "Når kommer etiketten?"), 2, 1},
				{"In-Reply-To our Message-ID", plain(silje, "kundeservice@digitallassmed.example", "Re: returen", "q2@example.net", ours, "Takk, sendt i dag."), 3, 1},
				{"out-of-office reply", oof, 4, 1},
				{"someone else quoting the number", plain("mallory@example.com", "kundeservice@digitallassmed.example", "Om "+c.Number, "m1@example.com", "", "Hei"), 4, 1},
			}
			for i, s := range steps {
				box.deliver(t, s.raw)
				d.clk.set(start.Add(time.Duration(i+1) * time.Minute))
				if n := d.poll(box, "digitallassmed"); n != 1 {
					t.Fatalf("%s: polled %d messages", s.name, n)
				}
				in := 0
				for _, m := range d.messages(c.ID) {
					if m.Direction == claimdesk.Inbound {
						in++
					}
				}
				if mails := len(d.outbox(c.ID)); in != s.wantIn || mails != s.wantMail {
					t.Errorf("%s: %d inbound messages and %d mails on the case, want %d and %d", s.name, in, mails, s.wantIn, s.wantMail)
				}
			}
			// A stranger's question opens a general case with a triage note.
			dk := corpus(t, "14-missing-item-da.eml", "support@compumail.example", "kundeservice@digitallassmed.example")
			box.deliver(t, dk)
			d.poll(box, "digitallassmed")
			cases, _, err := d.db.Stores().Cases.FindCases(context.Background(), claimdesk.CaseFilter{ShopIDs: []string{"digitallassmed"}, Kinds: []claimdesk.CaseKind{claimdesk.KindGeneral}})
			if err != nil {
				t.Fatal(err)
			}
			var opened *claimdesk.Case
			for _, x := range cases {
				if x.Channel == "email" && x.Subject == "Manglende vare i pakken" {
					opened = x
				}
			}
			if opened == nil {
				t.Fatal("no case opened from the stranger's mail")
			}
			var note string
			for _, m := range d.messages(opened.ID) {
				if m.Direction == claimdesk.Note {
					note = m.Body
				}
			}
			if !strings.Contains(note, "missing_item") {
				t.Errorf("triage note %q, want the suggested kind missing_item", note)
			}
			if n := len(d.outbox(opened.ID)); n != 1 {
				t.Errorf("the new case has %d mails, want the acknowledgement", n)
			}
		})
	}
}
