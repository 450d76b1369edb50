package helpcenter

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// lineKind is what a source line looks like before its neighbours are seen.
type lineKind int

const (
	kBlank    lineKind = iota
	kBody              // running text
	kBullet            // list item
	kQuestion          // a line ending in "?": a FAQ question
	kShort             // a short line without closing punctuation: maybe a heading
	kGloss             // "Term: definition"
	kHeading           // an explicit heading (Markdown #, HTML <h2> …), with a level
)

// line is one source line, trimmed, with its kind and heading level.
type line struct {
	text  string
	kind  lineKind
	level int
}

// role is what a line turns out to be once its neighbours are known.
type role int

const (
	rBody role = iota
	rBlank
	rHeading  // starts an article
	rCategory // groups the following headings; not part of any article
	rGloss    // a one-line article of its own
)

// classify guesses the kind of one trimmed plain-text line.
func classify(t string) lineKind {
	switch {
	case t == "":
		return kBlank
	case isBullet(t):
		return kBullet
	}
	n := utf8.RuneCountInString(collapseSpace(t))
	last, _ := utf8.DecodeLastRuneInString(t)
	switch {
	case last == '?' && n <= 160:
		return kQuestion
	case isGloss(t):
		return kGloss
	case n <= 72 && len(strings.Fields(t)) <= 10 && !strings.ContainsRune(".:;,!", last) && startsUpperOrDigit(t) && hasLetter(t):
		return kShort
	}
	return kBody
}

func isBullet(t string) bool {
	for _, p := range []string{"• ", "· ", "- ", "* ", "– ", "▪ ", "•\t", "◦ "} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// isGloss reports whether t reads "Term: a definition of some length".
func isGloss(t string) bool {
	i := strings.Index(t, ": ")
	if i <= 0 || i > 30 || len(t)-i < 20 {
		return false
	}
	term := t[:i]
	return len(strings.Fields(term)) <= 3 && !strings.ContainsAny(term, ".,;") && startsUpperOrDigit(term)
}

func startsUpperOrDigit(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

func hasLetter(t string) bool {
	return strings.IndexFunc(t, unicode.IsLetter) >= 0
}

func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// roles decides each line's role from its kind and the next non-blank line.
func roles(lines []line) []role {
	rs := make([]role, len(lines))
	for i, l := range lines {
		next, prev := neighbour(lines, i, 1), neighbour(lines, i, -1)
		switch l.kind {
		case kBlank:
			rs[i] = rBlank
		case kQuestion:
			rs[i] = rHeading
		case kShort:
			rs[i] = shortRole(next)
			if i > 0 && lines[i-1].kind == kShort {
				rs[i] = rBody // a run of short lines: an address, a signature
			}
		case kGloss:
			if next.kind == kGloss || prev.kind == kGloss {
				rs[i] = rGloss
			}
		case kHeading:
			rs[i] = rHeading
			if next.kind == kHeading && next.level > l.level {
				rs[i] = rCategory
			}
		}
	}
	return rs
}

func shortRole(next line) role {
	switch next.kind {
	case kBody, kBullet, kGloss:
		return rHeading
	case kQuestion, kHeading:
		return rCategory
	}
	return rBody
}

func neighbour(lines []line, i, step int) line {
	for j := i + step; j >= 0 && j < len(lines); j += step {
		if lines[j].kind != kBlank {
			return lines[j]
		}
	}
	return line{kind: kBlank}
}

// group is a run of lines that becomes one or more articles.
type group struct {
	title string
	body  []string
}

// segment turns classified lines into articles (without shop and ids).
func segment(lines []line) []Article {
	rs := roles(lines)
	var groups []group
	var cur *group
	flush := func() {
		if cur != nil {
			groups = append(groups, *cur)
			cur = nil
		}
	}
	for i, l := range lines {
		switch rs[i] {
		case rHeading:
			flush()
			cur = &group{title: collapseSpace(l.text)}
		case rCategory:
			flush()
		case rGloss:
			flush()
			groups = append(groups, group{title: l.text[:strings.Index(l.text, ":")], body: []string{l.text}})
		case rBlank:
			if cur != nil {
				cur.body = append(cur.body, "")
			}
		default:
			if cur == nil {
				cur = &group{}
			}
			cur.body = append(cur.body, l.text)
		}
	}
	flush()
	var arts []Article
	for _, g := range groups {
		arts = append(arts, g.articles()...)
	}
	return arts
}

// articles makes one article of a titled group; an untitled group (text
// before the first heading, or a document without headings) becomes one
// article per paragraph when it has several, else one article.
func (g group) articles() []Article {
	body := joinBody(g.body)
	if g.title != "" {
		if body == "" {
			return nil
		}
		return []Article{{Title: g.title, Body: body}}
	}
	paras := paragraphs(g.body)
	if len(paras) == 0 {
		return nil
	}
	if len(paras) < 3 {
		return []Article{{Title: firstSentence(body), Body: body}}
	}
	arts := make([]Article, 0, len(paras))
	for _, p := range paras {
		arts = append(arts, Article{Title: firstSentence(p), Body: p})
	}
	return arts
}

// paragraphs splits body lines into substantial paragraphs: each body line
// or blank-separated block, with list items kept on the paragraph before.
// Untitled groups made only of short lines (a document title, a date) give
// nothing.
func paragraphs(body []string) []string {
	var out []string
	var cur []string
	for _, t := range body {
		k := classify(t)
		if k == kBlank || (k != kBullet && len(cur) > 0 && classify(cur[len(cur)-1]) != kShort) {
			if p := joinBody(cur); substantial(p) {
				out = append(out, p)
			}
			cur = nil
		}
		if k != kBlank {
			cur = append(cur, t)
		}
	}
	if p := joinBody(cur); substantial(p) {
		out = append(out, p)
	}
	return out
}

func substantial(p string) bool {
	if p == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	return utf8.RuneCountInString(collapseSpace(p)) >= 60 || strings.ContainsRune(".!?", last)
}

func joinBody(body []string) string {
	return strings.TrimSpace(strings.Join(body, "\n"))
}

// firstSentence returns the first sentence of p, cut at a word boundary
// near 80 characters.
func firstSentence(p string) string {
	p = collapseSpace(p)
	for i := 0; i+1 < len(p); i++ {
		if strings.IndexByte(".!?", p[i]) >= 0 && p[i+1] == ' ' && i > 0 {
			p = p[:i+1]
			break
		}
	}
	if utf8.RuneCountInString(p) <= 80 {
		return p
	}
	rs := []rune(p)[:80]
	s := string(rs)
	if i := strings.LastIndex(s, " "); i > 40 {
		s = s[:i]
	}
	return s + " …"
}
