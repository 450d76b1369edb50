package helpcenter

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"
)

var seedLibrary = sync.OnceValue(func() *Library { return NewLibrary(SeedArticles()) })

// topTitle returns the title of the best article for q, or "".
func topTitle(t *testing.T, shop, q, lang string) (string, *Hit) {
	t.Helper()
	r := seedLibrary().Search(Query{Shop: shop, Q: q, Lang: lang})
	if len(r.Results) == 0 {
		return "", r.Answer
	}
	return r.Results[0].Title, r.Answer
}

func TestSearchFindsTheRightArticle(t *testing.T) {
	tests := []struct {
		name, shop, lang, q, title string
	}{
		{"typo transposition", "belysning", "nb", "hvor lang er angrefirsten", "Hvor lang er angrefristen for et produkt?"},
		{"typo missing letter", "dustin", "nb", "hva gjør jeg med transprtskade", "Hva gjør jeg om jeg får et produkt med transportskade?"},
		{"ascii spelling of å and ø", "dustin", "nb", "apningstider for kundeservice", "Åpningstider?"},
		{"ascii spelling aa and oe", "dustin", "nb", "aapningstider", "Åpningstider?"},
		{"ascii spelling of ä", "digitallassmed", "sv", "angerratt", "Ångerrätt"},
		{"stemming nb", "belysning", "nb", "refusjonene", "Hvordan gjøres en refusjon?"},
		{"stemming sv", "digitallassmed", "sv", "transportskadorna", "Transportskada"},
		{"synonym money back", "belysning", "nb", "når får jeg pengene tilbake", "Hvordan gjøres en refusjon?"},
		{"synonym damaged on delivery", "dustin", "nb", "varen var ødelagt ved levering", "Hva gjør jeg om jeg får et produkt med transportskade?"},
		{"customer word broken lamp", "belysning", "nb", "lampa er i stykker", "Hva gjør jeg hvis en vare er defekt?"},
		{"cross-language nb to sv", "digitallassmed", "nb", "angrerett", "Ångerrätt"},
		{"cross-language da to sv", "digitallassmed", "da", "fortrydelsesret", "Ångerrätt"},
		{"cross-language da to sv claim", "compumail", "da", "hvor lang reklamationsret har jeg", "2. Reklamationsrätt"},
		{"cross-language sv to nb", "dustin", "sv", "öppettider kundtjänst", "Åpningstider?"},
		{"cross-language en to nb", "belysning", "en", "how do I change my delivery address", "Hvordan kan jeg endre leveringsadressen min?"},
		{"cross-language en to sv", "digitallassmed", "en", "right of withdrawal", "Ångerrätt"},
		{"en return period to nb", "belysning", "en", "How long is the return period?", "Hvor lang er angrefristen for et produkt?"},
		{"sv delete account to nb", "dustin", "sv", "Hur raderar jag mitt konto?", "Hvordan sletter jeg kontoen min?"},
		{"da colleagues to nb", "belysning", "da", "Kan flere medarbejdere bruge samme konto?", "Kan flere ansatte bruke én konto?"},
		{"en payment to sv", "digitallassmed", "en", "What payment methods do you accept?", "Betalsätt"},
		{"nn opening", "dustin", "nn", "Kva tid opnar kundeservice?", "Åpningstider?"},
		{"da wrong item", "dustin", "da", "Jeg har fået en forkert vare, hvad gør jeg?", "Jeg har blitt anbefalt feil produkt av en selger, hva gjør jeg?"},
		{"en crushed box", "dustin", "en", "The box arrived crushed, what should I do?", "Hva gjør jeg om jeg får et produkt med transportskade?"},
		{"en rejected claim to sv", "compumail", "en", "What does it cost if my complaint is rejected?", "Oberättigad reklamation"},
		{"nb attach receipt to sv", "compumail", "nb", "Må jeg legge ved kvittering når jeg sender inn varen?", "3. Insändning av reklamation"},
		{"en late delivery to sv", "digitallassmed", "en", "Can I cancel my purchase if delivery is late?", "Leveranssätt"},
		{"nn vipps to sv", "digitallassmed", "nn", "Kan eg betale med Vipps?", "Betalsätt"},
		{"no language hint", "compumail", "", "hvad hvis pakken er forsvundet", "4. Reklamation vid förlorade eller skadade varor och paketfel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := topTitle(t, tt.shop, tt.q, tt.lang); got != tt.title {
				t.Errorf("top for %q = %q, want %q", tt.q, got, tt.title)
			}
		})
	}
}

func TestSearchStaysSilent(t *testing.T) {
	tests := []struct{ name, shop, q string }{
		{"topic the shop does not cover", "dustin", "Har dere gavekort?"},
		{"specific product", "belysning", "What does the Philips CoreLine 4000K cost?"},
		{"opening hours of a shop that gives none", "compumail", "Hvornår har I åbent?"},
		{"gibberish", "dustin", "xqzt vbnm"},
		{"shipping abroad not covered", "dustin", "Do you ship to Iceland?"},
		{"service not offered", "belysning", "Do you offer installation of the lamps?"},
		{"gift cards", "compumail", "Do you sell gift cards?"},
		{"loyalty programme of another shop", "digitallassmed", "Do you have a loyalty program?"},
		{"physical store of a web shop", "belysning", "Do you have a physical store in Bergen?"},
		{"weekend delivery", "belysning", "Do you deliver on Saturdays?"},
		{"product range", "digitallassmed", "Selger dere dørhåndtak?"},
		{"only stop words", "dustin", "hva er det?"},
		{"unknown shop", "nosuchshop", "angrerett"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, ans := topTitle(t, tt.shop, tt.q, ""); ans != nil {
				t.Errorf("answer %q (%.2f) for %q, want none", ans.Title, ans.Score, tt.q)
			}
		})
	}
}

func TestIndexUpsertAndDelete(t *testing.T) {
	ix := NewIndex("s")
	a := Article{ID: "1", Shop: "s", Title: "Gavekort", Body: "Vi selger gavekort på 500 kroner.", Lang: "nb", UpdatedAt: time.Now()}
	ix.Upsert(a)
	ix.Upsert(Article{ID: "2", Shop: "s", Title: "Frakt", Body: "Frakt koster 99 kroner.", Lang: "nb"})
	if r := ix.Search(Query{Q: "selger dere gavekort?"}); r.Answer == nil || r.Answer.ID != "1" {
		t.Fatalf("before update: %+v", r)
	}
	a.Title, a.Body = "Åpningstider", "Vi har åpent hverdager fra 8 til 16."
	ix.Upsert(a)
	if ix.Len() != 2 {
		t.Errorf("Len = %d after replacing, want 2", ix.Len())
	}
	if r := ix.Search(Query{Q: "gavekort"}); len(r.Results) != 0 {
		t.Errorf("old text still found: %+v", r.Results)
	}
	if !ix.Delete("1") || ix.Delete("1") {
		t.Error("Delete should report true once")
	}
	if r := ix.Search(Query{Q: "åpningstider"}); len(r.Results) != 0 {
		t.Errorf("deleted article found: %+v", r.Results)
	}
	if _, ok := ix.Article("2"); !ok {
		t.Error("article 2 lost")
	}
}

func TestIndexConcurrentReadersAndWriters(t *testing.T) {
	lib := NewLibrary(SeedArticles())
	arts := SeedArticles()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				lib.Search(Query{Shop: "dustin", Q: "hvor lang tid har jeg på å melde transportskade"})
			}
		}()
		go func(g int) {
			defer wg.Done()
			for i := g; i < len(arts); i += 4 {
				a := arts[i]
				lib.Delete(a.Shop, a.ID)
				lib.Upsert(a)
			}
		}(g)
	}
	wg.Wait()
	if _, ans := topTitle(t, "dustin", "Åpningstider?", "nb"); ans == nil {
		t.Error("index damaged by concurrent updates")
	}
}

func TestRunKBSearch(t *testing.T) {
	in := strings.NewReader(`{"id":"a","shop":"dustin","q":"Hva betyr DOA?","lang":"nb"}

{"id":"b","shop":"dustin","q":"Har dere gavekort?"}
`)
	var out bytes.Buffer
	if err := RunKBSearch(in, &out, seedLibrary()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines: %s", len(lines), out.String())
	}
	var a, b map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &b); err != nil {
		t.Fatal(err)
	}
	ans, _ := a["answer"].(map[string]any)
	if a["id"] != "a" || ans == nil || !strings.Contains(ans["text"].(string), "Dead on Arrival") {
		t.Errorf("line 1 = %s", lines[0])
	}
	if _, ok := ans["score"].(float64); !ok {
		t.Errorf("answer has no score: %s", lines[0])
	}
	if b["id"] != "b" || b["answer"] != nil || b["results"] == nil {
		t.Errorf("line 2 = %s (want answer null, results array)", lines[1])
	}
	if err := RunKBSearch(strings.NewReader("{not json}\n"), &out, seedLibrary()); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("bad input: err = %v", err)
	}
}
