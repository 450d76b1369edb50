package mail

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// mapLookup is an in-memory Lookup for the threading rules. It is not a fake
// of our database: Thread's contract is the Lookup interface itself.
type mapLookup struct {
	stored   map[string]bool   // inbound Message-IDs already stored
	tokens   map[string]string // reply token → case
	msgIDs   map[string]string // Message-ID → case
	numbers  map[string]string // case number → case
	orders   map[string]string // email + " " + order → open case
	failWith error
	calls    []string
}

func (l *mapLookup) InboundExists(_ context.Context, id string) (bool, error) {
	l.calls = append(l.calls, "exists:"+id)
	return l.stored[id], l.failWith
}

func (l *mapLookup) CaseByReplyToken(_ context.Context, tok string) (string, bool, error) {
	l.calls = append(l.calls, "token:"+tok)
	id, ok := l.tokens[tok]
	return id, ok, nil
}

func (l *mapLookup) CaseByMessageID(_ context.Context, mid string) (string, bool, error) {
	l.calls = append(l.calls, "msgid:"+mid)
	id, ok := l.msgIDs[mid]
	return id, ok, nil
}

func (l *mapLookup) CaseByNumber(_ context.Context, n, from string) (string, bool, error) {
	l.calls = append(l.calls, "number:"+n)
	id, ok := l.numbers[n]
	return id, ok, nil
}

func (l *mapLookup) OpenCaseByCustomerOrder(_ context.Context, email, order string) (string, bool, error) {
	l.calls = append(l.calls, "order:"+email+" "+order)
	id, ok := l.orders[email+" "+order]
	return id, ok, nil
}

// everything knows every key of the messages below, each pointing to a
// different case, so the winning rule shows which rule came first.
func everything() *mapLookup {
	return &mapLookup{
		stored:  map[string]bool{},
		tokens:  map[string]string{"dus-26-000123-5": "case-token", "k7q2m9xw": "case-token-dls"},
		msgIDs:  map[string]string{"our-1@claimdesk.example": "case-inreplyto", "old-0@claimdesk.example": "case-refs-old", "our-2@claimdesk.example": "case-refs-new"},
		numbers: map[string]string{"DUS-26-000123-5": "case-number"},
		orders:  map[string]string{"kari@example.no 1234567": "case-order"},
	}
}

func TestThreadRules(t *testing.T) {
	t.Parallel()
	base := func() *Inbound {
		return &Inbound{
			MessageID:   "new@gmail.example",
			From:        Address{Email: "kari@example.no"},
			To:          []Address{{Email: "support+DUS-26-000123-5@dustin.example"}},
			InReplyTo:   []string{"our-1@claimdesk.example"},
			References:  []string{"old-0@claimdesk.example", "our-2@claimdesk.example"},
			Subject:     "Re: [DUS-26-000123-5] Knust skjerm",
			Text:        "Gjelder ordre 1234567.",
			DeliveredTo: nil,
		}
	}
	tests := []struct {
		name     string
		edit     func(in *Inbound, l *mapLookup)
		wantRule Rule
		wantCase string
		wantKey  string
		wantAuto bool // MayAutoReply
	}{
		{"reply address wins over everything", func(*Inbound, *mapLookup) {}, RuleReplyAddress, "case-token", "dus-26-000123-5", false},
		{"case- token in Delivered-To", func(in *Inbound, l *mapLookup) {
			in.To = []Address{{Email: "support@digitallassmed.example"}}
			in.DeliveredTo = []string{"case-k7q2m9xw@digitallassmed.example"}
		}, RuleReplyAddress, "case-token-dls", "k7q2m9xw", false},
		{"unknown token falls through to In-Reply-To", func(in *Inbound, l *mapLookup) {
			delete(l.tokens, "dus-26-000123-5")
		}, RuleInReplyTo, "case-inreplyto", "our-1@claimdesk.example", false},
		{"References newest first", func(in *Inbound, l *mapLookup) {
			in.To = []Address{{Email: "support@dustin.example"}}
			in.InReplyTo = []string{"unknown@x"}
		}, RuleReferences, "case-refs-new", "our-2@claimdesk.example", false},
		{"older reference when newest unknown", func(in *Inbound, l *mapLookup) {
			in.To = []Address{{Email: "support@dustin.example"}}
			in.InReplyTo = nil
			delete(l.msgIDs, "our-2@claimdesk.example")
		}, RuleReferences, "case-refs-old", "old-0@claimdesk.example", false},
		{"case number in subject", func(in *Inbound, l *mapLookup) {
			in.To = []Address{{Email: "support@dustin.example"}}
			in.InReplyTo, in.References = nil, nil
		}, RuleSubjectNumber, "case-number", "DUS-26-000123-5", false},
		{"case number lower case with spaces", func(in *Inbound, l *mapLookup) {
			in.To = []Address{{Email: "support@dustin.example"}}
			in.InReplyTo, in.References = nil, nil
			in.Subject = "SV: sak dus 26 000123 5"
		}, RuleSubjectNumber, "case-number", "DUS-26-000123-5", false},
		{"case number with wrong check digit ignored", func(in *Inbound, l *mapLookup) {
			in.To = []Address{{Email: "support@dustin.example"}}
			in.InReplyTo, in.References = nil, nil
			in.Subject = "SV: DUS-26-000123-4"
		}, RuleCustomerOrder, "case-order", "1234567", false},
		{"customer and open case on the order", func(in *Inbound, l *mapLookup) {
			in.To = []Address{{Email: "support@dustin.example"}}
			in.InReplyTo, in.References = nil, nil
			in.Subject = "Knust skjerm"
		}, RuleCustomerOrder, "case-order", "1234567", false},
		{"order number of another customer opens a new case", func(in *Inbound, l *mapLookup) {
			in.To = []Address{{Email: "support@dustin.example"}}
			in.InReplyTo, in.References = nil, nil
			in.Subject = "Knust skjerm"
			in.From.Email = "someone@else.example"
		}, RuleNewCase, "", "", true},
		{"web form from noreply threads by the customer in Reply-To", func(in *Inbound, l *mapLookup) {
			*in = Inbound{MessageID: "form@shop", From: Address{Email: "noreply@dustin.example"},
				ReplyTo: []Address{{Email: "kari@example.no"}}, Subject: "Kontaktskjema", Text: "Ordre 1234567 kom knust"}
		}, RuleCustomerOrder, "case-order", "1234567", false},
		{"nothing matches: new case with auto-reply allowed", func(in *Inbound, l *mapLookup) {
			*in = Inbound{MessageID: "x@y", From: Address{Email: "ny@kunde.no"}, Subject: "Spørsmål"}
		}, RuleNewCase, "", "", true},
		{"duplicate Message-ID ignored first", func(in *Inbound, l *mapLookup) {
			l.stored["new@gmail.example"] = true
		}, RuleDuplicate, "", "new@gmail.example", false},
		{"auto-reply still threads by reply address but never may be answered", func(in *Inbound, l *mapLookup) {
			in.Auto = AutoReply
		}, RuleReplyAddress, "case-token", "dus-26-000123-5", false},
		{"auto-reply matching nothing is discarded, not a new case", func(in *Inbound, l *mapLookup) {
			*in = Inbound{MessageID: "oof@y", From: Address{Email: "ny@kunde.no"}, Subject: "Fraværende", Auto: AutoReply}
		}, RuleDiscard, "", "", false},
		{"list mail matching nothing is discarded", func(in *Inbound, l *mapLookup) {
			*in = Inbound{MessageID: "nl@y", From: Address{Email: "news@list.example"}, Subject: "Nyheter", Auto: AutoList}
		}, RuleDiscard, "", "", false},
		{"bounce threads by the returned Message-ID", func(in *Inbound, l *mapLookup) {
			*in = Inbound{MessageID: "dsn@mx", From: Address{Email: "mailer-daemon@mx"}, Auto: AutoBounce,
				Bounce: &Bounce{OriginalMessageID: "our-1@claimdesk.example"}}
		}, RuleBounce, "case-inreplyto", "our-1@claimdesk.example", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in, l := base(), everything()
			tt.edit(in, l)
			m, err := Thread(context.Background(), in, l)
			if err != nil {
				t.Fatal(err)
			}
			if m.Rule != tt.wantRule || m.CaseID != tt.wantCase || m.Key != tt.wantKey || m.MayAutoReply != tt.wantAuto {
				t.Errorf("got %+v\nwant rule=%s case=%q key=%q mayAutoReply=%v\ncalls %v", m, tt.wantRule, tt.wantCase, tt.wantKey, tt.wantAuto, l.calls)
			}
			if m.Auto != in.Auto {
				t.Errorf("Match.Auto = %q, want %q", m.Auto, in.Auto)
			}
		})
	}
}

func TestThreadLookupError(t *testing.T) {
	t.Parallel()
	l := everything()
	l.failWith = errors.New("db down")
	if _, err := Thread(context.Background(), &Inbound{MessageID: "a@b"}, l); err == nil {
		t.Fatal("want error when the duplicate check fails")
	}
}

// TestThreadCorpus threads every corpus message against an empty store and
// checks that machine mail is never a new case and never auto-answered.
func TestThreadCorpus(t *testing.T) {
	t.Parallel()
	want := map[string]Rule{
		"09-autoreply-nb":       RuleDiscard,
		"10-dsn-bounce":         RuleDiscard,
		"11-mailing-list":       RuleDiscard,
		"15-vacation-sv":        RuleDiscard,
		"01-gmail-reply-nb":     RuleNewCase,
		"07-mixed-photo-pdf-nb": RuleNewCase,
	}
	for _, path := range emlFiles(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".eml")
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		in, err := ParseInbound(raw)
		if err != nil {
			t.Fatal(err)
		}
		m, err := Thread(context.Background(), in, &mapLookup{})
		if err != nil {
			t.Fatal(err)
		}
		if w, ok := want[name]; ok && m.Rule != w {
			t.Errorf("%s: rule %s, want %s", name, m.Rule, w)
		}
		if in.IsAutomatic() && (m.MayAutoReply || m.Rule == RuleNewCase) {
			t.Errorf("%s: automatic mail (%s) got %+v", name, in.Auto, m)
		}
	}
}

func TestReplyTokenAndAddress(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, addr, want string }{
		{"plus address", "support+DUS-26-000123-5@dustin.example", "dus-26-000123-5"},
		{"case prefix", "case-k7q2m9xw@shop.example", "k7q2m9xw"},
		{"plain mailbox", "support@shop.example", ""},
		{"bare case-", "case-@shop.example", ""},
		{"no at sign", "support+x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ReplyToken(tt.addr); got != tt.want {
				t.Errorf("ReplyToken(%q) = %q, want %q", tt.addr, got, tt.want)
			}
		})
	}
	if got := ReplyAddress("support+old@shop.no", "DUS-26-000123-5"); got != "support+dus-26-000123-5@shop.no" {
		t.Errorf("ReplyAddress = %q", got)
	}
	if tok := ReplyToken(ReplyAddress("support@shop.no", "abc")); tok != "abc" {
		t.Errorf("round trip token = %q", tok)
	}
}

func TestOrderAndCaseNumbers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		text       string
		wantOrders []string
		wantCases  []string
	}{
		{"nb ordre", "Gjelder ordre 1234567", []string{"1234567"}, nil},
		{"nb ordrenummer colon", "Ordrenummer: 55-12345", []string{"55-12345"}, nil},
		{"order nr hash", "order nr. #A-99812", []string{"A-99812"}, nil},
		{"sv beställning", "Min beställning 4400123 har inte kommit", []string{"4400123"}, nil},
		{"da ordre nr", "ordre nr. 8830021", []string{"8830021"}, nil},
		{"bestilling", "bestilling 771234, bestilling 771234", []string{"771234"}, nil},
		{"too short", "ordre 123", nil, nil},
		{"date after keyword", "ordre 23.11.2026", nil, nil},
		{"no keyword", "ring meg på 91234567", nil, nil},
		{"case number not an order", "ordre DUS-26-000123-5", nil, []string{"DUS-26-000123-5"}},
		{"case numbers variants", "sak dus-26-000123-5 og CMP 26 000042 7", nil, []string{"DUS-26-000123-5", "CMP-26-000042-7"}},
		{"bad check digit", "DUS-26-000123-4", nil, nil},
		{"embedded in a longer word", "referanseDUS-26-000123-5", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := OrderNumbers(tt.text); !reflect.DeepEqual(got, tt.wantOrders) {
				t.Errorf("OrderNumbers = %q, want %q", got, tt.wantOrders)
			}
			if got := CaseNumbers(tt.text); !reflect.DeepEqual(got, tt.wantCases) {
				t.Errorf("CaseNumbers = %q, want %q", got, tt.wantCases)
			}
		})
	}
}
