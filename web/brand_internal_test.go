package web

import (
	"regexp"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk"
)

// TestBrandSheet: the accent stays readable as text on its soft tint (the
// current menu item) at 4.5:1 (WCAG 2.x SC 1.4.3), even for the lightest
// colour shop settings allow; a new colour gives a new hash.
func TestBrandSheet(t *testing.T) {
	vars := regexp.MustCompile(`--(accent[a-z-]*):(#[0-9a-f]{6})`)
	hashes := map[string]string{}
	for _, color := range []string{"#767676", "#1f5a96", "#0b3d91", "#9b1c1c", "#000000"} {
		t.Run(color, func(t *testing.T) {
			css, hash, ok := brandSheet(claimdesk.ShopBrand{Color: color})
			if !ok {
				t.Fatal("no stylesheet")
			}
			got := map[string]claimdesk.RGB{}
			for _, m := range vars.FindAllStringSubmatch(string(css), -1) {
				got[m[1]], _ = claimdesk.ParseHexColor(m[2])
			}
			accent, soft, strong := got["accent"], got["accent-soft"], got["accent-strong"]
			if accent.Hex() != color || len(got) != 4 {
				t.Fatalf("variables %v in\n%s", got, css)
			}
			if r := claimdesk.ContrastRatio(accent, soft); r < claimdesk.MinBrandContrast {
				t.Errorf("the accent on its soft tint %s: %.2f:1", soft.Hex(), r)
			}
			if claimdesk.ContrastRatio(strong, soft) < claimdesk.ContrastRatio(accent, soft) {
				t.Errorf("the strong shade %s reads worse than the accent on the tint", strong.Hex())
			}
			if other, dup := hashes[hash]; dup {
				t.Errorf("%s has the hash of %s", color, other)
			}
			hashes[hash] = color
		})
	}
	for _, b := range []string{"", "blue"} {
		if _, _, ok := brandSheet(claimdesk.ShopBrand{Color: b}); ok {
			t.Errorf("a stylesheet for colour %q", b)
		}
	}
}

// TestDefaultAccent: the colour that means "no brand colour" is app.css's.
func TestDefaultAccent(t *testing.T) {
	css, err := staticFS.ReadFile("static/app.css")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(css), "--accent: "+defaultAccent+";") {
		t.Errorf("app.css's --accent is not %s", defaultAccent)
	}
}
