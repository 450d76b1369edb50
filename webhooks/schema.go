package webhooks

// JSON Schema builders for the catalogue and the OpenAPI document. Every call
// builds fresh maps, so callers may modify what they get.

func str(desc string) map[string]any { return map[string]any{"type": "string", "description": desc} }

func integer(desc string) map[string]any {
	return map[string]any{"type": "integer", "format": "int64", "description": desc}
}

func date(desc string) map[string]any {
	return map[string]any{"type": "string", "format": "date", "description": desc}
}

func dateTime(desc string) map[string]any {
	return map[string]any{"type": "string", "format": "date-time", "description": desc}
}

func nullable(typ, desc string) map[string]any {
	return map[string]any{"type": []any{typ, "null"}, "description": desc}
}

func enum(desc string, values ...string) map[string]any {
	vs := make([]any, len(values))
	for i, v := range values {
		vs[i] = v
	}
	return map[string]any{"type": "string", "enum": vs, "description": desc}
}

func object(props map[string]any, required ...string) map[string]any {
	o := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		req := make([]any, len(required))
		for i, r := range required {
			req[i] = r
		}
		o["required"] = req
	}
	return o
}

// caseData is the data of a case event: the case as it stands after the
// event, the actor, and the event's own fields.
func caseData(extra map[string]any, required ...string) map[string]any {
	props := map[string]any{
		"case":       caseSchema(),
		"event_seq":  integer("The event's sequence number in the case log; orders events of one case."),
		"actor_kind": enum("Who caused the event.", "customer", "agent", "system", "api"),
		"reason":     str("Why, when the actor gave a reason."),
	}
	for k, v := range extra {
		props[k] = v
	}
	return object(props, append([]string{"case", "event_seq", "actor_kind"}, required...)...)
}

// caseSchema is a thin view of a case: identifiers and the state axes, no
// personal data. Fetch GET /api/v1/cases/{number} for the rest.
func caseSchema() map[string]any {
	return object(map[string]any{
		"id":                integer("The case id."),
		"number":            str("The case number customers see."),
		"shop_id":           str("The shop."),
		"kind":              str("What the case is about: withdrawal, return, defect, warranty, doa, transport_damage, wrong_item, missing_item, lost_parcel, cancellation, general, complaint."),
		"order_external_id": str("The shop's own order number, when the case names an order."),
		"status":            enum("Where the case stands.", "open", "waiting", "resolved", "closed"),
		"decision":          enum("The decision axis.", "requested", "approved", "partly_approved", "rejected"),
		"remedy":            enum("What an approved case gives; empty when none yet.", "", "repair", "replacement", "refund", "price_reduction"),
		"logistics":         enum("The goods axis.", "none", "awaiting_goods", "in_transit", "partly_received", "received", "returned_to_customer"),
		"money":             enum("The money axis.", "none", "fee_due", "refund_due", "refunded", "settled"),
		"ladder":            enum("The complaint ladder step.", "customer_service", "ombudsman", "national_body"),
		"currency":          str("ISO 4217 currency of the amounts."),
		"refund":            nullable("integer", "The refund due, in minor units; null when none is due."),
		"refunded":          integer("What has been refunded so far, in minor units."),
		"lines":             linesSchema("The order lines the case is about."),
		"merged_into":       integer("The case this one was merged into; 0 or absent otherwise."),
		"version":           integer("The case version; grows with every change."),
		"updated_at":        dateTime("When the case last changed."),
	}, "id", "number", "shop_id", "kind", "status", "decision", "logistics", "money", "version", "updated_at")
}

func linesSchema(desc string) map[string]any {
	return map[string]any{
		"type":        "array",
		"description": desc,
		"items": object(map[string]any{
			"sku":      str("The article number."),
			"quantity": integer("How many."),
		}, "sku", "quantity"),
	}
}

func messageSchema() map[string]any {
	return object(map[string]any{
		"id":          integer("The message id."),
		"direction":   enum("in: from the customer; out: to the customer.", "in", "out"),
		"author_kind": enum("Who wrote it.", "customer", "agent", "system"),
		"author_name": str("The author's display name."),
		"body":        str("The text."),
		"attachments": integer("How many files came with it."),
		"created_at":  dateTime("When it was written."),
	}, "id", "direction", "author_kind", "body", "created_at")
}

func orderSchema() map[string]any {
	return object(map[string]any{
		"id":          integer("claimdesk's order id."),
		"shop_id":     str("The shop."),
		"external_id": str("The shop's own order number."),
		"ordered_at":  dateTime("When the order was placed."),
		"country":     str("The customer country whose law applies (ISO 3166-1 alpha-2)."),
		"currency":    str("ISO 4217 currency."),
		"created":     map[string]any{"type": "boolean", "description": "True when the order was new, false when it replaced one."},
	}, "id", "shop_id", "external_id", "created")
}

// envelopeSchema is the request body of a webhook of type t.
func envelopeSchema(t EventType, data map[string]any) map[string]any {
	return object(map[string]any{
		"type":      map[string]any{"type": "string", "const": string(t), "description": "The event type."},
		"timestamp": dateTime("When the event happened (RFC 3339, UTC); the same on every retry."),
		"data":      data,
	}, "type", "timestamp", "data")
}

// OpenAPIWebhooks returns the OpenAPI 3.1 "webhooks" object: per event type a
// POST operation whose request body is the envelope with that event's data,
// the three signature headers as parameters, and the responses a receiver
// should give.
func OpenAPIWebhooks() map[string]any {
	out := make(map[string]any)
	for _, e := range Catalogue() {
		out[string(e.Type)] = map[string]any{
			"post": map[string]any{
				"operationId": "webhook_" + operationName(e.Type),
				"summary":     e.Description,
				"tags":        []any{"webhooks"},
				"parameters":  headerParams(),
				"requestBody": map[string]any{
					"required": true,
					"content": map[string]any{
						"application/json": map[string]any{"schema": envelopeSchema(e.Type, e.Data)},
					},
				},
				"responses": map[string]any{
					"2XX":     map[string]any{"description": "Received. Any 2xx ends delivery of this message."},
					"410":     map[string]any{"description": "Gone: claimdesk disables the endpoint."},
					"429":     map[string]any{"description": "Too many requests: retried later, not before Retry-After."},
					"default": map[string]any{"description": "408 and 5xx are retried on the schedule; other 4xx drop the message. Redirects are not followed and count as failures."},
				},
			},
		}
	}
	return out
}

func headerParams() []any {
	p := func(name, desc string) map[string]any {
		return map[string]any{"name": name, "in": "header", "required": true, "description": desc,
			"schema": map[string]any{"type": "string"}}
	}
	return []any{
		p(HeaderID, "The message id, the same on every retry: use it to drop duplicates."),
		p(HeaderTimestamp, "When this attempt was sent, in unix seconds."),
		p(HeaderSignature, "Space-separated signatures, each v1,base64(HMAC-SHA256(secret, id.timestamp.body))."),
	}
}

// operationName turns "case.message.created" into "case_message_created".
func operationName(t EventType) string {
	b := []byte(t)
	for i, c := range b {
		if c == '.' {
			b[i] = '_'
		}
	}
	return string(b)
}
