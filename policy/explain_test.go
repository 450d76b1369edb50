package policy

import (
	"strings"
	"testing"
)

func TestExplanationLanguages(t *testing.T) {
	e := testEngine(t)
	tests := []struct {
		name string
		lang string
		shop string
		cty  string
		want string
	}{
		{"nb with the holiday named (angrerettloven § 20)", "nb", "dustin", "NO",
			"Angrefristen går ut 18. mai 2026 (angrerettloven § 20, forlenget fordi 17. mai 2026 er helligdag)."},
		{"nn", "nn", "dustin", "NO", "Angrefristen går ut 18. mai 2026 (angrerettloven § 20, forlengd fordi 17. mai 2026 er heilagdag)."},
		{"sv", "sv", "dustin", "NO", "Ångerfristen går ut 18 maj 2026 (angrerettloven § 20, förlängd eftersom 17 maj 2026 är helgdag)."},
		{"da", "da", "dustin", "NO", "Fortrydelsesfristen udløber 18. maj 2026 (angrerettloven § 20, forlænget fordi 17. maj 2026 er helligdag)."},
		{"en", "en", "dustin", "NO", "The withdrawal period runs until 18 May 2026 (angrerettloven § 20, extended because 17 May 2026 is a public holiday)."},
		{"default: the shop's language for the market", "", "compumail", "DK",
			"Fortrydelsesfristen udløber 18. maj 2026 (forbrugeraftaleloven § 19, stk. 1, forlænget fordi 17. maj 2026 er søndag)."},
		{"unknown lang falls back to the market", "fi", "compumail", "SE",
			"Ångerfristen går ut 18 maj 2026 (lag (2005:59) om distansavtal 2 kap. 10 §, förlängd eftersom 17 maj 2026 är söndag)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := sc(tt.shop, "withdrawal", tt.cty, "consumer", "2026-05-03", "2026-05-10")
			s.Customer.Lang = tt.lang
			d := e.Assess(s)
			if got := d.Explanation[0].Text; got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestMoneyFormat(t *testing.T) {
	tests := []struct {
		lang, want string
	}{
		{"nb", "4 159,00 NOK"}, {"nn", "4 159,00 NOK"}, {"sv", "4 159,00 NOK"}, {"da", "4.159,00 NOK"}, {"en", "NOK 4,159.00"},
	}
	for _, tt := range tests {
		if got := defaultCatalogue.langs[tt.lang].money(415900, "NOK"); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.lang, got, tt.want)
		}
	}
	if got := defaultCatalogue.langs["en"].money(123456789, "SEK"); got != "SEK 1,234,567.89" {
		t.Errorf("grouping: %q", got)
	}
}

// TestCataloguesComplete checks every language has every message of en.
func TestCataloguesComplete(t *testing.T) {
	en := defaultCatalogue.langs["en"]
	for _, l := range langs {
		lc := defaultCatalogue.langs[l]
		if lc == nil {
			t.Fatalf("no catalogue for %s", l)
		}
		for k := range en.Msg {
			if lc.Msg[k] == "" {
				t.Errorf("%s: missing %s", l, k)
			} else if strings.Count(lc.Msg[k], "{") != strings.Count(en.Msg[k], "{") {
				t.Errorf("%s: %s has other placeholders than en", l, k)
			}
		}
		for _, k := range []string{"saturday", "sunday", "public_holiday", "extra_non_day"} {
			if lc.DayKinds[k] == "" {
				t.Errorf("%s: missing day kind %s", l, k)
			}
		}
	}
}

// TestEveryRuleHasAMessage runs the dev set and checks no template was
// left unfilled.
func TestEveryRuleHasAMessage(t *testing.T) {
	e := testEngine(t)
	for _, l := range langs {
		for _, s := range devScenarios(t) {
			s.Customer.Lang = l
			d := e.Assess(s)
			for _, x := range d.Explanation {
				if x.Text == "" || strings.Contains(x.Text, "{") || x.Source == "" {
					t.Errorf("%s %s %s: %q (source %q)", l, *s.ID, x.Rule, x.Text, x.Source)
				}
			}
		}
	}
}
