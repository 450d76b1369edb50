// Package claimdesk holds the after-sales domain: shops, customers, companies,
// orders, cases and their messages, the error codes every layer shares, the
// actor making a request, and the small store interfaces that the storage
// packages implement. It imports nothing of the project's own.
package claimdesk

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Code classifies an error. The HTTP layer owns the one table from codes to
// status codes; the domain never speaks HTTP.
type Code string

// Error codes.
const (
	CodeInvalid         Code = "invalid"
	CodeNotFound        Code = "not_found"
	CodeConflict        Code = "conflict"
	CodeUnauthenticated Code = "unauthenticated"
	CodeForbidden       Code = "forbidden"
	CodeRateLimited     Code = "rate_limited"
	CodeUnavailable     Code = "unavailable"
	CodeInternal        Code = "internal"
)

// FieldError describes what is wrong with one input field. Field is a JSON
// path such as "lines[2].quantity"; Code doubles as a translation key.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error is the one error type the domain and its use-cases return. Message is
// safe to show to the caller; Cause is logged, never sent.
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError
	Cause   error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Code))
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "; %s: %s", f.Field, f.Message)
	}
	if e.Cause != nil {
		b.WriteString(" (" + e.Cause.Error() + ")")
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Cause }

// Errorf returns an *Error with a formatted, caller-safe message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an *Error with the given code and message around a cause.
func Wrap(cause error, code Code, message string) *Error {
	return &Error{Code: code, Message: message, Cause: cause}
}

// ErrorCode returns the code of err: the Code of the first *Error in its
// chain, or CodeInternal for any other non-nil error.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// IsCode reports whether err carries the code c.
func IsCode(err error, c Code) bool { return ErrorCode(err) == c }

// NotFound returns a not_found error naming what was looked for.
func NotFound(what string, id any) *Error {
	return Errorf(CodeNotFound, "%s %v not found", what, id)
}

// Validation collects field errors; Err returns nil when there are none.
type Validation struct{ fields []FieldError }

// Add records that field is wrong.
func (v *Validation) Add(field, code, format string, args ...any) {
	v.fields = append(v.fields, FieldError{Field: field, Code: code, Message: fmt.Sprintf(format, args...)})
}

// Check adds the error when ok is false.
func (v *Validation) Check(ok bool, field, code, format string, args ...any) {
	if !ok {
		v.Add(field, code, format, args...)
	}
}

// Merge adds the field errors of err (an invalid *Error) under prefix.
func (v *Validation) Merge(prefix string, err error) {
	var e *Error
	if !errors.As(err, &e) {
		if err != nil {
			v.Add(prefix, "invalid", "%v", err)
		}
		return
	}
	for _, f := range e.Fields {
		name := f.Field
		if prefix != "" {
			name = prefix + "." + f.Field
		}
		v.fields = append(v.fields, FieldError{Field: name, Code: f.Code, Message: f.Message})
	}
}

// Err returns an invalid *Error holding the collected field errors, sorted by
// field, or nil.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	sort.SliceStable(v.fields, func(i, j int) bool { return v.fields[i].Field < v.fields[j].Field })
	return &Error{Code: CodeInvalid, Message: "the request has invalid fields", Fields: v.fields}
}
