package claimdesk

import "testing"

func TestCaseCheck(t *testing.T) {
	refund := Minor(100000)
	base := func(mut func(c *Case)) *Case {
		c := &Case{Number: "DUS-26-000001-3", Kind: KindDefect, Status: StatusOpen, Decision: DecisionRequested,
			Logistics: LogisticsAwaitingGoods, Ladder: LadderCustomerService}
		mut(c)
		return c
	}
	tests := []struct {
		name string
		c    *Case
		a    Action
		ok   bool
	}{
		{"goods arrive while awaited", base(func(*Case) {}), ActReceiveGoods, true},
		{"goods arrive in transit", base(func(c *Case) { c.Logistics = LogisticsInTransit }), ActReceiveGoods, true},
		{"no goods awaited", base(func(c *Case) { c.Logistics = LogisticsNone }), ActReceiveGoods, false},
		{"goods received twice", base(func(c *Case) { c.Logistics = LogisticsReceived }), ActReceiveGoods, false},
		{"decide a requested case", base(func(*Case) {}), ActDecide, true},
		{"decide twice", base(func(c *Case) { c.Decision = DecisionApproved }), ActDecide, false},
		{"decide a closed case", base(func(c *Case) { c.Status = StatusClosed }), ActDecide, false},
		{"decide a question", base(func(c *Case) { c.Kind = KindGeneral }), ActDecide, false},
		{"refund an approved case", base(func(c *Case) { c.Decision, c.Refund = DecisionApproved, &refund }), ActRefund, true},
		{"refund a rejected case", base(func(c *Case) { c.Decision, c.Refund = DecisionRejected, &refund }), ActRefund, false},
		{"refund twice", base(func(c *Case) { c.Decision, c.Refund, c.Refunded = DecisionApproved, &refund, refund }), ActRefund, false},
		{"reopen an open case", base(func(*Case) {}), ActReopen, false},
		{"reopen a closed case", base(func(c *Case) { c.Status = StatusClosed }), ActReopen, true},
		{"reopen a merged case", base(func(c *Case) { c.Status, c.MergedInto = StatusClosed, 9 }), ActReopen, false},
		// The ladder of Dustin's complaint handling (seed 001): customer
		// service's final answer first, then the ombudsman, then the
		// national body.
		{"escalate before an answer", base(func(*Case) {}), ActEscalate, false},
		{"escalate a formal complaint at once", base(func(c *Case) { c.Kind = KindComplaint }), ActEscalate, true},
		{"escalate after a rejection", base(func(c *Case) { c.Decision = DecisionRejected }), ActEscalate, true},
		{"escalate before the ombudsman decided", base(func(c *Case) { c.Ladder = LadderOmbudsman }), ActEscalate, false},
		{"escalate after the ombudsman", base(func(c *Case) { c.Ladder, c.Decision = LadderOmbudsman, DecisionRejected }), ActEscalate, true},
		{"escalate past the national body", base(func(c *Case) { c.Ladder, c.Decision = LadderNationalBody, DecisionRejected }), ActEscalate, false},
		{"in transit when awaited", base(func(*Case) {}), ActGoodsInTransit, true},
		{"in transit twice", base(func(c *Case) { c.Logistics = LogisticsInTransit }), ActGoodsInTransit, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.c.Check(tt.a)
			if (err == nil) != tt.ok {
				t.Fatalf("Check(%s) = %v, want ok=%v", tt.a, err, tt.ok)
			}
			if err != nil && !IsCode(err, CodeConflict) {
				t.Errorf("a refused action is a conflict, got %v", err)
			}
		})
	}
	if !KindWithdrawal.AllowsRemedy(RemedyRefund) || KindWithdrawal.AllowsRemedy(RemedyRepair) || !KindDefect.AllowsRemedy(RemedyPriceReduction) {
		t.Error("remedies per kind are wrong")
	}
}
