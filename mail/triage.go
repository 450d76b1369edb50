package mail

import (
	_ "embed"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// Kind is a suggested case kind. The values are those of case.kind in the
// assessment spec, plus KindGeneral.
type Kind string

// The case kinds Triage can suggest.
const (
	KindWithdrawal      Kind = "withdrawal"
	KindReturn          Kind = "return"
	KindDefect          Kind = "defect"
	KindWarranty        Kind = "warranty"
	KindDOA             Kind = "doa"
	KindTransportDamage Kind = "transport_damage"
	KindWrongItem       Kind = "wrong_item"
	KindMissingItem     Kind = "missing_item"
	KindLostParcel      Kind = "lost_parcel"
	KindCancellation    Kind = "cancellation"
	KindGeneral         Kind = "general"
)

// Hint is Triage's suggestion for a new mail without a case.
type Hint struct {
	Kind Kind `json:"kind"`
	// Score is the weight of the matched keywords (0 for KindGeneral).
	Score int `json:"score"`
	// Lang is the language whose keywords matched most ("nb", "nn", "sv",
	// "da", "en"), "" when nothing matched.
	Lang string `json:"lang,omitempty"`
	// Matched lists the keywords found, for the agent to see why.
	Matched []string `json:"matched,omitempty"`
	// Scores holds the score of every kind that matched.
	Scores map[Kind]int `json:"scores,omitempty"`
}

//go:embed triage_keywords.json
var triageJSON []byte

type triageData struct {
	Order     []Kind                       `json:"order"`
	Stopwords map[string][]string          `json:"stopwords"`
	Kinds     map[Kind]map[string][]string `json:"kinds"`
}

var triage = mustTriage()

func mustTriage() triageData {
	var d triageData
	if err := json.Unmarshal(triageJSON, &d); err != nil {
		panic("mail: triage_keywords.json: " + err.Error())
	}
	for _, k := range d.Order {
		if _, ok := d.Kinds[k]; !ok {
			panic("mail: triage_keywords.json: order names unknown kind " + string(k))
		}
	}
	return d
}

// Triage suggests a case kind for a new mail from keywords in its subject
// and text (use Inbound.Text, without quoted history). Keywords in the
// subject count double; a multi-word keyword weighs double. Ties go to the
// more specific kind (transport damage before defect before return …).
// Nothing matched gives KindGeneral.
func Triage(subject, text string) Hint {
	subj := normalizeForTriage(subject)
	body := normalizeForTriage(text)
	h := Hint{Kind: KindGeneral, Scores: map[Kind]int{}}
	langs := map[string]int{}
	seen := map[string]bool{}
	for _, kind := range triage.Order {
		for lang, words := range triage.Kinds[kind] {
			for _, w := range words {
				w = normalizeForTriage(w)
				weight := 1
				if strings.Contains(w, " ") {
					weight = 2
				}
				n := 0
				if hasWordPrefix(subj, w) {
					n += 2 * weight
				}
				if hasWordPrefix(body, w) {
					n += weight
				}
				if n == 0 {
					continue
				}
				langs[lang] += 2
				if !seen[string(kind)+"\x00"+w] {
					seen[string(kind)+"\x00"+w] = true
					h.Scores[kind] += n
					h.Matched = append(h.Matched, w)
				}
			}
		}
	}
	for _, kind := range triage.Order {
		if s := h.Scores[kind]; s > h.Score {
			h.Kind, h.Score = kind, s
		}
	}
	if len(h.Scores) > 0 {
		for _, word := range strings.Fields(subj + " " + body) {
			for lang, words := range triage.Stopwords {
				if slices.Contains(words, word) {
					langs[lang]++
				}
			}
		}
		h.Lang = topLang(langs)
	}
	sort.Strings(h.Matched)
	h.Matched = compactStrings(h.Matched)
	if len(h.Scores) == 0 {
		h.Scores = nil
	}
	return h
}

func topLang(langs map[string]int) string {
	best, bestN := "", 0
	for _, l := range []string{"nb", "nn", "sv", "da", "en"} { // fixed order: deterministic ties
		if langs[l] > bestN {
			best, bestN = l, langs[l]
		}
	}
	return best
}

func compactStrings(l []string) []string {
	out := l[:0]
	for i, s := range l {
		if i == 0 || s != l[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// normalizeForTriage lower-cases s and reduces punctuation and runs of space
// to single spaces, keeping letters (æøåäö) and digits.
func normalizeForTriage(s string) string {
	var sb strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '-' {
			sb.WriteRune(r)
			space = false
		} else if !space {
			sb.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(sb.String())
}

// hasWordPrefix reports whether w occurs in s starting at a word boundary.
func hasWordPrefix(s, w string) bool {
	for i := 0; i+len(w) <= len(s); {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		if j == 0 || s[j-1] == ' ' {
			return true
		}
		i = j + 1
	}
	return false
}
