// Package label renders return labels for claimdesk cases as A6 PDF pages.
//
// A label carries the shop's return address in large type, the customer's
// address as sender, the case (RMA) number as a Code128 barcode with the number
// printed below it, a QR code linking to the case's status page and a packing
// checklist with check boxes.
//
// The package holds no customer-facing text: headings, the case kind, the
// packing notes and the instruction all arrive already localised in [Label].
// Rendering is pure apart from writing to the given io.Writer, and the output
// is byte-for-byte deterministic for equal input, so golden comparisons work.
package label

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrInvalid is wrapped by every error [Render] and [Label.Validate] return
// for input that cannot be rendered (a missing field, a case number that
// Code128 cannot encode, an unknown language). Test for it with errors.Is.
var ErrInvalid = errors.New("label: invalid input")

// ErrDoesNotFit is wrapped by the error [Render] returns when a text does not
// fit its place on the label even at the smallest type size the layout allows.
// The caller should shorten the text (for example fewer packing notes).
var ErrDoesNotFit = errors.New("label: text does not fit")

// Address is a postal address as printed on the label, one field per line.
type Address struct {
	// Name is the company or person, printed first (required).
	Name string
	// Lines are the street lines (c/o, street and number, building), in order.
	Lines []string
	// Postcode and City are printed on one line, postcode first (both required
	// for the return address).
	Postcode string
	City     string
	// Country is printed last, in capitals; leave it empty for domestic parcels.
	Country string
}

// Headings are the localised captions printed above each part of the label.
// They come from the caller's message catalogue; all four are required.
type Headings struct {
	ReturnTo   string // e.g. "Returadresse", "Returnera till", "Return to"
	From       string // e.g. "Avsender", "Avsändare", "From"
	CaseNumber string // e.g. "RMA-nummer", "Case number"
	Checklist  string // e.g. "Før du sender", "Packing checklist"
}

// Label is everything printed on one return label. All texts are already
// localised by the caller.
type Label struct {
	// CaseNumber is the RMA/case number, such as "DUS-26-000123-4". It is
	// encoded as Code128, so it must be printable ASCII (required).
	CaseNumber string
	// Kind names the case in words, such as "Reklamasjon" or "Ångerrätt";
	// it is printed white on black next to the sender (optional).
	Kind string
	// ReturnTo is the shop's return address, printed large (required).
	ReturnTo Address
	// From is the customer's (sender's) address, printed small (required).
	From Address
	// StatusURL is the case's status page, encoded as a QR code (required).
	StatusURL string
	// Lang is the label's language: nb, nn, sv, da or en (required).
	Lang string
	// Headings are the section captions (required).
	Headings Headings
	// Checklist holds the packing notes, one check box each (optional).
	Checklist []string
	// Instruction is an emphasised note such as "Write the RMA number on the
	// parcel, not on the original box" (optional).
	Instruction string
	// Created, when set, is written as the PDF's creation date. Leave it zero
	// for output that depends on the other fields only.
	Created time.Time
}

// languages are the label languages claimdesk supports.
var languages = map[string]bool{"nb": true, "nn": true, "sv": true, "da": true, "en": true}

// Validate reports the first problem that keeps l from being rendered, or nil.
// Every error wraps [ErrInvalid].
func (l Label) Validate() error {
	required := []struct{ field, value string }{
		{"CaseNumber", l.CaseNumber},
		{"StatusURL", l.StatusURL},
		{"ReturnTo.Name", l.ReturnTo.Name},
		{"ReturnTo.Postcode", l.ReturnTo.Postcode},
		{"ReturnTo.City", l.ReturnTo.City},
		{"From.Name", l.From.Name},
		{"Headings.ReturnTo", l.Headings.ReturnTo},
		{"Headings.From", l.Headings.From},
		{"Headings.CaseNumber", l.Headings.CaseNumber},
		{"Headings.Checklist", l.Headings.Checklist},
	}
	for _, r := range required {
		if strings.TrimSpace(r.value) == "" {
			return fmt.Errorf("%w: %s is empty", ErrInvalid, r.field)
		}
	}
	if !languages[l.Lang] {
		return fmt.Errorf("%w: Lang %q is not one of nb, nn, sv, da, en", ErrInvalid, l.Lang)
	}
	if len(l.CaseNumber) > maxCaseNumber {
		return fmt.Errorf("%w: CaseNumber is longer than %d characters", ErrInvalid, maxCaseNumber)
	}
	for _, r := range l.CaseNumber {
		if r < 0x20 || r > 0x7e {
			return fmt.Errorf("%w: CaseNumber %q has a character Code128 cannot encode: %q", ErrInvalid, l.CaseNumber, r)
		}
	}
	return nil
}

// maxCaseNumber keeps the Code128 modules at a scannable width on A6.
const maxCaseNumber = 24
