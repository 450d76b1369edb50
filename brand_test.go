package claimdesk

import (
	"math"
	"strings"
	"testing"
)

// TestBrandContrast: white text on a brand colour needs a contrast ratio of
// at least 4.5:1 — WCAG 2.x SC 1.4.3 (Contrast, Minimum), level AA, with
// relative luminance and contrast ratio as WCAG 2.x defines them.
func TestBrandContrast(t *testing.T) {
	tests := []struct {
		name  string
		color string
		ratio float64 // white on the colour, to 2 decimals; 0 when not a colour
		code  string  // the field error's code; "" when valid
	}{
		{"empty is claimdesk's default", "", 0, ""},
		{"claimdesk's own blue", "#1f5a96", 7.09, ""},
		{"black, the largest ratio", "#000000", 21, ""},
		{"#767676, the lightest grey that passes", "#767676", 4.54, ""},
		{"#777777 fails by a hair", "#777777", 4.47, "low_contrast"},
		{"upper case", "#0B3D91", 10.04, ""},
		{"white, ratio 1", "#ffffff", 1, "low_contrast"},
		{"yellow", "#f0c000", 1.71, "low_contrast"},
		{"dark green", "#1b5e20", 7.86, ""},
		{"no hash", "1f5a96", 0, "color_format"},
		{"short form", "#fff", 0, "color_format"},
		{"not hex", "#12345g", 0, "color_format"},
		{"a name", "navy", 0, "color_format"},
		{"sign inside", "#+12345", 0, "color_format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.ratio > 0 {
				c, err := ParseHexColor(tt.color)
				if err != nil {
					t.Fatal(err)
				}
				if got := math.Floor(ContrastRatio(White, c)*100) / 100; got != tt.ratio {
					t.Errorf("ratio %.4f, want %.2f", ContrastRatio(White, c), tt.ratio)
				}
			}
			err := ShopBrand{Color: tt.color}.Validate()
			if tt.code == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			e, ok := err.(*Error)
			if !ok || e.Code != CodeInvalid || len(e.Fields) != 1 || e.Fields[0].Field != "color" || e.Fields[0].Code != tt.code {
				t.Fatalf("Validate = %v, want %s on color", err, tt.code)
			}
			if tt.code == "low_contrast" && !strings.Contains(e.Fields[0].Message, FormatRatio(ContrastRatio(White, mustParse(t, tt.color)))+":1") {
				t.Errorf("the message does not say the ratio: %s", e.Fields[0].Message)
			}
		})
	}
}

func mustParse(t *testing.T, s string) RGB {
	t.Helper()
	c, err := ParseHexColor(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestLuminance: WCAG 2.x relative luminance of the primaries and black
// and white, and that the ratio does not depend on the order.
func TestLuminance(t *testing.T) {
	for _, tt := range []struct {
		c    RGB
		want float64
	}{
		{RGB{0, 0, 0}, 0}, {RGB{255, 255, 255}, 1}, {RGB{255, 0, 0}, 0.2126}, {RGB{0, 255, 0}, 0.7152}, {RGB{0, 0, 255}, 0.0722},
	} {
		if got := tt.c.Luminance(); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s: %v, want %v", tt.c.Hex(), got, tt.want)
		}
	}
	a, b := RGB{0x1f, 0x5a, 0x96}, White
	if ContrastRatio(a, b) != ContrastRatio(b, a) {
		t.Error("the ratio depends on the order")
	}
	if got := FormatRatio(4.4999); got != "4.49" {
		t.Errorf("FormatRatio(4.4999) = %s: a failing ratio must not round up to a passing one", got)
	}
}
