package notify

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/mail"
)

var update = flag.Bool("update", false, "rewrite testdata/golden")

func TestGolden(t *testing.T) {
	t.Parallel()
	for _, kind := range Kinds {
		for _, lang := range claimdesk.Langs {
			t.Run(string(kind)+"."+string(lang), func(t *testing.T) {
				m, err := Render(kind, lang, example(kind, lang))
				if err != nil {
					t.Fatal(err)
				}
				base := filepath.Join("testdata", "golden", string(kind)+"."+string(lang))
				golden(t, base+".txt", "Subject: "+m.Subject+"\n\n"+m.Text)
				golden(t, base+".html", m.HTML)
			})
		}
	}
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./notify -update)", err)
	}
	if got == string(want) {
		return
	}
	g, w := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			t.Errorf("%s:%d differs (review, then go test ./notify -update)\n got: %q\nwant: %q", path, i+1, g[i], w[i])
			return
		}
	}
	t.Errorf("%s: %d lines, want %d (review, then go test ./notify -update)", path, len(g), len(w))
}

func TestEveryKindEveryLanguage(t *testing.T) {
	t.Parallel()
	for _, kind := range Kinds {
		for _, lang := range claimdesk.Langs {
			d := example(kind, lang)
			m, err := Render(kind, lang, d)
			if err != nil {
				t.Fatalf("%s.%s: %v", kind, lang, err)
			}
			if m.Subject == "" || m.Text == "" || m.HTML == "" {
				t.Errorf("%s.%s: empty subject, text or HTML", kind, lang)
			}
			if !kind.Account() && !strings.Contains(m.Subject, "["+d.Case.Number+"]") {
				t.Errorf("%s.%s: subject %q lacks [%s]", kind, lang, m.Subject, d.Case.Number)
			}
			if h := mail.HTMLToText(m.HTML); !strings.Contains(h, d.Shop.Name) || (d.Case.Number != "" && !strings.Contains(h, d.Case.Number)) {
				t.Errorf("%s.%s: HTML as text lacks the shop or case number:\n%s", kind, lang, h)
			}
			if !strings.Contains(m.HTML, `<html lang="`+string(lang)+`">`) {
				t.Errorf("%s.%s: HTML lacks lang attribute", kind, lang)
			}
			for i, line := range strings.Split(m.Text, "\n") {
				if utf8.RuneCountInString(line) > width && strings.Contains(line, " ") {
					t.Errorf("%s.%s: line %d longer than %d: %q", kind, lang, i+1, width, line)
				}
			}
			for _, u := range []string{d.CaseURL, d.LabelURL, d.LinkURL, d.NationalBodyURL} {
				if u != "" && strings.Contains(m.Text, u) && !regexp.MustCompile(`(?m)^`+regexp.QuoteMeta(u)+`$`).MatchString(m.Text) {
					t.Errorf("%s.%s: link %s not on a line of its own", kind, lang, u)
				}
			}
		}
	}
}

// TestCatalogueKeys checks that every language has exactly the keys of
// English, twelve months, a key for every literal key a template asks
// for, and one for every value of the enumerations templates look up.
func TestCatalogueKeys(t *testing.T) {
	t.Parallel()
	en := catalogues[claimdesk.English]
	for _, lang := range claimdesk.Langs {
		c := catalogues[lang]
		if got, want := strings.Join(c.keys(), " "), strings.Join(en.keys(), " "); got != want {
			for _, k := range en.keys() {
				if _, ok := c.msgs[k]; !ok {
					t.Errorf("%s lacks %s", lang, k)
				}
			}
			for _, k := range c.keys() {
				if _, ok := en.msgs[k]; !ok {
					t.Errorf("%s has %s, en does not", lang, k)
				}
			}
		}
		if n := len(c.lists["format.months"]); n != 12 {
			t.Errorf("%s has %d months", lang, n)
		}
		for _, k := range Kinds {
			if c.msgs[string(k)+".subject"] == "" {
				t.Errorf("%s lacks %s.subject", lang, k)
			}
		}
		for _, k := range templateKeys(t) {
			if _, ok := c.msgs[k]; !ok {
				t.Errorf("a template asks for %q, missing in %s", k, lang)
			}
		}
		for _, k := range enumKeys() {
			if _, ok := c.msgs[k]; !ok {
				t.Errorf("%s lacks %s", lang, k)
			}
		}
	}
}

var keyRE = regexp.MustCompile(`\.T "([a-z_.]+)"`)

func templateKeys(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob("templates/kinds/*.tmpl")
	if err != nil || len(paths) != len(Kinds)+1 {
		t.Fatalf("templates: %v %v", paths, err)
	}
	var keys []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyRE.FindAllStringSubmatch(string(b), -1) {
			keys = append(keys, m[1])
		}
	}
	return keys
}

func enumKeys() []string {
	var keys []string
	for _, k := range []claimdesk.CaseKind{
		claimdesk.KindWithdrawal, claimdesk.KindReturn, claimdesk.KindDefect, claimdesk.KindWarranty,
		claimdesk.KindDOA, claimdesk.KindTransportDamage, claimdesk.KindWrongItem, claimdesk.KindMissingItem,
		claimdesk.KindLostParcel, claimdesk.KindCancellation, claimdesk.KindGeneral, claimdesk.KindComplaint,
	} {
		keys = append(keys, "case_kind."+string(k))
	}
	for _, d := range []claimdesk.DecisionState{claimdesk.DecisionRequested, claimdesk.DecisionApproved, claimdesk.DecisionPartlyApproved, claimdesk.DecisionRejected} {
		keys = append(keys, "decision."+string(d))
	}
	for _, r := range []claimdesk.Remedy{claimdesk.RemedyRepair, claimdesk.RemedyReplacement, claimdesk.RemedyRefund, claimdesk.RemedyPriceReduction} {
		keys = append(keys, "remedy."+string(r), "decision.next."+string(r))
	}
	for _, c := range []Condition{ConditionAsExpected, ConditionUsed, ConditionDamaged, ConditionIncomplete, ConditionNoFault} {
		keys = append(keys, "condition."+string(c))
	}
	for _, m := range []RefundMethod{RefundCard, RefundInvoice, RefundBank, RefundVipps, RefundSwish, RefundMobile} {
		keys = append(keys, "refund_method."+string(m))
	}
	for _, c := range []string{"NOK", "SEK", "DKK", "EUR"} {
		keys = append(keys, "currency."+c)
	}
	return keys
}

// TestLanguageIsReal guards against a text left in the wrong language:
// words that give away another Nordic language must not appear, and a
// few that mark the right one must.
func TestLanguageIsReal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang   claimdesk.Lang
		kind   Kind
		must   []string
		forbid []string
	}{
		{claimdesk.Nynorsk, CaseRegistered, []string{"Saka di", "kr"}, nil},
		{claimdesk.Nynorsk, GoodsReceived, []string{"Vi har fått varene"}, nil},
		{claimdesk.Bokmal, GoodsReceived, []string{"Vi har mottatt varene", "saken din"}, nil},
		{claimdesk.Swedish, CaseRegistered, []string{"ärende", "kr"}, nil},
		{claimdesk.Danish, CaseRegistered, []string{"Din sag", "kr."}, nil},
		// CRD Art. 11a(3): the acknowledgement states the content of the
		// declaration and the date and time of its receipt.
		{claimdesk.Bokmal, WithdrawalReceived, []string{"angremeldingen", "Mottatt:", "2. juni 2026 kl. 14:05 (CEST)", "4500123987"}, nil},
		{claimdesk.Nynorsk, WithdrawalReceived, []string{"angremeldinga", "Motteke:", "2. juni 2026 kl. 14:05 (CEST)"}, nil},
		{claimdesk.Swedish, WithdrawalReceived, []string{"ångrar köpet", "Mottaget:", "2 december 2026 kl. 09:41 (CET)", "Storleken passade inte."}, nil},
		{claimdesk.Danish, WithdrawalReceived, []string{"fortryder købet", "Modtaget:", "2. december 2026 kl. 09:41 (CET)"}, nil},
		{claimdesk.English, WithdrawalReceived, []string{"withdraw", "Received:", "2 June 2026 at 14:05 (CEST)", "James O'Connor"}, nil},
	}
	forbid := map[claimdesk.Lang][]string{
		claimdesk.Bokmal:  {"ikkje", "saka ", "ärende", "sagen", "e-mail"},
		claimdesk.Nynorsk: {"ikke", "saken", "hvis", "noe ", "mottatt", "jeg ", "ditt ärende"},
		claimdesk.Swedish: {"ikke", "ikkje", "saken", "e-post", "sagen"},
		claimdesk.Danish:  {"ikkje", "saken", "e-post", "ärende", "mottatt"},
		claimdesk.English: {"saken", "ärende", "ikke"},
	}
	for _, tt := range tests {
		m, err := Render(tt.kind, tt.lang, example(tt.kind, tt.lang))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.must {
			if !strings.Contains(m.Subject+"\n"+m.Text, w) {
				t.Errorf("%s.%s lacks %q", tt.kind, tt.lang, w)
			}
		}
	}
	for lang, words := range forbid {
		for _, kind := range Kinds {
			m, err := Render(kind, lang, example(kind, lang))
			if err != nil {
				t.Fatal(err)
			}
			text := strings.ToLower(m.Subject + "\n" + catalogueText(m.Text, example(kind, lang)))
			for _, w := range words {
				if strings.Contains(text, w) {
					t.Errorf("%s.%s contains %q, which is not %s", kind, lang, w, lang)
				}
			}
		}
	}
}

// catalogueText removes the caller's own sentences, so that only
// catalogue text is judged.
func catalogueText(text string, d Data) string {
	text = strings.Join(strings.Fields(text), " ")
	for _, s := range append(append([]string{d.Summary, d.AgentText, d.AgentName, d.ConditionNote, d.NationalBody}, d.Explanations...), d.Packing...) {
		if s != "" {
			text = strings.ReplaceAll(text, strings.Join(strings.Fields(s), " "), "")
		}
	}
	return text
}

func TestFallbackLanguage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		lang, shop claimdesk.Lang
		want       claimdesk.Lang
	}{
		{"supported", claimdesk.Nynorsk, claimdesk.Danish, claimdesk.Nynorsk},
		{"unknown falls back to the shop's", "de", claimdesk.Danish, claimdesk.Danish},
		{"unknown and no shop language: nb", "fi", "", claimdesk.Bokmal},
		{"empty: the shop's", "", claimdesk.Swedish, claimdesk.Swedish},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := example(CaseClosed, claimdesk.Bokmal)
			d.Shop.Lang = tt.shop
			m, err := Render(CaseClosed, tt.lang, d)
			if err != nil {
				t.Fatal(err)
			}
			if m.Lang != tt.want {
				t.Errorf("lang = %s, want %s", m.Lang, tt.want)
			}
		})
	}
}

func TestUnknownKind(t *testing.T) {
	t.Parallel()
	if _, err := Render("birthday", claimdesk.Bokmal, Data{}); err == nil {
		t.Error("no error for an unknown kind")
	}
}

func TestHTMLEscapesHostileInput(t *testing.T) {
	t.Parallel()
	for _, kind := range []Kind{AgentReply, CaseRegistered, Invitation} {
		d := example(kind, claimdesk.Bokmal)
		d.CustomerName = `<script>alert("x")</script>`
		d.AgentName = `Jonas <img src=x onerror=alert(1)>`
		d.AgentText = "Se <b>her</b> & \"der\"\n</blockquote><script>steal()</script>"
		d.Shop.Name = `Dustin"><svg onload=alert(1)>`
		d.CaseURL = "javascript:alert(1)"
		d.LinkURL = "javascript:alert(2)"
		d.Packing = []string{"<script>x</script>"}
		m, err := Render(kind, claimdesk.Bokmal, d)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"<script", "<img", "<svg", "<b>", "javascript:", "</blockquote><"} {
			if strings.Contains(m.HTML, bad) {
				t.Errorf("%s: HTML contains %q unescaped", kind, bad)
			}
		}
		if kind != AgentReply && !strings.Contains(m.HTML, "&lt;script&gt;") {
			t.Errorf("%s: customer name not shown escaped", kind)
		}
	}
}

func TestBuildParsesBack(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		kind Kind
		lang claimdesk.Lang
		auto bool
	}{
		{"notification nb", CaseRegistered, claimdesk.Bokmal, true},
		{"notification sv", AutoCloseNotice, claimdesk.Swedish, true},
		{"agent reply da", AgentReply, claimdesk.Danish, false},
		{"account mail nn", SignInLink, claimdesk.Nynorsk, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := example(tt.kind, tt.lang)
			m, err := Render(tt.kind, tt.lang, d)
			if err != nil {
				t.Fatal(err)
			}
			from := mail.Address{Name: d.Shop.Name, Email: d.Shop.SupportEmail}
			to := mail.Address{Name: d.CustomerName, Email: "kunde@example.no"}
			reply := mail.Address{Email: "support+tok123@example.no"}
			out := Build(m, from, to, reply, "cd.abc@claimdesk.example", "parent@example.no", []string{"root@example.no", "parent@example.no"})
			out.Date = time.Date(2026, 5, 18, 10, 0, 0, 0, time.UTC)
			raw, err := out.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			in, err := mail.ParseInbound(raw)
			if err != nil {
				t.Fatal(err)
			}
			if in.Subject != m.Subject {
				t.Errorf("subject %q, want %q", in.Subject, m.Subject)
			}
			if d.Case.Number != "" {
				if n := mail.CaseNumbers(in.Subject); len(n) != 1 || n[0] != d.Case.Number {
					t.Errorf("case numbers in subject %v, want %s", n, d.Case.Number)
				}
			}
			if in.IsAutomatic() != tt.auto {
				t.Errorf("automatic = %v (%s), want %v", in.IsAutomatic(), in.AutoReason, tt.auto)
			}
			if !strings.Contains(in.FullText, strings.Fields(m.Text)[1]) || !in.HasHTML {
				t.Errorf("text or HTML lost: %q", in.FullText)
			}
			if len(in.ReplyTo) != 1 || in.ReplyTo[0].Email != reply.Email || in.MessageID != "cd.abc@claimdesk.example" {
				t.Errorf("reply-to %v, message-id %s", in.ReplyTo, in.MessageID)
			}
		})
	}
}

func TestRequiredData(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		kind   Kind
		change func(*Data)
	}{
		{"no shop name", CaseClosed, func(d *Data) { d.Shop.Name = "" }},
		{"case mail without case number", GoodsReceived, func(d *Data) { d.Case.Number = "" }},
		{"decision without decision", Decision, func(d *Data) { d.Decision = "" }},
		{"auto-close without date", AutoCloseNotice, func(d *Data) { d.CloseOn = claimdesk.Date{} }},
		{"agent reply without text", AgentReply, func(d *Data) { d.AgentText = "" }},
		{"escalated without ombudsman", Escalated, func(d *Data) { d.Ombudsman = "" }},
		{"referral without national body", Escalated, func(d *Data) { d.Step, d.NationalBody = claimdesk.LadderNationalBody, "" }},
		{"invitation without company", Invitation, func(d *Data) { d.CompanyName = "" }},
		{"sign-in without link", SignInLink, func(d *Data) { d.LinkURL = "" }},
		{"reset without link", PasswordReset, func(d *Data) { d.LinkURL = "" }},
		{"withdrawal without receipt time", WithdrawalReceived, func(d *Data) { d.ReceivedAt = time.Time{} }},
		{"withdrawal without declarant", WithdrawalReceived, func(d *Data) { d.CustomerName = "" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := example(tt.kind, claimdesk.Bokmal)
			tt.change(&d)
			if _, err := Render(tt.kind, claimdesk.Bokmal, d); !errors.Is(err, ErrMissing) {
				t.Errorf("err = %v, want ErrMissing", err)
			}
		})
	}
}

func TestOptionalDataLeftOut(t *testing.T) {
	t.Parallel()
	d := Data{Shop: Shop{Name: "Dustin"}, Case: Case{Number: claimdesk.CaseNumber("DUS", 2026, 7)}}
	for _, kind := range []Kind{CaseRegistered, GoodsReceived, RefundMade, ReminderGoodsDue, CaseClosed} {
		m, err := Render(kind, claimdesk.Bokmal, d)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if strings.Contains(m.Text, " ,") || strings.Contains(m.Text, " .") || strings.Contains(m.Text, "{") {
			t.Errorf("%s: a sentence with a hole:\n%s", kind, m.Text)
		}
	}
}
