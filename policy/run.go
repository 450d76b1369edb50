package policy

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// lineError is the answer to an input line that is not JSON.
type lineError struct {
	ID    *string `json:"id"`
	Line  int     `json:"line"`
	Error string  `json:"error"`
}

// RunAssess reads scenarios as JSON Lines from in and writes one decision
// per scenario to out, in order, with the same id. A scenario that cannot be
// judged yields a decision with "error"; a line that is not JSON yields
// {"id": null, "line": N, "error": …}; blank lines are skipped. hadErrors
// reports whether any scenario or line had an error (exit status 1); err is
// an I/O error (exit status 2).
func RunAssess(in io.Reader, out io.Writer, e *Engine) (hadErrors bool, err error) {
	r := bufio.NewReaderSize(in, 64*1024)
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for n := 1; ; n++ {
		line, readErr := r.ReadBytes('\n')
		if readErr != nil && readErr != io.EOF {
			return hadErrors, fmt.Errorf("reading scenarios: %w", readErr)
		}
		if len(bytes.TrimSpace(line)) > 0 {
			v, bad := assessLine(e, line, n)
			hadErrors = hadErrors || bad
			if err := enc.Encode(v); err != nil {
				return hadErrors, fmt.Errorf("writing decisions: %w", err)
			}
		}
		if readErr == io.EOF {
			break
		}
	}
	if err := w.Flush(); err != nil {
		return hadErrors, fmt.Errorf("writing decisions: %w", err)
	}
	return hadErrors, nil
}

// assessLine judges one input line; bad reports an error decision.
func assessLine(e *Engine, line []byte, n int) (v any, bad bool) {
	if !json.Valid(line) {
		return lineError{Line: n, Error: fmt.Sprintf("line %d is not valid JSON", n)}, true
	}
	if trimmed := bytes.TrimSpace(line); trimmed[0] != '{' {
		return lineError{Line: n, Error: fmt.Sprintf("line %d is not a JSON object", n)}, true
	}
	var s Scenario
	if err := json.Unmarshal(line, &s); err != nil {
		var probe struct {
			ID any `json:"id"`
		}
		_ = json.Unmarshal(line, &probe)
		d := errorDecision(stringID(probe.ID), fmt.Sprintf("malformed scenario: %v", err))
		return d, true
	}
	d := e.Assess(&s)
	return d, d.Error != nil
}

func stringID(v any) *string {
	if s, ok := v.(string); ok {
		return &s
	}
	return nil
}

func errorDecision(id *string, msg string) Decision {
	return Decision{ID: id, Reasons: []string{}, Fees: []Fee{}, PossibleFees: []Fee{},
		Explanation: []Explanation{}, Error: &msg}
}
