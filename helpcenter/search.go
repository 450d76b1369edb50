package helpcenter

import (
	"math"
	"sort"
)

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
var (
	missDomain  = 1.3  // a word the lexicon knows: the shop does not cover it
	missUnknown = 0.1  // a name, product or word we do not know
	missNumber  = 0.15 // an order number, a weight, a price
)

// BM25 parameters, and the bonus for a word that occurs in the question
// or heading of the article.
var titleBonus float32 = 1.5

const (
	k1 = 1.2
	bm = 0.5
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
	domain   bool // a concept word, or a product code like "x1" or "1200mm"
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
		units = append(units, unit{word: lex.names[c], exps: []expansion{{conceptTerm(c), qConcept}}, domain: true})
	}
	for i, w := range ws {
		if used[i] || stop[i] || containsUnit(units, w) {
			continue
		}
		units = append(units, ix.wordUnit(w, keys[i]))
	}
	return units
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
			u.domain = true
			add(conceptTerm(c), qConcept)
		}
	}
	u.concepts = countConcepts(keys)
	if u.number {
		return u
	}
	for _, k := range keys {
		ix.looseMatches(k, add)
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
func (ix *Index) looseMatches(k string, add func(string, float32)) {
	for _, t := range ix.fuzzy.near(k) {
		add(t, qTypo)
	}
	for _, t := range lex.fuzzy.near(k) {
		for _, c := range lex.single[t] {
			add(conceptTerm(c), qLexTypo)
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

// scratch holds per-query accumulators, one entry per document slot.
type scratch struct {
	best    []float32 // this unit's best contribution per doc
	quality []float32 // this unit's best match quality per doc
	shared  []float32 // this unit's summed contributions of its concept groups
	sharedQ []float32
	score   []float32
	cover   []float32
	touched []int32
	seen    []bool
}

func (ix *Index) getScratch() *scratch {
	n := len(ix.docs)
	s, _ := ix.pool.Get().(*scratch)
	if s == nil || len(s.score) < n {
		s = &scratch{best: make([]float32, n), quality: make([]float32, n), shared: make([]float32, n), sharedQ: make([]float32, n), score: make([]float32, n), cover: make([]float32, n), seen: make([]bool, n)}
	}
	return s
}

func (ix *Index) putScratch(s *scratch) {
	for _, d := range s.touched {
		s.score[d], s.cover[d], s.seen[d] = 0, 0, false
	}
	s.touched = s.touched[:0]
	ix.pool.Put(s)
}

// scored is one ranked article.
type scored struct {
	doc   int32
	score float64 // BM25-style relevance, normalised by the query's weight
	cover float64 // weighted share of the query the article matches, 0..1
	focus bool    // the article matches the query's heaviest word
}

// rankWeight is how much relevance counts beside coverage when ranking:
// an article that answers all of the question beats one that repeats a
// part of it often.
var rankWeight = 0.8

func (s scored) rankKey() float64 { return s.cover + rankWeight*s.score }

// credit is how much of a word a match of quality q covers: loose matches
// (typos, compound parts) count for less than their share of relevance,
// so that a question matched only loosely is not answered.
func credit(q float32) float32 {
	if q >= qConcept {
		return q
	}
	return q * q
}

// rank scores the articles against the units and returns the best n,
// best first; ix must be read-locked.
func (ix *Index) rank(units []unit, n int) []scored {
	if ix.live == 0 || len(units) == 0 {
		return nil
	}
	s := ix.getScratch()
	defer ix.putScratch(s)
	N := float64(ix.live)
	avg := float32(ix.sumLen / N)
	var total, focusW float64
	var focus []int32 // the articles that match the heaviest word
	for _, u := range units {
		w, mine := ix.scoreUnit(u, s, N, avg)
		total += w
		if w > focusW {
			focusW, focus = w, mine
		}
	}
	inFocus := make(map[int32]bool, len(focus))
	for _, d := range focus {
		inFocus[d] = true
	}
	out := make([]scored, 0, len(s.touched))
	for _, d := range s.touched {
		out = append(out, scored{doc: d, score: float64(s.score[d]) / total, cover: float64(s.cover[d]) / total, focus: inFocus[d]})
	}
	sort.Slice(out, func(i, j int) bool {
		ki, kj := out[i].rankKey(), out[j].rankKey()
		if ki != kj {
			return ki > kj
		}
		return out[i].doc < out[j].doc
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// scoreUnit adds one unit's contribution to every article it matches and
// returns the unit's weight and the articles it matched.
func (ix *Index) scoreUnit(u unit, s *scratch, N float64, avg float32) (float64, []int32) {
	var mine []int32
	strong := false
	for _, e := range u.exps {
		q := e.quality
		strong = strong || (q >= qConcept && len(ix.post[e.term]) > 0)
		shared := u.concepts > 1 && e.term[0] == '@' && q == qConcept
		if shared {
			q /= float32(u.concepts)
		}
		for _, p := range ix.post[e.term] {
			d := ix.docs[p.doc]
			tfn := p.tf * (k1 + 1) / (p.tf + k1*(1-bm+bm*d.length/avg))
			v := q * tfn
			if p.title {
				v += q * titleBonus
			}
			if s.best[p.doc] == 0 && s.shared[p.doc] == 0 {
				mine = append(mine, p.doc)
			}
			if shared {
				s.shared[p.doc] += v
				s.sharedQ[p.doc] += q
				continue
			}
			s.best[p.doc] = max(s.best[p.doc], v)
			s.quality[p.doc] = max(s.quality[p.doc], credit(q))
		}
	}
	df := float64(len(mine))
	w := math.Log(1 + (N-df+0.5)/(df+0.5))
	if u.number {
		w *= missNumber // a number seldom carries the question
	} else if !strong {
		// Only loose matches (typos, compound parts) or none: the word
		// weighs as one the shop does not use.
		w = math.Log(1+(N+0.5)/0.5) * missWeight(u)
	}
	for _, d := range mine {
		if !s.seen[d] {
			s.seen[d] = true
			s.touched = append(s.touched, d)
		}
		s.score[d] += float32(w) * max(s.best[d], s.shared[d])
		s.cover[d] += float32(w) * max(s.quality[d], s.sharedQ[d])
		s.best[d], s.quality[d], s.shared[d], s.sharedQ[d] = 0, 0, 0, 0
	}
	return w, mine
}

func missWeight(u unit) float64 {
	switch {
	case u.number:
		return missNumber
	case u.domain:
		return missDomain
	}
	return missUnknown
}
