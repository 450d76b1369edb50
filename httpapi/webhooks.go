package httpapi

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/webhooks"
)

// WebhookBody is a webhook endpoint; Secret only when it was just made.
type WebhookBody struct {
	ID          int64      `json:"id"`
	URL         string     `json:"url"`
	Events      []string   `json:"events"`
	Description string     `json:"description"`
	Secret      string     `json:"secret,omitempty" doc:"whsec_…, shown once: verify signatures with it."`
	CreatedAt   time.Time  `json:"created_at"`
	DisabledAt  *time.Time `json:"disabled_at,omitempty"`
}

// WebhookDeliveryBody is one attempt to deliver a message.
type WebhookDeliveryBody struct {
	MessageID  string    `json:"message_id"`
	EventType  string    `json:"event_type"`
	Attempt    int       `json:"attempt"`
	Status     int       `json:"status"`
	Succeeded  bool      `json:"succeeded"`
	Error      string    `json:"error,omitempty"`
	Response   string    `json:"response,omitempty"`
	DurationMS int64     `json:"duration_ms"`
	At         time.Time `json:"at"`
}

func webhookOut(e *claimdesk.WebhookEndpoint, secret string) WebhookBody {
	ev := e.Events
	if ev == nil {
		ev = []string{}
	}
	return WebhookBody{ID: e.ID, URL: e.URL, Events: ev, Description: e.Description, Secret: secret, CreatedAt: e.CreatedAt, DisabledAt: e.DisabledAt}
}

func (s *Server) webhookRoutes() {
	tags := []string{"Webhooks"}
	huma.Register(s.api, op("create-webhook", http.MethodPost, "/api/v1/shops/{shop}/webhooks", "Register an endpoint for case events (shop admins)", tags, "session"),
		func(ctx context.Context, in *struct {
			Shop string `path:"shop"`
			Body struct {
				URL         string   `json:"url" maxLength:"2000"`
				Events      []string `json:"events,omitempty" doc:"Left out: every event."`
				Description string   `json:"description,omitempty" maxLength:"500"`
			}
		}) (*struct {
			Status int
			Body   WebhookBody
		}, error) {
			ep, secret, err := s.svc.CreateWebhook(ctx, in.Shop, casework.WebhookInput{URL: in.Body.URL, Events: in.Body.Events, Description: in.Body.Description})
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct {
				Status int
				Body   WebhookBody
			}{Status: http.StatusCreated, Body: webhookOut(ep, secret)}, nil
		})
	huma.Register(s.api, op("list-webhooks", http.MethodGet, "/api/v1/shops/{shop}/webhooks", "List endpoints (shop admins)", tags, "session"),
		func(ctx context.Context, in *struct {
			Shop string `path:"shop"`
		}) (*struct{ Body []WebhookBody }, error) {
			list, err := s.svc.ListWebhooks(ctx, in.Shop)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			out := &struct{ Body []WebhookBody }{Body: []WebhookBody{}}
			for _, e := range list {
				out.Body = append(out.Body, webhookOut(e, ""))
			}
			return out, nil
		})
	s.webhookAction(op("disable-webhook", http.MethodDelete, "/api/v1/shops/{shop}/webhooks/{id}", "Stop deliveries to an endpoint, keeping it and its log (shop admins)", tags, "session"),
		s.svc.DisableWebhook)
	s.webhookAction(op("enable-webhook", http.MethodPost, "/api/v1/shops/{shop}/webhooks/{id}/enable", "Resume deliveries to a disabled endpoint (shop admins)", tags, "session"),
		s.svc.EnableWebhook)
	s.webhookAction(op("delete-webhook", http.MethodPost, "/api/v1/shops/{shop}/webhooks/{id}/delete", "Remove an endpoint and its delivery log for good; queued deliveries are dropped (shop admins)", tags, "session"),
		s.svc.DeleteWebhook)
	huma.Register(s.api, op("list-webhook-deliveries", http.MethodGet, "/api/v1/shops/{shop}/webhooks/{id}/deliveries", "An endpoint's delivery log, newest first (shop admins)", tags, "session"),
		func(ctx context.Context, in *struct {
			Shop string `path:"shop"`
			ID   int64  `path:"id"`
		}) (*struct{ Body []WebhookDeliveryBody }, error) {
			list, err := s.svc.WebhookDeliveries(ctx, in.Shop, in.ID)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			out := &struct{ Body []WebhookDeliveryBody }{Body: []WebhookDeliveryBody{}}
			for _, d := range list {
				out.Body = append(out.Body, WebhookDeliveryBody{MessageID: d.MessageID, EventType: d.EventType, Attempt: d.Attempt, Status: d.Status,
					Succeeded: d.Succeeded, Error: d.Error, Response: d.Response, DurationMS: d.DurationMS, At: d.At})
			}
			return out, nil
		})
	huma.Register(s.api, op("replay-webhook", http.MethodPost, "/api/v1/shops/{shop}/webhooks/{id}/deliveries/{message}/replay", "Send a logged message again (shop admins)", tags, "session"),
		func(ctx context.Context, in *struct {
			Shop    string `path:"shop"`
			ID      int64  `path:"id"`
			Message string `path:"message"`
		}) (*struct{ Status int }, error) {
			if err := s.svc.ReplayWebhook(ctx, in.Shop, in.ID, in.Message); err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Status int }{Status: http.StatusAccepted}, nil
		})
	// The event catalogue goes into the OpenAPI document as webhooks.
	if b, err := json.Marshal(webhooks.OpenAPIWebhooks()); err == nil {
		var items map[string]*huma.PathItem
		if json.Unmarshal(b, &items) == nil {
			s.api.OpenAPI().Webhooks = items
		}
	}
}

// webhookAction registers an operation on one endpoint that answers 204 No
// Content.
func (s *Server) webhookAction(o huma.Operation, do func(ctx context.Context, shopID string, id int64) error) {
	huma.Register(s.api, o, func(ctx context.Context, in *struct {
		Shop string `path:"shop"`
		ID   int64  `path:"id"`
	}) (*struct{}, error) {
		return nil, s.fail(ctx, do(ctx, in.Shop, in.ID))
	})
}
