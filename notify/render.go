package notify

import (
	"bytes"
	"html/template"
	"strings"
	"unicode/utf8"

	"github.com/claimdesk/claimdesk"
)

// width is the column plain text is wrapped at.
const width = 72

// renderText renders blocks as plain text: paragraphs wrapped at 72
// columns, links on lines of their own, quotes with "> ".
func renderText(blocks []block) string {
	var parts []string
	for _, b := range blocks {
		if s := textBlock(b); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n\n") + "\n"
}

func textBlock(b block) string {
	switch b.Kind {
	case "p", "h":
		return wrapLines(b.Text, "", "")
	case "facts":
		w := 0
		for _, f := range b.Facts {
			w = max(w, utf8.RuneCountInString(f.Label))
		}
		var l []string
		for _, f := range b.Facts {
			pad := strings.Repeat(" ", w-utf8.RuneCountInString(f.Label))
			l = append(l, wrap(f.Value, f.Label+":"+pad+" ", strings.Repeat(" ", w+2), width))
		}
		return strings.Join(l, "\n")
	case "link":
		return wrapLines(b.Text+":", "", "") + "\n" + b.URL
	case "list":
		var l []string
		for _, it := range b.Items {
			l = append(l, wrapLines(it, "- ", "  "))
		}
		return strings.Join(l, "\n")
	case "quote":
		var l []string
		for _, line := range b.Items {
			l = append(l, strings.TrimRight(wrap(line, "> ", "> ", width), " "))
		}
		return strings.Join(l, "\n")
	case "sign":
		return strings.Join(b.Items, "\n")
	}
	return ""
}

// wrapLines wraps each line of s on its own.
func wrapLines(s, first, rest string) string {
	var l []string
	for i, line := range strings.Split(s, "\n") {
		p := first
		if i > 0 {
			p = rest
		}
		l = append(l, wrap(line, p, rest, width))
	}
	return strings.Join(l, "\n")
}

// wrap breaks s at spaces into lines of at most w runes, the first line
// starting with first and the others with rest. A word longer than a line
// (a URL) stands on a line of its own.
func wrap(s, first, rest string, w int) string {
	var b strings.Builder
	line := first
	n := utf8.RuneCountInString(line)
	empty := true
	for _, word := range strings.Fields(s) {
		wl := utf8.RuneCountInString(word)
		if !empty && n+1+wl > w {
			b.WriteString(line)
			b.WriteByte('\n')
			line, n, empty = rest, utf8.RuneCountInString(rest), true
		}
		if !empty {
			line += " "
			n++
		}
		line += word
		n += wl
		empty = false
	}
	b.WriteString(line)
	return b.String()
}

func splitLines(s string) []string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n")
	return strings.Split(s, "\n")
}

var htmlLayout = template.Must(template.New("layout.html.tmpl").ParseFS(files, "templates/layout.html.tmpl"))

// renderHTML renders blocks in the HTML layout; html/template escapes
// every value and rejects unsafe URLs.
func renderHTML(lang claimdesk.Lang, subject string, blocks []block) (string, error) {
	var buf bytes.Buffer
	err := htmlLayout.Execute(&buf, struct {
		Lang    claimdesk.Lang
		Subject string
		Blocks  []block
	}{lang, subject, blocks})
	return buf.String(), err
}
