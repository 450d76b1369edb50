package casework_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/mail"
	"github.com/claimdesk/claimdesk/mailbox"
	"github.com/claimdesk/claimdesk/storetest"
)

// TestWithdrawalFunction runs the public withdrawal function (CRD Art.
// 11a, in force from 19 June 2026) on both databases: nobody is signed in;
// the order number and email prove who is declaring.
func TestWithdrawalFunction(t *testing.T) {
	for name, open := range storetest.Dialects() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			t.Run("mismatch", func(t *testing.T) { testWithdrawalMismatch(t, open) })
			t.Run("consumer", func(t *testing.T) { testWithdrawalConsumer(t, open) })
			t.Run("out of period and business", func(t *testing.T) { testWithdrawalNotEligible(t, open) })
		})
	}
}

func newWithdrawDesk(t *testing.T, open storetest.Opener) *desk {
	d := newDesk(t, open)
	d.svc.SetNotifier(mailbox.NewNotifier(mailbox.Options{BaseURL: "https://desk.example", Now: d.clk.now}))
	return d
}

// anon is a request from someone who is not signed in.
var anon = context.Background()

// testWithdrawalMismatch: a wrong order number and a wrong email give the
// same error, so neither can be probed, and repeated failures are
// throttled like sign-ins.
func testWithdrawalMismatch(t *testing.T, open storetest.Opener) {
	d := newWithdrawDesk(t, open)
	tries := []casework.WithdrawalInput{
		{Name: "Silje Bakken", OrderExternalID: "DL-100457", Email: "someone.else@example.net"},
		{Name: "Silje Bakken", OrderExternalID: "DL-999999", Email: "silje.bakken@example.net"},
		{Name: "Silje Bakken", OrderExternalID: "DL-099870", Email: "silje.bakken@example.net"}, // Jonas's order
	}
	for _, in := range tries {
		_, err := d.svc.WithdrawFromContract(anon, "digitallassmed", in)
		var e *claimdesk.Error
		if !claimdesk.IsCode(err, claimdesk.CodeInvalid) || !errorsAs(err, &e) || len(e.Fields) != 1 ||
			e.Fields[0].Field != "order" || e.Fields[0].Code != "withdrawal_mismatch" {
			t.Fatalf("%s/%s: %v, want the one mismatch error", in.OrderExternalID, in.Email, err)
		}
	}
	if _, err := d.svc.CheckWithdrawal(anon, "digitallassmed", casework.WithdrawalInput{Name: "X", OrderExternalID: "DL-100457"}); !claimdesk.IsCode(err, claimdesk.CodeInvalid) {
		t.Errorf("no email: %v", err)
	}
	// Five failures on one order within 15 minutes: the next try is refused,
	// even with the right email.
	for range 4 {
		_, _ = d.svc.CheckWithdrawal(anon, "digitallassmed", tries[0])
	}
	_, err := d.svc.CheckWithdrawal(anon, "digitallassmed", casework.WithdrawalInput{Name: "Silje Bakken", OrderExternalID: "DL-100457", Email: "silje.bakken@example.net"})
	if !claimdesk.IsCode(err, claimdesk.CodeRateLimited) {
		t.Fatalf("after 5 failures: %v, want rate_limited", err)
	}
	if n := countWithdrawals(t, d); n != 0 {
		t.Errorf("%d cases opened", n)
	}
}

func errorsAs(err error, e **claimdesk.Error) bool {
	x, ok := err.(*claimdesk.Error)
	if ok {
		*e = x
	}
	return ok
}

func countWithdrawals(t *testing.T, d *desk) int {
	t.Helper()
	n, err := d.db.Stores().Cases.CountCases(context.Background(), claimdesk.CaseFilter{ShopIDs: []string{"digitallassmed", "dustin"}, Kinds: []claimdesk.CaseKind{claimdesk.KindWithdrawal}})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// testWithdrawalConsumer: Silje withdraws from order DL-100457 without
// signing in; the pre-check shows Digital Låssmed's 250 kr fee and the
// refund; on confirmation a withdrawal case is opened for every
// delivered line, and the acknowledgement with the time of receipt in
// Oslo time is in the outbox, written in the same transaction.
func testWithdrawalConsumer(t *testing.T, open storetest.Opener) {
	d := newWithdrawDesk(t, open)
	in := casework.WithdrawalInput{Name: "Silje Bakken", OrderExternalID: " dl-100457 ", Email: "Silje.Bakken@example.net", Lang: claimdesk.Bokmal}
	in.OrderExternalID = "DL-100457"
	chk, err := d.svc.CheckWithdrawal(anon, "digitallassmed", in)
	if err != nil {
		t.Fatal(err)
	}
	if len(chk.Lines) != 2 || chk.Business || chk.Decision.Eligible == nil || !*chk.Decision.Eligible {
		t.Fatalf("check: lines %v, business %v, eligible %v", chk.Lines, chk.Business, chk.Decision.Eligible)
	}
	if len(chk.Decision.Fees) == 0 || chk.Decision.Fees[0].Amount != 25000 || chk.Decision.Refund == nil {
		t.Errorf("pre-check fees %+v refund %+v", chk.Decision.Fees, chk.Decision.Refund)
	}
	in.SKUs = []string{"LAS-ASSA-2000"}
	in.Reason = "Låsen passet ikke døra."
	w, err := d.svc.WithdrawFromContract(anon, "digitallassmed", in)
	if err != nil {
		t.Fatal(err)
	}
	c := w.Case
	if c.Kind != claimdesk.KindWithdrawal || c.Channel != casework.ChannelWithdrawal || len(c.Lines) != 1 || c.Lines[0].SKU != "LAS-ASSA-2000" {
		t.Fatalf("case %s: kind %s channel %s lines %v", c.Number, c.Kind, c.Channel, c.Lines)
	}
	if !w.ReceivedAt.Equal(start) || c.Eligible == nil || !*c.Eligible || c.UserID == 0 {
		t.Errorf("received %v, eligible %v, user %d", w.ReceivedAt, c.Eligible, c.UserID)
	}
	if again, err := d.svc.WithdrawFromContract(anon, "digitallassmed", in); err != nil || again.Case.Number != c.Number || !again.ReceivedAt.Equal(w.ReceivedAt) {
		t.Errorf("the same declaration sent twice (a reload): %v %+v", err, again)
	}
	if _, err := d.svc.GetCase(anon, c.Number); !claimdesk.IsCode(err, claimdesk.CodeUnauthenticated) {
		t.Errorf("the declaration signed the caller in: %v", err)
	}
	ev, err := d.db.Stores().Cases.ListEvents(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(ev, func(e claimdesk.Event) bool { return e.Type == casework.EventWithdrawalReceived })
	if i < 0 {
		t.Fatalf("no %s event: %v", casework.EventWithdrawalReceived, ev)
	}
	var data map[string]any
	_ = json.Unmarshal(ev[i].Data, &data)
	if data["name"] != "Silje Bakken" || data["reason"] != in.Reason || ev[i].ActorName != "Silje Bakken" {
		t.Errorf("event data %v", data)
	}
	out, err := d.db.Stores().Mail.ListCaseMail(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 || out[0].Kind != "withdrawal_received" || out[0].To != "silje.bakken@example.net" {
		t.Fatalf("outbox: %d messages %+v", len(out), out)
	}
	msg, err := mail.ParseInbound(out[0].Raw)
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Join(strings.Fields(msg.FullText), " ")
	// 08:00 UTC on 23 November 2026 is 09:00 in Oslo (CET).
	for _, want := range []string{"23. november 2026 kl. 09:00 (CET)", "DL-100457", "Silje Bakken", "ASSA 2000 sylinderlås", c.Number, in.Reason, "250,00 kr"} {
		if !strings.Contains(body, want) {
			t.Errorf("acknowledgement lacks %q:\n%s", want, body)
		}
	}
	if !strings.Contains(msg.Subject, "["+c.Number+"]") {
		t.Errorf("subject %q", msg.Subject)
	}
}

// testWithdrawalNotEligible: a declaration after the period, or from a
// business (no statutory right), is still received; the engine's
// decision says why, and staff decide.
func testWithdrawalNotEligible(t *testing.T, open storetest.Opener) {
	d := newWithdrawDesk(t, open)
	tests := []struct {
		name, shop, order, email, reason string
		business                         bool
	}{
		{"out of period", "digitallassmed", "DL-099870", "jonas.aasen@example.net", "deadline_passed", false},
		{"business", "dustin", "5004090456", "magnus@nordvik-regnskap.example", "business_customer", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := casework.WithdrawalInput{Name: "Someone", OrderExternalID: tt.order, Email: tt.email}
			chk, err := d.svc.CheckWithdrawal(anon, tt.shop, in)
			if err != nil {
				t.Fatal(err)
			}
			if chk.Business != tt.business || chk.Decision.Eligible == nil || *chk.Decision.Eligible || !slices.Contains(chk.Decision.Reasons, tt.reason) {
				t.Fatalf("business %v eligible %v reasons %v", chk.Business, chk.Decision.Eligible, chk.Decision.Reasons)
			}
			w, err := d.svc.WithdrawFromContract(anon, tt.shop, in)
			if err != nil {
				t.Fatal(err)
			}
			if w.Case.Eligible == nil || *w.Case.Eligible || w.Case.Logistics != claimdesk.LogisticsNone {
				t.Errorf("case eligible %v logistics %s", w.Case.Eligible, w.Case.Logistics)
			}
			out, _ := d.db.Stores().Mail.ListCaseMail(context.Background(), w.Case.ID)
			if len(out) != 1 || out[0].Kind != "withdrawal_received" {
				t.Errorf("outbox %+v", out)
			}
		})
	}
}
