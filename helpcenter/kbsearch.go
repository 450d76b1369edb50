package helpcenter

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// KBQuery is one input line of RunKBSearch.
type KBQuery struct {
	ID   string `json:"id"`
	Shop string `json:"shop"`
	Q    string `json:"q"`
	Lang string `json:"lang,omitempty"`
}

// KBResult is one output line of RunKBSearch.
type KBResult struct {
	ID      string `json:"id"`
	Answer  *Hit   `json:"answer"`
	Results []Hit  `json:"results"`
}

// RunKBSearch reads JSON Lines questions {"id","shop","q","lang"?} from in
// and writes one JSON line {"id","answer","results"} per question to out,
// in input order. Blank lines are skipped; a line that is not valid JSON
// stops the run with an error naming its line number.
func RunKBSearch(in io.Reader, out io.Writer, s Searcher) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	n := 0
	for sc.Scan() {
		n++
		if len(sc.Bytes()) == 0 || string(sc.Bytes()) == "\r" {
			continue
		}
		var q KBQuery
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			return fmt.Errorf("kb search: line %d: %w", n, err)
		}
		r := s.Search(Query{Shop: q.Shop, Q: q.Q, Lang: q.Lang})
		if err := enc.Encode(KBResult{ID: q.ID, Answer: r.Answer, Results: r.Results}); err != nil {
			return fmt.Errorf("kb search: line %d: %w", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("kb search: read: %w", err)
	}
	return w.Flush()
}
