package casework

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/jobs"
	"github.com/claimdesk/claimdesk/webhooks"
)

// SetWebhookSender sets how webhooks are posted (tests point it at a local
// server; production uses the default client with a 10 s timeout).
func (s *Service) SetWebhookSender(ws *webhooks.Sender) { s.webhookSender = ws }

// WebhookInput is a new endpoint.
type WebhookInput struct {
	URL         string
	Events      []string
	Description string
}

// CreateWebhook registers a shop platform's endpoint and returns it with its
// signing secret, shown this once.
func (s *Service) CreateWebhook(ctx context.Context, shopID string, in WebhookInput) (*claimdesk.WebhookEndpoint, string, error) {
	if err := requireShopAdmin(ctx, shopID); err != nil {
		return nil, "", err
	}
	var v claimdesk.Validation
	u, err := url.Parse(in.URL)
	v.Check(err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "", "url", "invalid", "%q is not an http(s) URL", in.URL)
	for i, e := range in.Events {
		v.Check(webhooks.EventType(e).Valid(), fmt.Sprintf("events[%d]", i), "unknown_event", "%q is not a webhook event", e)
	}
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	if _, err := s.stores().Shops.FindShop(ctx, shopID); err != nil {
		return nil, "", err
	}
	secret, err := webhooks.NewSecret()
	if err != nil {
		return nil, "", err
	}
	ep := &claimdesk.WebhookEndpoint{ShopID: shopID, URL: in.URL, Secret: secret, Events: in.Events, Description: in.Description, CreatedAt: s.now()}
	return ep, secret, s.stores().Webhooks.CreateWebhookEndpoint(ctx, ep)
}

// ListWebhooks lists a shop's endpoints.
func (s *Service) ListWebhooks(ctx context.Context, shopID string) ([]*claimdesk.WebhookEndpoint, error) {
	if err := requireShopAdmin(ctx, shopID); err != nil {
		return nil, err
	}
	return s.stores().Webhooks.ListWebhookEndpoints(ctx, shopID)
}

// webhookOf loads one of a shop's endpoints for its admin.
func (s *Service) webhookOf(ctx context.Context, shopID string, id int64) (*claimdesk.WebhookEndpoint, error) {
	if err := requireShopAdmin(ctx, shopID); err != nil {
		return nil, err
	}
	ep, err := s.stores().Webhooks.FindWebhookEndpoint(ctx, id)
	if err != nil {
		return nil, err
	}
	if ep.ShopID != shopID {
		return nil, hidden("webhook endpoint", id)
	}
	return ep, nil
}

// DisableWebhook stops deliveries to an endpoint.
func (s *Service) DisableWebhook(ctx context.Context, shopID string, id int64) error {
	if _, err := s.webhookOf(ctx, shopID, id); err != nil {
		return err
	}
	return s.stores().Webhooks.DisableWebhookEndpoint(ctx, id, s.now())
}

// EnableWebhook resumes deliveries to a disabled endpoint (events from the
// time it was disabled are not sent afterwards). Shop admins only.
func (s *Service) EnableWebhook(ctx context.Context, shopID string, id int64) error {
	if _, err := s.webhookOf(ctx, shopID, id); err != nil {
		return err
	}
	return s.stores().Webhooks.EnableWebhookEndpoint(ctx, id)
}

// DeleteWebhook removes an endpoint and its delivery log; deliveries still
// queued for it end without sending. Shop admins only.
func (s *Service) DeleteWebhook(ctx context.Context, shopID string, id int64) error {
	if _, err := s.webhookOf(ctx, shopID, id); err != nil {
		return err
	}
	return s.stores().Webhooks.DeleteWebhookEndpoint(ctx, id)
}

// WebhookDeliveries returns an endpoint's delivery log, newest first.
func (s *Service) WebhookDeliveries(ctx context.Context, shopID string, id int64) ([]*claimdesk.WebhookDelivery, error) {
	if _, err := s.webhookOf(ctx, shopID, id); err != nil {
		return nil, err
	}
	return s.stores().Webhooks.ListWebhookDeliveries(ctx, id, 200)
}

// ReplayWebhook sends a logged message again, with the same message id so
// the receiver can tell it is the same event.
func (s *Service) ReplayWebhook(ctx context.Context, shopID string, endpointID int64, messageID string) error {
	ep, err := s.webhookOf(ctx, shopID, endpointID)
	if err != nil {
		return err
	}
	if ep.DisabledAt != nil {
		return claimdesk.Errorf(claimdesk.CodeConflict, "webhook endpoint %d is disabled", ep.ID)
	}
	list, err := s.stores().Webhooks.ListWebhookDeliveries(ctx, ep.ID, 1000)
	if err != nil {
		return err
	}
	for _, d := range list {
		if d.MessageID != messageID {
			continue
		}
		var env struct {
			Type      string          `json:"type"`
			Timestamp string          `json:"timestamp"`
			Data      json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(d.Payload, &env); err != nil {
			return err
		}
		p := WebhookPayload{EndpointID: ep.ID, MessageID: messageID, Type: env.Type, Data: env.Data}
		p.Timestamp = s.now()
		payload, _ := json.Marshal(p)
		_, err := s.stores().Jobs.EnqueueJob(ctx, &claimdesk.Job{Kind: JobWebhookDeliver, Key: fmt.Sprintf("webhook:replay:%s:%d", messageID, s.now().UnixNano()),
			Payload: payload, RunAt: s.now(), MaxAttempts: webhooks.MaxAttempts, CreatedAt: s.now()})
		return err
	}
	return claimdesk.NotFound("webhook message", messageID)
}

// deliverWebhook is the delivery job: it signs and posts the envelope, logs
// the attempt, disables an endpoint that answers 410 Gone, gives up on a
// permanent failure and otherwise retries on the Standard Webhooks schedule.
// A job for a deleted or disabled endpoint ends at once without sending.
func (s *Service) deliverWebhook(ctx context.Context, j *claimdesk.Job) error {
	var p WebhookPayload
	if err := json.Unmarshal(j.Payload, &p); err != nil {
		return jobs.Permanent(err)
	}
	st := s.stores().Webhooks
	ep, err := st.FindWebhookEndpoint(ctx, p.EndpointID)
	if claimdesk.IsCode(err, claimdesk.CodeNotFound) {
		s.log.Info("webhook: endpoint deleted, delivery dropped", "endpoint", p.EndpointID, "message", p.MessageID, "job", j.Key)
		return nil
	}
	if err != nil {
		return err
	}
	if ep.DisabledAt != nil {
		return nil
	}
	env := webhooks.Envelope{Type: webhooks.EventType(p.Type), Timestamp: p.Timestamp, Data: p.Data}
	body, err := json.Marshal(env)
	if err != nil {
		return jobs.Permanent(err)
	}
	sender := s.webhookSender
	if sender == nil {
		sender = &webhooks.Sender{}
	}
	now := s.now()
	res := sender.Deliver(ctx, ep.URL, ep.Secret, p.MessageID, now, body)
	logErr := st.AddWebhookDelivery(ctx, &claimdesk.WebhookDelivery{EndpointID: ep.ID, MessageID: p.MessageID, EventType: p.Type, Payload: body,
		Attempt: j.Attempts, Status: res.Status, Response: res.ResponseSnippet, Error: res.Err, Succeeded: res.OK(), DurationMS: res.Duration.Milliseconds(), At: now})
	switch {
	case res.OK():
		return logErr
	case res.Disable:
		if err := st.DisableWebhookEndpoint(ctx, ep.ID, now); err != nil {
			return err
		}
		return jobs.Permanent(errors.New("endpoint gone (410): disabled"))
	case res.Permanent:
		return jobs.Permanent(fmt.Errorf("webhook refused: %d %s", res.Status, res.Err))
	}
	next, ok := webhooks.NextAttempt(j.Attempts, now, rand.Float64)
	if !ok {
		return jobs.Permanent(fmt.Errorf("webhook failed %d times: %d %s", j.Attempts, res.Status, res.Err))
	}
	if ra := now.Add(res.RetryAfter); ra.After(next) {
		next = ra
	}
	return jobs.RetryAt(next, fmt.Errorf("webhook: %d %s", res.Status, res.Err))
}
