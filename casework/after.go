package casework

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/claimdesk/claimdesk"
)

// Notifier writes the customer notifications that case events call for into
// the outbox, in the transaction of the change that caused them.
type Notifier interface {
	Notify(ctx context.Context, tx claimdesk.Stores, c *claimdesk.Case, events []claimdesk.Event) error
}

// SetNotifier attaches the mail notifier.
func (s *Service) SetNotifier(n Notifier) { s.notifier = n }

// JobWebhookDeliver is the job that posts one event to one endpoint.
const JobWebhookDeliver = "webhook.deliver"

// webhookTypes maps case events to the webhook event types shop platforms
// subscribe to; internal notes never leave the desk.
var webhookTypes = map[string]string{
	"case.opened": "case.opened", "case.assessed": "case.assessed", "case.assigned": "case.assigned",
	"message.in": "case.message.created", "message.out": "case.message.created",
	"case.goods.in_transit": "case.goods.in_transit", "case.goods.received": "case.goods.received",
	"case.finding.recorded": "case.finding.recorded", "case.decided": "case.decided",
	"case.refund.recorded": "case.refund.recorded", "case.escalated": "case.escalated",
	"case.closed": "case.closed", "case.reopened": "case.reopened", "case.merged": "case.merged",
}

// WebhookPayload is a delivery job's payload: the Standard Webhooks
// envelope's parts and the endpoint it goes to.
type WebhookPayload struct {
	EndpointID int64           `json:"endpoint_id"`
	MessageID  string          `json:"message_id"`
	Type       string          `json:"type"`
	Timestamp  time.Time       `json:"timestamp"`
	Data       json.RawMessage `json:"data"`
}

// webhookCase is the case as webhooks describe it.
type webhookCase struct {
	Number    string                   `json:"number"`
	Shop      string                   `json:"shop"`
	Kind      claimdesk.CaseKind       `json:"kind"`
	Order     string                   `json:"order,omitempty"`
	Status    claimdesk.Status         `json:"status"`
	Decision  claimdesk.DecisionState  `json:"decision"`
	Remedy    claimdesk.Remedy         `json:"remedy,omitempty"`
	Logistics claimdesk.LogisticsState `json:"logistics"`
	Money     claimdesk.MoneyState     `json:"money"`
	Ladder    claimdesk.LadderStep     `json:"ladder"`
	Eligible  *bool                    `json:"eligible"`
	Refund    *claimdesk.Minor         `json:"refund"`
	Refunded  claimdesk.Minor          `json:"refunded"`
	Currency  string                   `json:"currency"`
	Version   int                      `json:"version"`
	UpdatedAt time.Time                `json:"updated_at"`
}

// webhookData is an event's data: the case as it stands after the event,
// the event's place in the case log, who caused it and why, and the
// event's own fields.
func webhookData(c *claimdesk.Case, e claimdesk.Event) json.RawMessage {
	m := map[string]any{}
	_ = json.Unmarshal(e.Data, &m)
	delete(m, "body") // message bodies stay in the desk: fetch them with a key
	m["case"] = webhookCase{Number: c.Number, Shop: c.ShopID, Kind: c.Kind, Order: c.OrderExternalID, Status: c.Status,
		Decision: c.Decision, Remedy: c.Remedy, Logistics: c.Logistics, Money: c.Money, Ladder: c.Ladder, Eligible: c.Eligible,
		Refund: c.Refund, Refunded: c.Refunded, Currency: c.Currency, Version: c.Version, UpdatedAt: c.UpdatedAt}
	m["event_seq"], m["actor_kind"] = e.Seq, e.ActorKind
	if e.Reason != "" {
		m["reason"] = e.Reason
	}
	b, _ := json.Marshal(m)
	return b
}

// afterChange writes what follows from a case's new events: customer
// notifications into the outbox and one webhook delivery job per
// subscribed endpoint, all in the change's transaction.
func (s *Service) afterChange(ctx context.Context, tx claimdesk.Stores, c *claimdesk.Case, events []claimdesk.Event) error {
	if s.notifier != nil {
		if err := s.notifier.Notify(ctx, tx, c, events); err != nil {
			return err
		}
	}
	endpoints, err := tx.Webhooks.ListWebhookEndpoints(ctx, c.ShopID)
	if err != nil || len(endpoints) == 0 {
		return err
	}
	for _, e := range events {
		typ, ok := webhookTypes[e.Type]
		if !ok {
			continue
		}
		data := webhookData(c, e)
		for _, ep := range endpoints {
			if ep.DisabledAt != nil || !subscribed(ep, typ) {
				continue
			}
			msgID := fmt.Sprintf("msg_%s_%d_%d", c.Number, e.Seq, ep.ID)
			payload, _ := json.Marshal(WebhookPayload{EndpointID: ep.ID, MessageID: msgID, Type: typ, Timestamp: e.At.UTC(), Data: data})
			_, err := tx.Jobs.EnqueueJob(ctx, &claimdesk.Job{Kind: JobWebhookDeliver, Key: "webhook:" + msgID, Payload: payload,
				RunAt: s.now(), MaxAttempts: 8, CreatedAt: s.now()})
			if err != nil {
				return err
			}
		}
	}
	return nil
}

func subscribed(ep *claimdesk.WebhookEndpoint, typ string) bool {
	if len(ep.Events) == 0 {
		return true
	}
	for _, e := range ep.Events {
		if e == typ {
			return true
		}
	}
	return false
}
