package helpcenter

import (
	"math"
	"strings"
	"sync"
)

// Query is one customer question to a shop's help center.
type Query struct {
	Shop string `json:"shop"`
	Q    string `json:"q"`
	Lang string `json:"lang,omitempty"` // a hint only: nb, nn, sv, da or en
}

// Hit is one article found for a question. Text is the article's full
// text as imported (Article.Text).
type Hit struct {
	Title string  `json:"title"`
	Text  string  `json:"text"`
	Score float64 `json:"score"` // confidence, 0..1
	ID    string  `json:"-"`     // Article.ID, for callers that link to it
}

// Result is the outcome of one question: the suggested answer, or nil when
// the shop's documents do not answer it, and up to MaxResults articles in
// rank order. Rank weighs coverage and relevance; Score is each article's
// confidence, so it need not fall strictly down the list.
type Result struct {
	Answer  *Hit  `json:"answer"`
	Results []Hit `json:"results"`
}

// Searcher answers questions; Library and Index implement it.
type Searcher interface {
	Search(q Query) Result
}

// MaxResults is the number of articles a search returns at most.
const MaxResults = 5

// DefaultThreshold is the confidence an answer needs to be suggested,
// calibrated on the development set (see README.md).
const DefaultThreshold = 0.40

// focusFactor scales the confidence of an article that misses the
// question's heaviest word.
const focusFactor = 0.8

// confidence maps an article's query coverage and relevance to 0..1.
// An article that misses the question's heaviest word (its rarest, or one
// the shop never uses) loses a share: it answers around the question.
func confidence(s scored) float64 {
	c := s.cover * (0.8 + 0.2*math.Min(1, s.score/1.5))
	if !s.focus {
		c *= focusFactor
	}
	return math.Round(c*1000) / 1000
}

// Search ranks the index's articles for q (q.Shop is not checked) and
// suggests the best one as the answer when its confidence reaches
// DefaultThreshold.
func (ix *Index) Search(q Query) Result {
	return ix.search(q, DefaultThreshold)
}

func (ix *Index) search(q Query, threshold float64) Result {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	res := Result{Results: []Hit{}}
	ranked := ix.rank(ix.analyseQuery(q.Q, strings.ToLower(q.Lang)), MaxResults)
	for _, s := range ranked {
		d := ix.docs[s.doc]
		res.Results = append(res.Results, Hit{Title: d.art.Title, Text: d.text, Score: confidence(s), ID: d.art.ID})
	}
	if len(res.Results) > 0 && res.Results[0].Score >= threshold {
		top := res.Results[0]
		res.Answer = &top
	}
	return res
}

// Library holds one Index per shop and routes questions and changes to
// the right one. It is safe for concurrent use.
type Library struct {
	mu        sync.RWMutex
	shops     map[string]*Index
	Threshold float64 // answer threshold; DefaultThreshold when zero
}

// NewLibrary builds one index per shop from articles.
func NewLibrary(articles []Article) *Library {
	l := &Library{shops: map[string]*Index{}}
	for _, a := range articles {
		l.Upsert(a)
	}
	return l
}

// Index returns the index of shop, creating an empty one if needed.
func (l *Library) Index(shop string) *Index {
	l.mu.RLock()
	ix := l.shops[shop]
	l.mu.RUnlock()
	if ix != nil {
		return ix
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if ix = l.shops[shop]; ix == nil {
		ix = NewIndex(shop)
		l.shops[shop] = ix
	}
	return ix
}

// Upsert adds or replaces an article in its shop's index.
func (l *Library) Upsert(a Article) { l.Index(a.Shop).Upsert(a) }

// Delete removes the article with the given ID from shop's index.
func (l *Library) Delete(shop, id string) bool { return l.Index(shop).Delete(id) }

// Search answers q from the index of q.Shop; an unknown shop has no
// articles and gives an empty result.
func (l *Library) Search(q Query) Result {
	l.mu.RLock()
	ix := l.shops[q.Shop]
	l.mu.RUnlock()
	if ix == nil {
		return Result{Results: []Hit{}}
	}
	t := l.Threshold
	if t == 0 {
		t = DefaultThreshold
	}
	return ix.search(q, t)
}
