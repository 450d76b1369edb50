package mail

import (
	"context"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// addCorpus seeds a fuzz target with the eml corpus, so plain `go test` runs
// every corpus message through the target.
func addCorpus(f *testing.F, add func(raw []byte)) {
	for _, path := range emlFiles(f) {
		raw, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		add(raw)
	}
}

func FuzzParseInbound(f *testing.F) {
	addCorpus(f, func(raw []byte) { f.Add(raw) })
	f.Add([]byte("Subject: =?utf-8?q?x?=\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\nContent-Type: text/html\r\n\r\n<p>x<blockquote>y</blockquote>\r\n--a--\r\n"))
	f.Add([]byte("From: <>\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822;\r\n\r\n--b--\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		in, err := ParseInbound(raw)
		if err != nil {
			return
		}
		for name, s := range map[string]string{"subject": in.Subject, "text": in.Text, "full": in.FullText, "from": in.From.Name} {
			if !utf8.ValidString(s) {
				t.Fatalf("%s is not valid UTF-8: %q", name, s)
			}
		}
		if in.MessageID == "" {
			t.Fatal("empty Message-ID")
		}
		if strings.TrimSpace(in.FullText) == "" && in.Text != "" {
			t.Fatalf("text %q without full text", in.Text)
		}
		m, err := Thread(context.Background(), in, everything())
		if err != nil {
			t.Fatal(err)
		}
		checkMatch(t, in, m)
	})
}

func FuzzThread(f *testing.F) {
	addCorpus(f, func(raw []byte) {
		in, err := ParseInbound(raw)
		if err != nil {
			f.Fatal(err)
		}
		to := ""
		if rs := in.Recipients(); len(rs) > 0 {
			to = rs[0]
		}
		f.Add(in.Subject, in.Text, in.From.Email, to, strings.Join(in.InReplyTo, " "), strings.Join(in.References, " "), string(in.Auto))
	})
	f.Add("SV: dus 26 000123 5", "ordre nr 1234567", "kari@example.no", "support+x@y", "our-1@claimdesk.example", "", "")
	f.Fuzz(func(t *testing.T, subject, text, from, to, inReplyTo, refs, auto string) {
		in := &Inbound{
			MessageID:  "fuzz@x",
			Subject:    subject,
			Text:       text,
			From:       Address{Email: from},
			To:         []Address{{Email: to}},
			InReplyTo:  strings.Fields(inReplyTo),
			References: strings.Fields(refs),
			Auto:       AutoKind(auto),
		}
		for _, l := range []*mapLookup{{}, everything()} {
			m, err := Thread(context.Background(), in, l)
			if err != nil {
				t.Fatal(err)
			}
			checkMatch(t, in, m)
		}
		for _, n := range CaseNumbers(subject) {
			if got := CaseNumbers(n); len(got) != 1 || got[0] != n {
				t.Fatalf("case number %q does not parse back: %q", n, got)
			}
		}
		for _, n := range OrderNumbers(subject + "\n" + text) {
			if countDigits(n) < 4 {
				t.Fatalf("order number %q has under four digits", n)
			}
		}
		_ = Triage(subject, text)
	})
}

// checkMatch holds Thread's invariants: a case is named exactly when a
// matching rule decided, and machine mail never opens a case or gets an answer.
func checkMatch(t *testing.T, in *Inbound, m Match) {
	t.Helper()
	switch m.Rule {
	case RuleNewCase, RuleDiscard, RuleDuplicate:
		if m.CaseID != "" {
			t.Fatalf("rule %s with case %q", m.Rule, m.CaseID)
		}
	case RuleReplyAddress, RuleBounce, RuleInReplyTo, RuleReferences, RuleSubjectNumber, RuleCustomerOrder:
		if m.CaseID == "" {
			t.Fatalf("rule %s without case", m.Rule)
		}
	default:
		t.Fatalf("unknown rule %q", m.Rule)
	}
	if in.IsAutomatic() && (m.MayAutoReply || m.Rule == RuleNewCase) {
		t.Fatalf("automatic mail %q got %+v", in.Auto, m)
	}
	if m.MayAutoReply && m.Rule != RuleNewCase {
		t.Fatalf("auto-reply allowed for rule %s", m.Rule)
	}
}
