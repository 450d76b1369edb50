package webhooks

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"strings"
	"testing"
	"time"
)

// declaredEventTypes parses events.go for the EventType constants, so a
// constant added without a catalogue entry fails the test.
func declaredEventTypes(t *testing.T) map[EventType]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "events.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[EventType]string{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			v := s.(*ast.ValueSpec)
			if id, ok := v.Type.(*ast.Ident); !ok || id.Name != "EventType" {
				continue
			}
			lit := v.Values[0].(*ast.BasicLit)
			out[EventType(strings.Trim(lit.Value, `"`))] = v.Names[0].Name
		}
	}
	return out
}

func TestCatalogueComplete(t *testing.T) {
	t.Parallel()
	declared := declaredEventTypes(t)
	want := []EventType{"case.opened", "case.assessed", "case.assigned", "case.message.created",
		"case.goods.in_transit", "case.goods.received", "case.finding.recorded", "case.decided",
		"case.refund.recorded", "case.escalated", "case.closed", "case.reopened", "case.merged",
		"order.upserted"}
	if len(declared) != len(want) {
		t.Errorf("%d EventType constants, want %d", len(declared), len(want))
	}
	for _, w := range want {
		if _, ok := declared[w]; !ok {
			t.Errorf("no constant for %s", w)
		}
	}
	name := regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+)+$`)
	seen := map[EventType]bool{}
	hooks := OpenAPIWebhooks()
	for _, e := range Catalogue() {
		if seen[e.Type] {
			t.Errorf("%s listed twice", e.Type)
		}
		seen[e.Type] = true
		if _, ok := declared[e.Type]; !ok {
			t.Errorf("%s is listed but not a constant", e.Type)
		}
		if !name.MatchString(string(e.Type)) {
			t.Errorf("%s: not a full-stop delimited [a-z0-9_] id", e.Type)
		}
		if e.Description == "" || strings.Contains(e.Description, "\n") {
			t.Errorf("%s: want a one-line description, got %q", e.Type, e.Description)
		}
		if e.Data["type"] != "object" || e.Data["properties"] == nil {
			t.Errorf("%s: data schema is not an object schema", e.Type)
		}
		if !e.Type.Valid() {
			t.Errorf("%s: Valid = false", e.Type)
		}
		checkOperation(t, e, hooks[string(e.Type)])
	}
	for d := range declared {
		if !seen[d] {
			t.Errorf("constant %s missing from the catalogue", d)
		}
	}
	if len(hooks) != len(declared) {
		t.Errorf("OpenAPIWebhooks has %d events, want %d", len(hooks), len(declared))
	}
	if got := EventTypes(); len(got) != len(want) || got[0] != CaseOpened {
		t.Errorf("EventTypes = %v", got)
	}
	if e, ok := Lookup(CaseMerged); !ok || e.Type != CaseMerged {
		t.Errorf("Lookup(%s) = %v, %v", CaseMerged, e, ok)
	}
	if _, ok := Lookup("nope"); ok {
		t.Error("Lookup found an unknown type")
	}
	if EventType("case.note.created").Valid() {
		t.Error("an unknown type is valid")
	}
}

// checkOperation checks one webhook entry: a POST whose JSON body schema is
// the envelope of the right type with the event's data.
func checkOperation(t *testing.T, e EventInfo, entry any) {
	t.Helper()
	post, _ := dig(entry, "post").(map[string]any)
	if post == nil {
		t.Errorf("%s: no post operation", e.Type)
		return
	}
	schema := dig(post, "requestBody", "content", "application/json", "schema")
	if dig(schema, "properties", "type", "const") != string(e.Type) {
		t.Errorf("%s: envelope type const wrong", e.Type)
	}
	if dig(schema, "properties", "timestamp", "format") != "date-time" {
		t.Errorf("%s: envelope timestamp not date-time", e.Type)
	}
	if dig(schema, "properties", "data", "type") != "object" {
		t.Errorf("%s: envelope data not an object", e.Type)
	}
	if len(post["parameters"].([]any)) != 3 || dig(post, "responses", "2XX") == nil {
		t.Errorf("%s: headers or responses missing", e.Type)
	}
}

func dig(v any, path ...string) any {
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}

func TestOpenAPIWebhooksMarshals(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(OpenAPIWebhooks())
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(b) || !strings.Contains(string(b), `"case.message.created"`) {
		t.Error("unexpected OpenAPI JSON")
	}
	// Fresh maps every call: changing one result leaves the next alone.
	h := OpenAPIWebhooks()
	delete(h, "case.opened")
	Catalogue()[0].Data["type"] = "string"
	if _, ok := OpenAPIWebhooks()["case.opened"]; !ok || Catalogue()[0].Data["type"] != "object" {
		t.Error("results share state between calls")
	}
}

func TestEnvelope(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 23, 19, 30, 0, 344522000, time.FixedZone("CET", 3600))
	env, err := NewEnvelope(CaseOpened, at, map[string]any{"case": map[string]any{"number": "K-1"}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(env)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"type":"case.opened","timestamp":"2026-11-23T18:30:00.344522Z","data":{"case":{"number":"K-1"}}}`
	if string(b) != want {
		t.Errorf("Marshal = %s\nwant      %s", b, want)
	}
	var back Envelope
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Type != CaseOpened || !back.Timestamp.Equal(at) || string(back.Data) != `{"case":{"number":"K-1"}}` {
		t.Errorf("round trip = %+v", back)
	}
	whole, _ := json.Marshal(Envelope{Type: CaseClosed, Timestamp: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)})
	if string(whole) != `{"type":"case.closed","timestamp":"2026-01-02T03:04:05Z","data":{}}` {
		t.Errorf("Marshal without data = %s", whole)
	}

	for _, tt := range []struct {
		name string
		typ  EventType
		data any
	}{
		{"unknown type", "case.note.created", map[string]any{}},
		{"data not an object", CaseOpened, []int{1}},
		{"data null", CaseOpened, nil},
		{"data does not marshal", CaseOpened, map[string]any{"f": func() {}}},
	} {
		if _, err := NewEnvelope(tt.typ, at, tt.data); err == nil {
			t.Errorf("%s: NewEnvelope succeeded", tt.name)
		}
	}
	for _, bad := range []string{`{"timestamp":"2026-01-02T03:04:05Z","data":{}}`, `{"type":"case.closed","timestamp":"yesterday"}`, `[]`} {
		if err := json.Unmarshal([]byte(bad), &back); err == nil {
			t.Errorf("Unmarshal(%s) succeeded", bad)
		}
	}
}
