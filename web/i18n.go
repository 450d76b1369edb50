package web

import (
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"

	"github.com/claimdesk/claimdesk"
)

// locale is one language's message catalogue (i18n/LANG.toml) with its
// number and date formats. Sections of the file become key prefixes:
// [orders] title = "…" is the key "orders.title".
type locale struct {
	lang      claimdesk.Lang
	msgs      map[string]string
	months    []string
	decimal   string
	thousands string
	money     string // "{amount} {currency}"
	date      string // "{d}. {month} {y}"
	dateTime  string // "{date} {time}"
	fallback  *locale
}

// catalogues holds every language; English is the fallback for a key a
// translation lacks (the tests make sure none does).
type catalogues struct {
	byLang map[claimdesk.Lang]*locale
}

func loadCatalogues(fsys fs.FS) (*catalogues, error) {
	c := &catalogues{byLang: map[claimdesk.Lang]*locale{}}
	for _, l := range claimdesk.Langs {
		name := "i18n/" + string(l) + ".toml"
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("message catalogue %s: %w", name, err)
		}
		loc, err := parseLocale(l, data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		// A feature may keep its texts in a folder of its own,
		// i18n/FEATURE/LANG.toml; a key may be defined only once.
		more, err := fs.Glob(fsys, "i18n/*/"+string(l)+".toml")
		if err != nil {
			return nil, err
		}
		for _, name := range more {
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, err
			}
			if err := loc.merge(data); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
		}
		c.byLang[l] = loc
	}
	en := c.byLang[claimdesk.English]
	for _, loc := range c.byLang {
		if loc != en {
			loc.fallback = en
		}
	}
	return c, nil
}

func parseLocale(l claimdesk.Lang, data []byte) (*locale, error) {
	var raw map[string]any
	if err := toml.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	loc := &locale{lang: l, msgs: map[string]string{}}
	if err := flatten("", raw, loc.msgs); err != nil {
		return nil, err
	}
	f := func(k string) string { return loc.msgs["format."+k] }
	loc.decimal, loc.thousands, loc.money, loc.date, loc.dateTime = f("decimal"), f("thousands"), f("money"), f("date"), f("date_time")
	loc.months = strings.Split(f("months"), ",")
	if len(loc.months) != 12 || loc.money == "" || loc.date == "" || loc.decimal == "" {
		return nil, fmt.Errorf("[format] needs decimal, thousands, money, date, date_time and 12 comma-separated months")
	}
	return loc, nil
}

// merge adds a feature file's messages; a key already defined is an error.
func (l *locale) merge(data []byte) error {
	var raw map[string]any
	if err := toml.Unmarshal(data, &raw); err != nil {
		return err
	}
	more := map[string]string{}
	if err := flatten("", raw, more); err != nil {
		return err
	}
	for k, v := range more {
		if _, dup := l.msgs[k]; dup {
			return fmt.Errorf("%s is defined twice", k)
		}
		l.msgs[k] = v
	}
	return nil
}

func flatten(prefix string, m map[string]any, out map[string]string) error {
	for k, v := range m {
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		switch x := v.(type) {
		case string:
			out[key] = x
		case map[string]any:
			if err := flatten(key, x, out); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%s: a message must be a string", key)
		}
	}
	return nil
}

// keys lists the catalogue's keys, sorted.
func (l *locale) keys() []string {
	out := make([]string, 0, len(l.msgs))
	for k := range l.msgs {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// get returns the catalogue's text for a key, if it has one.
func (l *locale) get(key string) (string, bool) {
	if s, ok := l.msgs[key]; ok {
		return s, true
	}
	if l.fallback != nil {
		return l.fallback.get(key)
	}
	return "", false
}

// T returns the text for key with its {name} placeholders filled from
// args, given as name, value pairs. A missing key shows as itself.
func (l *locale) T(key string, args ...any) string {
	s, ok := l.get(key)
	if !ok {
		return key
	}
	if len(args) == 0 || !strings.Contains(s, "{") {
		return s
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+fmt.Sprint(args[i])+"}", fmt.Sprint(args[i+1]))
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// Label returns the text for prefix+code, or the code itself when the
// catalogue has none (a payment method or fee a shop invented).
func (l *locale) Label(prefix, code string) string {
	if s, ok := l.get(prefix + code); ok {
		return s
	}
	return code
}

// Has reports whether the catalogue has a text for key.
func (l *locale) Has(key string) bool {
	_, ok := l.get(key)
	return ok
}

// Lang is the language's code, for the lang attribute.
func (l *locale) Lang() string { return string(l.lang) }

// Money formats an amount in minor units with the currency.
func (l *locale) Money(m claimdesk.Minor, currency string) string {
	v := int64(m)
	sign := ""
	if v < 0 {
		sign, v = "−", -v
	}
	amount := fmt.Sprintf("%s%s%s%02d", sign, l.Int(v/100), l.decimal, v%100)
	return strings.NewReplacer("{amount}", amount, "{currency}", currency).Replace(l.money)
}

// Int formats a whole number with the language's thousands separator.
func (l *locale) Int(n int64) string {
	sign := ""
	if n < 0 {
		sign, n = "−", -n
	}
	whole := strconv.FormatInt(n, 10)
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(l.thousands)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Date formats a civil date; the zero date as "".
func (l *locale) Date(d claimdesk.Date) string {
	if d.IsZero() {
		return ""
	}
	return strings.NewReplacer("{d}", strconv.Itoa(d.Day), "{month}", l.months[d.Month-1], "{y}", strconv.Itoa(d.Year)).Replace(l.date)
}

// DateTime formats an instant in a time zone.
func (l *locale) DateTime(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return strings.NewReplacer("{date}", l.Date(claimdesk.DateOf(t)), "{time}", t.Format("15:04")).Replace(l.dateTime)
}

// negotiate picks a supported language from an Accept-Language header.
func negotiate(header string) (claimdesk.Lang, bool) {
	type cand struct {
		lang claimdesk.Lang
		q    float64
		pos  int
	}
	var cands []cand
	for i, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		base, _, _ := strings.Cut(strings.ToLower(tag), "-")
		l := claimdesk.Lang(base)
		if base == "no" {
			l = claimdesk.Bokmal
		}
		if q > 0 && claimdesk.ValidLang(l) {
			cands = append(cands, cand{l, q, i})
		}
	}
	if len(cands) == 0 {
		return "", false
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].q > cands[j].q })
	return cands[0].lang, true
}

// langFor picks the page's language: the one the user chose, else the
// shop's, else (the workspace) the browser's or the default.
func (h *Handler) langFor(r *http.Request, shop *claimdesk.Shop) *locale {
	if c, err := r.Cookie(LangCookie); err == nil && claimdesk.ValidLang(claimdesk.Lang(c.Value)) {
		return h.cat.byLang[claimdesk.Lang(c.Value)]
	}
	if shop != nil && claimdesk.ValidLang(shop.Lang) {
		return h.cat.byLang[shop.Lang]
	}
	if l, ok := negotiate(r.Header.Get("Accept-Language")); ok {
		return h.cat.byLang[l]
	}
	return h.cat.byLang[h.opts.DeskLang]
}

// langLinks are the language switcher's links for the current page.
func langLinks(r *http.Request, current claimdesk.Lang) []langLink {
	out := make([]langLink, 0, len(claimdesk.Langs))
	for _, l := range claimdesk.Langs {
		u := *r.URL
		q := u.Query()
		q.Set("lang", string(l))
		u.RawQuery = q.Encode()
		out = append(out, langLink{Lang: string(l), Name: langNames[l], URL: path.Clean(u.Path) + "?" + u.RawQuery, Current: l == current})
	}
	return out
}

// langNames are each language's name in itself, as switchers show them.
var langNames = map[claimdesk.Lang]string{
	claimdesk.Bokmal: "Norsk bokmål", claimdesk.Nynorsk: "Norsk nynorsk", claimdesk.Swedish: "Svenska",
	claimdesk.Danish: "Dansk", claimdesk.English: "English",
}

type langLink struct {
	Lang, Name, URL string
	Current         bool
}
