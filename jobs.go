package claimdesk

import (
	"context"
	"encoding/json"
	"time"
)

// Job is a unit of durable background work: a timer on a case (auto-close,
// a reminder, a refund check), a mail or webhook to send, a sweep. Jobs live
// in the shared database, so they survive restarts; a worker leases a job
// before it runs it, so several instances never run one job at once.
type Job struct {
	ID          int64           `json:"id"`
	Kind        string          `json:"kind"`
	Key         string          `json:"key"` // unique: a second job with the same key is not added
	Payload     json.RawMessage `json:"payload"`
	RunAt       time.Time       `json:"run_at"`
	Attempts    int             `json:"attempts"`
	MaxAttempts int             `json:"max_attempts"`
	LockedBy    string          `json:"locked_by,omitempty"`
	LockedUntil *time.Time      `json:"locked_until,omitempty"`
	LastError   string          `json:"last_error,omitempty"`
	DoneAt      *time.Time      `json:"done_at,omitempty"`
	Outcome     string          `json:"outcome,omitempty"` // done, cancelled, failed
	CreatedAt   time.Time       `json:"created_at"`
}

// Job outcomes.
const (
	JobDone      = "done"
	JobCancelled = "cancelled"
	JobFailed    = "failed"
)

// JobStore stores jobs.
type JobStore interface {
	// EnqueueJob adds a job. A job with the same key (pending or finished)
	// already there is left as it is and EnqueueJob reports false.
	EnqueueJob(ctx context.Context, j *Job) (bool, error)
	// ClaimJobs leases up to limit due jobs (run_at ≤ now, not done, not
	// leased or lease expired) to worker until leaseUntil, counting an attempt.
	ClaimJobs(ctx context.Context, worker string, now, leaseUntil time.Time, limit int) ([]*Job, error)
	// FinishJob ends a job the worker still holds with an outcome. Returns
	// conflict when the worker's lease was lost (another worker has it now).
	FinishJob(ctx context.Context, id int64, worker, outcome, lastErr string, at time.Time) error
	// RetryJob gives a held job back to run again at runAt. Returns conflict
	// when the lease was lost.
	RetryJob(ctx context.Context, id int64, worker string, runAt time.Time, lastErr string) error
	// CancelJobs cancels the pending jobs whose key starts with prefix and
	// returns how many.
	CancelJobs(ctx context.Context, keyPrefix string, at time.Time) (int, error)
	// FindJobs lists jobs whose key starts with prefix, oldest first.
	FindJobs(ctx context.Context, keyPrefix string) ([]*Job, error)
}

// WebhookEndpoint is a shop platform's URL that receives case events.
type WebhookEndpoint struct {
	ID          int64      `json:"id"`
	ShopID      string     `json:"shop_id"`
	URL         string     `json:"url"`
	Secret      string     `json:"-"`
	Events      []string   `json:"events"` // empty: every event
	Description string     `json:"description"`
	CreatedAt   time.Time  `json:"created_at"`
	DisabledAt  *time.Time `json:"disabled_at,omitempty"`
}

// WebhookDelivery is one attempt log entry of a message to an endpoint.
type WebhookDelivery struct {
	ID         int64           `json:"id"`
	EndpointID int64           `json:"endpoint_id"`
	MessageID  string          `json:"message_id"`
	EventType  string          `json:"event_type"`
	Payload    json.RawMessage `json:"payload"`
	Attempt    int             `json:"attempt"`
	Status     int             `json:"status"`
	Response   string          `json:"response,omitempty"`
	Error      string          `json:"error,omitempty"`
	Succeeded  bool            `json:"succeeded"`
	DurationMS int64           `json:"duration_ms"`
	At         time.Time       `json:"at"`
}

// WebhookStore stores webhook endpoints and the delivery log.
type WebhookStore interface {
	// CreateWebhookEndpoint stores an endpoint.
	CreateWebhookEndpoint(ctx context.Context, e *WebhookEndpoint) error
	// FindWebhookEndpoint returns an endpoint. Returns not_found.
	FindWebhookEndpoint(ctx context.Context, id int64) (*WebhookEndpoint, error)
	// ListWebhookEndpoints lists a shop's endpoints.
	ListWebhookEndpoints(ctx context.Context, shopID string) ([]*WebhookEndpoint, error)
	// DisableWebhookEndpoint stops deliveries to an endpoint. Returns not_found.
	DisableWebhookEndpoint(ctx context.Context, id int64, at time.Time) error
	// EnableWebhookEndpoint resumes deliveries to a disabled endpoint (a no-op
	// on an enabled one). Returns not_found.
	EnableWebhookEndpoint(ctx context.Context, id int64) error
	// DeleteWebhookEndpoint removes an endpoint and its delivery log; its
	// pending delivery jobs find it gone and end. Returns not_found.
	DeleteWebhookEndpoint(ctx context.Context, id int64) error
	// AddWebhookDelivery logs an attempt.
	AddWebhookDelivery(ctx context.Context, d *WebhookDelivery) error
	// ListWebhookDeliveries lists an endpoint's attempts, newest first.
	ListWebhookDeliveries(ctx context.Context, endpointID int64, limit int) ([]*WebhookDelivery, error)
}

// Mail statuses in the outbox.
const (
	MailPending = "pending"
	MailSent    = "sent"
	MailFailed  = "failed"
)

// OutboundMail is a message in the outbox: written in the same transaction
// as the change that caused it, sent by a worker, never twice.
type OutboundMail struct {
	ID        int64      `json:"id"`
	ShopID    string     `json:"shop_id"`
	CaseID    int64      `json:"case_id,omitempty"`
	Kind      string     `json:"kind"`
	From      string     `json:"from"`
	To        string     `json:"to"`
	Subject   string     `json:"subject"`
	MessageID string     `json:"message_id"`
	Raw       []byte     `json:"-"`
	Status    string     `json:"status"`
	Attempts  int        `json:"attempts"`
	LastError string     `json:"last_error,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
	SentAt    *time.Time `json:"sent_at,omitempty"`
}

// InboundMail records a received message, so a re-delivery is ignored.
type InboundMail struct {
	ID        int64     `json:"id"`
	ShopID    string    `json:"shop_id"`
	MessageID string    `json:"message_id"`
	CaseID    int64     `json:"case_id,omitempty"`
	Rule      string    `json:"rule"`
	From      string    `json:"from"`
	Subject   string    `json:"subject"`
	At        time.Time `json:"at"`
}

// MailStore stores the outbox and the inbound log.
type MailStore interface {
	// AddOutboundMail puts a message in the outbox.
	AddOutboundMail(ctx context.Context, m *OutboundMail) error
	// FindOutboundMail returns an outbox message. Returns not_found.
	FindOutboundMail(ctx context.Context, id int64) (*OutboundMail, error)
	// MarkOutboundMail records a send attempt's result.
	MarkOutboundMail(ctx context.Context, id int64, status, lastErr string, at time.Time) error
	// ListCaseMail lists a case's outbound messages (its delivery log).
	ListCaseMail(ctx context.Context, caseID int64) ([]*OutboundMail, error)
	// CaseByMessageID finds the case of one of our outbound or recorded
	// inbound messages. Returns not_found.
	CaseByMessageID(ctx context.Context, messageID string) (int64, error)
	// AddInboundMail records a received message. Returns conflict when the
	// shop has it already (same Message-ID).
	AddInboundMail(ctx context.Context, m *InboundMail) error
}
