package policy

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"github.com/claimdesk/claimdesk/eval"
)

func devScenarios(t testing.TB) []*Scenario {
	t.Helper()
	var out []*Scenario
	for _, line := range bytes.Split(bytes.TrimSpace(eval.AssessDev), []byte("\n")) {
		var s Scenario
		if err := json.Unmarshal(line, &s); err != nil {
			t.Fatal(err)
		}
		out = append(out, &s)
	}
	return out
}

// BenchmarkAssess reports the time per decision over the dev set's mix of
// scenarios (all ten kinds, four shops, three countries), explanation
// included, JSON excluded.
func BenchmarkAssess(b *testing.B) {
	e := testEngine(b)
	ss := devScenarios(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		_ = e.Assess(ss[i%len(ss)])
		i++
	}
}

// BenchmarkRunAssess is the CLI path: JSON in, JSON out, per scenario.
func BenchmarkRunAssess(b *testing.B) {
	e := testEngine(b)
	b.ReportAllocs()
	n := bytes.Count(eval.AssessDev, []byte("\n"))
	for b.Loop() {
		if _, err := RunAssess(bytes.NewReader(eval.AssessDev), io.Discard, e); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/decision")
}
