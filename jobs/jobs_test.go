package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/jobs"
	"github.com/claimdesk/claimdesk/storetest"
)

// clock is a test clock several runners share.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// caseFor makes a shop, a customer and a case whose log the jobs write to.
func caseFor(t *testing.T, db claimdesk.DB) *claimdesk.Case {
	t.Helper()
	ctx := context.Background()
	s := db.Stores()
	if err := s.Shops.CreateShop(ctx, &claimdesk.Shop{ID: "jobshop", Name: "Jobs", Country: claimdesk.Norway, Lang: claimdesk.Bokmal, CasePrefix: "JOB"}); err != nil {
		t.Fatal(err)
	}
	cu := &claimdesk.Customer{ShopID: "jobshop", Kind: claimdesk.Consumer, Name: "Kari"}
	if err := s.Customers.CreateCustomer(ctx, cu); err != nil {
		t.Fatal(err)
	}
	c := &claimdesk.Case{Number: "JOB-26-000001-1", ShopID: "jobshop", Kind: claimdesk.KindGeneral, CustomerID: cu.ID, Status: claimdesk.StatusOpen,
		Decision: claimdesk.DecisionRequested, Logistics: claimdesk.LogisticsNone, Money: claimdesk.MoneyNone, Ladder: claimdesk.LadderCustomerService}
	if err := s.Cases.CreateCase(ctx, c, nil); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestThreeInstancesRunEachJobOnce: three runners on one database work
// through 120 jobs and a periodic sweep side by side; every job's effect
// is in the case log exactly once.
func TestThreeInstancesRunEachJobOnce(t *testing.T) {
	for name, open := range storetest.Dialects() {
		t.Run(name, func(t *testing.T) {
			db := open(t)
			c := caseFor(t, db)
			ctx := context.Background()
			clk := &clock{t: time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)}
			for i := 0; i < 120; i++ {
				_, err := db.Stores().Jobs.EnqueueJob(ctx, &claimdesk.Job{Kind: "note", Key: fmt.Sprintf("note:%03d", i), RunAt: clk.now()})
				if err != nil {
					t.Fatal(err)
				}
			}
			var sweeps atomic.Int32
			var wg sync.WaitGroup
			for w := 0; w < 3; w++ {
				r := jobs.New(db, jobs.Options{Worker: fmt.Sprintf("i%d", w), Now: clk.now, Batch: 7})
				r.HandleTx("note", func(ctx context.Context, tx claimdesk.Stores, j *claimdesk.Job) error {
					return tx.Cases.AppendEvents(ctx, c.ID, []claimdesk.Event{{Type: "job.ran", ActorKind: "system", Reason: j.Key, At: clk.now()}})
				})
				r.Handle("sweep", func(ctx context.Context, j *claimdesk.Job) error { sweeps.Add(1); return nil })
				r.Every("sweep", time.Hour)
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, err := r.RunOnce(ctx); err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
			events, err := db.Stores().Cases.ListEvents(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			count := map[string]int{}
			for _, e := range events {
				count[e.Reason]++
			}
			if len(count) != 120 {
				t.Errorf("%d distinct jobs ran, want 120", len(count))
			}
			for k, n := range count {
				if n != 1 {
					t.Errorf("job %s ran %d times", k, n)
				}
			}
			if n := sweeps.Load(); n != 1 {
				t.Errorf("the hourly sweep ran %d times in one hour, want 1", n)
			}
		})
	}
}

// TestRetryAndLeaseTakeover: a failing job is retried with backoff as the
// clock moves; a job whose worker died is taken over after its lease.
func TestRetryAndLeaseTakeover(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ctx := context.Background()
	clk := &clock{t: time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)}
	st := db.Stores().Jobs
	if _, err := st.EnqueueJob(ctx, &claimdesk.Job{Kind: "flaky", Key: "flaky:1", RunAt: clk.now(), MaxAttempts: 5}); err != nil {
		t.Fatal(err)
	}
	calls := 0
	r := jobs.New(db, jobs.Options{Worker: "a", Now: clk.now})
	r.Handle("flaky", func(ctx context.Context, j *claimdesk.Job) error {
		calls++
		if calls < 3 {
			return errors.New("smtp: 451 try later")
		}
		return nil
	})
	for i := 0; i < 4; i++ {
		if _, err := r.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		clk.add(jobs.Backoff(i+1) + time.Second)
	}
	list, _ := st.FindJobs(ctx, "flaky:")
	if calls != 3 || list[0].Outcome != claimdesk.JobDone || list[0].Attempts != 3 {
		t.Errorf("calls %d, job %+v; want done on the third attempt", calls, list[0])
	}
	// A worker claims a job and dies; after the lease another takes it.
	if _, err := st.EnqueueJob(ctx, &claimdesk.Job{Kind: "flaky", Key: "orphan:1", RunAt: clk.now()}); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.ClaimJobs(ctx, "dead", clk.now(), clk.now().Add(time.Minute), 10); len(got) != 1 {
		t.Fatalf("claim: %v", got)
	}
	if n, _ := r.RunOnce(ctx); n != 0 {
		t.Errorf("a leased job ran before its lease ran out")
	}
	clk.add(2 * time.Minute)
	if n, _ := r.RunOnce(ctx); n != 1 {
		t.Errorf("the orphaned job was not taken over: ran %d", n)
	}
	// A permanent error fails the job at once.
	if _, err := st.EnqueueJob(ctx, &claimdesk.Job{Kind: "bad", Key: "bad:1", RunAt: clk.now()}); err != nil {
		t.Fatal(err)
	}
	r.Handle("bad", func(ctx context.Context, j *claimdesk.Job) error {
		return jobs.Permanent(errors.New("550 no such user"))
	})
	_, _ = r.RunOnce(ctx)
	if list, _ := st.FindJobs(ctx, "bad:"); list[0].Outcome != claimdesk.JobFailed || list[0].Attempts != 1 {
		t.Errorf("permanent failure: %+v", list[0])
	}
}

func TestBackoff(t *testing.T) {
	tests := []struct {
		attempt int
		want    time.Duration
	}{{1, 10 * time.Second}, {2, 20 * time.Second}, {5, 160 * time.Second}, {20, 6 * time.Hour}, {0, 10 * time.Second}}
	for _, tt := range tests {
		if got := jobs.Backoff(tt.attempt); got != tt.want {
			t.Errorf("Backoff(%d) = %s, want %s", tt.attempt, got, tt.want)
		}
	}
}
