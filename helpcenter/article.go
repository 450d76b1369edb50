// Package helpcenter turns a shop's FAQ and terms into articles, indexes
// them in memory per shop and answers customer questions in Norwegian
// (bokmål and nynorsk), Swedish, Danish and English, suggesting one answer
// only when the shop's own documents answer the question.
//
// The index is pure Go and does no I/O; the caller loads articles from its
// store and keeps the index in step with Upsert and Delete.
package helpcenter

import (
	"strings"
	"time"
	"unicode"
)

// Article is one help-center entry: a question with its answer, or a
// section of a document with its heading.
type Article struct {
	ID        string    `json:"id"`         // unique per store; ImportText derives shop/slug
	Shop      string    `json:"shop"`       // shop id, e.g. "dustin"
	Slug      string    `json:"slug"`       // URL-safe name, unique within a source
	Title     string    `json:"title"`      // the question or section heading
	Body      string    `json:"body"`       // verbatim answer or section text
	Lang      string    `json:"lang"`       // nb, nn, sv, da or en
	Source    string    `json:"source"`     // file name or URL it was imported from
	Position  int       `json:"position"`   // order within its source, from 0
	UpdatedAt time.Time `json:"updated_at"` // when the article last changed
}

// Text returns the article's full text as imported: the title followed by
// the body, or the body alone when it already starts with the title.
func (a Article) Text() string {
	switch {
	case a.Body == "":
		return a.Title
	case a.Title == "", strings.HasPrefix(a.Body, a.Title):
		return a.Body
	}
	return a.Title + "\n\n" + a.Body
}

// Slugify makes a lower-case ASCII slug from a title: letters and digits
// kept (æ→ae, ø→o, å→a, ä→a, ö→o), everything else collapsed into single
// dashes, at most 60 characters.
func Slugify(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if s, ok := slugFold[r]; ok {
			b.WriteString(s)
			dash = false
			continue
		}
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
			dash = false
			continue
		}
		if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimRight(b.String(), "-")
	if len(s) > 60 {
		s = strings.TrimRight(s[:60], "-")
	}
	if s == "" {
		s = "article"
	}
	return s
}

var slugFold = map[rune]string{
	'æ': "ae", 'ø': "o", 'å': "a", 'ä': "a", 'ö': "o", 'é': "e", 'è': "e", 'ü': "u",
}

// finish numbers articles in order, gives them unique slugs and IDs.
func finish(arts []Article, shop, lang, source string) []Article {
	seen := map[string]int{}
	for i := range arts {
		a := &arts[i]
		a.Shop, a.Lang, a.Source, a.Position = shop, lang, source, i
		slug := Slugify(a.Title)
		if n := seen[slug]; n > 0 {
			seen[slug] = n + 1
			slug = slug + "-" + itoa(n+1)
		} else {
			seen[slug] = 1
		}
		a.Slug = slug
		a.ID = shop + "/" + strings.TrimSuffix(baseName(source), ".txt") + "/" + slug
	}
	return arts
}

func baseName(source string) string {
	if i := strings.LastIndexAny(source, "/\\"); i >= 0 {
		source = source[i+1:]
	}
	if i := strings.IndexAny(source, "?#"); i >= 0 {
		source = source[:i]
	}
	return source
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[i:])
}
