package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/claimdesk/claimdesk"
)

type webhookStore struct{ c *conn }

const (
	endpointColumns   = `id, shop_id, url, secret, events, description, created_at, disabled_at`
	sqlInsertEndpoint = `INSERT INTO webhook_endpoints (shop_id, url, secret, events, description, created_at)
	VALUES (?, ?, ?, ?, ?, ?) RETURNING id`
	sqlFindEndpoint          = `SELECT ` + endpointColumns + ` FROM webhook_endpoints WHERE id = ?`
	sqlListEndpoints         = `SELECT ` + endpointColumns + ` FROM webhook_endpoints WHERE shop_id = ? ORDER BY id`
	sqlDisableEndpoint       = `UPDATE webhook_endpoints SET disabled_at = COALESCE(disabled_at, ?) WHERE id = ?`
	sqlEnableEndpoint        = `UPDATE webhook_endpoints SET disabled_at = NULL WHERE id = ?`
	sqlDeleteEndpointLog     = `DELETE FROM webhook_deliveries WHERE endpoint_id = ?`
	sqlDeleteEndpoint        = `DELETE FROM webhook_endpoints WHERE id = ?`
	deliveryColumns          = `id, endpoint_id, message_id, event_type, payload, attempt, status, response, error, succeeded, duration_ms, at`
	sqlInsertWebhookDelivery = `INSERT INTO webhook_deliveries (endpoint_id, message_id, event_type, payload, attempt, status, response, error, succeeded, duration_ms, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	sqlListWebhookDeliveries = `SELECT ` + deliveryColumns + ` FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY id DESC LIMIT ?`
	defaultDeliveryPage      = 100
)

// CreateWebhookEndpoint stores an endpoint.
func (s webhookStore) CreateWebhookEndpoint(ctx context.Context, e *claimdesk.WebhookEndpoint) error {
	if e.CreatedAt.IsZero() {
		e.CreatedAt = time.Now()
	}
	e.CreatedAt = normTime(e.CreatedAt)
	events := e.Events
	if events == nil {
		events = []string{}
	}
	ev, err := jsonVal(events)
	if err != nil {
		return err
	}
	err = s.c.w().row(ctx, sqlInsertEndpoint, e.ShopID, e.URL, e.Secret, ev, e.Description, s.c.db.d.ts(e.CreatedAt)).Scan(&e.ID)
	return mapErr(err, "webhook endpoint")
}

// FindWebhookEndpoint returns an endpoint. Returns not_found.
func (s webhookStore) FindWebhookEndpoint(ctx context.Context, id int64) (*claimdesk.WebhookEndpoint, error) {
	e, err := scanEndpoint(s.c.r().row(ctx, sqlFindEndpoint, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, claimdesk.NotFound("webhook endpoint", id)
	}
	return e, mapErr(err, "webhook endpoint")
}

// ListWebhookEndpoints lists a shop's endpoints.
func (s webhookStore) ListWebhookEndpoints(ctx context.Context, shopID string) ([]*claimdesk.WebhookEndpoint, error) {
	rows, err := s.c.r().query(ctx, sqlListEndpoints, shopID)
	if err != nil {
		return nil, mapErr(err, "webhook endpoints")
	}
	defer rows.Close()
	out := []*claimdesk.WebhookEndpoint{}
	for rows.Next() {
		e, err := scanEndpoint(rows)
		if err != nil {
			return nil, mapErr(err, "webhook endpoints")
		}
		out = append(out, e)
	}
	return out, mapErr(rows.Err(), "webhook endpoints")
}

// DisableWebhookEndpoint stops deliveries to an endpoint. Returns not_found.
func (s webhookStore) DisableWebhookEndpoint(ctx context.Context, id int64, at time.Time) error {
	return endpointRow(ctx, s.c.w(), id, sqlDisableEndpoint, s.c.db.d.ts(at), id)
}

// EnableWebhookEndpoint resumes deliveries to a disabled endpoint. Returns
// not_found.
func (s webhookStore) EnableWebhookEndpoint(ctx context.Context, id int64) error {
	return endpointRow(ctx, s.c.w(), id, sqlEnableEndpoint, id)
}

// DeleteWebhookEndpoint removes an endpoint and its delivery log in one
// transaction (the log's foreign key has no ON DELETE CASCADE, so the log
// goes first). Returns not_found.
func (s webhookStore) DeleteWebhookEndpoint(ctx context.Context, id int64) error {
	return s.c.inTx(ctx, func(r run) error {
		if _, err := r.exec(ctx, sqlDeleteEndpointLog, id); err != nil {
			return mapErr(err, "webhook deliveries")
		}
		return endpointRow(ctx, r, id, sqlDeleteEndpoint, id)
	})
}

// endpointRow runs a statement that must change endpoint id's row, else
// not_found.
func endpointRow(ctx context.Context, r run, id int64, query string, args ...any) error {
	n, err := r.affected(ctx, query, args...)
	if err != nil {
		return mapErr(err, "webhook endpoint")
	}
	if n == 0 {
		return claimdesk.NotFound("webhook endpoint", id)
	}
	return nil
}

// AddWebhookDelivery logs an attempt.
func (s webhookStore) AddWebhookDelivery(ctx context.Context, d *claimdesk.WebhookDelivery) error {
	if d.At.IsZero() {
		d.At = time.Now()
	}
	d.At = normTime(d.At)
	payload := d.Payload
	if len(payload) == 0 {
		payload = []byte("{}")
	}
	if err := checkJSON(payload, "the webhook payload"); err != nil {
		return err
	}
	err := s.c.w().row(ctx, sqlInsertWebhookDelivery, d.EndpointID, d.MessageID, d.EventType, string(payload), d.Attempt, d.Status,
		d.Response, d.Error, d.Succeeded, d.DurationMS, s.c.db.d.ts(d.At)).Scan(&d.ID)
	return mapErr(err, "webhook delivery")
}

// ListWebhookDeliveries lists an endpoint's attempts, newest first.
func (s webhookStore) ListWebhookDeliveries(ctx context.Context, endpointID int64, limit int) ([]*claimdesk.WebhookDelivery, error) {
	if limit <= 0 || limit > 1000 {
		limit = defaultDeliveryPage
	}
	rows, err := s.c.r().query(ctx, sqlListWebhookDeliveries, endpointID, limit)
	if err != nil {
		return nil, mapErr(err, "webhook deliveries")
	}
	defer rows.Close()
	out := []*claimdesk.WebhookDelivery{}
	for rows.Next() {
		var d claimdesk.WebhookDelivery
		if err := rows.Scan(&d.ID, &d.EndpointID, &d.MessageID, &d.EventType, rawCol{&d.Payload}, &d.Attempt, &d.Status,
			&d.Response, &d.Error, &d.Succeeded, &d.DurationMS, timeCol{&d.At}); err != nil {
			return nil, mapErr(err, "webhook deliveries")
		}
		out = append(out, &d)
	}
	return out, mapErr(rows.Err(), "webhook deliveries")
}

func scanEndpoint(r scanner) (*claimdesk.WebhookEndpoint, error) {
	var e claimdesk.WebhookEndpoint
	err := r.Scan(&e.ID, &e.ShopID, &e.URL, &e.Secret, jsonCol{&e.Events}, &e.Description, timeCol{&e.CreatedAt}, timePtrCol{&e.DisabledAt})
	return &e, err
}
