package casework

import (
	"context"
	"encoding/json"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/jobs"
)

// Job kinds of the case lifecycle.
const (
	JobGoodsReminder   = "case.goods_reminder"
	JobAutoCloseNotice = "case.autoclose_notice"
	JobAutoClose       = "case.autoclose"
	JobRefundCheck     = "case.refund_check"
	JobRetentionSweep  = "retention.sweep"
	// JobIdempotencySweep removes stored Idempotency-Key responses older
	// than IdempotencyTTL.
	JobIdempotencySweep = "idempotency.sweep"
)

// IdempotencyTTL is how long a POST's Idempotency-Key is remembered.
const IdempotencyTTL = 24 * time.Hour

type casePayload struct {
	CaseID int64  `json:"case_id"`
	Number string `json:"number"`
}

// at returns the instant of a civil date's hour in the shop's time zone.
func at(shop *claimdesk.Shop, d claimdesk.Date, hour int) time.Time {
	return d.Time(shop.Location()).Add(time.Duration(hour) * time.Hour).UTC()
}

// scheduleTimers enqueues a new case's timers in the transaction that
// opens it: a reminder before the goods are due; Compumail's auto-close
// ("Varan/varor skall vara oss tillhanda senast 3 veckor … Om inte detta
// sker, avslutas ärendet automatiskt") with a notice first; and for a
// withdrawal, the check that the refund was paid within 14 days of the
// notice (angrerettloven § 24, distansavtalslagen 2 kap. 14 §,
// forbrugeraftaleloven § 24).
func (s *Service) scheduleTimers(ctx context.Context, tx claimdesk.Stores, shop *claimdesk.Shop, c *claimdesk.Case) error {
	payload, _ := json.Marshal(casePayload{CaseID: c.ID, Number: c.Number})
	add := func(kind, key string, runAt time.Time) error {
		if runAt.Before(c.CreatedAt) {
			return nil
		}
		_, err := tx.Jobs.EnqueueJob(ctx, &claimdesk.Job{Kind: kind, Key: key, Payload: payload, RunAt: runAt, MaxAttempts: 5, CreatedAt: c.CreatedAt})
		return err
	}
	if c.Logistics == claimdesk.LogisticsAwaitingGoods && !c.GoodsDue.IsZero() {
		if s.autoCloses(shop, c) {
			if err := add(JobAutoCloseNotice, goodsJobPrefix(c)+"notice", at(shop, c.GoodsDue.AddDays(-3), 9)); err != nil {
				return err
			}
			if err := add(JobAutoClose, goodsJobPrefix(c)+"autoclose", at(shop, c.GoodsDue.AddDays(1), 0)); err != nil {
				return err
			}
		} else if err := add(JobGoodsReminder, goodsJobPrefix(c)+"reminder", at(shop, c.GoodsDue.AddDays(-3), 9)); err != nil {
			return err
		}
	}
	if c.Kind == claimdesk.KindWithdrawal && c.Eligible != nil && *c.Eligible {
		opened := claimdesk.DateIn(c.CreatedAt, shop.Location())
		return add(JobRefundCheck, caseJobPrefix(c)+"refund:check", at(shop, opened.AddDays(14), 9))
	}
	return nil
}

// autoCloses reports whether the shop's terms close a complaint whose goods
// never arrive.
func (s *Service) autoCloses(shop *claimdesk.Shop, c *claimdesk.Case) bool {
	if c.Kind == claimdesk.KindWithdrawal || c.Kind == claimdesk.KindReturn {
		return false
	}
	t := s.termsOf(shop)
	return t != nil && t.Complaint.GoodsDueDays > 0
}

// RegisterJobs registers the lifecycle's job handlers and sweeps.
func (s *Service) RegisterJobs(r *jobs.Runner) {
	r.HandleTx(JobGoodsReminder, s.onCase(func(ctx context.Context, tx claimdesk.Stores, c *claimdesk.Case) ([]claimdesk.Event, error) {
		if c.Logistics != claimdesk.LogisticsAwaitingGoods || !c.Open() {
			return nil, nil
		}
		return []claimdesk.Event{event("case.reminder.goods_due", "", map[string]any{"goods_due": c.GoodsDue})}, nil
	}))
	r.HandleTx(JobAutoCloseNotice, s.onCase(func(ctx context.Context, tx claimdesk.Stores, c *claimdesk.Case) ([]claimdesk.Event, error) {
		if c.Logistics != claimdesk.LogisticsAwaitingGoods || !c.Open() {
			return nil, nil
		}
		return []claimdesk.Event{event("case.autoclose.notice", "", map[string]any{"goods_due": c.GoodsDue})}, nil
	}))
	r.HandleTx(JobAutoClose, s.onCase(func(ctx context.Context, tx claimdesk.Stores, c *claimdesk.Case) ([]claimdesk.Event, error) {
		if c.Logistics != claimdesk.LogisticsAwaitingGoods || !c.Open() {
			return nil, nil
		}
		return s.closeCase(tx, c, "goods_not_received")
	}))
	r.HandleTx(JobRefundCheck, s.onCase(func(ctx context.Context, tx claimdesk.Stores, c *claimdesk.Case) ([]claimdesk.Event, error) {
		if c.Refund == nil || c.Refunded >= *c.Refund || c.Decision == claimdesk.DecisionRejected {
			return nil, nil
		}
		c.Priority = 1
		if shop, err := tx.Shops.FindShop(ctx, c.ShopID); err == nil {
			now := s.now()
			c.DueAt = &now
			_ = shop
		}
		return []claimdesk.Event{event("case.refund.overdue", "", map[string]any{"refund": c.Refund, "refunded": c.Refunded})}, nil
	}))
	r.HandleTx(JobRetentionSweep, s.retentionSweep)
	r.HandleTx(JobIdempotencySweep, func(ctx context.Context, tx claimdesk.Stores, _ *claimdesk.Job) error {
		_, err := tx.Idempotency.DeleteIdempotentResponsesBefore(ctx, s.now().Add(-IdempotencyTTL))
		return err
	})
	r.Every(JobIdempotencySweep, 24*time.Hour)
	r.Handle(JobWebhookDeliver, s.deliverWebhook)
	r.Every(JobRetentionSweep, 24*time.Hour)
}

// onCase turns a case action into a job handler: the case named in the
// payload is changed in the job's own transaction, as the system. A handler
// that returns no events changes nothing.
func (s *Service) onCase(fn func(ctx context.Context, tx claimdesk.Stores, c *claimdesk.Case) ([]claimdesk.Event, error)) jobs.TxHandler {
	return func(ctx context.Context, tx claimdesk.Stores, j *claimdesk.Job) error {
		var p casePayload
		if err := json.Unmarshal(j.Payload, &p); err != nil {
			return jobs.Permanent(err)
		}
		ctx = claimdesk.WithActor(ctx, claimdesk.System)
		c, err := tx.Cases.FindCase(ctx, p.CaseID)
		if err != nil {
			return err
		}
		probe := *c
		events, err := fn(ctx, tx, &probe)
		if err != nil || len(events) == 0 {
			return err
		}
		_, err = s.changeIn(ctx, tx, c.ID, claimdesk.ActAssign, func(tx claimdesk.Stores, fresh *claimdesk.Case) ([]claimdesk.Event, error) {
			*fresh = probe
			return events, nil
		})
		return err
	}
}
