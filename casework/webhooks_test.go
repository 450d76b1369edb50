package casework_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/jobs"
	"github.com/claimdesk/claimdesk/storetest"
)

// TestEnableDeleteWebhookWho: enabling and deleting an endpoint are for the
// shop's admins (and the system), as disabling is; an endpoint of another
// shop is not found through this one.
func TestEnableDeleteWebhookWho(t *testing.T) {
	d := newDesk(t, storetest.OpenSQLite)
	sys := claimdesk.WithActor(context.Background(), claimdesk.System)
	newEP := func(shop string) int64 {
		t.Helper()
		ep, _, err := d.svc.CreateWebhook(sys, shop, casework.WebhookInput{URL: "https://erp." + shop + ".example/hooks"})
		if err != nil {
			t.Fatal(err)
		}
		return ep.ID
	}
	foreign := newEP("compumail")
	tests := []struct {
		name string
		ctx  context.Context
		shop string
		id   int64 // 0: a new endpoint of the shop
		want claimdesk.Code
	}{
		{"shop admin", d.as("", "camilla.strand@dustin.example"), "dustin", 0, ""},
		{"system", sys, "dustin", 0, ""},
		{"agent", d.as("", "henrik.moe@dustin.example"), "dustin", 0, claimdesk.CodeForbidden},
		{"admin of another shop", d.as("", "anders.kjaer@compumail.example"), "dustin", 0, claimdesk.CodeForbidden},
		{"the shop's API key", claimdesk.WithActor(context.Background(), claimdesk.Actor{Kind: claimdesk.ActorAPIKey, ShopID: "dustin", KeyID: 1}), "dustin", 0, claimdesk.CodeForbidden},
		{"customer", d.as("dustin", "ingrid.haugen@example.net"), "dustin", 0, claimdesk.CodeForbidden},
		{"anonymous", context.Background(), "dustin", 0, claimdesk.CodeUnauthenticated},
		{"another shop's endpoint", d.as("", "camilla.strand@dustin.example"), "dustin", foreign, claimdesk.CodeNotFound},
		{"unknown endpoint", d.as("", "camilla.strand@dustin.example"), "dustin", 99999, claimdesk.CodeNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := tt.id
			if id == 0 {
				id = newEP(tt.shop)
			}
			if err := d.svc.DisableWebhook(sys, tt.shop, id); err != nil && tt.id == 0 {
				t.Fatal(err)
			}
			checkErr(t, d.svc.EnableWebhook(tt.ctx, tt.shop, id), tt.want, "")
			if tt.want == "" {
				if ep, _ := d.db.Stores().Webhooks.FindWebhookEndpoint(sys, id); ep.DisabledAt != nil {
					t.Error("still disabled after enable")
				}
			}
			checkErr(t, d.svc.DeleteWebhook(tt.ctx, tt.shop, id), tt.want, "")
			_, err := d.db.Stores().Webhooks.FindWebhookEndpoint(sys, id)
			if deleted := claimdesk.IsCode(err, claimdesk.CodeNotFound); deleted != (tt.want == "" || tt.id == 99999) {
				t.Errorf("endpoint gone: %v", deleted)
			}
		})
	}
}

// TestDeletedWebhookJobsEnd: deliveries queued for an endpoint that is
// then deleted end at once, done, with a log line and nothing sent.
func TestDeletedWebhookJobsEnd(t *testing.T) {
	d := newDesk(t, storetest.OpenSQLite)
	camilla := d.as("", "camilla.strand@dustin.example")
	ep, _, err := d.svc.CreateWebhook(camilla, "dustin", casework.WebhookInput{URL: "http://127.0.0.1:1/never"})
	if err != nil {
		t.Fatal(err)
	}
	d.open(d.as("dustin", "ingrid.haugen@example.net"), "dustin", casework.OpenCaseInput{Kind: claimdesk.KindDefect, OrderExternalID: "5004127733",
		Lines: line("DELL-U2724D", 1), Description: "Skjermen flimrer etter ti minutter."})
	queued, err := d.db.Stores().Jobs.FindJobs(context.Background(), "webhook:")
	if err != nil || len(queued) == 0 {
		t.Fatalf("no delivery queued: %v", err)
	}
	if err := d.svc.DeleteWebhook(camilla, "dustin", ep.ID); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	svc := casework.New(d.db, casework.Options{Now: d.clk.now, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	r := jobs.New(d.db, jobs.Options{Worker: "after-delete", Now: d.clk.now})
	svc.RegisterJobs(r)
	if _, err := r.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	after, _ := d.db.Stores().Jobs.FindJobs(context.Background(), "webhook:")
	for _, j := range after {
		if j.Outcome != claimdesk.JobDone || j.Attempts != 1 || j.LastError != "" {
			t.Errorf("job %s: outcome %q after %d attempts, error %q", j.Key, j.Outcome, j.Attempts, j.LastError)
		}
	}
	if !strings.Contains(logs.String(), "endpoint deleted") {
		t.Errorf("no log line for the dropped delivery: %s", logs.String())
	}
}
