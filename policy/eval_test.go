package policy

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/eval"
)

func testEngine(t testing.TB) *Engine {
	t.Helper()
	e, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestAssessDev runs every scenario of eval.AssessDev through RunAssess, the
// CLI's code path, and compares every field its expect object names.
func TestAssessDev(t *testing.T) {
	var out bytes.Buffer
	hadErrors, err := RunAssess(bytes.NewReader(eval.AssessDev), &out, testEngine(t))
	if err != nil || hadErrors {
		t.Fatalf("RunAssess: hadErrors=%v err=%v", hadErrors, err)
	}
	var expects []map[string]json.RawMessage
	var ids []string
	for _, line := range bytes.Split(bytes.TrimSpace(eval.AssessDev), []byte("\n")) {
		var s struct {
			ID     string                     `json:"id"`
			Expect map[string]json.RawMessage `json:"expect"`
		}
		if err := json.Unmarshal(line, &s); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, s.ID)
		expects = append(expects, s.Expect)
	}
	sc := bufio.NewScanner(&out)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	i := 0
	for ; sc.Scan(); i++ {
		var got map[string]json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		t.Run(ids[i], func(t *testing.T) {
			if diff := compareDecision(expects[i], got); diff != "" {
				t.Errorf("%s\n  decision: %s", diff, sc.Text())
			}
		})
	}
	if i != len(ids) {
		t.Errorf("got %d decisions for %d scenarios", i, len(ids))
	}
}

// compareDecision returns a per-field diff of the fields expect names.
func compareDecision(expect, got map[string]json.RawMessage) string {
	var diffs []string
	keys := make([]string, 0, len(expect))
	for k := range expect {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		g, ok := got[k]
		if !ok {
			diffs = append(diffs, fmt.Sprintf("%s: missing, want %s", k, expect[k]))
			continue
		}
		if canon(k, expect[k]) != canon(k, g) {
			diffs = append(diffs, fmt.Sprintf("%s: got %s, want %s", k, g, expect[k]))
		}
	}
	return strings.Join(diffs, "\n")
}

// canon normalises a field for comparison: reasons and fees as sets,
// numbers by value.
func canon(key string, raw json.RawMessage) string {
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return string(raw)
	}
	v = normNumbers(v)
	if list, ok := v.([]any); ok && (key == "reasons" || key == "fees" || key == "possible_fees") {
		parts := make([]string, len(list))
		for i, x := range list {
			b, _ := json.Marshal(x)
			parts[i] = string(b)
		}
		sort.Strings(parts)
		return strings.Join(parts, ",")
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func normNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, _ := x.Float64() // comparison only
		return fmt.Sprintf("%.2f", f)
	case map[string]any:
		for k, y := range x {
			x[k] = normNumbers(y)
		}
	case []any:
		for i, y := range x {
			x[i] = normNumbers(y)
		}
	}
	return v
}
