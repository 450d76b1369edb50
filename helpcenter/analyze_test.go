package helpcenter

import "testing"

func TestFoldSpellingsMeet(t *testing.T) {
	tests := []struct{ name, a, b string }{
		{"æ and ae", "ærend", "aerend"},
		{"æ and ä", "ærende", "ärende"},
		{"ø and oe", "bøter", "boeter"},
		{"ø and ö", "nøjd", "nöjd"},
		{"ö and o", "öppet", "oppet"},
		{"å and aa", "ångerrätt", "aangerraett"},
		{"å and a", "får", "far"},
		{"ä and a", "rätt", "ratt"},
		{"tion and sjon", "reklamation", "reklamasjon"},
		{"double letters", "rett", "ret"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if fa, fb := fold(tt.a), fold(tt.b); fa != fb {
				t.Errorf("fold(%q) = %q, fold(%q) = %q; want equal", tt.a, fa, tt.b, fb)
			}
		})
	}
}

func TestStemmingMeetsInflections(t *testing.T) {
	tests := []struct{ name, lang, a, b string }{
		{"nb definite plural", "nb", "reklamasjonene", "reklamasjon"},
		{"nb plural", "nb", "varene", "vare"},
		{"sv definite plural", "sv", "varorna", "vara"},
		{"sv definite", "sv", "skadan", "skada"},
		{"da definite", "da", "pakken", "pakke"},
		{"en plural", "en", "refunds", "refund"},
		{"sv and nb across", "sv", "reklamationen", "reklamasjon"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if ka, kb := docKey(tt.lang, tt.a), docKey(tt.lang, tt.b); ka != kb {
				t.Errorf("docKey(%s, %q) = %q, docKey(%s, %q) = %q; want equal", tt.lang, tt.a, ka, tt.lang, tt.b, kb)
			}
		})
	}
}

func TestWords(t *testing.T) {
	got := words("Send e-post til kundeservice, ordre 4471823! Ångerrätt?")
	want := []string{"send", "epost", "til", "kundeservice", "ordre", "4471823", "ångerrätt"}
	if len(got) != len(want) {
		t.Fatalf("words = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("word %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestFuzzySet(t *testing.T) {
	f := newFuzzySet()
	for _, w := range []string{"angrefrist", "reklamasjon", "frakt", "garanti"} {
		f.add(w)
	}
	tests := []struct {
		name, word string
		want       string
	}{
		{"transposition", "angrefirst", "angrefrist"},
		{"missing letter", "reklamsjon", "reklamasjon"},
		{"substitution", "garamti", "garanti"},
		{"too short for typos", "frak", ""},
		{"too far", "garantiperiode", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.near(tt.word)
			if tt.want == "" && len(got) > 0 || tt.want != "" && !containsStr(got, tt.want) {
				t.Errorf("near(%q) = %q, want %q", tt.word, got, tt.want)
			}
		})
	}
	f.remove("garanti")
	if got := f.near("garamti"); len(got) > 0 {
		t.Errorf("after remove, near = %q", got)
	}
}

func TestLexiconParses(t *testing.T) {
	if len(lex.names) < 50 {
		t.Fatalf("only %d concept groups", len(lex.names))
	}
	tests := []struct{ name, a, b string }{
		{"withdrawal nb/sv", "angrerett", "ångerrätt"},
		{"withdrawal da/sv", "fortrydelsesret", "ångerrätt"},
		{"transport damage nb/sv", "transportskade", "transportskada"},
		{"refund nb/en", "refusjon", "refund"},
		{"warranty nb/en", "garanti", "warranty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ca, cb := conceptsOf(tt.a), conceptsOf(tt.b)
			for _, c := range ca {
				if containsInt(cb, c) {
					return
				}
			}
			t.Errorf("%q %v and %q %v share no concept", tt.a, ca, tt.b, cb)
		})
	}
}

func conceptsOf(w string) []int {
	var out []int
	for _, k := range queryKeys("", w) {
		out = append(out, lex.single[k]...)
	}
	return out
}
