package helpcenter

import (
	"strings"
	"sync"
	"unicode"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/swedish"
)

// queryLangs are the stemmers a question word is tried with, in order,
// after the hinted language.
var queryLangs = []string{"nb", "sv", "da", "en"}

// stemmers by language; nn and no use the Norwegian (bokmål) stemmer.
var stemmers = map[string]func(*snowballstem.Env) bool{
	"nb": norwegian.Stem, "nn": norwegian.Stem, "no": norwegian.Stem,
	"sv": swedish.Stem, "da": danish.Stem, "en": english.Stem,
}

var envPool = sync.Pool{New: func() any { return snowballstem.NewEnv("") }}

// stem returns the snowball stem of a lower-case word in lang, or the word
// itself for an unknown language or a very short word.
func stem(lang, w string) string {
	f := stemmers[lang]
	if f == nil || len(w) < 4 {
		return w
	}
	env := envPool.Get().(*snowballstem.Env)
	env.SetCurrent(w)
	f(env)
	s := env.Current()
	envPool.Put(env)
	return s
}

// words splits text into lower-case words: runs of letters and digits; a
// hyphen after a single letter joins ("e-post" → "epost").
func words(text string) []string {
	var out []string
	var b strings.Builder
	prevHyphenJoin := false
	emit := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	rs := []rune(text)
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			prevHyphenJoin = false
		case r == '-' && b.Len() == 1 && i+1 < len(rs) && unicode.IsLetter(rs[i+1]) && !prevHyphenJoin:
			prevHyphenJoin = true // e-post, e-mail
		default:
			emit()
		}
	}
	emit()
	return out
}

// fold maps a lower-case word to its spelling-neutral key: æ, ä, å and the
// ASCII spellings ae and aa become a; ø, ö and oe become o; accents go;
// Swedish/Danish "tion" becomes Norwegian "sjon", "ck" becomes "k", and
// doubled letters are made single. So "ångerrätt", "angerratt" and
// "aangerraett" share one key, as do "reklamation" and "reklamasjon".
func fold(w string) string {
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch r {
		case 'æ', 'ä', 'å', 'à', 'á', 'â':
			b.WriteByte('a')
		case 'ø', 'ö', 'ó', 'ò', 'ô':
			b.WriteByte('o')
		case 'é', 'è', 'ê', 'ë':
			b.WriteByte('e')
		case 'ü', 'ú':
			b.WriteByte('u')
		case 'w':
			b.WriteByte('v')
		case 'z':
			b.WriteByte('s')
		default:
			b.WriteRune(r)
		}
	}
	s := b.String()
	s = digraphs.Replace(s)
	return squeeze(s)
}

var digraphs = strings.NewReplacer("tion", "sjon", "ae", "a", "aa", "a", "oe", "o", "ck", "k", "ph", "f", "qu", "kv")

// squeeze makes every doubled letter single.
func squeeze(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var prev rune
	for _, r := range s {
		if r != prev {
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

// key is the index term for a word already stemmed: folded, and a final
// unstressed vowel dropped so that Norwegian "frakte", Swedish "frakta" and
// Danish "fragt"-like stems meet.
func key(stemmed string) string {
	k := fold(stemmed)
	for _, suf := range endings {
		if len(k)-len(suf) >= 4 && strings.HasSuffix(k, suf) {
			k = k[:len(k)-len(suf)]
			break
		}
	}
	if len(k) > 4 {
		if c := k[len(k)-1]; c == 'e' || c == 'a' {
			k = k[:len(k)-1]
		}
	}
	return k
}

// endings are inflections the stemmers of the other languages leave on a
// word (Swedish "skadan", Danish "pakken"), dropped so that all meet.
var endings = []string{"ene", "ane", "an", "en", "et", "er", "ar", "or"}

// docKey is the index term of a word in a document written in lang.
func docKey(lang, w string) string {
	return key(stem(lang, w))
}

// queryKeys returns the distinct index terms a query word may stand for:
// its stem in the hinted language first, then in each other language, and
// the unstemmed word.
func queryKeys(hint, w string) []string {
	out := make([]string, 0, 5)
	add := func(k string) {
		for _, o := range out {
			if o == k {
				return
			}
		}
		out = append(out, k)
	}
	if stemmers[hint] != nil {
		add(docKey(hint, w))
	}
	for _, l := range queryLangs {
		add(docKey(l, w))
	}
	add(key(w))
	return out
}

// isNumber reports whether w is made of digits only.
func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}
