package storetest

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
)

func testCases(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	cu := e.customer("s1", "Kari")
	o := e.order("s1", cu.ID)
	agent := &claimdesk.User{Kind: claimdesk.AgentUser, Email: "a@desk.no", Memberships: []claimdesk.Membership{{ShopID: "s1", Role: claimdesk.RoleAgent}}}
	e.must(e.s.Users.CreateUser(e.ctx, agent), "CreateUser")

	yes := true
	refund := claimdesk.Minor(129900)
	due := time.Date(2026, 5, 19, 16, 0, 0, 0, oslo)
	c := e.newCase("s1", cu.ID)
	c.OrderID, c.OrderExternalID = o.ID, o.ExternalID
	c.Lines = []claimdesk.CaseLine{{SKU: "SKU-1", Quantity: 1}}
	c.Eligible, c.Refund, c.Refunded = &yes, &refund, 4900
	c.Deadline = claimdesk.Date{Year: 2028, Month: 5, Day: 21}
	c.GoodsDue = claimdesk.Date{Year: 2026, Month: 6, Day: 1}
	c.Fees = []claimdesk.CaseFee{{Code: "return_shipping", Amount: 9900}}
	c.Assessment = json.RawMessage(`{"rule":"no.fkjl.27","ok":true,"z":1,"a":[1,2]}`)
	c.TermsVersion, c.Route, c.AssigneeID, c.Priority, c.DueAt = "2026-01", "defect.repair", agent.ID, 2, &due
	events := []claimdesk.Event{
		{Type: "created", ActorKind: "customer", ActorName: "Kari", At: t0, Data: json.RawMessage(`{"via":"portal"}`)},
		{Type: "assessed", ActorKind: "system", At: t0, Reason: "policy"},
	}
	e.must(e.s.Cases.CreateCase(e.ctx, c, events), "CreateCase")
	if c.ID == 0 || c.Version != 1 || events[1].Seq != 2 || events[0].CaseID != c.ID || events[1].ID == 0 {
		t.Fatalf("CreateCase did not set ids: case %d v%d, events %+v", c.ID, c.Version, events)
	}
	got, err := e.s.Cases.FindCase(e.ctx, c.ID)
	e.must(err, "FindCase")
	if !reflect.DeepEqual(got, c) {
		t.Errorf("FindCase =\n%+v\nwant\n%+v", got, c)
	}
	if string(got.Assessment) != string(c.Assessment) {
		t.Errorf("Assessment = %s, want the same bytes %s", got.Assessment, c.Assessment)
	}
	sameTime(t, *got.DueAt, due, "DueAt")
	got, err = e.s.Cases.FindCaseByNumber(e.ctx, c.Number)
	e.must(err, "FindCaseByNumber")
	if got.ID != c.ID {
		t.Errorf("FindCaseByNumber = %d, want %d", got.ID, c.ID)
	}

	// A case with every optional field empty round-trips too.
	bare := e.newCase("s1", cu.ID)
	bare.Facts, bare.Decision, bare.Ladder = nil, "", ""
	e.must(e.s.Cases.CreateCase(e.ctx, bare, nil), "CreateCase bare")
	got, err = e.s.Cases.FindCase(e.ctx, bare.ID)
	e.must(err, "FindCase bare")
	if got.Eligible != nil || got.Refund != nil || got.DueAt != nil || got.OrderID != 0 || got.AssigneeID != 0 ||
		!got.Deadline.IsZero() || got.Assessment != nil || len(got.Lines) != 0 {
		t.Errorf("bare case came back with values: %+v", got)
	}

	for _, tc := range []struct {
		name   string
		mutate func(c *claimdesk.Case)
		code   claimdesk.Code
	}{
		{"duplicate number", func(x *claimdesk.Case) { x.Number = c.Number }, claimdesk.CodeConflict},
		{"unknown customer", func(x *claimdesk.Case) { x.CustomerID = 999999 }, claimdesk.CodeInvalid},
		{"bad status", func(x *claimdesk.Case) { x.Status = "limbo" }, claimdesk.CodeInvalid},
		{"bad kind", func(x *claimdesk.Case) { x.Kind = "whim" }, claimdesk.CodeInvalid},
		{"zero quantity", func(x *claimdesk.Case) { x.Lines = []claimdesk.CaseLine{{SKU: "A", Quantity: 0}} }, claimdesk.CodeInvalid},
		{"assessment not JSON", func(x *claimdesk.Case) { x.Assessment = json.RawMessage(`{"rule":`) }, claimdesk.CodeInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := e.newCase("s1", cu.ID)
			tc.mutate(x)
			wantCode(t, e.s.Cases.CreateCase(e.ctx, x, []claimdesk.Event{{Type: "created"}}), tc.code, "CreateCase")
			if tc.code != claimdesk.CodeConflict {
				_, err := e.s.Cases.FindCaseByNumber(e.ctx, x.Number)
				wantCode(t, err, claimdesk.CodeNotFound, "the rejected case must not be half-written")
			}
		})
	}
	_, err = e.s.Cases.FindCase(e.ctx, c.ID+1000)
	wantCode(t, err, claimdesk.CodeNotFound, "FindCase of a missing case")
	_, err = e.s.Cases.FindCaseByNumber(e.ctx, "nope")
	wantCode(t, err, claimdesk.CodeNotFound, "FindCaseByNumber of a missing case")
}

func testCaseVersion(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	cu := e.customer("s1", "Kari")
	c := e.createCase(e.newCase("s1", cu.ID))
	a, err := e.s.Cases.FindCase(e.ctx, c.ID)
	e.must(err, "FindCase")
	b, err := e.s.Cases.FindCase(e.ctx, c.ID)
	e.must(err, "FindCase")

	closed := t0.Add(48 * time.Hour)
	a.Status, a.Decision, a.Remedy, a.ClosedAt = claimdesk.StatusResolved, claimdesk.DecisionApproved, claimdesk.RemedyRefund, &closed
	a.Lines = []claimdesk.CaseLine{{SKU: "B", Quantity: 2}}
	a.Number, a.UpdatedAt = "ignored", closed
	e.must(e.s.Cases.UpdateCase(e.ctx, claimdesk.CaseUpdate{Case: a, ExpectedVersion: 1}), "UpdateCase")
	if a.Version != 2 || a.Number != c.Number {
		t.Errorf("after UpdateCase: version %d number %q, want 2 and %q", a.Version, a.Number, c.Number)
	}
	b.Subject = "stale"
	wantCode(t, e.s.Cases.UpdateCase(e.ctx, claimdesk.CaseUpdate{Case: b, ExpectedVersion: 1}), claimdesk.CodeConflict,
		"UpdateCase with a stale version")
	got, err := e.s.Cases.FindCase(e.ctx, c.ID)
	e.must(err, "FindCase")
	if got.Version != 2 || got.Status != claimdesk.StatusResolved || got.Subject == "stale" || len(got.Lines) != 1 ||
		got.Lines[0].Quantity != 2 || got.ClosedAt == nil {
		t.Errorf("after the updates: %+v", got)
	}
	sameTime(t, got.CreatedAt, c.CreatedAt, "CreatedAt after update")
	e.must(e.s.Cases.UpdateCase(e.ctx, claimdesk.CaseUpdate{Case: got, ExpectedVersion: 2}), "UpdateCase v2")
	missing := *got
	missing.ID = c.ID + 1000
	wantCode(t, e.s.Cases.UpdateCase(e.ctx, claimdesk.CaseUpdate{Case: &missing, ExpectedVersion: 1}), claimdesk.CodeNotFound,
		"UpdateCase of a missing case")
}

func testCaseEvents(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	cu := e.customer("s1", "Kari")
	c := e.createCase(e.newCase("s1", cu.ID))
	e.must(e.s.Cases.AppendEvents(e.ctx, c.ID, []claimdesk.Event{
		{Type: "note", ActorKind: "agent", ActorID: 7, ActorName: "Agnes", At: t0.Add(time.Hour), Reason: "kunden ringte"},
		{Type: "status", ActorKind: "agent", ActorID: 7, At: t0.Add(2 * time.Hour), Data: json.RawMessage(`{"to":"waiting"}`)},
	}), "AppendEvents")
	e.must(e.s.Cases.AppendEvents(e.ctx, c.ID, nil), "AppendEvents with none")
	evs, err := e.s.Cases.ListEvents(e.ctx, c.ID)
	e.must(err, "ListEvents")
	if len(evs) != 3 {
		t.Fatalf("ListEvents = %d events, want 3", len(evs))
	}
	for i, ev := range evs {
		if ev.Seq != i+1 || ev.CaseID != c.ID {
			t.Errorf("event %d: seq %d case %d", i, ev.Seq, ev.CaseID)
		}
	}
	if evs[1].Reason != "kunden ringte" || string(evs[2].Data) != `{"to":"waiting"}` || evs[1].ActorName != "Agnes" {
		t.Errorf("events did not round-trip: %+v", evs)
	}
	sameTime(t, evs[1].At, t0.Add(time.Hour), "event At")
	wantCode(t, e.s.Cases.AppendEvents(e.ctx, c.ID+1000, []claimdesk.Event{{Type: "x"}}), claimdesk.CodeNotFound,
		"AppendEvents to a missing case")
	wantCode(t, e.s.Cases.AppendEvents(e.ctx, c.ID, []claimdesk.Event{{Type: "x", Data: json.RawMessage("{oops")}}),
		claimdesk.CodeInvalid, "AppendEvents with data that is not JSON")
	evs, err = e.s.Cases.ListEvents(e.ctx, c.ID)
	e.must(err, "ListEvents")
	if len(evs) != 3 {
		t.Errorf("after a refused append: %d events, want 3", len(evs))
	}
	evs, err = e.s.Cases.ListEvents(e.ctx, c.ID+1000)
	e.must(err, "ListEvents of a missing case")
	if len(evs) != 0 {
		t.Errorf("ListEvents of a missing case = %d events", len(evs))
	}
}

func testCaseMessages(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	cu := e.customer("s1", "Kari")
	c := e.createCase(e.newCase("s1", cu.ID))
	photo := []byte{0x89, 'P', 'N', 'G', 0, 1, 2, 3, 0xff}
	m1 := &claimdesk.Message{CaseID: c.ID, Direction: claimdesk.Inbound, AuthorKind: "customer", AuthorName: "Kari",
		Body: "Hei! Skjermen er knust 😞", EmailID: "<m1@example.no>", CreatedAt: t0,
		Attachments: []claimdesk.Attachment{{Filename: "skade.png", ContentType: "image/png", SHA256: "abc", Data: photo},
			{Filename: "kvittering.pdf", ContentType: "application/pdf", Data: []byte("%PDF")}}}
	e.must(e.s.Cases.AddMessage(e.ctx, m1), "AddMessage")
	if m1.ID == 0 || m1.Attachments[0].ID == 0 || m1.Attachments[0].MessageID != m1.ID || m1.Attachments[0].Size != int64(len(photo)) {
		t.Fatalf("AddMessage did not set ids: %+v", m1)
	}
	m2 := &claimdesk.Message{CaseID: c.ID, Direction: claimdesk.Note, AuthorKind: "agent", AuthorID: 3, Body: "Intern", CreatedAt: t0.Add(time.Minute)}
	e.must(e.s.Cases.AddMessage(e.ctx, m2), "AddMessage note")
	ms, err := e.s.Cases.ListMessages(e.ctx, c.ID)
	e.must(err, "ListMessages")
	if len(ms) != 2 || ms[0].ID != m1.ID || ms[1].ID != m2.ID || len(ms[0].Attachments) != 2 || len(ms[1].Attachments) != 0 {
		t.Fatalf("ListMessages = %+v", ms)
	}
	if ms[0].Body != m1.Body || ms[0].Attachments[0].Data != nil || ms[0].Attachments[0].Filename != "skade.png" {
		t.Errorf("ListMessages returned %+v", ms[0])
	}
	sameTime(t, ms[0].CreatedAt, t0, "message CreatedAt")
	a, err := e.s.Cases.FindAttachment(e.ctx, m1.Attachments[0].ID)
	e.must(err, "FindAttachment")
	if !reflect.DeepEqual(a.Data, photo) || a.CaseID != c.ID || a.ContentType != "image/png" || a.SHA256 != "abc" {
		t.Errorf("FindAttachment = %+v", a)
	}
	_, err = e.s.Cases.FindAttachment(e.ctx, 999999)
	wantCode(t, err, claimdesk.CodeNotFound, "FindAttachment of a missing attachment")
	bad := &claimdesk.Message{CaseID: c.ID, Direction: "sideways", Body: "x"}
	wantCode(t, e.s.Cases.AddMessage(e.ctx, bad), claimdesk.CodeInvalid, "AddMessage with a bad direction")
	orphan := &claimdesk.Message{CaseID: c.ID + 1000, Direction: claimdesk.Inbound, Body: "x"}
	wantCode(t, e.s.Cases.AddMessage(e.ctx, orphan), claimdesk.CodeNotFound, "AddMessage to a missing case")
}
