package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk"
)

type jobStore struct{ c *conn }

const jobColumns = `id, kind, key, payload, run_at, attempts, max_attempts, locked_by, locked_until, last_error,
	done_at, outcome, created_at`

const (
	sqlInsertJob = `INSERT INTO jobs (kind, key, payload, run_at, max_attempts, created_at)
	VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING RETURNING id`
	// The claim picks due jobs that nobody holds (or whose lease ran out)
	// and leases them in one statement; on PostgreSQL, SKIP LOCKED lets
	// several instances claim side by side without waiting on each other.
	sqlClaimJobs = `UPDATE jobs SET locked_by = ?, locked_until = ?, attempts = attempts + 1
	WHERE id IN (SELECT id FROM jobs WHERE done_at IS NULL AND run_at <= ?
		AND (locked_until IS NULL OR locked_until < ?) ORDER BY run_at, id LIMIT ? %s)
	RETURNING ` + jobColumns
	sqlFinishJob = `UPDATE jobs SET done_at = ?, outcome = ?, last_error = ?, locked_by = '', locked_until = NULL
	WHERE id = ? AND locked_by = ? AND done_at IS NULL`
	sqlRetryJob = `UPDATE jobs SET run_at = ?, last_error = ?, locked_by = '', locked_until = NULL
	WHERE id = ? AND locked_by = ? AND done_at IS NULL`
	sqlCancelJobs = `UPDATE jobs SET done_at = ?, outcome = 'cancelled', locked_by = '', locked_until = NULL
	WHERE done_at IS NULL AND locked_by = '' AND key LIKE ? ESCAPE '\'`
	sqlFindJobs = `SELECT ` + jobColumns + ` FROM jobs WHERE key LIKE ? ESCAPE '\' ORDER BY created_at, id`
)

// likePrefix escapes a prefix for LIKE … ESCAPE '\'.
func likePrefix(p string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(p) + "%"
}

// EnqueueJob adds a job; a job with the same key is left as it is.
func (s jobStore) EnqueueJob(ctx context.Context, j *claimdesk.Job) (bool, error) {
	if j.Key == "" || j.Kind == "" {
		return false, claimdesk.Errorf(claimdesk.CodeInvalid, "a job needs a kind and a key")
	}
	if j.MaxAttempts <= 0 {
		j.MaxAttempts = 10
	}
	if j.CreatedAt.IsZero() {
		j.CreatedAt = time.Now()
	}
	j.CreatedAt, j.RunAt = normTime(j.CreatedAt), normTime(j.RunAt)
	payload := j.Payload
	if len(payload) == 0 {
		payload = []byte("{}")
	}
	if err := checkJSON(payload, "the job payload"); err != nil {
		return false, err
	}
	d := s.c.db.d
	err := s.c.w().row(ctx, sqlInsertJob, j.Kind, j.Key, string(payload), d.ts(j.RunAt), j.MaxAttempts, d.ts(j.CreatedAt)).Scan(&j.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, mapErr(err, "job "+j.Key)
	}
	return true, nil
}

// ClaimJobs leases up to limit due jobs to worker.
func (s jobStore) ClaimJobs(ctx context.Context, worker string, now, leaseUntil time.Time, limit int) ([]*claimdesk.Job, error) {
	d := s.c.db.d
	lock := ""
	if d.pg() {
		lock = "FOR UPDATE SKIP LOCKED"
	}
	q := strings.Replace(sqlClaimJobs, "%s", lock, 1)
	var out []*claimdesk.Job
	err := s.c.inTx(ctx, func(r run) error {
		rows, err := r.query(ctx, q, worker, d.ts(leaseUntil), d.ts(now), d.ts(now), limit)
		if err != nil {
			return mapErr(err, "jobs")
		}
		defer rows.Close()
		for rows.Next() {
			j, err := scanJob(rows)
			if err != nil {
				return mapErr(err, "jobs")
			}
			out = append(out, j)
		}
		return mapErr(rows.Err(), "jobs")
	})
	// RETURNING keeps no order: hand the jobs out oldest first.
	sort.Slice(out, func(i, k int) bool {
		if !out[i].RunAt.Equal(out[k].RunAt) {
			return out[i].RunAt.Before(out[k].RunAt)
		}
		return out[i].ID < out[k].ID
	})
	return out, err
}

// FinishJob ends a job the worker still holds.
func (s jobStore) FinishJob(ctx context.Context, id int64, worker, outcome, lastErr string, at time.Time) error {
	n, err := s.c.w().affected(ctx, sqlFinishJob, s.c.db.d.ts(at), outcome, lastErr, id, worker)
	if err != nil {
		return mapErr(err, "job")
	}
	if n == 0 {
		return claimdesk.Errorf(claimdesk.CodeConflict, "job %d is not held by %s any more", id, worker)
	}
	return nil
}

// RetryJob gives a held job back for another attempt at runAt.
func (s jobStore) RetryJob(ctx context.Context, id int64, worker string, runAt time.Time, lastErr string) error {
	n, err := s.c.w().affected(ctx, sqlRetryJob, s.c.db.d.ts(runAt), lastErr, id, worker)
	if err != nil {
		return mapErr(err, "job")
	}
	if n == 0 {
		return claimdesk.Errorf(claimdesk.CodeConflict, "job %d is not held by %s any more", id, worker)
	}
	return nil
}

// CancelJobs cancels the pending jobs whose key starts with prefix.
func (s jobStore) CancelJobs(ctx context.Context, keyPrefix string, at time.Time) (int, error) {
	n, err := s.c.w().affected(ctx, sqlCancelJobs, s.c.db.d.ts(at), likePrefix(keyPrefix))
	return int(n), mapErr(err, "jobs")
}

// FindJobs lists jobs whose key starts with prefix, oldest first.
func (s jobStore) FindJobs(ctx context.Context, keyPrefix string) ([]*claimdesk.Job, error) {
	rows, err := s.c.r().query(ctx, sqlFindJobs, likePrefix(keyPrefix))
	if err != nil {
		return nil, mapErr(err, "jobs")
	}
	defer rows.Close()
	out := []*claimdesk.Job{}
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, mapErr(err, "jobs")
		}
		out = append(out, j)
	}
	return out, mapErr(rows.Err(), "jobs")
}

func scanJob(r scanner) (*claimdesk.Job, error) {
	var j claimdesk.Job
	err := r.Scan(&j.ID, &j.Kind, &j.Key, rawCol{&j.Payload}, timeCol{&j.RunAt}, &j.Attempts, &j.MaxAttempts, &j.LockedBy,
		timePtrCol{&j.LockedUntil}, &j.LastError, timePtrCol{&j.DoneAt}, &j.Outcome, timeCol{&j.CreatedAt})
	return &j, err
}
