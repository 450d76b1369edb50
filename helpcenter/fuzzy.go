package helpcenter

// fuzzySet finds the terms of a vocabulary within a small edit distance of
// a word, through an index of single-letter deletions (both the term's and
// the word's), checked with an exact optimal-string-alignment distance.
type fuzzySet struct {
	dels map[string][]string // term or term-minus-one-letter → terms
}

func newFuzzySet() *fuzzySet { return &fuzzySet{dels: map[string][]string{}} }

// minFuzzyLen is the shortest term that takes part in fuzzy matching.
const minFuzzyLen = 4

func (f *fuzzySet) add(term string) {
	if len(term) < minFuzzyLen {
		return
	}
	for _, d := range deletions(term) {
		if !containsStr(f.dels[d], term) {
			f.dels[d] = append(f.dels[d], term)
		}
	}
}

func (f *fuzzySet) remove(term string) {
	if len(term) < minFuzzyLen {
		return
	}
	for _, d := range deletions(term) {
		xs := f.dels[d]
		for i, x := range xs {
			if x == term {
				xs = append(xs[:i:i], xs[i+1:]...)
				break
			}
		}
		if len(xs) == 0 {
			delete(f.dels, d)
		} else {
			f.dels[d] = xs
		}
	}
}

// maxEdits is the typo allowance for a word of n bytes.
func maxEdits(n int) int {
	switch {
	case n < 5:
		return 0
	case n < 9:
		return 1
	}
	return 2
}

// near returns the terms within maxEdits(len(w)) of w, w itself excluded.
func (f *fuzzySet) near(w string) []string {
	k := maxEdits(len(w))
	if k == 0 {
		return nil
	}
	var out []string
	for _, d := range deletions(w) {
		for _, t := range f.dels[d] {
			if t != w && !containsStr(out, t) && osa(w, t) <= k {
				out = append(out, t)
			}
		}
	}
	return out
}

// deletions returns s and every string made by deleting one byte of s.
func deletions(s string) []string {
	out := make([]string, 0, len(s)+1)
	out = append(out, s)
	for i := 0; i < len(s); i++ {
		out = append(out, s[:i]+s[i+1:])
	}
	return out
}

// osa is the optimal string alignment distance (Levenshtein with adjacent
// transpositions) between byte strings a and b.
func osa(a, b string) int {
	if a == b {
		return 0
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func containsStr(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
