package mail

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/claimdesk/claimdesk"
)

// Lookup is what threading needs from the case store. The case layer
// implements it against the database. Each method reports found=false (and a
// nil error) when nothing matches; an error means the lookup itself failed
// (the caller should retry the message later, not open a new case).
type Lookup interface {
	// InboundExists reports whether an inbound message with this Message-ID
	// is already stored (the message is then a re-delivery).
	InboundExists(ctx context.Context, messageID string) (bool, error)
	// CaseByReplyToken finds the case whose reply address carries token
	// (support+TOKEN@… or case-TOKEN@…). The token arrives in lower case;
	// compare without regard to case.
	CaseByReplyToken(ctx context.Context, token string) (caseID string, found bool, err error)
	// CaseByMessageID finds the case holding a message (our outbound ones and
	// earlier inbound ones) with this Message-ID.
	CaseByMessageID(ctx context.Context, messageID string) (caseID string, found bool, err error)
	// CaseByNumber finds a case by its number (normalised, e.g.
	// "DUS-26-000123-4"); from is the customer (Inbound.Customer), so an implementation may scope
	// the match to the case's customer. Numbers reach it only with a valid
	// check digit.
	CaseByNumber(ctx context.Context, number, from string) (caseID string, found bool, err error)
	// OpenCaseByCustomerOrder finds an open case of the customer with e-mail
	// address email (Inbound.Customer) on the order with this number.
	OpenCaseByCustomerOrder(ctx context.Context, email, orderNumber string) (caseID string, found bool, err error)
}

// Rule names the threading rule that decided, for the log.
type Rule string

// The threading rules, in the order they are tried.
const (
	RuleDuplicate     Rule = "duplicate"           // same Message-ID already stored: ignore
	RuleReplyAddress  Rule = "reply_address"       // per-case reply address token
	RuleBounce        Rule = "bounce_original"     // a bounce names our message's Message-ID
	RuleInReplyTo     Rule = "in_reply_to"         // In-Reply-To names a known message
	RuleReferences    Rule = "references"          // References names a known message
	RuleSubjectNumber Rule = "subject_case_number" // case number in the subject
	RuleCustomerOrder Rule = "customer_order"      // sender has an open case on the order mentioned
	RuleNewCase       Rule = "new_case"            // nothing matched: open a general case
	RuleDiscard       Rule = "discard_automatic"   // automatic mail matching no case: drop (log only)
)

// Match is the result of Thread.
type Match struct {
	Rule   Rule   `json:"rule"`
	CaseID string `json:"case_id,omitempty"`
	// Key is what matched: the token, Message-ID, case number or order number.
	Key string `json:"key,omitempty"`
	// OrderNumbers are the order numbers found in subject and text, for a
	// new case to link to.
	OrderNumbers []string `json:"order_numbers,omitempty"`
	// Auto is the message's automatic kind. Automatic mail may be attached
	// to a case for the agent to see, but it must not reopen the case,
	// restart an SLA clock or trigger any automatic answer.
	Auto AutoKind `json:"auto,omitempty"`
	// MayAutoReply reports whether an automatic acknowledgement may be sent:
	// only for human mail that opens a new case.
	MayAutoReply bool `json:"may_auto_reply"`
}

// Thread decides which case an inbound message belongs to. Rules, in order:
// duplicate Message-ID, reply address token, the Message-ID a bounce
// returns, In-Reply-To, References (newest
// first), case number in the subject, the sender's open case on an order
// number mentioned in subject or text; otherwise a new general case, or, for
// automatic mail, discard. An error is a failed lookup.
func Thread(ctx context.Context, in *Inbound, look Lookup) (Match, error) {
	m := Match{Auto: in.Auto, OrderNumbers: OrderNumbers(in.Subject + "\n" + in.Text)}
	if dup, err := look.InboundExists(ctx, in.MessageID); err != nil {
		return m, fmt.Errorf("mail: thread: duplicate check: %w", err)
	} else if dup {
		m.Rule, m.Key = RuleDuplicate, in.MessageID
		return m, nil
	}
	for _, step := range threadSteps(in) {
		for _, key := range step.keys {
			id, ok, err := step.find(ctx, look, key, in)
			if err != nil {
				return m, fmt.Errorf("mail: thread: %s %q: %w", step.rule, key, err)
			}
			if ok {
				m.Rule, m.CaseID, m.Key = step.rule, id, key
				return m, nil
			}
		}
	}
	if in.IsAutomatic() {
		m.Rule = RuleDiscard
		return m, nil
	}
	m.Rule, m.MayAutoReply = RuleNewCase, true
	return m, nil
}

type threadStep struct {
	rule Rule
	keys []string
	find func(ctx context.Context, look Lookup, key string, in *Inbound) (string, bool, error)
}

func threadSteps(in *Inbound) []threadStep {
	var tokens []string
	for _, r := range in.Recipients() {
		if t := ReplyToken(r); t != "" {
			tokens = appendUnique(tokens, t)
		}
	}
	refs := make([]string, 0, len(in.References))
	for i := len(in.References) - 1; i >= 0 && len(refs) < 50; i-- { // newest parent last in References
		refs = appendUnique(refs, in.References[i])
	}
	var orders []string
	if in.Customer().Email != "" {
		orders = OrderNumbers(in.Subject + "\n" + in.Text)
	}
	var bounced []string
	if in.Bounce != nil && in.Bounce.OriginalMessageID != "" {
		bounced = []string{in.Bounce.OriginalMessageID}
	}
	byMsgID := func(ctx context.Context, l Lookup, k string, _ *Inbound) (string, bool, error) {
		return l.CaseByMessageID(ctx, k)
	}
	return []threadStep{
		{RuleReplyAddress, tokens, func(ctx context.Context, l Lookup, k string, _ *Inbound) (string, bool, error) {
			return l.CaseByReplyToken(ctx, k)
		}},
		{RuleBounce, bounced, byMsgID},
		{RuleInReplyTo, in.InReplyTo, byMsgID},
		{RuleReferences, refs, byMsgID},
		{RuleSubjectNumber, CaseNumbers(in.Subject), func(ctx context.Context, l Lookup, k string, in *Inbound) (string, bool, error) {
			return l.CaseByNumber(ctx, k, in.Customer().Email)
		}},
		{RuleCustomerOrder, orders, func(ctx context.Context, l Lookup, k string, in *Inbound) (string, bool, error) {
			return l.OpenCaseByCustomerOrder(ctx, in.Customer().Email, k)
		}},
	}
}

// ReplyToken returns the case token of a per-case reply address: the part
// after the first "+" of the local part (support+DUS-26-000123-4@shop.no) or
// after a "case-" prefix (case-k3j9x2@shop.no). It returns "" for other addresses.
func ReplyToken(addr string) string {
	local, _, ok := strings.Cut(strings.TrimSpace(addr), "@")
	if !ok {
		return ""
	}
	if _, tok, ok := strings.Cut(local, "+"); ok {
		return strings.ToLower(tok)
	}
	if l := strings.ToLower(local); strings.HasPrefix(l, "case-") && len(l) > len("case-") {
		return l[len("case-"):]
	}
	return ""
}

// ReplyAddress builds the per-case reply address for mailbox (e.g.
// "support@shop.no") and token: "support+token@shop.no".
func ReplyAddress(mailbox, token string) string {
	local, domain, ok := strings.Cut(mailbox, "@")
	if !ok || token == "" {
		return mailbox
	}
	if base, _, ok := strings.Cut(local, "+"); ok {
		local = base
	}
	return local + "+" + strings.ToLower(token) + "@" + domain
}

// caseNumberRe matches case numbers like DUS-26-000123-4, also written in
// lower case or with spaces, dots or nothing between the groups.
var caseNumberRe = regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{N}])([a-z]{2,5})[ ._-]?(\d{2})[ ._-]?(\d{6,9})[ ._-]?(\d)(?:$|[^\p{L}\p{N}])`)

// CaseNumbers returns the case numbers in s with a valid check digit
// (claimdesk.ParseCaseNumber), normalised to "DUS-26-000123-4".
func CaseNumbers(s string) []string {
	var out []string
	for _, m := range caseNumberRe.FindAllStringSubmatch(s, 5) {
		n, err := claimdesk.ParseCaseNumber(m[1] + "-" + m[2] + "-" + m[3] + "-" + m[4])
		if err == nil {
			out = appendUnique(out, n)
		}
	}
	return out
}

// orderRe matches an order number after a Nordic or English keyword:
// "ordre 123456", "order nr. 123456", "ordernummer: 123456", "bestilling
// #123456", "beställning 123456", "ordrenr 12-3456". The number must hold at
// least four digits.
var orderRe = regexp.MustCompile(`(?i)\b(?:ordre|order|ordrenummer|ordernummer|ordrenr|ordernr|ordrenummeret|ordernumret|bestilling|bestillingen|bestillingsnummer|bestillingsnr|beställning|beställningen|beställningsnummer|beställningsnr|köp|kjøp|købsnummer|kjøpsnummer|ordrer)\.?\s*(?:nr\.?|nummer|no\.?|number|num\.?|id)?\s*[:#.]?\s*#?\s*([A-Z]{0,4}-?\d[\dA-Z-]{3,19})`)

// OrderNumbers returns the order numbers mentioned in s after an order
// keyword (see orderRe), upper-cased, at most five.
func OrderNumbers(s string) []string {
	var out []string
	for _, m := range orderRe.FindAllStringSubmatch(s, 10) {
		n := strings.ToUpper(strings.Trim(m[1], "-"))
		if countDigits(n) < 4 || len(CaseNumbers(n)) > 0 {
			continue
		}
		out = appendUnique(out, n)
		if len(out) == 5 {
			break
		}
	}
	return out
}

func countDigits(s string) int {
	n := 0
	for _, c := range s {
		if c >= '0' && c <= '9' {
			n++
		}
	}
	return n
}
