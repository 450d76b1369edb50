package claimdesk

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ShopBrand is how a shop's customer portal looks. The agent workspace
// stays neutral whatever a shop chooses.
type ShopBrand struct {
	// Color is the portal's accent colour as "#rrggbb": buttons, links and
	// the active navigation item. Empty means claimdesk's default.
	Color string `json:"color"`
}

// MinBrandContrast is the contrast ratio white text needs on a brand colour:
// WCAG 2.x success criterion 1.4.3 (Contrast, Minimum), level AA, for normal
// text. Buttons carry white text on the colour.
const MinBrandContrast = 4.5

// RGB is a colour in sRGB with 8 bits per channel.
type RGB struct{ R, G, B uint8 }

// White is the text colour on a brand colour.
var White = RGB{255, 255, 255}

// ParseHexColor reads "#rrggbb" (either case).
func ParseHexColor(s string) (RGB, error) {
	if len(s) != 7 || s[0] != '#' {
		return RGB{}, fmt.Errorf("%q is not a colour of the form #rrggbb", s)
	}
	n, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return RGB{}, fmt.Errorf("%q is not a colour of the form #rrggbb", s)
	}
	return RGB{uint8(n >> 16), uint8(n >> 8), uint8(n)}, nil
}

// Hex writes the colour as "#rrggbb" in lower case.
func (c RGB) Hex() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Luminance is the colour's relative luminance as WCAG 2.x defines it:
// 0 for black, 1 for white.
func (c RGB) Luminance() float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// ContrastRatio is WCAG 2.x's contrast ratio of two colours, from 1 (the
// same) to 21 (black and white); the order does not matter.
func ContrastRatio(a, b RGB) float64 {
	la, lb := a.Luminance(), b.Luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// FormatRatio writes a contrast ratio with two decimals, rounded down so
// that a colour that fails never reads as passing ("4.49", not "4.50").
func FormatRatio(r float64) string {
	return strconv.FormatFloat(math.Floor(r*100)/100, 'f', 2, 64)
}

// Normalize returns the brand with its colour trimmed and in lower case.
func (b ShopBrand) Normalize() ShopBrand {
	b.Color = strings.ToLower(strings.TrimSpace(b.Color))
	return b
}

// Validate checks the brand: a colour is "#rrggbb" and white text on it
// has a contrast ratio of at least MinBrandContrast. It returns an invalid
// *Error with the field "color" (code color_format or low_contrast), or nil.
func (b ShopBrand) Validate() error {
	var v Validation
	if b.Color == "" {
		return nil
	}
	c, err := ParseHexColor(b.Color)
	if err != nil {
		v.Add("color", "color_format", "the brand colour must be of the form #rrggbb, like #1f5a96")
		return v.Err()
	}
	if r := ContrastRatio(White, c); r < MinBrandContrast {
		v.Add("color", "low_contrast", "white text on %s has a contrast ratio of %s:1; it needs at least %.1f:1 (WCAG 2.x, 1.4.3): choose a darker colour",
			c.Hex(), FormatRatio(r), MinBrandContrast)
	}
	return v.Err()
}
