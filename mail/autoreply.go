package mail

import (
	"bufio"
	"bytes"
	"regexp"
	"strings"

	"github.com/emersion/go-message/textproto"
)

// AutoKind classifies mail sent by a machine.
type AutoKind string

// The kinds of automatic mail. None of them is ever answered automatically.
const (
	AutoNone   AutoKind = ""
	AutoReply  AutoKind = "auto_reply" // out-of-office, vacation, autoresponders
	AutoBounce AutoKind = "bounce"     // delivery status notifications
	AutoList   AutoKind = "list"       // mailing lists
	AutoBulk   AutoKind = "bulk"       // Precedence: bulk/junk, newsletters
)

// autoSubjectRe matches subjects of auto-replies in the Nordic languages and English.
// Only explicit phrases: a customer's "Ferie – når kommer pakken?" is not an auto-reply.
var autoSubjectRe = regexp.MustCompile(`(?i)^(auto(matic|matisk)?[ -]?(reply|response|svar|besked|antwort)|automatisk (svar|besked|reply)|out of (the )?office|fraværende|fraværsmelding|fravær:|frånvarande|frånvaro|ikke til stede|inte på kontoret|ikke på kontoret|ikke tilgjengelig|ej tillgänglig|abwesenheitsnotiz|vacation reply)`)

// bounceSubjectRe matches subjects of bounces from servers that send no DSN.
var bounceSubjectRe = regexp.MustCompile(`(?i)(undeliver(able|ed)|delivery (status notification|has failed|failure)|mail delivery (failed|subsystem)|returned mail|failure notice|kunne ikke leveres|ikke levert|kunde inte levereras|kunne ikke afleveres|leveringsfejl|olevererbart|ikke-leverbar)`)

// detectAuto sets Auto and AutoReason from the header fields, the sender and
// the subject. Headers are checked first because subjects can mislead.
func detectAuto(in *Inbound) {
	h := in.header
	get := func(k string) string { return strings.ToLower(strings.TrimSpace(h.Get(k))) }
	mt, params, _ := h.ContentType()
	local, _, _ := strings.Cut(in.From.Email, "@")
	set := func(k AutoKind, reason string) {
		if in.Auto == AutoNone {
			in.Auto, in.AutoReason = k, reason
		}
	}
	switch {
	case mt == "multipart/report" && strings.EqualFold(params["report-type"], "delivery-status"):
		set(AutoBounce, "multipart/report delivery-status")
	case in.Bounce != nil:
		set(AutoBounce, "message/delivery-status part")
	case local == "mailer-daemon" || local == "postmaster":
		set(AutoBounce, "sender "+local)
	case in.HasReturnPath && in.ReturnPath == "" && bounceSubjectRe.MatchString(in.Subject):
		set(AutoBounce, "null return path and bounce subject")
	}
	if v := get("Auto-Submitted"); v != "" && v != "no" {
		set(AutoReply, "Auto-Submitted: "+v)
	}
	for _, k := range []string{"X-Autoreply", "X-Autorespond", "X-Autoresponse"} {
		if get(k) != "" {
			set(AutoReply, k+" header")
		}
	}
	if in.HasReturnPath && in.ReturnPath == "" {
		set(AutoReply, "null return path")
	}
	switch get("Precedence") {
	case "bulk", "junk":
		set(AutoBulk, "Precedence: "+get("Precedence"))
	case "list":
		set(AutoList, "Precedence: list")
	case "auto_reply":
		set(AutoReply, "Precedence: auto_reply")
	}
	if h.Get("List-Id") != "" || h.Get("List-Unsubscribe") != "" {
		set(AutoList, "List-Id/List-Unsubscribe header")
	}
	if bounceSubjectRe.MatchString(in.Subject) && (local == "" || strings.Contains(local, "daemon") || strings.Contains(local, "postmaster")) {
		set(AutoBounce, "bounce subject")
	}
	if autoSubjectRe.MatchString(stripReplyPrefix(in.Subject)) {
		set(AutoReply, "auto-reply subject")
	}
	if isNoReply(in.From.Email) && len(in.ReplyTo) == 0 {
		// With a Reply-To it is usually a web form relaying a customer.
		set(AutoBulk, "no-reply sender")
	}
}

var replyPrefixRe = regexp.MustCompile(`(?i)^\s*((re|sv|vs|aw|fw|fwd|vb|vs|ang|antw|odp|tr)\s*(\[\d+\])?\s*:\s*)+`)

// stripReplyPrefix removes "Re:", "SV:", "VS:", "AW:", "Fwd:" … prefixes.
func stripReplyPrefix(s string) string {
	return strings.TrimSpace(replyPrefixRe.ReplaceAllString(s, ""))
}

// parseDeliveryStatus reads the per-recipient fields of a message/delivery-status part.
func parseDeliveryStatus(b *Bounce, body []byte) *Bounce {
	if b == nil {
		b = &Bounce{}
	}
	r := bufio.NewReader(bytes.NewReader(body))
	for i := 0; i < 50; i++ { // per-message group, then one group per recipient
		h, err := textproto.ReadHeader(r)
		if err != nil && h.Len() == 0 {
			break
		}
		if v := h.Get("Final-Recipient"); v != "" {
			_, addr, _ := strings.Cut(v, ";")
			b.Recipients = appendUnique(b.Recipients, strings.ToLower(strings.Trim(strings.TrimSpace(addr), "<>")))
		}
		if v := h.Get("Status"); v != "" && b.Status == "" {
			b.Status = strings.TrimSpace(v)
		}
		if v := h.Get("Action"); v != "" && b.Action == "" {
			b.Action = strings.ToLower(strings.TrimSpace(v))
		}
		if err != nil {
			break
		}
	}
	return b
}

// bounceOriginal takes the Message-ID of the returned message (or its headers).
func bounceOriginal(b *Bounce, body []byte) *Bounce {
	if b == nil {
		b = &Bounce{}
	}
	h, _ := textproto.ReadHeader(bufio.NewReader(bytes.NewReader(body)))
	if id := firstOr(msgIDs(h.Get("Message-Id")), ""); id != "" {
		b.OriginalMessageID = id
	}
	return b
}

// isNoReply reports whether addr is a no-reply sender address.
func isNoReply(addr string) bool {
	local, _, _ := strings.Cut(strings.ToLower(addr), "@")
	for _, p := range []string{"noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "ikke-svar", "ikkesvar", "svara-inte", "ingen-svar"} {
		if strings.HasPrefix(local, p) {
			return true
		}
	}
	return false
}
