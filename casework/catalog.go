package casework

import (
	"bytes"
	"embed"
	"fmt"
	"strings"
	"sync"
	"text/template"

	"github.com/pelletier/go-toml/v2"

	"github.com/claimdesk/claimdesk"
)

// The customer-facing texts casework itself writes (labels, packing notes,
// referral summaries), one catalogue per language.
//
//go:embed messages/*.toml
var messageFiles embed.FS

var (
	catalogOnce sync.Once
	catalog     map[claimdesk.Lang]map[string]string
	catalogErr  error
)

func loadCatalog() {
	catalog = map[claimdesk.Lang]map[string]string{}
	for _, l := range claimdesk.Langs {
		b, err := messageFiles.ReadFile("messages/" + string(l) + ".toml")
		if err != nil {
			catalogErr = err
			return
		}
		m := map[string]string{}
		if err := toml.Unmarshal(b, &m); err != nil {
			catalogErr = fmt.Errorf("messages/%s.toml: %w", l, err)
			return
		}
		catalog[l] = m
	}
}

// text returns the message key in lang (falling back to English, then the
// key), with {{.Field}} placeholders filled from data.
func text(lang claimdesk.Lang, key string, data any) string {
	catalogOnce.Do(loadCatalog)
	s, ok := catalog[lang][key]
	if !ok {
		if s, ok = catalog[claimdesk.English][key]; !ok {
			return key
		}
	}
	if data == nil || !strings.Contains(s, "{{") {
		return s
	}
	t, err := template.New(key).Parse(s)
	if err != nil {
		return s
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return s
	}
	return b.String()
}
