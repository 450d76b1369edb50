package casework_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/demo"
	"github.com/claimdesk/claimdesk/jobs"
	"github.com/claimdesk/claimdesk/policy"
	"github.com/claimdesk/claimdesk/storetest"
)

// clock is the test's clock; the service and the job runner share it.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// desk is a service on a real database with the demo loaded, a job runner
// and actors to act as.
type desk struct {
	t      *testing.T
	db     claimdesk.DB
	svc    *casework.Service
	runner *jobs.Runner
	clk    *clock
	users  map[string]*claimdesk.User
}

// start is a Monday morning in Oslo.
var start = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

func newDesk(t *testing.T, open storetest.Opener) *desk {
	t.Helper()
	db := open(t)
	engine, err := policy.Default()
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: start}
	svc := casework.New(db, casework.Options{Assessor: casework.PolicyAssessor{Engine: engine}, SLA: casework.CalendarSLA{}, Now: clk.now})
	ctx := context.Background()
	// Fast, fixed password hashes: the tests never sign in.
	if _, err := demo.Load(ctx, db, demo.Options{Now: start, HashPassword: func(string) (string, error) { return "x", nil }, NewPassword: func() string { return "p" }}); err != nil {
		t.Fatal(err)
	}
	r := jobs.New(db, jobs.Options{Worker: "test", Now: clk.now})
	svc.RegisterJobs(r)
	d := &desk{t: t, db: db, svc: svc, runner: r, clk: clk, users: map[string]*claimdesk.User{}}
	return d
}

// as returns a context acting as the user with the email (agent when shop is "").
func (d *desk) as(shop, email string) context.Context {
	d.t.Helper()
	kind := claimdesk.AgentUser
	if shop != "" {
		kind = claimdesk.CustomerUser
	}
	u, err := d.db.Stores().Users.FindUserByEmail(context.Background(), kind, shop, email)
	if err != nil {
		d.t.Fatalf("user %s: %v", email, err)
	}
	return claimdesk.WithActor(context.Background(), claimdesk.ActorFromUser(u))
}

func (d *desk) open(ctx context.Context, shop string, in casework.OpenCaseInput) *claimdesk.Case {
	d.t.Helper()
	c, err := d.svc.OpenCase(ctx, shop, in)
	if err != nil {
		d.t.Fatalf("open %s: %v", in.Kind, err)
	}
	return c
}

func (d *desk) must(c *claimdesk.Case, err error) *claimdesk.Case {
	d.t.Helper()
	if err != nil {
		d.t.Fatal(err)
	}
	return c
}

// runJobsAt moves the clock and runs whatever is due.
func (d *desk) runJobsAt(t time.Time) {
	d.t.Helper()
	d.clk.set(t)
	if _, err := d.runner.RunOnce(context.Background()); err != nil {
		d.t.Fatal(err)
	}
}

func (d *desk) events(number string) []string {
	d.t.Helper()
	ev, err := d.svc.CaseEvents(claimdesk.WithActor(context.Background(), claimdesk.System), number)
	if err != nil {
		d.t.Fatal(err)
	}
	var out []string
	for _, e := range ev {
		out = append(out, e.Type)
	}
	return out
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func line(sku string, q int) []claimdesk.CaseLine {
	return []claimdesk.CaseLine{{SKU: sku, Quantity: q}}
}

// TestWithdrawalToRefund: a consumer at Digital Låssmed withdraws
// (angrerettloven § 20), sends the goods, the shop receives them, approves
// and refunds the price and the delivery fee less the 250 kr return fee the
// terms announce; the refund check 14 days after the notice (§ 24) finds
// nothing overdue. A second withdrawal left unpaid is flagged.
func TestWithdrawalToRefund(t *testing.T) {
	for name, open := range storetest.Dialects() {
		t.Run(name, func(t *testing.T) {
			d := newDesk(t, open)
			silje := d.as("digitallassmed", "silje.bakken@example.net")
			agent := d.as("", "knut.hovland@digitallassmed.example")
			c := d.open(silje, "digitallassmed", casework.OpenCaseInput{Kind: claimdesk.KindWithdrawal, OrderExternalID: "DL-100457",
				Lines: []claimdesk.CaseLine{{SKU: "LAS-ASSA-2000", Quantity: 1}, {SKU: "HANG-ABUS-55", Quantity: 2}}, Description: "Jeg angrer kjøpet."})
			// 1890 + 2 × 449 + 99 delivery − 250 return fee
			if c.Eligible == nil || !*c.Eligible || c.Refund == nil || *c.Refund != 263700 || c.Logistics != claimdesk.LogisticsAwaitingGoods {
				t.Fatalf("withdrawal: eligible %v refund %v logistics %s", c.Eligible, c.Refund, c.Logistics)
			}
			if c.TermsVersion == "" || len(c.Assessment) == 0 {
				t.Error("the decision snapshot and terms version were not stored")
			}
			d.must(d.svc.MarkInTransit(silje, c.Number, casework.InTransitInput{Carrier: "Posten", TrackingNumber: "70712345"}))
			c = d.must(d.svc.ReceiveGoods(agent, c.Number, casework.ReceiveInput{Condition: "as_new"}))
			if c.Logistics != claimdesk.LogisticsReceived {
				t.Errorf("logistics %s after receiving everything", c.Logistics)
			}
			c = d.must(d.svc.Decide(agent, c.Number, casework.DecideInput{Decision: claimdesk.DecisionApproved, Remedy: claimdesk.RemedyRefund}))
			if c.Money != claimdesk.MoneyRefundDue {
				t.Errorf("money %s after approval, want refund_due", c.Money)
			}
			if _, err := d.svc.RecordRefund(agent, c.Number, casework.RefundInput{Amount: 300000}); !claimdesk.IsCode(err, claimdesk.CodeInvalid) {
				t.Errorf("refunding more than due: %v", err)
			}
			c = d.must(d.svc.RecordRefund(agent, c.Number, casework.RefundInput{Amount: 263700, Reference: "KL-55"}))
			if c.Money != claimdesk.MoneyRefunded || c.Status != claimdesk.StatusResolved {
				t.Errorf("after the refund: money %s status %s", c.Money, c.Status)
			}
			unpaid := d.open(d.as("digitallassmed", "jonas.aasen@example.net"), "digitallassmed", casework.OpenCaseInput{Kind: claimdesk.KindReturn,
				OrderExternalID: "DL-099870", Lines: line("LAS-ASSA-2000", 1), Facts: map[string]bool{"unused": true, "labels_intact": true}})
			late := d.open(silje, "digitallassmed", casework.OpenCaseInput{Kind: claimdesk.KindWithdrawal, OrderExternalID: "DL-100457", Lines: line("HANG-ABUS-55", 1)})
			_ = unpaid
			d.must(d.svc.Decide(agent, late.Number, casework.DecideInput{Decision: claimdesk.DecisionApproved, Remedy: claimdesk.RemedyRefund}))
			d.runJobsAt(start.AddDate(0, 0, 15))
			if ev := d.events(c.Number); has(ev, "case.refund.overdue") {
				t.Error("a refunded withdrawal was flagged overdue")
			}
			if ev := d.events(late.Number); !has(ev, "case.refund.overdue") {
				t.Errorf("an unpaid withdrawal 15 days after the notice is not flagged: %v", ev)
			}
		})
	}
}

// TestAutoCloseAndRejectionWithFee: Compumail's terms ("Varan/varor skall
// vara oss tillhanda senast 3 veckor … avslutas ärendet automatiskt") close
// a complaint whose goods never came, after a notice; another complaint is
// rejected after "no fault found" with the 300 SEK fee.
func TestAutoCloseAndRejectionWithFee(t *testing.T) {
	for name, open := range storetest.Dialects() {
		t.Run(name, func(t *testing.T) {
			d := newDesk(t, open)
			elin := d.as("compumail", "elin.johansson@example.org")
			agent := d.as("", "anders.kjaer@compumail.example")
			desc := "Disken klickar högt och försvinner ur NAS:en efter några minuter."
			ghost := d.open(elin, "compumail", casework.OpenCaseInput{Kind: claimdesk.KindDefect, OrderExternalID: "CM-880245", Lines: line("HDD-WD-8TB", 1), Description: desc})
			if ghost.GoodsDue != claimdesk.DateOf(start).AddDays(21) || ghost.Route != "shop" {
				t.Fatalf("goods due %s route %s, want 21 days and the shop", ghost.GoodsDue, ghost.Route)
			}
			checked := d.open(elin, "compumail", casework.OpenCaseInput{Kind: claimdesk.KindDefect, OrderExternalID: "CM-880245", Lines: line("HDD-WD-8TB", 1), Description: desc})
			d.must(d.svc.ReceiveGoods(agent, checked.Number, casework.ReceiveInput{}))
			c := d.must(d.svc.RecordFinding(agent, checked.Number, casework.FindingInput{Finding: claimdesk.FindingNoFaultFound, TechnicianMinutes: 61}))
			var fees claimdesk.Minor
			for _, f := range c.Fees {
				fees += f.Amount
			}
			if fees != 30000+2*50000 {
				t.Errorf("fees %v, want 300 SEK no fault found + 2 started technician hours of 500 SEK", c.Fees)
			}
			c = d.must(d.svc.Decide(agent, checked.Number, casework.DecideInput{Decision: claimdesk.DecisionRejected, Reason: "Inget fel hittades."}))
			if c.Money != claimdesk.MoneyFeeDue || c.Status != claimdesk.StatusResolved || c.Refund != nil {
				t.Errorf("rejection with a fee: money %s status %s refund %v", c.Money, c.Status, c.Refund)
			}
			due := ghost.GoodsDue
			d.runJobsAt(due.AddDays(-3).Time(time.UTC).Add(9 * time.Hour))
			if ev := d.events(ghost.Number); !has(ev, "case.autoclose.notice") || has(ev, "case.closed") {
				t.Errorf("three days before: %v", ev)
			}
			if ev := d.events(checked.Number); has(ev, "case.autoclose.notice") {
				t.Error("a case whose goods came got the auto-close notice")
			}
			d.runJobsAt(due.AddDays(2).Time(time.UTC))
			g, err := d.svc.GetCase(agent, ghost.Number)
			if err != nil || g.Status != claimdesk.StatusClosed {
				t.Fatalf("after goods_due the case is %v (%v)", g.Status, err)
			}
			if ev := d.events(ghost.Number); !has(ev, "case.closed") {
				t.Errorf("no close event: %v", ev)
			}
			d.runJobsAt(due.AddDays(3).Time(time.UTC))
			if countOf(d.events(ghost.Number), "case.closed") != 1 {
				t.Error("the auto-close ran twice")
			}
		})
	}
}

func countOf(list []string, s string) int {
	n := 0
	for _, x := range list {
		if x == s {
			n++
		}
	}
	return n
}

// TestPartialRefundAndLadder: a withdrawal of two lines where only one comes
// back is partly approved with a partial refund; a rejected complaint climbs
// Dustin's ladder (seed 001): the customer ombudsman decides — customer
// service cannot —, then the case is referred to Forbrukertilsynet with a
// summary (never the closed EU ODR platform).
func TestPartialRefundAndLadder(t *testing.T) {
	for name, open := range storetest.Dialects() {
		t.Run(name, func(t *testing.T) {
			d := newDesk(t, open)
			ingrid := d.as("dustin", "ingrid.haugen@example.net")
			henrik := d.as("", "henrik.moe@dustin.example")
			eva := d.as("", "kundeombud@dustin.example")
			w := d.open(ingrid, "dustin", casework.OpenCaseInput{Kind: claimdesk.KindWithdrawal, OrderExternalID: "5004127733",
				Lines: []claimdesk.CaseLine{{SKU: "DELL-U2724D", Quantity: 1}, {SKU: "JAB-EV2-65", Quantity: 1}}})
			w = d.must(d.svc.ReceiveGoods(henrik, w.Number, casework.ReceiveInput{Lines: line("DELL-U2724D", 1)}))
			if w.Logistics != claimdesk.LogisticsPartlyReceived {
				t.Errorf("logistics %s, want partly_received", w.Logistics)
			}
			part := claimdesk.Minor(529900)
			w = d.must(d.svc.Decide(henrik, w.Number, casework.DecideInput{Decision: claimdesk.DecisionPartlyApproved, Remedy: claimdesk.RemedyRefund, Refund: &part}))
			w = d.must(d.svc.RecordRefund(henrik, w.Number, casework.RefundInput{Amount: part}))
			if w.Refunded != part || w.Money != claimdesk.MoneyRefunded {
				t.Errorf("partial refund: refunded %s money %s", w.Refunded, w.Money)
			}
			c := d.open(ingrid, "dustin", casework.OpenCaseInput{Kind: claimdesk.KindDefect, OrderExternalID: "5004127733", Lines: line("JAB-EV2-65", 1),
				Description: "Mikrofonen faller ut under samtaler."})
			if _, err := d.svc.Escalate(ingrid, c.Number, "Ingen svar"); !claimdesk.IsCode(err, claimdesk.CodeConflict) {
				t.Errorf("escalating before customer service answered: %v", err)
			}
			d.must(d.svc.Decide(henrik, c.Number, casework.DecideInput{Decision: claimdesk.DecisionRejected, Reason: "Brukerfeil."}))
			c = d.must(d.svc.Escalate(ingrid, c.Number, "Jeg er uenig."))
			if c.Ladder != claimdesk.LadderOmbudsman || c.Queue != "ombudsman" || c.Decision != claimdesk.DecisionRequested {
				t.Fatalf("after the first escalation: ladder %s queue %s decision %s", c.Ladder, c.Queue, c.Decision)
			}
			if _, err := d.svc.Decide(henrik, c.Number, casework.DecideInput{Decision: claimdesk.DecisionApproved, Remedy: claimdesk.RemedyReplacement}); !claimdesk.IsCode(err, claimdesk.CodeForbidden) {
				t.Errorf("customer service deciding on the ombudsman's step: %v", err)
			}
			d.must(d.svc.Decide(eva, c.Number, casework.DecideInput{Decision: claimdesk.DecisionRejected, Reason: "Opprettholdes."}))
			c = d.must(d.svc.Escalate(ingrid, c.Number, "Videre til Forbrukertilsynet."))
			if c.Ladder != claimdesk.LadderNationalBody || c.Status != claimdesk.StatusClosed {
				t.Errorf("after the referral: ladder %s status %s", c.Ladder, c.Status)
			}
			ev, _ := d.svc.CaseEvents(henrik, c.Number)
			var referral struct {
				Body struct {
					Name     string `json:"name"`
					NextName string `json:"next_name"`
				} `json:"body"`
				Referral struct {
					Intro    string   `json:"intro"`
					Timeline []string `json:"timeline"`
				} `json:"referral"`
			}
			for _, e := range ev {
				if e.Type == "case.escalated" {
					_ = json.Unmarshal(e.Data, &referral)
				}
			}
			if referral.Body.Name != "Forbrukertilsynet" || referral.Body.NextName != "Forbrukerklageutvalget" || len(referral.Referral.Timeline) < 4 {
				t.Errorf("referral: %+v", referral)
			}
			if _, err := d.svc.Escalate(ingrid, c.Number, "Mer?"); !claimdesk.IsCode(err, claimdesk.CodeConflict) {
				t.Errorf("escalating past the national body: %v", err)
			}
			c = d.must(d.svc.Reopen(henrik, c.Number, "Ny dokumentasjon"))
			if c.Status != claimdesk.StatusOpen || c.Decision != claimdesk.DecisionRequested {
				t.Errorf("reopened: %s %s", c.Status, c.Decision)
			}
		})
	}
}

// TestEveryKindLives walks each case kind through a life of its own.
func TestEveryKindLives(t *testing.T) {
	d := newDesk(t, storetest.OpenSQLite)
	ingrid := d.as("dustin", "ingrid.haugen@example.net")
	ola := d.as("dustin", "ola.berg@example.net")
	henrik := d.as("", "henrik.moe@dustin.example")
	approve := func(n string, r claimdesk.Remedy) *claimdesk.Case {
		return d.must(d.svc.Decide(henrik, n, casework.DecideInput{Decision: claimdesk.DecisionApproved, Remedy: r}))
	}
	tests := []struct {
		kind     claimdesk.CaseKind
		who      context.Context
		order    string
		sku      string
		life     func(c *claimdesk.Case) *claimdesk.Case
		status   claimdesk.Status
		decision claimdesk.DecisionState
	}{
		{claimdesk.KindWithdrawal, ingrid, "5004127733", "JAB-EV2-65", func(c *claimdesk.Case) *claimdesk.Case {
			d.must(d.svc.ReceiveGoods(henrik, c.Number, casework.ReceiveInput{}))
			approve(c.Number, claimdesk.RemedyRefund)
			return d.must(d.svc.RecordRefund(henrik, c.Number, casework.RefundInput{Amount: *c.Refund}))
		}, claimdesk.StatusResolved, claimdesk.DecisionApproved},
		{claimdesk.KindReturn, ingrid, "5004127733", "JAB-EV2-65", func(c *claimdesk.Case) *claimdesk.Case { return c }, claimdesk.StatusOpen, claimdesk.DecisionRequested},
		{claimdesk.KindDefect, ingrid, "5004127733", "DELL-U2724D", func(c *claimdesk.Case) *claimdesk.Case {
			d.must(d.svc.ReceiveGoods(henrik, c.Number, casework.ReceiveInput{}))
			d.must(d.svc.RecordFinding(henrik, c.Number, casework.FindingInput{Finding: claimdesk.FindingFaultConfirmed}))
			return approve(c.Number, claimdesk.RemedyRepair)
		}, claimdesk.StatusResolved, claimdesk.DecisionApproved},
		{claimdesk.KindWarranty, ingrid, "5003988120", "LEN-T14-G5", func(c *claimdesk.Case) *claimdesk.Case {
			d.must(d.svc.Wait(henrik, c.Number, claimdesk.WaitingOnManufacturer, "Lenovo"))
			d.must(d.svc.Resume(henrik, c.Number, "svar fra Lenovo"))
			return approve(c.Number, claimdesk.RemedyRepair)
		}, claimdesk.StatusResolved, claimdesk.DecisionApproved},
		{claimdesk.KindDOA, ingrid, "5004127733", "DELL-U2724D", func(c *claimdesk.Case) *claimdesk.Case { return approve(c.Number, claimdesk.RemedyReplacement) }, claimdesk.StatusResolved, claimdesk.DecisionApproved},
		{claimdesk.KindTransportDamage, ingrid, "5004127733", "DELL-U2724D", func(c *claimdesk.Case) *claimdesk.Case {
			d.must(d.svc.ReceiveGoods(henrik, c.Number, casework.ReceiveInput{Condition: "damaged"}))
			return approve(c.Number, claimdesk.RemedyReplacement)
		}, claimdesk.StatusResolved, claimdesk.DecisionApproved},
		{claimdesk.KindWrongItem, ingrid, "5004127733", "JAB-EV2-65", func(c *claimdesk.Case) *claimdesk.Case { return approve(c.Number, claimdesk.RemedyReplacement) }, claimdesk.StatusResolved, claimdesk.DecisionApproved},
		{claimdesk.KindMissingItem, ingrid, "5004127733", "JAB-EV2-65", func(c *claimdesk.Case) *claimdesk.Case { return approve(c.Number, claimdesk.RemedyReplacement) }, claimdesk.StatusResolved, claimdesk.DecisionApproved},
		{claimdesk.KindLostParcel, ola, "5004131902", "LEN-TB4-DOCK", func(c *claimdesk.Case) *claimdesk.Case { return approve(c.Number, claimdesk.RemedyReplacement) }, claimdesk.StatusResolved, claimdesk.DecisionApproved},
		{claimdesk.KindCancellation, ola, "5004131902", "LEN-TB4-DOCK", func(c *claimdesk.Case) *claimdesk.Case {
			amount := claimdesk.Minor(289000)
			d.must(d.svc.Decide(henrik, c.Number, casework.DecideInput{Decision: claimdesk.DecisionApproved, Remedy: claimdesk.RemedyRefund, Refund: &amount}))
			return d.must(d.svc.RecordRefund(henrik, c.Number, casework.RefundInput{Amount: amount}))
		}, claimdesk.StatusResolved, claimdesk.DecisionApproved},
		{claimdesk.KindGeneral, ingrid, "", "", func(c *claimdesk.Case) *claimdesk.Case {
			if _, err := d.svc.AddMessage(henrik, c.Number, casework.MessageInput{Body: "Vi har åpent 08–16."}); err != nil {
				t.Fatal(err)
			}
			return d.must(d.svc.Close(henrik, c.Number, "besvart"))
		}, claimdesk.StatusClosed, claimdesk.DecisionRequested},
		{claimdesk.KindComplaint, ingrid, "", "", func(c *claimdesk.Case) *claimdesk.Case {
			return d.must(d.svc.Escalate(ingrid, c.Number, "Jeg ønsker kundeombudets vurdering."))
		}, claimdesk.StatusOpen, claimdesk.DecisionRequested},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			in := casework.OpenCaseInput{Kind: tt.kind, OrderExternalID: tt.order, Description: "Saken gjelder " + string(tt.kind) + "."}
			if tt.sku != "" {
				in.Lines = line(tt.sku, 1)
			}
			c := tt.life(d.open(tt.who, "dustin", in))
			if c.Status != tt.status || c.Decision != tt.decision {
				t.Errorf("%s ends %s/%s, want %s/%s", tt.kind, c.Status, c.Decision, tt.status, tt.decision)
			}
			if ev := d.events(c.Number); len(ev) < 2 || ev[0] != "case.opened" {
				t.Errorf("event log %v", ev)
			}
		})
	}
}
