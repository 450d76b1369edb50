package storetest

import (
	"sync"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
)

// testJobs: enqueue is unique by key, claims lease due jobs once, a lost
// lease cannot finish a job, retries and cancellations.
func testJobs(t *testing.T, open Opener) {
	e := newEnv(t, open)
	j := e.s.Jobs
	now := t0
	add := func(key string, runAt time.Time) *claimdesk.Job {
		job := &claimdesk.Job{Kind: "test", Key: key, Payload: []byte(`{"n":1}`), RunAt: runAt, CreatedAt: now}
		ok, err := j.EnqueueJob(e.ctx, job)
		e.must(err, "enqueue "+key)
		if !ok {
			t.Fatalf("enqueue %s: not added", key)
		}
		return job
	}
	add("case:1:autoclose", now.Add(-time.Minute))
	add("case:1:reminder", now.Add(time.Hour))
	add("case:2:autoclose", now.Add(-2*time.Minute))
	if ok, err := j.EnqueueJob(e.ctx, &claimdesk.Job{Kind: "test", Key: "case:1:autoclose", RunAt: now}); err != nil || ok {
		t.Errorf("a second job with the same key: added=%v err=%v", ok, err)
	}
	got, err := j.ClaimJobs(e.ctx, "w1", now, now.Add(time.Minute), 10)
	e.must(err, "claim")
	if len(got) != 2 || got[0].Key != "case:2:autoclose" || got[0].Attempts != 1 || got[0].LockedBy != "w1" {
		t.Fatalf("claimed %+v, want the two due jobs, oldest first, leased to w1", got)
	}
	if again, _ := j.ClaimJobs(e.ctx, "w2", now, now.Add(time.Minute), 10); len(again) != 0 {
		t.Errorf("a leased job was claimed again: %+v", again)
	}
	e.must(j.FinishJob(e.ctx, got[0].ID, "w1", claimdesk.JobDone, "", now), "finish")
	wantCode(t, j.FinishJob(e.ctx, got[0].ID, "w1", claimdesk.JobDone, "", now), claimdesk.CodeConflict, "finish twice")
	// w1's lease on the other job runs out; w2 takes it over and w1 may no longer finish it.
	later := now.Add(2 * time.Minute)
	over, err := j.ClaimJobs(e.ctx, "w2", later, later.Add(time.Minute), 10)
	e.must(err, "claim after lease")
	if len(over) != 1 || over[0].Attempts != 2 {
		t.Fatalf("after the lease ran out: %+v", over)
	}
	wantCode(t, j.FinishJob(e.ctx, over[0].ID, "w1", claimdesk.JobDone, "", later), claimdesk.CodeConflict, "finish with a lost lease")
	e.must(j.RetryJob(e.ctx, over[0].ID, "w2", later.Add(time.Hour), "smtp 451"), "retry")
	if n, err := j.CancelJobs(e.ctx, "case:1:", later); err != nil || n != 2 {
		t.Errorf("cancel case:1: cancelled %d, %v; want 2", n, err)
	}
	list, err := j.FindJobs(e.ctx, "case:1:")
	e.must(err, "find")
	for _, job := range list {
		if job.Outcome != claimdesk.JobCancelled || job.DoneAt == nil {
			t.Errorf("job %s: outcome %q", job.Key, job.Outcome)
		}
	}
	if left, _ := j.ClaimJobs(e.ctx, "w3", later.Add(2*time.Hour), later.Add(3*time.Hour), 10); len(left) != 0 {
		t.Errorf("cancelled or finished jobs were claimed: %+v", left)
	}
	if list, _ := j.FindJobs(e.ctx, "case:2:"); len(list) != 1 || list[0].Outcome != claimdesk.JobDone || string(list[0].Payload) == "" {
		t.Errorf("finished job: %+v", list)
	}
}

// testJobsConcurrentClaims: workers claiming at once never get the same job.
func testJobsConcurrentClaims(t *testing.T, open Opener) {
	e := newEnv(t, open)
	for i := 0; i < 60; i++ {
		_, err := e.s.Jobs.EnqueueJob(e.ctx, &claimdesk.Job{Kind: "test", Key: "k" + string(rune('A'+i/26)) + string(rune('a'+i%26)), RunAt: t0})
		e.must(err, "enqueue")
	}
	var mu sync.Mutex
	seen := map[int64]string{}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(name string) {
			defer wg.Done()
			for {
				jobs, err := e.db.Stores().Jobs.ClaimJobs(e.ctx, name, t0, t0.Add(time.Hour), 5)
				if err != nil {
					t.Errorf("%s: %v", name, err)
					return
				}
				if len(jobs) == 0 {
					return
				}
				mu.Lock()
				for _, j := range jobs {
					if prev, dup := seen[j.ID]; dup {
						t.Errorf("job %d claimed by %s and %s", j.ID, prev, name)
					}
					seen[j.ID] = name
				}
				mu.Unlock()
			}
		}("w" + string(rune('1'+w)))
	}
	wg.Wait()
	if len(seen) != 60 {
		t.Errorf("%d jobs claimed, want 60", len(seen))
	}
}

// testWebhookStore: endpoints, disabling, enabling, deleting and the
// delivery log.
func testWebhookStore(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("hooks")
	w := e.s.Webhooks
	ep := &claimdesk.WebhookEndpoint{ShopID: "hooks", URL: "https://shop.example/hooks", Secret: "whsec_abc", Events: []string{"case.opened"}, CreatedAt: t0}
	e.must(w.CreateWebhookEndpoint(e.ctx, ep), "create endpoint")
	got, err := w.FindWebhookEndpoint(e.ctx, ep.ID)
	e.must(err, "find endpoint")
	if got.URL != ep.URL || got.Secret != "whsec_abc" || len(got.Events) != 1 || got.DisabledAt != nil {
		t.Errorf("endpoint round trip: %+v", got)
	}
	for i := 1; i <= 3; i++ {
		e.must(w.AddWebhookDelivery(e.ctx, &claimdesk.WebhookDelivery{EndpointID: ep.ID, MessageID: "msg_1", EventType: "case.opened",
			Payload: []byte(`{"type":"case.opened"}`), Attempt: i, Status: 500 - 300*(i/3), Succeeded: i == 3, At: t0.Add(time.Duration(i) * time.Second)}), "delivery")
	}
	log, err := w.ListWebhookDeliveries(e.ctx, ep.ID, 10)
	e.must(err, "deliveries")
	if len(log) != 3 || log[0].Attempt != 3 || !log[0].Succeeded || log[2].Succeeded {
		t.Errorf("delivery log newest first: %+v", log)
	}
	e.must(w.DisableWebhookEndpoint(e.ctx, ep.ID, t0), "disable")
	if got, _ := w.FindWebhookEndpoint(e.ctx, ep.ID); got.DisabledAt == nil {
		t.Error("endpoint not disabled")
	}
	wantCode(t, w.DisableWebhookEndpoint(e.ctx, 9999, t0), claimdesk.CodeNotFound, "disable unknown")
	_, err = w.FindWebhookEndpoint(e.ctx, 9999)
	wantCode(t, err, claimdesk.CodeNotFound, "find unknown")
	testWebhookEnableDelete(t, e, ep)
}

// testWebhookEnableDelete: a disabled endpoint is enabled again; deleting
// one takes its delivery log with it and leaves the shop's others alone.
func testWebhookEnableDelete(t *testing.T, e *env, ep *claimdesk.WebhookEndpoint) {
	t.Helper()
	w := e.s.Webhooks
	for i := 0; i < 2; i++ { // enabling an enabled endpoint changes nothing
		e.must(w.EnableWebhookEndpoint(e.ctx, ep.ID), "enable")
		if got, _ := w.FindWebhookEndpoint(e.ctx, ep.ID); got.DisabledAt != nil {
			t.Errorf("enable %d: still disabled at %v", i+1, got.DisabledAt)
		}
	}
	wantCode(t, w.EnableWebhookEndpoint(e.ctx, 9999), claimdesk.CodeNotFound, "enable unknown")
	other := &claimdesk.WebhookEndpoint{ShopID: "hooks", URL: "https://erp.example/hooks", Secret: "whsec_def", CreatedAt: t0}
	e.must(w.CreateWebhookEndpoint(e.ctx, other), "create another endpoint")
	e.must(w.AddWebhookDelivery(e.ctx, &claimdesk.WebhookDelivery{EndpointID: other.ID, MessageID: "msg_2", EventType: "case.opened",
		Payload: []byte(`{}`), Attempt: 1, Status: 200, Succeeded: true, At: t0}), "other delivery")
	e.must(w.DeleteWebhookEndpoint(e.ctx, ep.ID), "delete")
	_, err := w.FindWebhookEndpoint(e.ctx, ep.ID)
	wantCode(t, err, claimdesk.CodeNotFound, "find deleted")
	if log, err := w.ListWebhookDeliveries(e.ctx, ep.ID, 10); err != nil || len(log) != 0 {
		t.Errorf("the deleted endpoint's log: %d entries, %v", len(log), err)
	}
	wantCode(t, w.DeleteWebhookEndpoint(e.ctx, ep.ID), claimdesk.CodeNotFound, "delete twice")
	wantCode(t, w.EnableWebhookEndpoint(e.ctx, ep.ID), claimdesk.CodeNotFound, "enable deleted")
	wantCode(t, w.AddWebhookDelivery(e.ctx, &claimdesk.WebhookDelivery{EndpointID: ep.ID, MessageID: "msg_late", EventType: "case.opened",
		Payload: []byte(`{}`), Attempt: 1, At: t0}), claimdesk.CodeInvalid, "log to a deleted endpoint")
	list, err := w.ListWebhookEndpoints(e.ctx, "hooks")
	e.must(err, "list after delete")
	if len(list) != 1 || list[0].ID != other.ID {
		t.Errorf("endpoints after delete: %+v", list)
	}
	if log, _ := w.ListWebhookDeliveries(e.ctx, other.ID, 10); len(log) != 1 {
		t.Errorf("the other endpoint's log: %d entries, want 1", len(log))
	}
}

// testMailStore: the outbox, the delivery log per case, threading lookups
// and the inbound log's duplicate check.
func testMailStore(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("mailshop")
	cu := e.customer("mailshop", "Åse")
	c := e.createCase(e.newCase("mailshop", cu.ID))
	m := e.s.Mail
	out := &claimdesk.OutboundMail{ShopID: "mailshop", CaseID: c.ID, Kind: "case_registered", From: "a@shop.example", To: "ase@example.net",
		Subject: "Saka di", MessageID: "<1@shop.example>", Raw: []byte("Subject: x\r\n\r\nhei"), CreatedAt: t0}
	e.must(m.AddOutboundMail(e.ctx, out), "add outbound")
	e.must(m.MarkOutboundMail(e.ctx, out.ID, claimdesk.MailSent, "", t0.Add(time.Second)), "mark sent")
	got, err := m.FindOutboundMail(e.ctx, out.ID)
	e.must(err, "find outbound")
	if got.Status != claimdesk.MailSent || got.Attempts != 1 || got.SentAt == nil || string(got.Raw) != string(out.Raw) {
		t.Errorf("outbound round trip: %+v", got)
	}
	if log, _ := m.ListCaseMail(e.ctx, c.ID); len(log) != 1 {
		t.Errorf("case mail log: %d", len(log))
	}
	if id, err := m.CaseByMessageID(e.ctx, "<1@shop.example>"); err != nil || id != c.ID {
		t.Errorf("case by our message id: %d %v", id, err)
	}
	in := &claimdesk.InboundMail{ShopID: "mailshop", MessageID: "<abc@mail.example>", CaseID: c.ID, Rule: "in_reply_to", From: "ase@example.net", At: t0}
	e.must(m.AddInboundMail(e.ctx, in), "add inbound")
	wantCode(t, m.AddInboundMail(e.ctx, &claimdesk.InboundMail{ShopID: "mailshop", MessageID: "<abc@mail.example>", At: t0}), claimdesk.CodeConflict, "inbound twice")
	if id, err := m.CaseByMessageID(e.ctx, "<abc@mail.example>"); err != nil || id != c.ID {
		t.Errorf("case by inbound message id: %d %v", id, err)
	}
	_, err = m.CaseByMessageID(e.ctx, "<nope@x>")
	wantCode(t, err, claimdesk.CodeNotFound, "unknown message id")
}

// testTokens: a token is used once, before it expires, for its purpose.
func testTokens(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("tok")
	cu := e.customer("tok", "Åse")
	u := &claimdesk.User{Kind: claimdesk.CustomerUser, ShopID: "tok", Email: "ase@example.net", Name: "Åse", CustomerID: cu.ID, CreatedAt: t0}
	e.must(e.s.Users.CreateUser(e.ctx, u), "user")
	tok := &claimdesk.Token{Hash: []byte("h1"), UserID: u.ID, Purpose: claimdesk.TokenSignIn, CreatedAt: t0, ExpiresAt: t0.Add(15 * time.Minute)}
	e.must(e.s.Tokens.CreateToken(e.ctx, tok), "create")
	_, err := e.s.Tokens.UseToken(e.ctx, []byte("h1"), claimdesk.TokenReset, t0)
	wantCode(t, err, claimdesk.CodeNotFound, "other purpose")
	_, err = e.s.Tokens.UseToken(e.ctx, []byte("h1"), claimdesk.TokenSignIn, t0.Add(16*time.Minute))
	wantCode(t, err, claimdesk.CodeNotFound, "expired")
	got, err := e.s.Tokens.UseToken(e.ctx, []byte("h1"), claimdesk.TokenSignIn, t0.Add(time.Minute))
	e.must(err, "use")
	if got.UserID != u.ID {
		t.Errorf("token of user %d", got.UserID)
	}
	_, err = e.s.Tokens.UseToken(e.ctx, []byte("h1"), claimdesk.TokenSignIn, t0.Add(2*time.Minute))
	wantCode(t, err, claimdesk.CodeNotFound, "second use")
}
