package notify

import (
	"embed"
	"fmt"
	"sort"
	"strings"

	"github.com/claimdesk/claimdesk"
	toml "github.com/pelletier/go-toml/v2"
)

//go:embed templates
var files embed.FS

// catalogue is one language's messages, flattened to dotted keys
// ("decision.subject"); list values (months) are kept apart.
type catalogue struct {
	msgs  map[string]string
	lists map[string][]string
}

var catalogues = mustLoadCatalogues()

func mustLoadCatalogues() map[claimdesk.Lang]*catalogue {
	m := map[claimdesk.Lang]*catalogue{}
	for _, l := range claimdesk.Langs {
		c, err := loadCatalogue(l)
		if err != nil {
			panic(err)
		}
		m[l] = c
	}
	return m
}

func loadCatalogue(l claimdesk.Lang) (*catalogue, error) {
	b, err := files.ReadFile("templates/" + string(l) + ".toml")
	if err != nil {
		return nil, err
	}
	var raw map[string]any
	if err := toml.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("notify: catalogue %s: %w", l, err)
	}
	c := &catalogue{msgs: map[string]string{}, lists: map[string][]string{}}
	if err := c.flatten("", raw); err != nil {
		return nil, fmt.Errorf("notify: catalogue %s: %w", l, err)
	}
	return c, nil
}

func (c *catalogue) flatten(prefix string, m map[string]any) error {
	for k, v := range m {
		key := prefix + k
		switch v := v.(type) {
		case string:
			c.msgs[key] = v
		case map[string]any:
			if err := c.flatten(key+".", v); err != nil {
				return err
			}
		case []any:
			for _, x := range v {
				s, ok := x.(string)
				if !ok {
					return fmt.Errorf("%s: lists hold strings only", key)
				}
				c.lists[key] = append(c.lists[key], s)
			}
		default:
			return fmt.Errorf("%s: unsupported value %T", key, v)
		}
	}
	return nil
}

// keys returns the catalogue's message keys, sorted.
func (c *catalogue) keys() []string {
	ks := make([]string, 0, len(c.msgs))
	for k := range c.msgs {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// expand replaces each {name} in msg by its value from args (name, value
// pairs). A placeholder without a value, or with an empty one, is an
// error: a sentence with a hole in it must never reach a customer.
func expand(msg string, args []any) (string, error) {
	vals := map[string]string{}
	for i := 0; i+1 < len(args); i += 2 {
		vals[fmt.Sprint(args[i])] = fmt.Sprint(args[i+1])
	}
	var b strings.Builder
	orig := msg
	for {
		i := strings.IndexByte(msg, '{')
		if i < 0 {
			b.WriteString(msg)
			return b.String(), nil
		}
		j := strings.IndexByte(msg[i:], '}')
		if j < 0 {
			return "", fmt.Errorf("unclosed placeholder in %q", orig)
		}
		name := msg[i+1 : i+j]
		v, ok := vals[name]
		if !ok || v == "" {
			return "", fmt.Errorf("no value for {%s} in %q", name, orig)
		}
		b.WriteString(msg[:i])
		b.WriteString(v)
		msg = msg[i+j+1:]
	}
}
