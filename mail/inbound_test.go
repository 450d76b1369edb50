package mail

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
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

func TestParseInboundEdgeCases(t *testing.T) {
	t.Parallel()
	nested := "Content-Type: text/plain\r\n\r\ndeep\r\n"
	for i := 30; i > 0; i-- {
		b := fmt.Sprintf("b%d", i)
		nested = "Content-Type: multipart/mixed; boundary=" + b + "\r\n\r\n--" + b + "\r\n" + nested + "\r\n--" + b + "--\r\n"
	}
	nested = "From: a@b.no\r\n" + nested
	tests := []struct {
		name  string
		raw   string
		check func(t *testing.T, in *Inbound, err error)
	}{
		{"unknown charset gives a warning and readable text", "From: a@b.no\r\nContent-Type: text/plain; charset=x-klingon\r\n\r\nHei p\xe5 deg\r\n",
			func(t *testing.T, in *Inbound, err error) {
				if err != nil || in.FullText != "Hei på deg" || len(in.Warnings) == 0 {
					t.Errorf("text %q warnings %q err %v", in.FullText, in.Warnings, err)
				}
			}},
		{"windows-1252 labelled latin-1", "From: a@b.no\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\x93Pris\x94 \x96 99 \x80\r\n",
			func(t *testing.T, in *Inbound, err error) {
				if in.FullText != "“Pris” – 99 €" {
					t.Errorf("text %q", in.FullText)
				}
			}},
		{"format flowed with delsp", "From: a@b.no\r\nContent-Type: text/plain; charset=utf-8; format=flowed; delsp=yes\r\n\r\nEn lang lin \r\nje her\r\n-- \r\nSig\r\n",
			func(t *testing.T, in *Inbound, err error) {
				if in.Text != "En lang linje her" {
					t.Errorf("text %q", in.Text)
				}
			}},
		{"missing date and message id", "From: a@b.no\r\nSubject: x\r\n\r\nHei\r\n",
			func(t *testing.T, in *Inbound, err error) {
				if !in.Date.IsZero() || !strings.HasSuffix(in.MessageID, "@claimdesk.invalid") {
					t.Errorf("date %v id %q", in.Date, in.MessageID)
				}
			}},
		{"malformed from still gives an address", "From: Kari Nordmann kari@example.no>\r\n\r\nHei\r\n",
			func(t *testing.T, in *Inbound, err error) {
				if in.From.Email != "kari@example.no" {
					t.Errorf("from %+v", in.From)
				}
			}},
		{"not a message", "\x00\x01\x02",
			func(t *testing.T, in *Inbound, err error) {
				if err == nil {
					t.Errorf("want error, got %+v", in)
				}
			}},
		{"deep nesting is cut off", nested,
			func(t *testing.T, in *Inbound, err error) {
				if err != nil || len(in.Warnings) == 0 || in.FullText != "" {
					t.Errorf("err %v warnings %q text %q", err, in.Warnings, in.FullText)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := ParseInbound([]byte(tt.raw))
			if in == nil {
				in = &Inbound{}
			}
			tt.check(t, in, err)
		})
	}
	if _, err := ParseInbound(make([]byte, MaxInboundBytes+1)); err != ErrTooLarge {
		t.Errorf("want ErrTooLarge, got %v", err)
	}
}
