package webhooks

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"
)

// EventType names a webhook event: a full-stop delimited, hierarchical id
// such as "case.opened". Its payload schema never changes incompatibly.
type EventType string

// The case events a shop platform can subscribe to.
const (
	CaseOpened          EventType = "case.opened"
	CaseAssessed        EventType = "case.assessed"
	CaseAssigned        EventType = "case.assigned"
	CaseMessageCreated  EventType = "case.message.created"
	CaseGoodsInTransit  EventType = "case.goods.in_transit"
	CaseGoodsReceived   EventType = "case.goods.received"
	CaseFindingRecorded EventType = "case.finding.recorded"
	CaseDecided         EventType = "case.decided"
	CaseRefundRecorded  EventType = "case.refund.recorded"
	CaseEscalated       EventType = "case.escalated"
	CaseClosed          EventType = "case.closed"
	CaseReopened        EventType = "case.reopened"
	CaseMerged          EventType = "case.merged"
	OrderUpserted       EventType = "order.upserted"
)

// EventInfo describes one event type for the catalogue, the endpoint
// settings page and the OpenAPI document.
type EventInfo struct {
	Type        EventType `json:"type"`
	Description string    `json:"description"`
	// Data is the JSON Schema (2020-12, as OpenAPI 3.1 uses it) of the
	// envelope's data member.
	Data map[string]any `json:"data"`
}

// Catalogue returns every event type, once each, in a stable order, with a
// description and the schema of its data. Each call returns fresh maps.
func Catalogue() []EventInfo {
	return []EventInfo{
		{CaseOpened, "A case was opened, by the customer, an agent, e-mail or the API.",
			caseData(nil, "channel")},
		{CaseAssessed, "The policy engine assessed the case: eligibility, route, deadline.",
			caseData(map[string]any{
				"eligible": nullable("boolean", "Whether the claim looks eligible; null when the kind is not judged."),
				"route":    str("The route the assessment chose, such as return_for_refund."),
				"deadline": date("The statutory or shop deadline the assessment computed."),
			}, "eligible", "route")},
		{CaseAssigned, "The case was assigned to an agent, or unassigned.",
			caseData(map[string]any{
				"assignee_id": integer("The agent now holding the case; 0 when unassigned."),
			}, "assignee_id")},
		{CaseMessageCreated, "The customer or an agent wrote in the case. Internal notes are never sent.",
			caseData(map[string]any{"message": messageSchema()}, "message")},
		{CaseGoodsInTransit, "Returned goods are on their way to the shop.",
			caseData(map[string]any{
				"carrier":         str("The carrier, when known."),
				"tracking_number": str("The return parcel's tracking number, when known."),
			})},
		{CaseGoodsReceived, "The shop received returned goods, in full or in part.",
			caseData(map[string]any{"lines": linesSchema("The quantities received.")}, "lines")},
		{CaseFindingRecorded, "Inspection or workshop findings were recorded on the case.",
			caseData(map[string]any{
				"finding": str("A short code for the finding, such as fault_confirmed or no_fault_found."),
				"note":    str("What the inspector wrote."),
			}, "finding")},
		{CaseDecided, "The case was decided: approved, partly approved or rejected, with the remedy.",
			caseData(map[string]any{
				"reasons": map[string]any{"type": "array", "items": str("A reason code."),
					"description": "The reason codes behind the decision."},
			})},
		{CaseRefundRecorded, "A refund was recorded as paid to the customer.",
			caseData(map[string]any{
				"amount":    integer("The amount refunded now, in minor units of the case currency."),
				"reference": str("The payment reference, when given."),
			}, "amount")},
		{CaseEscalated, "The case climbed the complaint ladder (ombudsman, national consumer body).",
			caseData(nil)},
		{CaseClosed, "The case was closed.", caseData(nil)},
		{CaseReopened, "A closed or resolved case was reopened.", caseData(nil)},
		{CaseMerged, "The case was merged into another case; case.merged_into names it.",
			caseData(nil)},
		{OrderUpserted, "An order was created or replaced through the API or an import.",
			object(map[string]any{"order": orderSchema()}, "order")},
	}
}

// Lookup returns the catalogue entry of t and whether t is known.
func Lookup(t EventType) (EventInfo, bool) {
	for _, e := range Catalogue() {
		if e.Type == t {
			return e, true
		}
	}
	return EventInfo{}, false
}

// knownTypes is the set of catalogue types, built once for Valid.
var knownTypes = sync.OnceValue(func() map[EventType]bool {
	m := make(map[EventType]bool)
	for _, e := range Catalogue() {
		m[e.Type] = true
	}
	return m
})

// Valid reports whether t is in the catalogue.
func (t EventType) Valid() bool { return knownTypes()[t] }

// EventTypes returns every event type in catalogue order, for subscription
// forms and validation.
func EventTypes() []EventType {
	cat := Catalogue()
	out := make([]EventType, len(cat))
	for i, e := range cat {
		out[i] = e.Type
	}
	return out
}

// Envelope is the body of every webhook: the event type, when the event
// happened (not when it was sent, so retries carry the same timestamp), and
// the event's data. It marshals as {"type":…,"timestamp":…,"data":…} with an
// RFC 3339 UTC timestamp.
type Envelope struct {
	Type      EventType
	Timestamp time.Time
	Data      json.RawMessage
}

// NewEnvelope marshals data into an envelope of type t at time at. It fails
// for a type outside the catalogue or data that does not marshal to a JSON
// object.
func NewEnvelope(t EventType, at time.Time, data any) (Envelope, error) {
	if !t.Valid() {
		return Envelope{}, fmt.Errorf("webhooks: unknown event type %q", t)
	}
	raw, err := json.Marshal(data)
	if err != nil {
		return Envelope{}, fmt.Errorf("webhooks: marshalling %s data: %w", t, err)
	}
	if len(raw) == 0 || raw[0] != '{' {
		return Envelope{}, fmt.Errorf("webhooks: %s data is not a JSON object", t)
	}
	return Envelope{Type: t, Timestamp: at, Data: raw}, nil
}

type envelopeJSON struct {
	Type      EventType       `json:"type"`
	Timestamp string          `json:"timestamp"`
	Data      json.RawMessage `json:"data"`
}

// MarshalJSON writes the envelope with its timestamp in UTC, RFC 3339 with
// the fraction of a second when there is one. Empty data becomes {}.
func (e Envelope) MarshalJSON() ([]byte, error) {
	data := e.Data
	if len(data) == 0 {
		data = json.RawMessage("{}")
	}
	return json.Marshal(envelopeJSON{
		Type:      e.Type,
		Timestamp: e.Timestamp.UTC().Format(time.RFC3339Nano),
		Data:      data,
	})
}

// UnmarshalJSON reads an envelope, for receivers and tests.
func (e *Envelope) UnmarshalJSON(b []byte) error {
	var v envelopeJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	if v.Type == "" {
		return errors.New("webhooks: envelope without type")
	}
	ts, err := time.Parse(time.RFC3339Nano, v.Timestamp)
	if err != nil {
		return fmt.Errorf("webhooks: envelope timestamp: %w", err)
	}
	*e = Envelope{Type: v.Type, Timestamp: ts.UTC(), Data: v.Data}
	return nil
}
