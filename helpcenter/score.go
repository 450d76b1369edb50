package helpcenter

import (
	"math"
)

// scratch holds per-query accumulators, one entry per document slot.
type scratch struct {
	best    []float32 // this unit's best contribution per doc
	quality []float32 // this unit's best match quality per doc
	shared  []float32 // this unit's summed contributions of its concept groups
	sharedQ []float32
	score   []float32
	cover   []float32
	focus   []bool
	units   []int32 // buffer for the articles the current unit matches
	spare   []int32 // buffer holding the focus unit's articles
	touched []int32
	seen    []bool
}

func (ix *Index) getScratch() *scratch {
	n := len(ix.docs)
	s, _ := ix.pool.Get().(*scratch)
	if s == nil || len(s.score) < n {
		s = &scratch{best: make([]float32, n), quality: make([]float32, n), shared: make([]float32, n), sharedQ: make([]float32, n), score: make([]float32, n), cover: make([]float32, n), seen: make([]bool, n), focus: make([]bool, n)}
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
const rankWeight = 0.8

func (s scored) rankKey() float64 { return s.cover + rankWeight*s.score }

// better orders scored articles: higher rank key first, then lower slot.
func better(a, b scored) bool {
	ka, kb := a.rankKey(), b.rankKey()
	if ka != kb {
		return ka > kb
	}
	return a.doc < b.doc
}

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
			// keep this unit's list; the next unit writes into the other buffer
			focusW, focus = w, mine
			s.units, s.spare = s.spare[:0], mine
		} else {
			s.units = mine[:0]
		}
	}
	for _, d := range focus {
		s.focus[d] = true
	}
	top := make([]scored, 0, n+1)
	for _, d := range s.touched {
		top = pushTop(top, scored{doc: d, score: float64(s.score[d]) / total, cover: float64(s.cover[d]) / total, focus: s.focus[d]}, n)
	}
	for _, d := range focus {
		s.focus[d] = false
	}
	return top
}

// pushTop inserts c into top, kept sorted best first and at most n long.
func pushTop(top []scored, c scored, n int) []scored {
	if len(top) == n && !better(c, top[n-1]) {
		return top
	}
	i := len(top)
	top = append(top, c)
	for ; i > 0 && better(c, top[i-1]); i-- {
		top[i] = top[i-1]
	}
	top[i] = c
	if len(top) > n {
		top = top[:n]
	}
	return top
}

// scoreUnit adds one unit's contribution to every article it matches and
// returns the unit's weight and the articles it matched.
func (ix *Index) scoreUnit(u unit, s *scratch, N float64, avg float32) (float64, []int32) {
	mine := s.units[:0]
	strong := false
	for _, e := range u.exps {
		q := e.quality
		ps := ix.post[e.term]
		strong = strong || (q >= qConcept && len(ps) > 0)
		if q < qConcept && float64(len(ps)) > N/3 {
			continue // a loose match to a common term tells little
		}
		// A word in several concept groups shares its credit among them:
		// an article must match all of them to count in full.
		shared := u.concepts > 1 && e.term[0] == '@' && q == qConcept
		if shared {
			q /= float32(u.concepts)
		}
		mine = ix.addPostings(ps, q, shared, s, avg, mine)
	}
	w := unitWeight(u, float64(len(mine)), N, strong)
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

// addPostings adds the BM25 contributions of one expansion's postings to
// the unit's accumulators and returns mine with newly matched articles.
func (ix *Index) addPostings(ps []posting, q float32, shared bool, s *scratch, avg float32, mine []int32) []int32 {
	for _, p := range ps {
		tfn := p.tf * (k1 + 1) / (p.tf + k1*(1-bm+bm*ix.lens[p.doc]/avg))
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
	return mine
}

// unitWeight is a unit's idf over the df articles it matches among N, or,
// when it matches only loosely or not at all, the weight of a word the
// shop does not use, scaled by what kind of word it is.
func unitWeight(u unit, df, N float64, strong bool) float64 {
	switch {
	case u.number:
		return math.Log(1+(N-df+0.5)/(df+0.5)) * missNumber // a number seldom carries the question
	case !strong:
		return math.Log(1+(N+0.5)/0.5) * missWeight(u)
	}
	return math.Log(1 + (N-df+0.5)/(df+0.5))
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
