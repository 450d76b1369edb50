package policy

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"

	"github.com/claimdesk/claimdesk"
)

//go:embed messages/*.toml
var messagesFS embed.FS

// langCat is one language's message catalogue (messages/LANG.toml).
type langCat struct {
	Lang       string            `toml:"lang"`
	Months     []string          `toml:"months"`
	Date       string            `toml:"date"`  // "{d}. {month} {y}"
	Money      string            `toml:"money"` // "{amount} {currency}"
	Decimal    string            `toml:"decimal"`
	Thousands  string            `toml:"thousands"`
	ShopSource string            `toml:"shop_source"` // how a shop clause is named in a sentence
	DayKinds   map[string]string `toml:"day_kind"`
	Msg        map[string]string `toml:"msg"`
}

type catalogue struct {
	langs map[string]*langCat
}

var defaultCatalogue = mustCatalogue()

func mustCatalogue() *catalogue {
	c, err := loadCatalogue(messagesFS)
	if err != nil {
		panic(err) // embedded at build time; covered by tests
	}
	return c
}

func loadCatalogue(fsys fs.FS) (*catalogue, error) {
	names, err := fs.Glob(fsys, "messages/*.toml")
	if err != nil {
		return nil, err
	}
	c := &catalogue{langs: map[string]*langCat{}}
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		var lc langCat
		if err := toml.NewDecoder(strings.NewReader(string(data))).DisallowUnknownFields().Decode(&lc); err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		if lc.Lang != strings.TrimSuffix(path.Base(n), ".toml") || len(lc.Months) != 12 {
			return nil, fmt.Errorf("%s: lang must match the file name and months must list 12 names", n)
		}
		c.langs[lc.Lang] = &lc
	}
	return c, nil
}

func (c *catalogue) has(lang string) bool { return c.langs[lang] != nil }

// arg is a named value for a message template.
type arg struct{ name, value string }

// render fills a template's {name} placeholders.
func render(tmpl string, args []arg) string {
	var b strings.Builder
	b.Grow(len(tmpl) + 32)
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			break
		}
		k := strings.IndexByte(tmpl[i:], '}')
		if k < 0 {
			break
		}
		b.WriteString(tmpl[:i])
		name := tmpl[i+1 : i+k]
		found := false
		for _, a := range args {
			if a.name == name {
				b.WriteString(a.value)
				found = true
				break
			}
		}
		if !found {
			b.WriteString(tmpl[i : i+k+1])
		}
		tmpl = tmpl[i+k+1:]
	}
	b.WriteString(tmpl)
	return b.String()
}

func (lc *langCat) date(t time.Time) string {
	return render(lc.Date, []arg{{"d", strconv.Itoa(t.Day())}, {"month", lc.Months[t.Month()-1]}, {"y", strconv.Itoa(t.Year())}})
}

func (lc *langCat) money(m claimdesk.Minor, currency string) string {
	v := int64(m)
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	whole := strconv.FormatInt(v/100, 10)
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(lc.Thousands)
		}
		b.WriteRune(r)
	}
	amount := fmt.Sprintf("%s%s%s%02d", sign, b.String(), lc.Decimal, v%100)
	return render(lc.Money, []arg{{"amount", amount}, {"currency", currency}})
}

// source says where a rule comes from: a statute or a clause of the terms.
type source struct {
	law    *LawRule
	clause *Clause
	text   string // a fixed source when neither applies
}

func lawSource(r *LawRule) source   { return source{law: r} }
func clauseSource(c *Clause) source { return source{clause: c} }

// label is the source as the decision's "source" field shows it.
func (s source) label() string {
	switch {
	case s.law != nil:
		return s.law.Cite()
	case s.clause != nil:
		return "shop terms: " + s.clause.Title
	}
	return s.text
}

// inText is the source as a sentence names it in lang.
func (s source) inText(lc *langCat) string {
	if s.clause != nil {
		return render(lc.ShopSource, []arg{{"title", s.clause.Title}})
	}
	return s.label()
}

// explain appends one explanation entry in the job's language.
func (e *Engine) explain(j *job, rule string, src source, args ...arg) {
	lc := e.cat.langs[j.lang]
	if lc == nil {
		lc = e.cat.langs["en"]
	}
	tmpl, ok := lc.Msg[rule]
	if !ok {
		tmpl = e.cat.langs["en"].Msg[rule]
	}
	args = append(args, arg{"source", src.inText(lc)})
	j.dec.Explanation = append(j.dec.Explanation, Explanation{Rule: rule, Source: src.label(), Text: render(tmpl, args)})
}

// dateArg and moneyArg format values for the job's language.
func (e *Engine) dateArg(j *job, name string, t time.Time) arg {
	return arg{name, e.lang(j).date(t)}
}

func (e *Engine) moneyArg(j *job, name string, m claimdesk.Money) arg {
	return arg{name, e.lang(j).money(m.Amount, m.Currency)}
}

func (e *Engine) dayKindArg(j *job, kind string) arg {
	return arg{"daykind", e.lang(j).DayKinds[kind]}
}

func (e *Engine) lang(j *job) *langCat {
	if lc := e.cat.langs[j.lang]; lc != nil {
		return lc
	}
	return e.cat.langs["en"]
}
