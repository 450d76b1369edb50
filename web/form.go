package web

import (
	"errors"
	"net/url"
	"slices"
	"strings"

	"github.com/claimdesk/claimdesk"
)

// form is a submitted form with its errors, for re-rendering: each error
// belongs to a field (its id in the page) or to the form ("").
type form struct {
	Values url.Values
	errs   map[string]string
	order  []string
}

func newForm(v url.Values) *form {
	if v == nil {
		v = url.Values{}
	}
	return &form{Values: v, errs: map[string]string{}}
}

// Val returns a field's value, trimmed.
func (f *form) Val(name string) string { return strings.TrimSpace(f.Values.Get(name)) }

// Raw returns a field's value as sent.
func (f *form) Raw(name string) string { return f.Values.Get(name) }

// Checked reports whether a checkbox or radio with the value was sent.
func (f *form) Checked(name, value string) bool { return slices.Contains(f.Values[name], value) }

// Err returns the error shown next to a field, or "".
func (f *form) Err(field string) string { return f.errs[field] }

// Invalid reports whether the form has errors.
func (f *form) Invalid() bool { return len(f.errs) > 0 }

// Add records an error for a field; the first one per field wins.
func (f *form) Add(field, text string) {
	if _, ok := f.errs[field]; ok {
		return
	}
	f.errs[field] = text
	f.order = append(f.order, field)
}

// Summary lists the errors in the order they were found, for the box at
// the top of the form that links to each field.
func (f *form) Summary() []fieldMsg {
	out := make([]fieldMsg, 0, len(f.order))
	for _, k := range f.order {
		out = append(out, fieldMsg{Field: k, Text: f.errs[k]})
	}
	return out
}

type fieldMsg struct{ Field, Text string }

// addError puts a use-case error on the form: each field error next to
// its field (rename maps the use-case's field path to the page's field id;
// "" puts it on the form), anything else on the form.
func (f *form) addError(l *locale, err error, rename func(string) string) {
	var e *claimdesk.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		f.Add("", l.T(errorKey(err)))
		return
	}
	for _, fe := range e.Fields {
		field := fe.Field
		if rename != nil {
			field = rename(field)
		}
		key := "field." + fe.Code
		if !l.Has(key) {
			key = "field.invalid"
		}
		f.Add(field, l.T(key))
	}
}

// errorKey is the catalogue key for an error that belongs to no field.
func errorKey(err error) string {
	switch claimdesk.ErrorCode(err) {
	case claimdesk.CodeUnauthenticated:
		return "error.unauthenticated"
	case claimdesk.CodeForbidden:
		return "error.forbidden"
	case claimdesk.CodeConflict:
		return "error.conflict"
	case claimdesk.CodeRateLimited:
		return "error.rate_limited"
	case claimdesk.CodeNotFound:
		return "error.not_found"
	case claimdesk.CodeInvalid:
		return "error.invalid"
	}
	return "error.internal"
}
