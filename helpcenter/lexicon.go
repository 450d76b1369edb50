package helpcenter

import (
	"bufio"
	_ "embed"
	"strings"
)

// concepts.txt holds the concept groups: words and phrases in Norwegian,
// Swedish, Danish and English that customers use for the same thing.
//
//go:embed data/concepts.txt
var conceptsData string

// stopwords.txt holds function words of all five languages.
//
//go:embed data/stopwords.txt
var stopwordsData string

// phrase is a multi-word concept member: for each word, the keys it may
// take.
type phrase struct {
	concept int
	words   [][]string
}

// lexicon is the parsed data: stop words and concept groups, with the
// fuzzy index over the concept words for misspelt queries.
type lexicon struct {
	stop    map[string]bool
	names   []string         // concept names, e.g. "refund"
	things  map[int]bool     // concepts of things ("~screen"), not topics
	single  map[string][]int // word key → concepts
	phrases map[string][]phrase
	fuzzy   *fuzzySet // over the keys of single
}

var lex = parseLexicon(conceptsData, stopwordsData)

// parseLexicon reads the data files; lines are "name: member member …",
// a member in double quotes is a phrase, "#" starts a comment, and a name
// starting with "~" is a group of things rather than a topic.
func parseLexicon(concepts, stops string) *lexicon {
	lx := &lexicon{stop: map[string]bool{}, things: map[int]bool{}, single: map[string][]int{}, phrases: map[string][]phrase{}, fuzzy: newFuzzySet()}
	for _, w := range strings.Fields(stripComments(stops)) {
		lx.stop[fold(strings.ToLower(w))] = true
	}
	sc := bufio.NewScanner(strings.NewReader(stripComments(concepts)))
	for sc.Scan() {
		name, members, ok := strings.Cut(sc.Text(), ":")
		if !ok || strings.TrimSpace(name) == "" {
			continue
		}
		id := len(lx.names)
		name = strings.TrimSpace(name)
		if strings.HasPrefix(name, "~") {
			lx.things[id] = true
			name = name[1:]
		}
		lx.names = append(lx.names, name)
		for _, m := range splitMembers(members) {
			lx.addMember(id, m)
		}
	}
	return lx
}

func (lx *lexicon) addMember(id int, m string) {
	ws := words(m)
	switch len(ws) {
	case 0:
		return
	case 1:
		for _, k := range queryKeys("", ws[0]) {
			if len(k) < 2 || containsInt(lx.single[k], id) {
				continue
			}
			lx.single[k] = append(lx.single[k], id)
			lx.fuzzy.add(k)
		}
		return
	}
	p := phrase{concept: id}
	for _, w := range ws {
		p.words = append(p.words, queryKeys("", w))
	}
	for _, k := range p.words[0] {
		lx.phrases[k] = append(lx.phrases[k], p)
	}
}

func stripComments(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		if i := strings.IndexByte(l, '#'); i >= 0 {
			l = l[:i]
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// splitMembers splits on spaces and commas, keeping "quoted phrases".
func splitMembers(s string) []string {
	var out []string
	for {
		s = strings.TrimLeft(s, " \t,")
		if s == "" {
			return out
		}
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				end = len(s) - 1
			}
			out = append(out, s[1:end+1])
			s = s[min(len(s), end+2):]
			continue
		}
		end := strings.IndexAny(s, " \t,")
		if end < 0 {
			end = len(s)
		}
		out = append(out, s[:end])
		s = s[end:]
	}
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// isStop reports whether the lower-case word w is a stop word.
func (lx *lexicon) isStop(w string) bool { return lx.stop[fold(w)] }

// conceptTerm is the index term that stands for concept id.
func conceptTerm(id int) string { return "@" + itoa(id) }

// matchPhrases finds concept phrases in a token sequence, where keys[i]
// are the keys token i may take. It returns the concepts found and marks
// the tokens they cover in used.
// Between the words of a phrase, up to maxGap stop words may stand
// ("ikke er fornøyd" matches "ikke fornøyd").
func (lx *lexicon) matchPhrases(keys [][]string, stop, used []bool) []int {
	var found []int
	for i := range keys {
		for _, k := range keys[i] {
			for _, p := range lx.phrases[k] {
				end := phraseAt(p, keys, stop, i)
				if end < 0 {
					continue
				}
				if !containsInt(found, p.concept) {
					found = append(found, p.concept)
				}
				for j := i; j < end; j++ {
					used[j] = true
				}
			}
		}
	}
	return found
}

const maxGap = 2

// phraseAt matches p at token i and returns the index after its last
// word, or -1.
func phraseAt(p phrase, keys [][]string, stop []bool, i int) int {
	j := i
	for n, alts := range p.words {
		gap := 0
		for j < len(keys) && !overlap(alts, keys[j]) {
			if n == 0 || !stop[j] || gap == maxGap {
				return -1
			}
			gap++
			j++
		}
		if j == len(keys) {
			return -1
		}
		j++
	}
	return j
}

func overlap(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}
