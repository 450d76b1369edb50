package casework

import (
	"context"
	"sync"
	"time"

	"github.com/claimdesk/claimdesk"
)

// Login throttling: after maxFailures wrong passwords for one account within
// failureWindow, further attempts are refused until the window has passed.
const (
	maxFailures   = 5
	failureWindow = 15 * time.Minute
	hashWait      = 3 * time.Second
)

// loginGate bounds concurrent password hashing and throttles failed logins.
// It lives in each instance's memory: behind a load balancer an attacker
// gets maxFailures per instance, still few.
type loginGate struct {
	slots    chan struct{}
	mu       sync.Mutex
	failures map[string][]time.Time
}

func newLoginGate(n int) *loginGate {
	return &loginGate{slots: make(chan struct{}, n), failures: map[string][]time.Time{}}
}

func (g *loginGate) allow(key string, now time.Time) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	recent := g.recent(key, now)
	if len(recent) >= maxFailures {
		return claimdesk.Errorf(claimdesk.CodeRateLimited, "too many failed sign-ins; try again in %d minutes",
			int(recent[0].Add(failureWindow).Sub(now).Minutes())+1)
	}
	return nil
}

func (g *loginGate) recent(key string, now time.Time) []time.Time {
	list := g.failures[key]
	i := 0
	for i < len(list) && now.Sub(list[i]) > failureWindow {
		i++
	}
	list = list[i:]
	if len(list) == 0 {
		delete(g.failures, key)
	} else {
		g.failures[key] = list
	}
	return list
}

func (g *loginGate) fail(key string, now time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.failures[key] = append(g.recent(key, now), now)
	if len(g.failures) > 100000 { // bound memory under a spray of random emails
		for k := range g.failures {
			delete(g.failures, k)
			break
		}
	}
}

func (g *loginGate) succeed(key string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.failures, key)
}

// acquire takes a hashing slot, waiting a little; a server busy hashing
// refuses further logins rather than queueing them without bound.
func (g *loginGate) acquire(ctx context.Context) (func(), error) {
	t := time.NewTimer(hashWait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return func() { <-g.slots }, nil
	case <-t.C:
		return nil, claimdesk.Errorf(claimdesk.CodeRateLimited, "too many sign-ins at once; try again in a moment")
	case <-ctx.Done():
		return nil, claimdesk.Wrap(ctx.Err(), claimdesk.CodeUnavailable, "the request was cancelled")
	}
}
