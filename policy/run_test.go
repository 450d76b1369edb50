package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/eval"
)

func TestRunAssessContract(t *testing.T) {
	e := testEngine(t)
	first := string(bytes.SplitN(eval.AssessDev, []byte("\n"), 2)[0])
	tests := []struct {
		name      string
		in        string
		hadErrors bool
		check     func(t *testing.T, lines []map[string]json.RawMessage)
	}{
		{"one scenario, every field present", first + "\n", false, func(t *testing.T, l []map[string]json.RawMessage) {
			for _, k := range []string{"id", "eligible", "deadline", "goods_due", "route", "reasons", "fees",
				"possible_fees", "refund", "explanation", "error"} {
				if _, ok := l[0][k]; !ok {
					t.Errorf("field %s missing", k)
				}
			}
			if string(l[0]["refund"]) != `{"amount":12639.00,"currency":"NOK"}` {
				t.Errorf("refund = %s", l[0]["refund"])
			}
			if string(l[0]["possible_fees"]) != "[]" || string(l[0]["error"]) != "null" {
				t.Errorf("empty fields: %s %s", l[0]["possible_fees"], l[0]["error"])
			}
		}},
		{"not JSON", "{oops\n" + first, true, func(t *testing.T, l []map[string]json.RawMessage) {
			if string(l[0]["id"]) != "null" || string(l[0]["line"]) != "1" || l[0]["error"] == nil {
				t.Errorf("line error = %v", l[0])
			}
			if string(l[1]["id"]) != `"dev-001"` {
				t.Errorf("run did not go on: %v", l[1])
			}
		}},
		{"JSON but no object", "[1, 2]\n", true, func(t *testing.T, l []map[string]json.RawMessage) {
			if string(l[0]["id"]) != "null" || string(l[0]["line"]) != "1" {
				t.Errorf("line error = %v", l[0])
			}
		}},
		{"cannot be judged", strings.Replace(first, `"dustin"`, `"nosuchshop"`, 1), true, func(t *testing.T, l []map[string]json.RawMessage) {
			if string(l[0]["id"]) != `"dev-001"` || !strings.Contains(string(l[0]["error"]), "unknown shop") {
				t.Errorf("decision = %v", l[0])
			}
			if string(l[0]["reasons"]) != "[]" || string(l[0]["eligible"]) != "null" {
				t.Errorf("error decision: %v", l[0])
			}
		}},
		{"wrong types", `{"id": "x", "order": {"delivery_fee": "lots"}}`, true, func(t *testing.T, l []map[string]json.RawMessage) {
			if string(l[0]["id"]) != `"x"` || l[0]["error"] == nil {
				t.Errorf("decision = %v", l[0])
			}
		}},
		{"blank lines skipped, no final newline", "\n\n" + first, false, func(t *testing.T, l []map[string]json.RawMessage) {
			if len(l) != 1 {
				t.Errorf("%d decisions", len(l))
			}
		}},
		{"money parsed exactly", strings.Replace(first, "12490.00", "0.29", 1), false, func(t *testing.T, l []map[string]json.RawMessage) {
			if string(l[0]["refund"]) != `{"amount":149.29,"currency":"NOK"}` {
				t.Errorf("refund = %s", l[0]["refund"])
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			had, err := RunAssess(strings.NewReader(tt.in), &out, e)
			if err != nil || had != tt.hadErrors {
				t.Fatalf("hadErrors=%v err=%v, want %v", had, err, tt.hadErrors)
			}
			var lines []map[string]json.RawMessage
			for _, l := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
				var m map[string]json.RawMessage
				if err := json.Unmarshal(l, &m); err != nil {
					t.Fatalf("output line %q: %v", l, err)
				}
				lines = append(lines, m)
			}
			tt.check(t, lines)
		})
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestRunAssessIOError(t *testing.T) {
	big := strings.Repeat(string(eval.AssessDev), 20)
	if _, err := RunAssess(strings.NewReader(big), failWriter{}, testEngine(t)); err == nil {
		t.Error("write error not reported")
	}
}

// TestTermsOverride judges against another terms file, as --terms does.
func TestTermsOverride(t *testing.T) {
	e := testEngine(t)
	data := strings.Replace(readTerms(t, "terms/belysning.toml"), "days = 50", "days = 60", 1)
	tr, err := LoadTermsFile("belysning-60.toml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	d := e.With(tr).Assess(sc("belysning", "return", "NO", "business", "2026-02-03", "2026-04-01"))
	if !*d.Eligible || dayString(d.Deadline) != "2026-04-04" {
		t.Errorf("override: eligible %v deadline %s", *d.Eligible, dayString(d.Deadline))
	}
	if d := e.Assess(sc("belysning", "return", "NO", "business", "2026-02-03", "2026-04-01")); *d.Eligible {
		t.Error("With changed the original engine")
	}
}

func readTerms(t *testing.T, name string) string {
	t.Helper()
	b, err := termsFS.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
