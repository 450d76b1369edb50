package httpapi

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/claimdesk/claimdesk"
)

// statusOf is the one table from domain error codes to HTTP statuses.
var statusOf = map[claimdesk.Code]int{
	claimdesk.CodeInvalid:         http.StatusUnprocessableEntity,
	claimdesk.CodeNotFound:        http.StatusNotFound,
	claimdesk.CodeConflict:        http.StatusConflict,
	claimdesk.CodeUnauthenticated: http.StatusUnauthorized,
	claimdesk.CodeForbidden:       http.StatusForbidden,
	claimdesk.CodeRateLimited:     http.StatusTooManyRequests,
	claimdesk.CodeUnavailable:     http.StatusServiceUnavailable,
	claimdesk.CodeInternal:        http.StatusInternalServerError,
}

// codeOf maps a status back to a domain code, for errors huma raises itself
// (malformed JSON, schema validation).
func codeOf(status int) claimdesk.Code {
	for c, s := range statusOf {
		if s == status {
			return c
		}
	}
	switch {
	case status == http.StatusBadRequest:
		return claimdesk.CodeInvalid
	case status == http.StatusRequestEntityTooLarge:
		return claimdesk.CodeInvalid
	case status < 500:
		return claimdesk.CodeInvalid
	}
	return claimdesk.CodeInternal
}

// Problem is an RFC 9457 problem detail, with the field errors inside.
type Problem struct {
	Type      string                 `json:"type"`
	Title     string                 `json:"title"`
	Status    int                    `json:"status"`
	Detail    string                 `json:"detail,omitempty"`
	Instance  string                 `json:"instance,omitempty"`
	Code      claimdesk.Code         `json:"code"`
	RequestID string                 `json:"request_id,omitempty"`
	Errors    []claimdesk.FieldError `json:"errors,omitempty"`
}

// Error returns the detail.
func (p *Problem) Error() string { return p.Detail }

// GetStatus returns the HTTP status, for huma.
func (p *Problem) GetStatus() int { return p.Status }

// ContentType makes huma send problems as application/problem+json.
func (p *Problem) ContentType(ct string) string {
	if ct == "application/json" {
		return "application/problem+json"
	}
	return ct
}

func newProblem(code claimdesk.Code, detail string, fields []claimdesk.FieldError) *Problem {
	status := statusOf[code]
	if status == 0 {
		status = http.StatusInternalServerError
	}
	return &Problem{
		Type: "https://claimdesk.dev/problems/" + strings.ReplaceAll(string(code), "_", "-"), Title: http.StatusText(status),
		Status: status, Detail: detail, Code: code, Errors: fields,
	}
}

// problemFromError turns any error into a problem; errors that are not
// domain errors become a 500 with a generic message and are logged.
func problemFromError(log *slog.Logger, requestID string, err error) *Problem {
	var p *Problem
	if errors.As(err, &p) {
		p.RequestID = requestID
		return p
	}
	var de *claimdesk.Error
	if !errors.As(err, &de) || de.Code == claimdesk.CodeInternal {
		log.Error("internal error", "request_id", requestID, "err", err)
		p := newProblem(claimdesk.CodeInternal, "something went wrong on our side; quote the request id if you contact us", nil)
		p.RequestID = requestID
		return p
	}
	if de.Cause != nil {
		log.Warn("request failed", "request_id", requestID, "code", de.Code, "err", err)
	}
	p = newProblem(de.Code, de.Message, bodyPaths(de.Fields))
	p.RequestID = requestID
	return p
}

// bodyPaths prefixes domain field paths with "body." so that every field
// error, huma's own and ours, names its place the same way.
func bodyPaths(fields []claimdesk.FieldError) []claimdesk.FieldError {
	out := make([]claimdesk.FieldError, len(fields))
	for i, f := range fields {
		f.Field = "body." + f.Field
		out[i] = f
	}
	return out
}

// hookHumaErrors routes huma's own errors (bad JSON, schema validation)
// through the same problem shape.
func hookHumaErrors() {
	huma.NewError = func(status int, msg string, errs ...error) huma.StatusError {
		var fields []claimdesk.FieldError
		for _, e := range errs {
			if e == nil {
				continue
			}
			var d *huma.ErrorDetail
			if errors.As(e, &d) {
				fields = append(fields, claimdesk.FieldError{Field: d.Location, Code: "invalid", Message: d.Message})
				continue
			}
			var p *Problem
			if errors.As(e, &p) {
				return p
			}
			fields = append(fields, claimdesk.FieldError{Field: "body", Code: "invalid", Message: e.Error()})
		}
		p := newProblem(codeOf(status), msg, fields)
		p.Status = status
		p.Title = http.StatusText(status)
		return p
	}
}

// writeProblem writes a problem outside huma (middleware).
func writeProblem(w http.ResponseWriter, p *Problem) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}
