package mail

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTMLToText turns an HTML mail body into readable plain text: paragraphs and
// headings become blank-line separated blocks, <br> a line break, list items
// "- " or "1. " lines, links "text (url)" when the url adds something, images
// their alt text, and blockquotes "> " quoted lines (so quoted history can be
// stripped like in plain text mail). Script, style and head are dropped.
func HTMLToText(src string) string {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return ""
	}
	r := &htmlRenderer{}
	r.node(doc)
	return cleanText(r.sb.String())
}

// textBuf is a byte buffer whose trailing spaces can be dropped in place.
type textBuf struct{ b []byte }

func (t *textBuf) WriteString(s string) { t.b = append(t.b, s...) }
func (t *textBuf) writeByte(c byte)     { t.b = append(t.b, c) }
func (t *textBuf) String() string       { return string(t.b) }
func (t *textBuf) trimSpaces() {
	for len(t.b) > 0 && t.b[len(t.b)-1] == ' ' {
		t.b = t.b[:len(t.b)-1]
	}
}

type htmlRenderer struct {
	sb      textBuf
	nl      int  // newlines at the end of sb (0, 1, 2)
	pre     int  // inside <pre>
	started bool // any text written
	lists   []int
	depth   int
}

func (r *htmlRenderer) text(s string) {
	if s == "" {
		return
	}
	if r.pre == 0 {
		s = collapseSpace(s)
		if r.nl > 0 || !r.started {
			s = strings.TrimLeft(s, " ")
		}
		if s == "" {
			return
		}
	}
	r.sb.WriteString(s)
	r.started = true
	r.nl = 0
	if strings.HasSuffix(s, "\n") {
		r.nl = 1
	}
}

// breakLine ensures at least n newlines end the output (n is 1 or 2).
func (r *htmlRenderer) breakLine(n int) {
	if !r.started {
		return
	}
	r.sb.trimSpaces()
	for r.nl < n {
		r.sb.writeByte('\n')
		r.nl++
	}
}

func collapseSpace(s string) string {
	var sb strings.Builder
	space := false
	for _, c := range s {
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' {
			if !space {
				sb.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		sb.WriteRune(c)
	}
	return sb.String()
}

var skipAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Head: true, atom.Title: true,
	atom.Noscript: true, atom.Template: true, atom.Svg: true, atom.Iframe: true, atom.Object: true,
}

var paragraphAtoms = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Table: true, atom.Ul: true, atom.Ol: true, atom.Pre: true, atom.Dl: true,
}

var lineAtoms = map[atom.Atom]bool{
	atom.Div: true, atom.Tr: true, atom.Section: true, atom.Article: true, atom.Header: true,
	atom.Footer: true, atom.Address: true, atom.Dt: true, atom.Dd: true, atom.Center: true,
	atom.Form: true, atom.Main: true, atom.Nav: true, atom.Aside: true, atom.Caption: true,
}

func (r *htmlRenderer) node(n *html.Node) {
	r.depth++
	defer func() { r.depth-- }()
	if r.depth > 200 {
		return
	}
	switch n.Type {
	case html.TextNode:
		r.text(n.Data)
		return
	case html.CommentNode, html.DoctypeNode:
		return
	case html.ElementNode:
		if skipAtoms[n.DataAtom] || isHidden(n) {
			return
		}
		r.element(n)
		return
	}
	r.children(n)
}

func (r *htmlRenderer) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.node(c)
	}
}

func (r *htmlRenderer) element(n *html.Node) {
	a := n.DataAtom
	switch {
	case a == atom.Br:
		r.sb.writeByte('\n')
		r.nl = min(r.nl+1, 2)
		r.started = true
	case a == atom.Hr:
		r.breakLine(1)
		r.text("----")
		r.breakLine(1)
	case a == atom.Img:
		if alt := strings.TrimSpace(attr(n, "alt")); alt != "" {
			r.text("[" + alt + "]")
		}
	case a == atom.A:
		r.link(n)
	case a == atom.Li:
		r.listItem(n)
	case a == atom.Ul || a == atom.Ol:
		r.breakLine(2)
		r.lists = append(r.lists, map[bool]int{true: 1, false: 0}[a == atom.Ol])
		r.children(n)
		r.lists = r.lists[:len(r.lists)-1]
		r.breakLine(2)
	case a == atom.Blockquote:
		r.quote(n)
	case a == atom.Pre:
		r.breakLine(2)
		r.pre++
		r.children(n)
		r.pre--
		r.breakLine(2)
	case a == atom.Td || a == atom.Th:
		if r.nl == 0 && r.started {
			r.sb.WriteString("  ")
		}
		r.children(n)
	case a == atom.P && strings.Contains(attr(n, "class"), "MsoNormal"):
		// Outlook writes every line as <p class=MsoNormal> and blank lines
		// as empty paragraphs: one line each.
		r.breakLine(1)
		r.children(n)
		r.breakLine(1)
	case paragraphAtoms[a]:
		r.breakLine(2)
		r.children(n)
		r.breakLine(2)
	case lineAtoms[a]:
		r.breakLine(1)
		r.children(n)
		r.breakLine(1)
	default:
		r.children(n)
	}
}

func (r *htmlRenderer) link(n *html.Node) {
	href := strings.TrimSpace(attr(n, "href"))
	sub := &htmlRenderer{pre: r.pre}
	sub.children(n)
	label := strings.TrimSpace(sub.sb.String())
	target := strings.TrimPrefix(href, "mailto:")
	show := (strings.HasPrefix(href, "http://") || strings.HasPrefix(href, "https://") || strings.HasPrefix(href, "mailto:")) &&
		!strings.EqualFold(strings.TrimRight(target, "/"), strings.TrimRight(label, "/"))
	switch {
	case label == "" && show:
		r.text(target)
	case show:
		r.text(label + " (" + target + ")")
	default:
		r.text(label)
	}
}

func (r *htmlRenderer) listItem(n *html.Node) {
	r.breakLine(1)
	marker := "- "
	if k := len(r.lists); k > 0 && r.lists[k-1] > 0 {
		marker = strconv.Itoa(r.lists[k-1]) + ". "
		r.lists[k-1]++
	}
	if k := len(r.lists); k > 1 {
		marker = strings.Repeat("  ", k-1) + marker
	}
	r.sb.WriteString(marker)
	r.started = true
	r.nl = 0
	r.children(n)
	r.breakLine(1)
}

// quote renders n's content as "> " quoted lines.
func (r *htmlRenderer) quote(n *html.Node) {
	sub := &htmlRenderer{}
	sub.children(n)
	body := cleanText(sub.sb.String())
	if body == "" {
		return
	}
	r.breakLine(1)
	for _, l := range strings.Split(body, "\n") {
		if l == "" {
			r.sb.WriteString(">\n")
		} else if strings.HasPrefix(l, ">") {
			r.sb.WriteString(">" + l + "\n")
		} else {
			r.sb.WriteString("> " + l + "\n")
		}
	}
	r.started = true
	r.nl = 1
}

func isHidden(n *html.Node) bool {
	style := strings.ReplaceAll(strings.ToLower(attr(n, "style")), " ", "")
	return strings.Contains(style, "display:none") || n.DataAtom == atom.Input
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
