package helpcenter

// Weights of where a word occurs in an article.
const (
	titleWeight = 2.0 // a word of the question or heading
	bodyWeight  = 1.0
	partWeight  = 0.5 // a concept found inside a compound word
)

// analyseDoc turns an article into weighted index terms: stemmed and
// folded words, the concepts they belong to (whole words, phrases and
// compound parts) as "@n" terms.
func analyseDoc(a Article) *idoc {
	d := &idoc{art: a, text: a.Text(), terms: map[string]float32{}, title: map[string]bool{}}
	title, body := a.Title, a.Body
	if len(body) >= len(title) && body[:len(title)] == title {
		body = body[len(title):]
	}
	d.length = d.addField(a.Lang, title, titleWeight) + d.addField(a.Lang, body, bodyWeight)
	return d
}

// addField indexes one field and returns its weighted length.
func (d *idoc) addField(lang, text string, w float32) float32 {
	ws := words(text)
	keys := make([][]string, len(ws))
	stop := make([]bool, len(ws))
	var n float32
	for i, word := range ws {
		k := docKey(lang, word)
		keys[i] = []string{k}
		if stop[i] = lex.isStop(word) || len(word) < 2; stop[i] {
			continue
		}
		n += w
		d.terms[k] += w
		if w == titleWeight {
			d.title[k] = true
		}
		for _, c := range lex.single[k] {
			d.terms[conceptTerm(c)] += w
			if w == titleWeight {
				d.title[conceptTerm(c)] = true
			}
		}
		for _, c := range partConcepts(k) {
			d.terms[conceptTerm(c)] += w * partWeight
		}
	}
	for _, c := range lex.matchPhrases(keys, stop, make([]bool, len(ws))) {
		d.terms[conceptTerm(c)] += w
		if w == titleWeight {
			d.title[conceptTerm(c)] = true
		}
	}
	return n
}

// minConceptPart is the shortest compound part looked up in the concept
// groups: shorter ones ("ring" in "klagehåndtering") are too often chance.
const minConceptPart = 5

// partConcepts returns the concepts of the parts of a compound word key,
// e.g. "returfrakt" → return, shipping. Parts must be at least five
// letters, or four for the head.
func partConcepts(k string) []int {
	if len(k) < 2*minPart {
		return nil
	}
	var out []int
	for i := minPart; i <= len(k)-minPart; i++ {
		head, tail := k[:i], k[i:]
		if head[len(head)-1] == 's' && len(head) > minPart+1 {
			head = head[:len(head)-1]
		}
		for _, p := range []string{head, tail} {
			if len(p) < minConceptPart {
				continue
			}
			for _, c := range lex.single[p] {
				if !containsInt(out, c) && !containsInt(lex.single[k], c) {
					out = append(out, c)
				}
			}
		}
	}
	return out
}
