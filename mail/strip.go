package mail

import (
	"regexp"
	"strings"
)

// attributionRe matches the line a mail client puts above quoted history:
// Gmail "Den man. 23. nov. 2026 kl. 10:00 skrev Kari <kari@example.no>:",
// Apple Mail "Den 23. nov. 2026 kl. 10.00 skrev …:", "On Mon, … wrote:",
// German "Am … schrieb …:". The line must carry a digit (the date) or an "@".
var attributionRe = regexp.MustCompile(`(?i)^.{0,200}\b(skrev|wrote|schrieb|a écrit|kirjoitti|skrifaði)\b.{0,120}:\s*$`)

// separatorRe matches Outlook's and others' "original message" separators.
// Forwarding separators ("Videresendt melding", "Vidarebefordrat meddelande",
// "Forwarded message") are deliberately absent: a forwarded order
// confirmation is content the agent needs.
var separatorRe = regexp.MustCompile(`(?i)^\s*-{2,}\s*(original message|opprinnelig melding|ursprungligt meddelande|oprindelig meddelelse|originalmeddelande|alkuperäinen viesti|ursprüngliche nachricht|message d'origine)\s*-{2,}\s*$`)

// forwardRe matches the line above a forwarded message; nothing below it is stripped.
var forwardRe = regexp.MustCompile(`(?i)^\s*(-{2,}\s*)?(begin forwarded message|forwarded message|videresendt (melding|meddelelse|e-post)|vidarebefordrat (meddelande|mejl)|start på videresendt (melding|meddelelse)|inizio messaggio inoltrato|weitergeleitete nachricht)\s*:?\s*(-{2,})?\s*$`)

// headerFromRe and headerNextRe find an Outlook-style header block
// ("Fra: … / Sendt: … / Til: … / Emne: …") that starts quoted history.
var (
	headerFromRe = regexp.MustCompile(`(?i)^\s*\*?(from|fra|från|von|de|lähettäjä)\s*:\*?\s*\S`)
	headerNextRe = regexp.MustCompile(`(?i)^\s*\*?(sent|sendt|skickat|gesendet|date|dato|datum|to|til|till|an|subject|emne|ämne|betreff|cc|envoyé|à|objet)\s*:`)
)

// mobileSigRe matches the footers phones and apps add ("Sendt fra min iPhone").
var mobileSigRe = regexp.MustCompile(`(?i)^\s*((sendt|skickat|sent|skickad|lähetetty)\s+(fra|från|from|via|med)\s+(min|mi|my|e-post|mail|outlook|yahoo|gmail|samsung|android|ipad|iphone|huawei|xiaomi|sony|telefon|mobil|\S*\s*(iphone|ipad|android|mobil))|(hent|få|get|skaffa)\s+outlook\s+(for|för|til|på)\s+(ios|android))`)

// StripQuoted returns the new text of a reply: everything from the first
// quoted-history marker (attribution line, "-----Opprinnelig melding-----",
// an Outlook "Fra:/Sendt:/Til:" block), "> " quoted lines, the "-- "
// signature and phone footers are removed. If nothing would remain, the text
// is returned unchanged (a message that is only a quote is better kept whole).
func StripQuoted(text string) string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	cut := len(lines)
	for i := 0; i < len(lines); i++ {
		if forwardRe.MatchString(lines[i]) {
			break // everything below is forwarded content: keep it
		}
		if isHistoryStart(lines, i) {
			cut = i
			break
		}
	}
	kept := make([]string, 0, cut)
	for _, l := range lines[:cut] {
		if strings.HasPrefix(strings.TrimLeft(l, " "), ">") {
			continue
		}
		kept = append(kept, l)
	}
	out := cleanText(strings.Join(trimTrailingRule(kept), "\n"))
	if out == "" {
		return cleanText(text)
	}
	return out
}

// isHistoryStart reports whether line i starts quoted history or a signature.
func isHistoryStart(lines []string, i int) bool {
	l := lines[i]
	t := strings.TrimSpace(l)
	switch {
	case l == "-- " || l == "--" || l == "—" || t == "-- ":
		return true
	case separatorRe.MatchString(l), mobileSigRe.MatchString(l):
		return true
	case isAttribution(t):
		return true
	case i+1 < len(lines) && t != "" && !strings.HasSuffix(t, ":") && isAttribution(t+" "+strings.TrimSpace(lines[i+1])) &&
		!attributionRe.MatchString(t) && nextQuoted(lines, i+2):
		// Gmail wraps long attribution lines in two.
		return true
	case headerFromRe.MatchString(l) && headerBlockFollows(lines, i):
		return true
	}
	return false
}

// attributionStartRe and timeRe keep "Jeg skrev til dere 12. mai om ordre 1234:"
// from being taken for an attribution line.
var (
	attributionStartRe = regexp.MustCompile(`(?i)^(on|den|d\.|le|am|el|op|\d|man|tir|ons|tor|fre|lør|søn|mån|tis|lör|sön|mon|tue|wed|thu|fri|sat|sun)\b`)
	timeRe             = regexp.MustCompile(`\d{1,2}[:.]\d{2}`)
)

func isAttribution(t string) bool {
	return attributionRe.MatchString(t) && attributionStartRe.MatchString(t) &&
		(strings.Contains(t, "@") || timeRe.MatchString(t))
}

// nextQuoted reports whether the first non-blank line from i is "> " quoted
// (or there is nothing left), which confirms a two-line attribution.
func nextQuoted(lines []string, i int) bool {
	for ; i < len(lines); i++ {
		if t := strings.TrimSpace(lines[i]); t != "" {
			return strings.HasPrefix(t, ">")
		}
	}
	return true
}

// headerBlockFollows reports whether at least two header-like lines
// ("Sendt:", "Til:", "Emne:" …) follow a "Fra:" line within five lines.
func headerBlockFollows(lines []string, i int) bool {
	n := 0
	for j := i + 1; j < len(lines) && j <= i+5; j++ {
		if headerNextRe.MatchString(lines[j]) {
			n++
		}
	}
	return n >= 2
}

// trimTrailingRule drops the "____" or "----" rule Outlook puts above its header block.
func trimTrailingRule(lines []string) []string {
	for len(lines) > 0 {
		t := strings.TrimSpace(lines[len(lines)-1])
		if t == "" || strings.Trim(t, "_-=") == "" {
			lines = lines[:len(lines)-1]
			continue
		}
		break
	}
	return lines
}
