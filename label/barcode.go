package label

import (
	"fmt"
	"image/color"

	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/code128"
	"github.com/boombuler/barcode/qr"
	"github.com/signintech/gopdf"
)

// Barcodes are drawn as filled vector rectangles, one per run of dark
// modules, instead of embedded raster images. Vector bars stay sharp at any
// printer resolution, need no PNG round trip (so gopdf's 16-bit image gotcha
// does not apply) and keep the file small.

// modules is a barcode as a grid of dark (true) and light modules.
type modules struct {
	w, h int
	dark []bool
}

func (m modules) at(x, y int) bool { return m.dark[y*m.w+x] }

// toModules reads a boombuler barcode at its native size (one pixel per module).
func toModules(bc barcode.Barcode) modules {
	b := bc.Bounds()
	m := modules{w: b.Dx(), h: b.Dy(), dark: make([]bool, b.Dx()*b.Dy())}
	for y := 0; y < m.h; y++ {
		for x := 0; x < m.w; x++ {
			g := color.GrayModel.Convert(bc.At(b.Min.X+x, b.Min.Y+y)).(color.Gray)
			m.dark[y*m.w+x] = g.Y < 128
		}
	}
	return m
}

// code128Modules encodes s as Code128 (with its checksum) into one row of modules.
func code128Modules(s string) (modules, error) {
	bc, err := code128.Encode(s)
	if err != nil {
		return modules{}, fmt.Errorf("%w: Code128 of %q: %v", ErrInvalid, s, err)
	}
	m := toModules(bc)
	m.h = 1
	m.dark = m.dark[:m.w]
	return m, nil
}

// qrModules encodes s as a QR code with level M error correction (15 %),
// enough for a label that gets handled and taped over at the edges.
func qrModules(s string) (modules, error) {
	bc, err := qr.Encode(s, qr.M, qr.Auto)
	if err != nil {
		return modules{}, fmt.Errorf("%w: QR code of the status URL: %v", ErrInvalid, err)
	}
	return toModules(bc), nil
}

// drawModules fills the dark runs of m with black, each module modW × modH mm,
// the grid's upper-left corner at (x, y) mm. Rows overlap by a hair so that
// anti-aliasing viewers show no seams between them.
func drawModules(pdf *gopdf.GoPdf, m modules, x, y, modW, modH float64) {
	pdf.SetFillColor(0, 0, 0)
	overlap := 0.0
	if m.h > 1 {
		overlap = modH * 0.04
	}
	for row := 0; row < m.h; row++ {
		h := modH
		if row < m.h-1 {
			h += overlap
		}
		for col := 0; col < m.w; {
			if !m.at(col, row) {
				col++
				continue
			}
			start := col
			for col < m.w && m.at(col, row) {
				col++
			}
			pdf.RectFromUpperLeftWithStyle(x+float64(start)*modW, y+float64(row)*modH, float64(col-start)*modW, h, "F")
		}
	}
}
