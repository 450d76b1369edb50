// Package jobs runs claimdesk's durable background work from the jobs table
// in the shared database: case timers (auto-close, reminders, refund
// checks), the mail outbox, webhook deliveries and periodic sweeps.
//
// A worker leases a job before it runs it, so several instances never run
// one job at once, and a job whose worker died is taken over when its lease
// runs out. A job whose effect is a database change runs in one transaction
// with the job's completion (Tx handlers): the effect happens exactly once.
// A job with an effect outside the database (sending mail, calling a
// webhook) runs outside it and is made idempotent by its handler (the
// outbox row records what was sent).
package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"sync"
	"time"

	"github.com/claimdesk/claimdesk"
)

// TxHandler runs a job's database effect inside the transaction that also
// marks the job done.
type TxHandler func(ctx context.Context, tx claimdesk.Stores, j *claimdesk.Job) error

// Handler runs a job with an effect outside the database.
type Handler func(ctx context.Context, j *claimdesk.Job) error

// permanent marks an error that retrying will not cure.
type permanent struct{ error }

func (p permanent) Unwrap() error { return p.error }

// Permanent wraps an error so the job fails at once instead of retrying.
func Permanent(err error) error { return permanent{err} }

// retryAt asks for the next attempt at a given time.
type retryAt struct {
	error
	at time.Time
}

func (r retryAt) Unwrap() error { return r.error }

// RetryAt wraps an error so the next attempt runs at t (a schedule of the
// handler's own, or a server's Retry-After) instead of the default backoff.
func RetryAt(t time.Time, err error) error { return retryAt{err, t} }

// Options configure a Runner. Zero values pick sensible defaults.
type Options struct {
	Worker string        // this instance's name in leases; random by default
	Lease  time.Duration // how long a claimed job is held (default 2 min)
	Poll   time.Duration // how often Run looks for due jobs (default 1 s)
	Batch  int           // jobs claimed at once (default 20)
	Now    func() time.Time
	Logger *slog.Logger
}

type entry struct {
	tx  TxHandler
	ext Handler
}

type periodic struct {
	kind   string
	period time.Duration
}

// Runner claims due jobs and runs their handlers.
type Runner struct {
	db       claimdesk.DB
	o        Options
	mu       sync.RWMutex
	handlers map[string]entry
	periodic []periodic
}

// New returns a runner on db.
func New(db claimdesk.DB, o Options) *Runner {
	if o.Worker == "" {
		b := make([]byte, 6)
		_, _ = rand.Read(b)
		o.Worker = "worker-" + hex.EncodeToString(b)
	}
	if o.Lease <= 0 {
		o.Lease = 2 * time.Minute
	}
	if o.Poll <= 0 {
		o.Poll = time.Second
	}
	if o.Batch <= 0 {
		o.Batch = 20
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return &Runner{db: db, o: o, handlers: map[string]entry{}}
}

// Worker returns the runner's name in leases.
func (r *Runner) Worker() string { return r.o.Worker }

// HandleTx registers a handler whose effect is a database change.
func (r *Runner) HandleTx(kind string, h TxHandler) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.handlers[kind] = entry{tx: h}
}

// Handle registers a handler with an effect outside the database.
func (r *Runner) Handle(kind string, h Handler) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.handlers[kind] = entry{ext: h}
}

// Every makes a job of kind due once per period, across all instances: the
// job's key names the period, and a key is enqueued only once.
func (r *Runner) Every(kind string, period time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.periodic = append(r.periodic, periodic{kind, period})
}

// Run works until ctx ends.
func (r *Runner) Run(ctx context.Context) {
	t := time.NewTicker(r.o.Poll)
	defer t.Stop()
	for {
		if _, err := r.RunOnce(ctx); err != nil && ctx.Err() == nil {
			r.o.Logger.Warn("jobs", "worker", r.o.Worker, "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunOnce enqueues the due periodic jobs, then claims and runs due jobs
// until none are left; it returns how many ran.
func (r *Runner) RunOnce(ctx context.Context) (int, error) {
	if err := r.enqueuePeriodic(ctx); err != nil {
		return 0, err
	}
	total := 0
	for ctx.Err() == nil {
		now := r.o.Now().UTC()
		batch, err := r.db.Stores().Jobs.ClaimJobs(ctx, r.o.Worker, now, now.Add(r.o.Lease), r.o.Batch)
		if err != nil {
			return total, err
		}
		if len(batch) == 0 {
			return total, nil
		}
		for _, j := range batch {
			r.run(ctx, j)
			total++
		}
	}
	return total, ctx.Err()
}

func (r *Runner) enqueuePeriodic(ctx context.Context) error {
	r.mu.RLock()
	list := append([]periodic(nil), r.periodic...)
	r.mu.RUnlock()
	now := r.o.Now().UTC()
	for _, p := range list {
		slot := now.Truncate(p.period)
		key := fmt.Sprintf("every:%s:%s", p.kind, slot.Format(time.RFC3339))
		if _, err := r.db.Stores().Jobs.EnqueueJob(ctx, &claimdesk.Job{Kind: p.kind, Key: key, RunAt: slot, MaxAttempts: 3, CreatedAt: now}); err != nil {
			return err
		}
	}
	return nil
}

// run runs one claimed job and records the outcome.
func (r *Runner) run(ctx context.Context, j *claimdesk.Job) {
	r.mu.RLock()
	h, ok := r.handlers[j.Kind]
	r.mu.RUnlock()
	st := r.db.Stores().Jobs
	now := r.o.Now().UTC()
	if !ok {
		_ = st.FinishJob(ctx, j.ID, r.o.Worker, claimdesk.JobFailed, "no handler for kind "+j.Kind, now)
		return
	}
	var err error
	if h.tx != nil {
		err = r.db.WithTx(ctx, func(tx claimdesk.Stores) error {
			if err := h.tx(ctx, tx, j); err != nil {
				return err
			}
			if err := tx.Jobs.FinishJob(ctx, j.ID, r.o.Worker, claimdesk.JobDone, "", now); err != nil {
				return leaseLost{err}
			}
			return nil
		})
		if err == nil || errors.As(err, new(leaseLost)) {
			return // done, or another worker holds it now and our effect was rolled back
		}
	} else {
		err = h.ext(ctx, j)
		if err == nil {
			if ferr := st.FinishJob(ctx, j.ID, r.o.Worker, claimdesk.JobDone, "", now); ferr != nil {
				r.o.Logger.Warn("job finished but not recorded", "job", j.Key, "err", ferr)
			}
			return
		}
	}
	r.fail(ctx, j, err)
}

// leaseLost is the worker's lease running out before the job finished.
type leaseLost struct{ error }

func (l leaseLost) Unwrap() error { return l.error }

// fail retries the job later with exponential backoff, or gives up.
func (r *Runner) fail(ctx context.Context, j *claimdesk.Job, err error) {
	st := r.db.Stores().Jobs
	now := r.o.Now().UTC()
	var p permanent
	if errors.As(err, &p) || j.Attempts >= j.MaxAttempts {
		r.o.Logger.Warn("job failed", "job", j.Key, "attempts", j.Attempts, "err", err)
		_ = st.FinishJob(ctx, j.ID, r.o.Worker, claimdesk.JobFailed, err.Error(), now)
		return
	}
	next := now.Add(Backoff(j.Attempts))
	var ra retryAt
	if errors.As(err, &ra) {
		next = ra.at
	}
	_ = st.RetryJob(ctx, j.ID, r.o.Worker, next, err.Error())
}

// Backoff is the wait before attempt n+1: 10 s doubling to at most 6 h.
func Backoff(attempt int) time.Duration {
	d := 10 * time.Second * time.Duration(math.Pow(2, float64(attempt-1)))
	if attempt < 1 || d > 6*time.Hour || d <= 0 {
		if attempt < 1 {
			return 10 * time.Second
		}
		return 6 * time.Hour
	}
	return d
}
