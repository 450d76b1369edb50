package casework_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/demo"
	"github.com/claimdesk/claimdesk/jobs"
	"github.com/claimdesk/claimdesk/policy"
	"github.com/claimdesk/claimdesk/sqlstore"
	"github.com/claimdesk/claimdesk/storetest"
)

// TestThreeInstancesOnePostgres: three instances (each its own pool, service
// and job runner) on one PostgreSQL open cases at once: no number is given
// twice, and every timer those cases scheduled runs exactly once.
func TestThreeInstancesOnePostgres(t *testing.T) {
	dsn := storetest.PostgresDSN(t) // skips without CLAIMDESK_TEST_POSTGRES
	ctx := context.Background()
	engine, err := policy.Default()
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: start}
	type instance struct {
		svc    *casework.Service
		runner *jobs.Runner
	}
	var inst []instance
	for i := 0; i < 3; i++ {
		db, err := sqlstore.Open(ctx, dsn, sqlstore.WithMaxOpenConns(4))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if _, err := demo.Load(ctx, db, demo.Options{Now: start, HashPassword: func(string) (string, error) { return "x", nil }, NewPassword: func() string { return "p" }}); err != nil {
			t.Fatal(err)
		}
		svc := casework.New(db, casework.Options{Assessor: casework.PolicyAssessor{Engine: engine}, SLA: casework.CalendarSLA{}, Now: clk.now})
		r := jobs.New(db, jobs.Options{Worker: fmt.Sprintf("instance-%d", i), Now: clk.now, Batch: 3})
		svc.RegisterJobs(r)
		inst = append(inst, instance{svc, r})
	}
	sys := claimdesk.WithActor(ctx, claimdesk.System)
	var mu sync.Mutex
	numbers := map[string]int{}
	var wg sync.WaitGroup
	for i, in := range inst {
		wg.Add(1)
		go func(i int, svc *casework.Service) {
			defer wg.Done()
			for k := 0; k < 15; k++ {
				c, err := svc.OpenCase(sys, "compumail", casework.OpenCaseInput{Kind: claimdesk.KindDefect, OrderExternalID: "CM-880245",
					Lines: line("HDD-WD-8TB", 1), Description: fmt.Sprintf("Disken klickar, instans %d ärende %d.", i, k)})
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				numbers[c.Number]++
				mu.Unlock()
			}
		}(i, in.svc)
	}
	wg.Wait()
	if len(numbers) != 45 {
		t.Errorf("%d distinct numbers for 45 cases", len(numbers))
	}
	for n, k := range numbers {
		if k != 1 {
			t.Errorf("number %s given %d times", n, k)
		}
	}
	// Past the goods-due day every case gets its notice and is closed, once.
	clk.set(start.AddDate(0, 0, 25))
	for i := 0; i < 2; i++ {
		wg = sync.WaitGroup{}
		for _, in := range inst {
			wg.Add(1)
			go func(r *jobs.Runner) {
				defer wg.Done()
				if _, err := r.RunOnce(ctx); err != nil {
					t.Error(err)
				}
			}(in.runner)
		}
		wg.Wait()
	}
	for n := range numbers {
		ev, err := inst[0].svc.CaseEvents(sys, n)
		if err != nil {
			t.Fatal(err)
		}
		var types []string
		for _, e := range ev {
			types = append(types, e.Type)
		}
		if countOf(types, "case.autoclose.notice") != 1 || countOf(types, "case.closed") != 1 {
			t.Errorf("case %s: %v; want one notice and one close", n, types)
		}
	}
}
