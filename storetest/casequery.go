package storetest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
)

func testCaseFilters(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	e.shop("s2")
	kari, ola := e.customer("s1", "Kari"), e.customer("s1", "Ola")
	o := e.order("s1", kari.ID)
	agent := &claimdesk.User{Kind: claimdesk.AgentUser, Email: "a@desk.no"}
	e.must(e.s.Users.CreateUser(e.ctx, agent), "CreateUser")
	buyer := &claimdesk.User{Kind: claimdesk.CustomerUser, ShopID: "s1", Email: "k@x.no", CustomerID: kari.ID}
	e.must(e.s.Users.CreateUser(e.ctx, buyer), "CreateUser")

	mk := func(shop string, cust int64, mutate func(c *claimdesk.Case)) {
		c := e.newCase(shop, cust)
		if mutate != nil {
			mutate(c)
		}
		e.createCase(c)
	}
	mk("s1", kari.ID, func(c *claimdesk.Case) { c.OrderID, c.UserID = o.ID, buyer.ID })
	mk("s1", kari.ID, func(c *claimdesk.Case) { c.Kind, c.Status = claimdesk.KindWithdrawal, claimdesk.StatusWaiting })
	mk("s1", ola.ID, func(c *claimdesk.Case) { c.AssigneeID = agent.ID })
	mk("s1", ola.ID, func(c *claimdesk.Case) { c.Status, c.Queue = claimdesk.StatusClosed, "ombudsman" })
	mk("s2", e.customer("s2", "Per").ID, nil)

	for _, tc := range []struct {
		name string
		f    claimdesk.CaseFilter
		want int
	}{
		{"everything", claimdesk.CaseFilter{}, 5},
		{"shop", claimdesk.CaseFilter{ShopIDs: []string{"s1"}}, 4},
		{"two shops", claimdesk.CaseFilter{ShopIDs: []string{"s1", "s2"}}, 5},
		{"customer", claimdesk.CaseFilter{CustomerIDs: []int64{kari.ID}}, 2},
		{"user", claimdesk.CaseFilter{CustomerIDs: []int64{kari.ID}, UserID: buyer.ID}, 1},
		{"order", claimdesk.CaseFilter{OrderID: o.ID}, 1},
		{"kind", claimdesk.CaseFilter{Kinds: []claimdesk.CaseKind{claimdesk.KindWithdrawal}}, 1},
		{"open statuses", claimdesk.CaseFilter{ShopIDs: []string{"s1"}, Statuses: []claimdesk.Status{claimdesk.StatusOpen, claimdesk.StatusWaiting}}, 3},
		{"queue", claimdesk.CaseFilter{Queue: "ombudsman"}, 1},
		{"assignee", claimdesk.CaseFilter{AssigneeID: agent.ID}, 1},
		{"unassigned", claimdesk.CaseFilter{ShopIDs: []string{"s1"}, Unassigned: true}, 3},
		{"nothing", claimdesk.CaseFilter{ShopIDs: []string{"nope"}}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, sort := range []string{"", "newest", "due"} {
				f := tc.f
				f.Sort = sort
				got, next, err := e.s.Cases.FindCases(e.ctx, f)
				e.must(err, "FindCases")
				if len(got) != tc.want || next != "" {
					t.Errorf("FindCases sort %q = %d cases (next %q), want %d", sort, len(got), next, tc.want)
				}
			}
			n, err := e.s.Cases.CountCases(e.ctx, tc.f)
			e.must(err, "CountCases")
			if n != tc.want {
				t.Errorf("CountCases = %d, want %d", n, tc.want)
			}
		})
	}
	_, _, err := e.s.Cases.FindCases(e.ctx, claimdesk.CaseFilter{Sort: "random"})
	wantCode(t, err, claimdesk.CodeInvalid, "FindCases with an unknown sort")
	_, _, err = e.s.Cases.FindCases(e.ctx, claimdesk.CaseFilter{Cursor: "garbage!"})
	wantCode(t, err, claimdesk.CodeInvalid, "FindCases with a bad cursor")
	_, _, err = e.s.Cases.FindCases(e.ctx, claimdesk.CaseFilter{Statuses: []claimdesk.Status{"open' OR 1=1 --"}})
	wantCode(t, err, claimdesk.CodeInvalid, "FindCases with an unknown status")
	_, err = e.s.Cases.CountCases(e.ctx, claimdesk.CaseFilter{Statuses: []claimdesk.Status{"limbo"}})
	wantCode(t, err, claimdesk.CodeInvalid, "CountCases with an unknown status")
}

func testCasePages(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	cu := e.customer("s1", "Kari")
	const total = 23
	base := time.Date(2026, 5, 20, 9, 0, 0, 0, oslo)
	for i := 0; i < total; i++ {
		c := e.newCase("s1", cu.ID)
		c.CreatedAt = base.Add(time.Duration(i%5) * time.Minute) // ties on created_at
		c.UpdatedAt = c.CreatedAt
		if i%4 != 0 { // some cases have no due time; ties on due_at too
			due := base.Add(time.Duration(i%3) * time.Hour)
			c.DueAt = &due
		}
		e.createCase(c)
	}
	for _, sort := range []string{"newest", "due"} {
		for _, limit := range []int{1, 5, 7, 50} {
			t.Run(fmt.Sprintf("%s/%d", sort, limit), func(t *testing.T) {
				var all []*claimdesk.Case
				cursor := ""
				for page := 0; page <= total; page++ {
					got, next, err := e.s.Cases.FindCases(e.ctx, claimdesk.CaseFilter{ShopIDs: []string{"s1"}, Sort: sort,
						Cursor: cursor, Limit: limit})
					e.must(err, "FindCases")
					if len(got) > limit {
						t.Fatalf("page of %d cases, limit %d", len(got), limit)
					}
					all = append(all, got...)
					if next == "" {
						break
					}
					cursor = next
				}
				if len(all) != total {
					t.Fatalf("paged through %d cases, want %d", len(all), total)
				}
				seen := map[int64]bool{}
				for i, c := range all {
					if seen[c.ID] {
						t.Fatalf("case %d twice", c.ID)
					}
					seen[c.ID] = true
					if i == 0 {
						continue
					}
					p := all[i-1]
					if sort == "newest" && (c.CreatedAt.After(p.CreatedAt) || c.CreatedAt.Equal(p.CreatedAt) && c.ID > p.ID) {
						t.Errorf("newest: case %d (%v) after %d (%v)", c.ID, c.CreatedAt, p.ID, p.CreatedAt)
					}
					if sort == "due" && dueLess(c, p) {
						t.Errorf("due: case %d (%v) after %d (%v)", c.ID, c.DueAt, p.ID, p.DueAt)
					}
				}
			})
		}
	}
	got, _, err := e.s.Cases.FindCases(e.ctx, claimdesk.CaseFilter{})
	e.must(err, "FindCases default limit")
	if len(got) != total {
		t.Errorf("default limit gave %d cases", len(got))
	}
}

// dueLess reports whether a sorts before b in the agent queue.
func dueLess(a, b *claimdesk.Case) bool {
	switch {
	case a.DueAt == nil && b.DueAt == nil:
		return a.ID < b.ID
	case a.DueAt == nil:
		return false
	case b.DueAt == nil:
		return true
	case !a.DueAt.Equal(*b.DueAt):
		return a.DueAt.Before(*b.DueAt)
	}
	return a.ID < b.ID
}

func testCaseSearch(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	cu := e.customer("s1", "Kari")
	o := e.order("s1", cu.ID)
	subjects := []string{"Ødelagt kaffetrakter", "Trasig diskmaskin – läcker", "Æble-skærer virker ikke", "Feil farge"}
	var first *claimdesk.Case
	for i, s := range subjects {
		c := e.newCase("s1", cu.ID)
		c.Subject = s
		if i == 3 {
			c.OrderID, c.OrderExternalID = o.ID, "WEB-77812"
			c.Description = "100% bomull, str_XL"
		}
		e.createCase(c)
		if first == nil {
			first = c
		}
	}
	for _, tc := range []struct {
		query string
		want  int
	}{
		{"ØDELAGT", 1}, {"ødelagt", 1}, {"LÄCKER", 1}, {"skærer", 1}, {"ÆBLE", 1},
		{"web-77812", 1}, {first.Number, 1}, {"maskinen lekker", 3}, {"100%", 1}, {"str_x", 1}, {"%", 1},
		{"_", 1}, {"finnes ikke", 0}, {`"kaffe`, 0}, {"NOT kaffe*", 0}, {"kaffe AND", 0}, {"ø", 1}, {"æb", 1},
	} {
		t.Run(tc.query, func(t *testing.T) {
			f := claimdesk.CaseFilter{ShopIDs: []string{"s1"}, Query: tc.query}
			got, _, err := e.s.Cases.FindCases(e.ctx, f)
			e.must(err, "FindCases")
			n, err := e.s.Cases.CountCases(e.ctx, f)
			e.must(err, "CountCases")
			if len(got) != tc.want || n != tc.want {
				t.Errorf("query %q: FindCases %d, CountCases %d, want %d", tc.query, len(got), n, tc.want)
			}
		})
	}
	// The search follows updates.
	first.Subject = "Blender med sprekk"
	e.must(e.s.Cases.UpdateCase(e.ctx, claimdesk.CaseUpdate{Case: first, ExpectedVersion: first.Version}), "UpdateCase")
	for q, want := range map[string]int{"sprekk": 1, "ødelagt": 0} {
		n, err := e.s.Cases.CountCases(e.ctx, claimdesk.CaseFilter{Query: q})
		e.must(err, "CountCases")
		if n != want {
			t.Errorf("after the update, query %q counts %d, want %d", q, n, want)
		}
	}
}

func testCaseSequence(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	e.shop("s2")
	for i, tc := range []struct {
		shop string
		year int
		want int64
	}{
		{"s1", 2026, 1}, {"s1", 2026, 2}, {"s1", 2027, 1}, {"s2", 2026, 1}, {"s1", 2026, 3},
	} {
		got, err := e.s.Cases.NextCaseSequence(e.ctx, tc.shop, tc.year)
		e.must(err, "NextCaseSequence")
		if got != tc.want {
			t.Errorf("call %d: NextCaseSequence(%s, %d) = %d, want %d", i, tc.shop, tc.year, got, tc.want)
		}
	}
	const workers, each = 8, 25
	var mu sync.Mutex
	seen := map[int64]bool{}
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				n, err := e.s.Cases.NextCaseSequence(e.ctx, "s2", 2030)
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				if seen[n] {
					errs <- fmt.Errorf("number %d handed out twice", n)
				}
				seen[n] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent NextCaseSequence: %v", err)
	}
	if len(seen) != workers*each {
		t.Fatalf("got %d distinct numbers, want %d", len(seen), workers*each)
	}
	for n := int64(1); n <= workers*each; n++ {
		if !seen[n] {
			t.Fatalf("number %d never handed out", n)
		}
	}
}

func testConcurrentCreateCase(t *testing.T, open Opener) {
	e := newEnv(t, open)
	e.shop("s1")
	cu := e.customer("s1", "Kari")
	u := &claimdesk.User{Kind: claimdesk.AgentUser, Email: "a@desk.no"}
	e.must(e.s.Users.CreateUser(e.ctx, u), "CreateUser")
	first := e.createCase(e.newCase("s1", cu.ID))
	const workers, each = 6, 10
	var wg sync.WaitGroup
	errs := make(chan error, 3*workers*each)
	// Writers outside WithTx run beside the transactions.
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				if err := e.s.Users.TouchLogin(e.ctx, u.ID, t0.Add(time.Duration(i)*time.Minute)); err != nil {
					errs <- err
					return
				}
				if err := e.s.Cases.AppendEvents(e.ctx, first.ID, []claimdesk.Event{{Type: "ping"}}); err != nil {
					errs <- err
					return
				}
				if _, _, err := e.s.Cases.FindCases(e.ctx, claimdesk.CaseFilter{ShopIDs: []string{"s1"}, Limit: 5}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				err := e.db.WithTx(e.ctx, func(s claimdesk.Stores) error {
					n, err := s.Cases.NextCaseSequence(e.ctx, "s1", 2026)
					if err != nil {
						return err
					}
					c := &claimdesk.Case{Number: fmt.Sprintf("S1-2026-%06d", n), ShopID: "s1", Kind: claimdesk.KindGeneral,
						CustomerID: cu.ID, Status: claimdesk.StatusOpen, Subject: "Spørsmål", CreatedAt: t0}
					return s.Cases.CreateCase(e.ctx, c, []claimdesk.Event{{Type: "created", At: t0}})
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent CreateCase: %v", err)
	}
	n, err := e.s.Cases.CountCases(e.ctx, claimdesk.CaseFilter{ShopIDs: []string{"s1"}})
	e.must(err, "CountCases")
	if n != workers*each+1 {
		t.Errorf("CountCases = %d, want %d", n, workers*each+1)
	}
	evs, err := e.s.Cases.ListEvents(e.ctx, first.ID)
	e.must(err, "ListEvents")
	if len(evs) != 1+2*each {
		t.Errorf("events = %d, want %d", len(evs), 1+2*each)
	}
}
