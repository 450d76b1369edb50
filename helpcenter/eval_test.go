package helpcenter

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/eval"
)

// evalCase is one line of eval/helpcenter-dev.jsonl.
type evalCase struct {
	ID     string   `json:"id"`
	Shop   string   `json:"shop"`
	Lang   string   `json:"lang"`
	Q      string   `json:"q"`
	Expect []string `json:"expect"`
	Note   string   `json:"note"`
}

func loadEval(t testing.TB) []evalCase {
	t.Helper()
	var cases []evalCase
	sc := bufio.NewScanner(bytes.NewReader(eval.HelpcenterDev))
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var c evalCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, c)
	}
	return cases
}

// heldOut reports whether a case belongs to the held-out part: every
// fourth question (h-004, h-008, …), kept out of tuning.
func heldOut(c evalCase) bool {
	n, _ := strconv.Atoi(strings.TrimPrefix(c.ID, "h-"))
	return n%4 == 0
}

// judge applies the eval rule: an answerable question is right when the
// answer's text contains an expected snippet (whitespace collapsed); an
// unanswerable one when there is no answer.
func judge(c evalCase, r KBResult) bool {
	if len(c.Expect) == 0 {
		return r.Answer == nil
	}
	if r.Answer == nil {
		return false
	}
	text := collapseSpace(r.Answer.Text)
	for _, e := range c.Expect {
		if strings.Contains(text, collapseSpace(e)) {
			return true
		}
	}
	return false
}

// tally counts right answers on answerable and unanswerable questions.
type tally struct{ ans, ansOK, un, unOK int }

func (t *tally) add(c evalCase, ok bool) {
	if len(c.Expect) == 0 {
		t.un++
		if ok {
			t.unOK++
		}
		return
	}
	t.ans++
	if ok {
		t.ansOK++
	}
}

func (t tally) rates() (float64, float64) {
	return ratio(t.ansOK, t.ans), ratio(t.unOK, t.un)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// runEval runs the eval set through RunKBSearch, the CLI's code path.
func runEval(t testing.TB, s Searcher, cases []evalCase) map[string]KBResult {
	t.Helper()
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	for _, c := range cases {
		_ = enc.Encode(KBQuery{ID: c.ID, Shop: c.Shop, Q: c.Q, Lang: c.Lang})
	}
	var out bytes.Buffer
	if err := RunKBSearch(&in, &out, s); err != nil {
		t.Fatal(err)
	}
	res := map[string]KBResult{}
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r KBResult
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		res[r.ID] = r
	}
	return res
}

func TestEvalHelpcenterDev(t *testing.T) {
	cases := loadEval(t)
	res := runEval(t, NewLibrary(SeedArticles()), cases)
	var all, tuned, held tally
	for _, c := range cases {
		r, found := res[c.ID]
		if !found {
			t.Fatalf("%s: no output line", c.ID)
		}
		ok := judge(c, r)
		all.add(c, ok)
		if heldOut(c) {
			held.add(c, ok)
		} else {
			tuned.add(c, ok)
		}
		if !ok && os.Getenv("HELPCENTER_EVAL_VERBOSE") != "" {
			t.Logf("MISS %s [%s/%s] %q expect=%v", c.ID, c.Shop, c.Lang, c.Q, c.Expect)
			for _, h := range r.Results {
				t.Logf("      %.3f %s", h.Score, h.Title)
			}
		}
	}
	for _, p := range []struct {
		name string
		t    tally
	}{{"tuned", tuned}, {"held-out", held}, {"all", all}} {
		a, u := p.t.rates()
		t.Logf("%-8s answerable %d/%d = %.2f, unanswerable %d/%d = %.2f", p.name, p.t.ansOK, p.t.ans, a, p.t.unOK, p.t.un, u)
	}
	if a, u := all.rates(); a < 0.90 || u < 0.85 {
		t.Errorf("eval: answerable %.2f (want ≥ 0.90), unanswerable %.2f (want ≥ 0.85)", a, u)
	}
}
