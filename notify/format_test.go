package notify

import (
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk"
)

func TestFormatDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang claimdesk.Lang
		d    claimdesk.Date
		want string
	}{
		{claimdesk.Bokmal, date(2026, 5, 18), "18. mai 2026"},
		{claimdesk.Nynorsk, date(2026, 5, 18), "18. mai 2026"},
		{claimdesk.Swedish, date(2026, 5, 18), "18 maj 2026"},
		{claimdesk.Danish, date(2026, 5, 18), "18. maj 2026"},
		{claimdesk.English, date(2026, 5, 18), "18 May 2026"},
		{claimdesk.Danish, date(2026, 3, 1), "1. marts 2026"},
		{claimdesk.Swedish, date(2026, 8, 9), "9 augusti 2026"},
		{claimdesk.Bokmal, date(2026, 12, 24), "24. desember 2026"},
		{claimdesk.English, date(2027, 1, 2), "2 January 2027"},
		{"xx", date(2026, 10, 3), "3. oktober 2026"},
		{claimdesk.Bokmal, claimdesk.Date{}, ""},
	}
	for _, tt := range tests {
		if got := FormatDate(tt.lang, tt.d); got != tt.want {
			t.Errorf("FormatDate(%s, %s) = %q, want %q", tt.lang, tt.d, got, tt.want)
		}
	}
}

func TestFormatMoney(t *testing.T) {
	t.Parallel()
	m := func(minor claimdesk.Minor, cur string) claimdesk.Money {
		return claimdesk.Money{Amount: minor, Currency: cur}
	}
	tests := []struct {
		lang claimdesk.Lang
		m    claimdesk.Money
		want string
	}{
		{claimdesk.Bokmal, m(236900, "NOK"), "2 369,00 kr"},
		{claimdesk.Nynorsk, m(236900, "NOK"), "2 369,00 kr"},
		{claimdesk.Swedish, m(236900, "SEK"), "2 369,00 kr"},
		{claimdesk.Danish, m(236900, "DKK"), "2.369,00 kr."},
		{claimdesk.English, m(236900, "NOK"), "NOK 2,369.00"},
		{claimdesk.English, m(5, "SEK"), "SEK 0.05"},
		{claimdesk.Bokmal, m(25000, "NOK"), "250,00 kr"},
		{claimdesk.Bokmal, m(123456789, "NOK"), "1 234 567,89 kr"},
		{claimdesk.Danish, m(100000000, "DKK"), "1.000.000,00 kr."},
		{claimdesk.Swedish, m(-49950, "SEK"), "-499,50 kr"},
		{claimdesk.Bokmal, m(1999, "EUR"), "19,99 EUR"},
		{claimdesk.English, m(99900, "usd"), "USD 999.00"},
		{claimdesk.Bokmal, m(0, "NOK"), "0,00 kr"},
	}
	for _, tt := range tests {
		if got := FormatMoney(tt.lang, tt.m); got != tt.want {
			t.Errorf("FormatMoney(%s, %s) = %q, want %q", tt.lang, tt.m, got, tt.want)
		}
	}
}

func TestWrap(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, first, rest string
		w                     int
		want                  string
	}{
		{"fits", "a b c", "", "", 10, "a b c"},
		{"breaks at spaces", "aaa bbb ccc", "", "", 7, "aaa bbb\nccc"},
		{"long word alone", "see https://example.com/a/very/long/path ok", "", "", 10, "see\nhttps://example.com/a/very/long/path\nok"},
		{"hanging indent", "one two three", "- ", "  ", 9, "- one two\n  three"},
		{"runes not bytes", "æææ øøø", "", "", 7, "æææ øøø"},
		{"fact value under its label", "Reparasjon av hengsel og skjerm", "Gebyr: ", "       ", 20, "Gebyr: Reparasjon av\n       hengsel og\n       skjerm"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wrap(tt.in, tt.first, tt.rest, tt.w); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLinkValidity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		mins int
		want string
	}{
		{"minutes", 15, "The link is valid for 15 minutes."},
		{"one day as hours", 24 * 60, "The link is valid for 24 hours."},
		{"whole days", 7 * 24 * 60, "The link is valid for 7 days."},
		{"not whole days", 36 * 60, "The link is valid for 2160 minutes."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := example(SignInLink, claimdesk.English)
			d.LinkMins = tt.mins
			m, err := Render(SignInLink, claimdesk.English, d)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(m.Text, tt.want) {
				t.Errorf("text lacks %q:\n%s", tt.want, m.Text)
			}
		})
	}
}
