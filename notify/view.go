package notify

import (
	"fmt"
	"time"

	"github.com/claimdesk/claimdesk"
)

// A block is one piece of a message body, rendered both as text and HTML.
type block struct {
	Kind  string // p, h, facts, link, list, quote, sign
	Text  string
	URL   string
	Items []string
	Facts []fact
}

type fact struct{ Label, Value string }

// view is what a kind's template sees: the data, the catalogue through T,
// formatters, and builder methods that append blocks. Builder methods
// return "" so that templates print nothing; the blocks are the output.
type view struct {
	D      Data
	lang   claimdesk.Lang
	cat    *catalogue
	blocks []block
	err    error
}

// T returns the message for key with {name} placeholders filled from args
// (name, value pairs). A missing key or value is recorded as the error.
func (v *view) T(key string, args ...any) string {
	msg, ok := v.cat.msgs[key]
	if !ok {
		v.fail(fmt.Errorf("missing catalogue key %q", key))
		return key
	}
	s, err := expand(msg, args)
	if err != nil {
		v.fail(fmt.Errorf("%s: %w", key, err))
	}
	return s
}

func (v *view) fail(err error) {
	if v.err == nil {
		v.err = err
	}
}

// Date formats a date in the message's language.
func (v *view) Date(d claimdesk.Date) string { return FormatDate(v.lang, d) }

// DateTime formats an instant in its own time zone, the zone named.
func (v *view) DateTime(t time.Time) string { return FormatDateTime(v.lang, t) }

// Money formats an amount in the message's language.
func (v *view) Money(m claimdesk.Money) string { return FormatMoney(v.lang, m) }

// P appends a paragraph; an empty one is left out.
func (v *view) P(s string) string {
	if s != "" {
		v.blocks = append(v.blocks, block{Kind: "p", Text: s})
	}
	return ""
}

// H appends a heading.
func (v *view) H(s string) string {
	v.blocks = append(v.blocks, block{Kind: "h", Text: s})
	return ""
}

// Fact appends "label: value" to the current list of facts; an empty
// value is left out.
func (v *view) Fact(label, value string) string {
	if value == "" {
		return ""
	}
	if n := len(v.blocks); n > 0 && v.blocks[n-1].Kind == "facts" {
		v.blocks[n-1].Facts = append(v.blocks[n-1].Facts, fact{label, value})
		return ""
	}
	v.blocks = append(v.blocks, block{Kind: "facts", Facts: []fact{{label, value}}})
	return ""
}

// Link appends a link with its label; one without a URL is left out.
func (v *view) Link(label, url string) string {
	if url != "" {
		v.blocks = append(v.blocks, block{Kind: "link", Text: label, URL: url})
	}
	return ""
}

// Item appends an item to the current bulleted list.
func (v *view) Item(s string) string {
	if n := len(v.blocks); n > 0 && v.blocks[n-1].Kind == "list" {
		v.blocks[n-1].Items = append(v.blocks[n-1].Items, s)
		return ""
	}
	v.blocks = append(v.blocks, block{Kind: "list", Items: []string{s}})
	return ""
}

// EndList ends the current list or facts, so the next Item starts a new one.
func (v *view) EndList() string {
	v.blocks = append(v.blocks, block{Kind: "break"})
	return ""
}

// Quote appends someone's words, quoted.
func (v *view) Quote(s string) string {
	if s != "" {
		v.blocks = append(v.blocks, block{Kind: "quote", Text: s, Items: splitLines(s)})
	}
	return ""
}

// Sign appends the closing lines.
func (v *view) Sign(lines ...string) string {
	var l []string
	for _, s := range lines {
		if s != "" {
			l = append(l, s)
		}
	}
	v.blocks = append(v.blocks, block{Kind: "sign", Items: l})
	return ""
}

// WholeDays returns mins in days when it is a whole number of days, else 0.
func (v *view) WholeDays(mins int) int {
	if mins > 0 && mins%(24*60) == 0 {
		return mins / (24 * 60)
	}
	return 0
}
