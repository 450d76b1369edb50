package helpcenter

import (
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/seeds"
)

func TestImportSeedFiles(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		count  int
		titles []string
	}{
		{"dustin FAQ", "000_3052a378a0157ddb.txt", 19, []string{"Åpningstider?", "Hva er DOA?", "Jeg kan ikke tilbakestille passordet mitt"}},
		{"dustin ladder and glossary", "001_881c1153482cf4ba.txt", 16, []string{"DOA", "Garanti", "Reklamasjon", "Her kan du kontakte Forbrukerrådet."}},
		{"belysning FAQ", "002_8b4d5cfe7373f2da.txt", 37, []string{"Hvor lang er angrefristen for et produkt?", "Hvordan gjøres en refusjon?", "Hva gjør jeg hvis en vare er defekt?"}},
		{"compumail complaint terms", "003_ba5706d3d54f3d90.txt", 13, []string{"1. Generellt", "2. Reklamationsrätt", "Dataförlust", "4. Reklamation vid förlorade eller skadade varor och paketfel"}},
		{"digitallassmed purchase terms", "004_f17017b5d3cf55dc.txt", 15, []string{"Allmänt", "Ångerrätt", "Returrätt", "Force majeure"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, err := seeds.Read(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			arts := ImportText("shop", "nb", tt.file, text)
			if len(arts) != tt.count {
				t.Errorf("got %d articles, want %d", len(arts), tt.count)
			}
			have := map[string]bool{}
			for i, a := range arts {
				have[a.Title] = true
				if a.Position != i || a.Shop != "shop" || a.Source != tt.file || a.Slug == "" || a.ID == "" {
					t.Errorf("article %d: bad metadata %+v", i, a)
				}
				if !strings.Contains(collapseSpace(text), collapseSpace(a.Body)) {
					t.Errorf("article %q: body is not verbatim from the source", a.Title)
				}
			}
			for _, want := range tt.titles {
				if !have[want] {
					t.Errorf("no article titled %q", want)
				}
			}
		})
	}
}

func TestSeedArticlesHoldEveryExpectedPassage(t *testing.T) {
	arts := SeedArticles()
	ids := map[string]bool{}
	for _, a := range arts {
		if ids[a.ID] {
			t.Errorf("duplicate article id %q", a.ID)
		}
		ids[a.ID] = true
	}
	for _, c := range loadEval(t) {
		for _, e := range c.Expect {
			found := false
			for _, a := range arts {
				if a.Shop == c.Shop && strings.Contains(collapseSpace(a.Text()), collapseSpace(e)) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("%s: no %s article contains %q", c.ID, c.Shop, e)
			}
		}
	}
}

func TestImportMarkdown(t *testing.T) {
	md := "# Hjelp\n\n## Frakt\n\nVi sender med **Posten**.\n\n## Retur\n\nDu har 30 dagers åpent kjøp.\n\n- Logg inn\n- Velg ordre\n\n**Hvor lang er reklamasjonsfristen?**\n\nTo år.\n\nLevering\n--------\n\nTre dager.\n"
	arts := ImportMarkdown("s", "nb", "help.md", md)
	want := []struct{ title, body string }{
		{"Frakt", "Vi sender med **Posten**."},
		{"Retur", "Du har 30 dagers åpent kjøp.\n\n- Logg inn\n- Velg ordre"},
		{"Hvor lang er reklamasjonsfristen?", "To år."},
		{"Levering", "Tre dager."},
	}
	if len(arts) != len(want) {
		t.Fatalf("got %d articles %+v, want %d", len(arts), arts, len(want))
	}
	for i, w := range want {
		if arts[i].Title != w.title || arts[i].Body != w.body {
			t.Errorf("article %d = %q / %q, want %q / %q", i, arts[i].Title, arts[i].Body, w.title, w.body)
		}
	}
}

func TestImportHTML(t *testing.T) {
	page := `<html><head><title>x</title><style>p{}</style></head><body><nav>Meny</nav>
<h1>Kundeservice</h1><h2>Hvor lang er angrefristen?</h2><p>Du har 14 dagers angrerett &amp; 30 dagers retur.</p>
<h2>Betaling</h2><p>Vi tar <b>Vipps</b> og kort.</p><ul><li>Vipps</li><li>Visa</li></ul>
<dl><dt>DOA</dt><dd>Dead on arrival.</dd></dl><script>var a = "<h2>no</h2>";</script></body></html>`
	arts := ImportHTML("s", "nb", "https://example.no/hjelp", page)
	want := []struct{ title, body string }{
		{"Hvor lang er angrefristen?", "Du har 14 dagers angrerett & 30 dagers retur."},
		{"Betaling", "Vi tar Vipps og kort.\n• Vipps\n• Visa"},
		{"DOA", "Dead on arrival."},
	}
	if len(arts) != len(want) {
		t.Fatalf("got %d articles %+v, want %d", len(arts), arts, len(want))
	}
	for i, w := range want {
		if arts[i].Title != w.title || arts[i].Body != w.body {
			t.Errorf("article %d = %q / %q, want %q / %q", i, arts[i].Title, arts[i].Body, w.title, w.body)
		}
	}
	if arts[0].ID != "s/hjelp/hvor-lang-er-angrefristen" {
		t.Errorf("id = %q", arts[0].ID)
	}
}

func TestSlugify(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"norwegian letters", "Hva gjør jeg ved transportskade?", "hva-gjor-jeg-ved-transportskade"},
		{"swedish letters", "Ångerrätt & Returrätt", "angerratt-returratt"},
		{"danish ae", "Ændring af ordre", "aendring-af-ordre"},
		{"empty", "???", "article"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Slugify(tt.in); got != tt.want {
				t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestImportTextQuestionAnswerPairs(t *testing.T) {
	text := "Vanliga frågor\n\nQ: Hur returnerar jag en vara?\nA: Du anmäler returen på Mina sidor och skickar varan inom 30 dagar.\n\nQ: Hur lång är leveranstiden?\nA: Normalt 2–4 arbetsdagar.\n"
	arts := ImportText("s", "sv", "faq.txt", text)
	if len(arts) != 2 {
		t.Fatalf("got %d articles %+v, want 2", len(arts), arts)
	}
	if arts[0].Title != "Q: Hur returnerar jag en vara?" || !strings.HasPrefix(arts[0].Body, "A: Du anmäler") {
		t.Errorf("article 0 = %q / %q", arts[0].Title, arts[0].Body)
	}
	if arts[1].Body != "A: Normalt 2–4 arbetsdagar." {
		t.Errorf("article 1 body = %q", arts[1].Body)
	}
}
