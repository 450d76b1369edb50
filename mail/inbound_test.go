package mail

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/eml/*.golden.json")

func emlFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "eml", "*.eml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no eml corpus: %v", err)
	}
	return files
}

// golden is what the golden files hold: the parsed message and, so that
// threading inputs are visible too, the order numbers and the triage hint.
type golden struct {
	Inbound      *Inbound `json:"inbound"`
	OrderNumbers []string `json:"order_numbers,omitempty"`
	CaseNumbers  []string `json:"case_numbers,omitempty"`
	ReplyTokens  []string `json:"reply_tokens,omitempty"`
	Triage       Hint     `json:"triage"`
}

func TestParseInboundGolden(t *testing.T) {
	for _, path := range emlFiles(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".eml")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			in, err := ParseInbound(raw)
			if err != nil {
				t.Fatalf("ParseInbound: %v", err)
			}
			g := golden{Inbound: in, OrderNumbers: OrderNumbers(in.Subject + "\n" + in.Text),
				CaseNumbers: CaseNumbers(in.Subject), Triage: Triage(in.Subject, in.Text)}
			for _, r := range in.Recipients() {
				if tok := ReplyToken(r); tok != "" {
					g.ReplyTokens = append(g.ReplyTokens, tok)
				}
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(g); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			goldenPath := strings.TrimSuffix(path, ".eml") + ".golden.json"
			if *update {
				if err := os.WriteFile(goldenPath, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(goldenPath)
			if err != nil {
				t.Fatalf("%v (run go test ./mail -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("parse result differs from %s (run go test ./mail -update and review the diff)\ngot:\n%s", goldenPath, got)
			}
		})
	}
}
