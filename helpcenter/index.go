package helpcenter

import (
	"sync"
)

// Index is the in-memory search index of one shop's articles. It is safe
// for concurrent use: many Search calls run in parallel, and Upsert and
// Delete take a write lock for the time it takes to change one article.
type Index struct {
	mu     sync.RWMutex
	shop   string
	docs   []*idoc          // by slot; nil when free
	lens   []float32        // document lengths by slot, for scoring
	free   []int32          // free slots
	byID   map[string]int32 // article ID → slot
	post   map[string][]posting
	fuzzy  *fuzzySet           // over the vocabulary
	parts  map[string][]string // compound part → vocabulary terms containing it
	sumLen float64
	live   int
	pool   sync.Pool // *scratch sized to len(docs)
}

// idoc is one indexed article.
type idoc struct {
	art    Article
	text   string
	terms  map[string]float32 // term → weighted frequency
	title  map[string]bool    // terms that occur in the title
	length float32
}

type posting struct {
	doc   int32
	tf    float32
	title bool
}

// NewIndex returns an empty index for shop.
func NewIndex(shop string) *Index {
	return &Index{shop: shop, byID: map[string]int32{}, post: map[string][]posting{}, fuzzy: newFuzzySet(), parts: map[string][]string{}}
}

// BuildIndex returns an index for shop holding those of articles that
// belong to it.
func BuildIndex(shop string, articles []Article) *Index {
	ix := NewIndex(shop)
	for _, a := range articles {
		if a.Shop == shop {
			ix.Upsert(a)
		}
	}
	return ix
}

// Shop returns the shop the index belongs to.
func (ix *Index) Shop() string { return ix.shop }

// Len returns the number of articles in the index.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.live
}

// Upsert adds the article, or replaces the one with the same ID. The
// article's Shop is not checked; an index holds what it is given.
func (ix *Index) Upsert(a Article) {
	d := analyseDoc(a)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if slot, ok := ix.byID[a.ID]; ok {
		ix.remove(slot)
	}
	var slot int32
	if n := len(ix.free); n > 0 {
		slot = ix.free[n-1]
		ix.free = ix.free[:n-1]
	} else {
		slot = int32(len(ix.docs))
		ix.docs = append(ix.docs, nil)
		ix.lens = append(ix.lens, 0)
	}
	ix.docs[slot] = d
	ix.lens[slot] = d.length
	ix.byID[a.ID] = slot
	ix.sumLen += float64(d.length)
	ix.live++
	for t, tf := range d.terms {
		if _, seen := ix.post[t]; !seen {
			ix.addTerm(t)
		}
		ix.post[t] = append(ix.post[t], posting{doc: slot, tf: tf, title: d.title[t]})
	}
}

// Delete removes the article with the given ID; it reports whether there
// was one.
func (ix *Index) Delete(id string) bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	slot, ok := ix.byID[id]
	if ok {
		ix.remove(slot)
	}
	return ok
}

// Article returns the indexed article with the given ID.
func (ix *Index) Article(id string) (Article, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if slot, ok := ix.byID[id]; ok {
		return ix.docs[slot].art, true
	}
	return Article{}, false
}

func (ix *Index) remove(slot int32) {
	d := ix.docs[slot]
	for t := range d.terms {
		ps := ix.post[t]
		for i, p := range ps {
			if p.doc == slot {
				ps = append(ps[:i:i], ps[i+1:]...)
				break
			}
		}
		if len(ps) == 0 {
			delete(ix.post, t)
			ix.dropTerm(t)
		} else {
			ix.post[t] = ps
		}
	}
	delete(ix.byID, d.art.ID)
	ix.docs[slot] = nil
	ix.free = append(ix.free, slot)
	ix.sumLen -= float64(d.length)
	ix.live--
}

// addTerm registers a new vocabulary term for typo and compound lookups.
func (ix *Index) addTerm(t string) {
	if t[0] == '@' {
		return
	}
	ix.fuzzy.add(t)
	for _, p := range compoundParts(t) {
		ix.parts[p] = append(ix.parts[p], t)
	}
}

func (ix *Index) dropTerm(t string) {
	if t[0] == '@' {
		return
	}
	ix.fuzzy.remove(t)
	for _, p := range compoundParts(t) {
		xs := ix.parts[p]
		for i, x := range xs {
			if x == t {
				xs = append(xs[:i:i], xs[i+1:]...)
				break
			}
		}
		if len(xs) == 0 {
			delete(ix.parts, p)
		} else {
			ix.parts[p] = xs
		}
	}
}

// minPart is the shortest compound part looked up on its own.
const minPart = 4

// compoundParts returns the leading and trailing parts of a long term that
// could be words of their own: "returfrakt" → retu…, "retur", "frakt", …
// A linking s is dropped from leading parts.
func compoundParts(t string) []string {
	if len(t) < 2*minPart {
		return nil
	}
	var out []string
	for k := minPart; k <= len(t)-minPart; k++ {
		head, tail := t[:k], t[k:]
		out = append(out, head, tail)
		if len(head) > minPart && head[len(head)-1] == 's' {
			out = append(out, head[:len(head)-1])
		}
	}
	return out
}
