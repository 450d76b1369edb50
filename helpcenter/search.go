package helpcenter

// Match qualities: how much a query word counts when it meets an article
// term in a looser way than the same stem.
const (
	qExact    = 1.0
	qConcept  = 0.9  // same concept group (synonym, other language)
	qTypo     = 0.75 // within the typo allowance
	qLexTypo  = 0.7  // a misspelt concept word
	qInside   = 0.7  // the word is part of a compound in the article
	qHead     = 0.55 // the last part of a compound query word
	qModifier = 0.45 // the first part of a compound query word
)

// Weights of query words that match nothing in the shop, relative to a
// word that matches a single article.
const (
	missDomain  = 1.3  // a word the lexicon knows: the shop does not cover it
	missUnknown = 0.1  // a name, product or word we do not know
	missNumber  = 0.15 // an order number, a weight, a price
)

// BM25 parameters, and the bonus for a word that occurs in the question
// or heading of the article.
const (
	k1         = 1.2
	bm         = 0.5
	titleBonus = 1.5
)

// expansion is one index term a query word may match, with its quality.
type expansion struct {
	term    string
	quality float32
}

// unit is one query word (or phrase) and what it may match.
type unit struct {
	word     string
	exps     []expansion
	concepts int  // how many concept groups the word belongs to
	domain   bool // a topic word of the lexicon, or a product code like "x1"
	number   bool
}

// analyseQuery turns a question into units; ix must be read-locked.
func (ix *Index) analyseQuery(q, hint string) []unit {
	ws := words(q)
	keys := make([][]string, len(ws))
	stop := make([]bool, len(ws))
	for i, w := range ws {
		keys[i] = queryKeys(hint, w)
		stop[i] = lex.isStop(w) || (len(w) < 2 && !isNumber(w))
	}
	used := make([]bool, len(ws))
	var units []unit
	for _, c := range lex.matchPhrases(keys, stop, used) {
		units = append(units, unit{word: lex.names[c], exps: []expansion{{conceptTerm(c), qConcept}}, domain: !lex.things[c]})
	}
	for i, w := range ws {
		if used[i] || stop[i] || containsUnit(units, w) {
			continue
		}
		u := ix.wordUnit(w, keys[i])
		if !sameAsAny(units, u) {
			units = append(units, u)
		}
	}
	return units
}

// sameAsAny reports whether u matches exactly what a unit already in us
// matches, as two words for one concept do ("knust" and "ødelagt"): the
// question then says one thing twice, and it counts once.
func sameAsAny(us []unit, u unit) bool {
	if len(u.exps) == 0 {
		return false
	}
	for _, o := range us {
		if len(o.exps) != len(u.exps) {
			continue
		}
		same := true
		for i := range o.exps {
			same = same && o.exps[i] == u.exps[i]
		}
		if same {
			return true
		}
	}
	return false
}

func containsUnit(us []unit, w string) bool {
	for _, u := range us {
		if u.word == w {
			return true
		}
	}
	return false
}

// wordUnit collects what one query word may match in this index.
func (ix *Index) wordUnit(w string, keys []string) unit {
	u := unit{word: w, number: isNumber(w), domain: isCode(w)}
	add := func(t string, q float32) {
		if _, ok := ix.post[t]; !ok {
			return
		}
		for i := range u.exps {
			if u.exps[i].term == t {
				u.exps[i].quality = max(u.exps[i].quality, q)
				return
			}
		}
		u.exps = append(u.exps, expansion{t, q})
	}
	for _, k := range keys {
		add(k, qExact)
		for _, c := range lex.single[k] {
			u.domain = u.domain || !lex.things[c]
			add(conceptTerm(c), qConcept)
		}
	}
	u.concepts = countConcepts(keys)
	if u.number {
		return u
	}
	for _, k := range keys {
		ix.looseMatches(k, add, u.concepts > 0)
	}
	return u
}

// countConcepts counts the distinct concept groups of a word's keys.
func countConcepts(keys []string) int {
	var cs []int
	for _, k := range keys {
		for _, c := range lex.single[k] {
			if !containsInt(cs, c) {
				cs = append(cs, c)
			}
		}
	}
	return len(cs)
}

// isCode reports whether w mixes letters and digits, like a model or
// part number ("x1", "d12", "1200mm").
func isCode(w string) bool {
	var l, d bool
	for _, r := range w {
		if r >= '0' && r <= '9' {
			d = true
		} else {
			l = true
		}
	}
	return l && d
}

// looseMatches offers the typo, compound and misspelt-concept matches of
// one query key.
// Misspelt concept words are looked for only when the word itself belongs
// to no concept.
func (ix *Index) looseMatches(k string, add func(string, float32), known bool) {
	for _, t := range ix.fuzzy.near(k) {
		add(t, qTypo)
	}
	if !known {
		for _, t := range lex.fuzzy.near(k) {
			for _, c := range lex.single[t] {
				add(conceptTerm(c), qLexTypo)
			}
		}
	}
	if len(k) >= minPart+1 {
		for _, t := range ix.parts[k] {
			add(t, qInside)
		}
	}
	for i := minPart; i <= len(k)-minPart; i++ {
		tail, head := k[i:], k[:i]
		add(tail, qHead)
		add(head, qModifier)
		if len(tail) >= minConceptPart {
			for _, c := range lex.single[tail] {
				add(conceptTerm(c), qHead)
			}
		}
		if len(head) >= minConceptPart {
			for _, c := range lex.single[head] {
				add(conceptTerm(c), qModifier)
			}
		}
		if len(head) > minPart && head[len(head)-1] == 's' {
			add(head[:len(head)-1], qModifier)
		}
	}
}
