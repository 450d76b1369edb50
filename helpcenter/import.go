package helpcenter

import (
	"html"
	"regexp"
	"strings"
)

// ImportText splits a plain-text FAQ or terms document into articles.
//
// A line ending in "?" starts a question; a short line without closing
// punctuation followed by running text starts a section; such a line
// followed directly by a question is a category heading and is left out;
// consecutive "Term: definition" lines become one article each. Text before
// the first heading becomes an introduction article, or one article per
// paragraph when the document has no headings at all. Bodies are verbatim.
func ImportText(shop, lang, source string, text string) []Article {
	raw := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	lines := make([]line, len(raw))
	for i, r := range raw {
		t := strings.TrimSpace(r)
		lines[i] = line{text: t, kind: classify(t)}
	}
	return finish(segment(lines), shop, lang, source)
}

var (
	mdHeading = regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*#*\s*$`)
	mdBold    = regexp.MustCompile(`^(\*\*|__)([^*_].*?)(\*\*|__):?$`)
	mdSetext  = regexp.MustCompile(`^(=+|-+)$`)
	mdList    = regexp.MustCompile(`^([-*+]|\d+[.)])\s+`)
)

// ImportMarkdown splits a Markdown document into articles: ATX and setext
// headings and lines that are bold only start articles (a heading followed
// directly by a deeper one is a category), other lines are classified as in
// ImportText. Bodies keep their Markdown verbatim.
func ImportMarkdown(shop, lang, source string, text string) []Article {
	raw := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	lines := make([]line, 0, len(raw))
	fenced := false
	for i, r := range raw {
		t := strings.TrimSpace(r)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fenced = !fenced
		}
		l := mdLine(t, fenced)
		if !fenced && i+1 < len(raw) && t != "" && mdSetext.MatchString(strings.TrimSpace(raw[i+1])) {
			l = line{text: t, kind: kHeading, level: setextLevel(raw[i+1])}
		}
		if !fenced && mdSetext.MatchString(t) && len(lines) > 0 && lines[len(lines)-1].kind == kHeading {
			continue // the underline of a setext heading
		}
		lines = append(lines, l)
	}
	return finish(segment(lines), shop, lang, source)
}

func mdLine(t string, fenced bool) line {
	switch {
	case fenced:
		return line{text: t, kind: kBody}
	case mdHeading.MatchString(t):
		m := mdHeading.FindStringSubmatch(t)
		return line{text: m[2], kind: kHeading, level: len(m[1])}
	case mdBold.MatchString(t):
		return line{text: mdBold.FindStringSubmatch(t)[2], kind: kHeading, level: 7}
	case mdList.MatchString(t):
		return line{text: t, kind: kBullet}
	}
	return line{text: t, kind: classify(t)}
}

func setextLevel(underline string) int {
	if strings.HasPrefix(strings.TrimSpace(underline), "=") {
		return 1
	}
	return 2
}

// ImportHTML splits an HTML page into articles: <h1>–<h6>, <dt> and
// <summary> start articles, list items stay with the text before them, and
// other blocks are classified as in ImportText. Scripts, styles, navigation
// and page furniture are skipped; bodies are the page's text, entities
// decoded, one block per line.
func ImportHTML(shop, lang, source string, page string) []Article {
	return finish(segment(htmlLines(page)), shop, lang, source)
}

// htmlLines walks the tags of page and returns its text blocks as lines.
func htmlLines(page string) []line {
	var (
		lines []line
		buf   strings.Builder
		block = ""
		skip  = 0
	)
	flush := func() {
		t := collapseSpace(html.UnescapeString(buf.String()))
		buf.Reset()
		if t == "" {
			return
		}
		lines = append(lines, htmlLine(t, block))
	}
	for len(page) > 0 {
		lt := strings.IndexByte(page, '<')
		if lt < 0 {
			lt = len(page)
		}
		if skip == 0 {
			buf.WriteString(page[:lt])
			buf.WriteByte(' ')
		}
		page = page[lt:]
		if page == "" {
			break
		}
		name, closing, rest := scanTag(page)
		page = rest
		switch {
		case skippedTags[name] && !closing:
			skip++
		case skippedTags[name] && closing:
			skip = max(0, skip-1)
		case blockTags[name]:
			flush()
			block = name
			if closing {
				block = ""
			}
		}
	}
	flush()
	return lines
}

func htmlLine(t, block string) line {
	switch block {
	case "h1", "h2", "h3", "h4", "h5", "h6":
		return line{text: t, kind: kHeading, level: int(block[1] - '0')}
	case "dt", "summary":
		return line{text: t, kind: kHeading, level: 7}
	case "li":
		return line{text: "• " + t, kind: kBullet}
	}
	return line{text: t, kind: classify(t)}
}

// scanTag reads the tag (or comment) at the start of s and returns its
// lower-case name, whether it closes, and what follows it.
func scanTag(s string) (name string, closing bool, rest string) {
	if strings.HasPrefix(s, "<!--") {
		if end := strings.Index(s, "-->"); end >= 0 {
			return "", false, s[end+3:]
		}
		return "", false, ""
	}
	end := strings.IndexByte(s, '>')
	if end < 0 {
		return "", false, ""
	}
	tag := s[1:end]
	rest = s[end+1:]
	if strings.HasPrefix(tag, "/") {
		closing = true
		tag = tag[1:]
	}
	if i := strings.IndexAny(tag, " \t\n\r/"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag), closing, rest
}

var skippedTags = map[string]bool{
	"script": true, "style": true, "head": true, "nav": true, "footer": true,
	"template": true, "noscript": true, "svg": true, "button": true, "form": true,
}

var blockTags = map[string]bool{
	"p": true, "div": true, "li": true, "ul": true, "ol": true, "br": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"dt": true, "dd": true, "dl": true, "tr": true, "td": true, "th": true, "table": true,
	"section": true, "article": true, "summary": true, "details": true, "blockquote": true,
	"pre": true, "header": true, "main": true, "body": true, "hr": true,
}
