package label

import (
	"fmt"
	"io"
	"strings"

	"github.com/signintech/gopdf"
)

// Page geometry in millimetres: A6 portrait with a 5 mm margin all round,
// which thermal label printers and office printers both leave untouched.
const (
	pageW   = 105.0
	pageH   = 148.0
	margin  = 5.0
	left    = margin
	right   = pageW - margin
	bottom  = pageH - margin
	content = right - left

	mmPerPt = 25.4 / 72
	leading = 1.18 // line height as a multiple of the type size

	ruleWidth    = 0.5  // mm, the rules between sections
	barHeight    = 18.0 // mm, Code128 bar height
	quietModules = 10   // Code128 quiet zone each side, in modules (ISO/IEC 15417)
	qrQuiet      = 4    // QR quiet zone each side, in modules (ISO/IEC 18004)
	maxQRBox     = 32.0 // mm, the square the QR code and its quiet zone fill at most
	minQRBox     = 24.0 // mm, … and at least; the QR code takes what is left above the margin
	minQRModule  = 0.38 // mm, below this phone cameras start to struggle
	maxBarModule = 0.5  // mm, Code128 module width when the number is short
	minBarModule = 0.25 // mm, below this a 203 dpi thermal printer cannot print it
)

// Render writes l as a one-page A6 PDF to w. It returns an error wrapping
// [ErrInvalid] when l fails [Label.Validate] and one wrapping [ErrDoesNotFit]
// when a text is too long for its place; nothing is written then.
func Render(w io.Writer, l Label) error {
	if err := l.Validate(); err != nil {
		return err
	}
	fc, err := fonts()
	if err != nil {
		return err
	}
	pdf := new(gopdf.GoPdf)
	pdf.Start(gopdf.Config{
		Unit:     gopdf.UnitMM,
		PageSize: gopdf.Rect{W: pageW, H: pageH}, // in Unit (mm)
	})
	pdf.SetInfo(gopdf.PdfInfo{Title: l.CaseNumber, Subject: l.Kind, Creator: "claimdesk", CreationDate: l.Created})
	for _, family := range []string{regular, bold} {
		if err := pdf.AddTTFFontFromFontContainer(family, fc); err != nil {
			return fmt.Errorf("label: add font %s: %w", family, err)
		}
	}
	pdf.AddPage()
	p := &pen{pdf: pdf}
	y := margin
	for _, section := range []func(*pen, Label, float64) float64{sender, returnAddress, caseNumber, checklist} {
		y = section(p, l, y)
		if p.err != nil {
			return p.err
		}
	}
	if _, err := pdf.WriteTo(w); err != nil {
		return fmt.Errorf("label: write PDF: %w", err)
	}
	return nil
}

// sender prints the "From" block small on the left and the case kind white on
// black on the right, then a rule. It returns the y below the rule.
func sender(p *pen, l Label, y float64) float64 {
	width := content
	kindBottom := y
	if k := strings.TrimSpace(l.Kind); k != "" {
		size := p.fit(bold, k, 11, 7, content*0.45-6, "Kind")
		kw := p.width(bold, size, k) + 6
		h := size*mmPerPt + 4.5
		p.pdf.SetFillColor(0, 0, 0)
		p.pdf.RectFromUpperLeftWithStyle(right-kw, y, kw, h, "F")
		p.pdf.SetTextColor(255, 255, 255)
		p.text(bold, size, right-kw+3, y+2.2, k)
		p.pdf.SetTextColor(0, 0, 0)
		width -= kw + 4
		kindBottom = y + h
	}
	y = p.heading(l.Headings.From, y)
	y = p.address(l.From, "From", y, width, addressStyle{nameSize: 9, lineSize: 8.5, citySize: 8.5, min: 6})
	return p.rule(max(y, kindBottom) + 2)
}

// returnAddress prints the shop's address large, marked by a bar on its left.
func returnAddress(p *pen, l Label, y float64) float64 {
	y = p.heading(l.Headings.ReturnTo, y)
	top := y
	y = p.address(l.ReturnTo, "ReturnTo", y, content-4, addressStyle{
		indent: 4, nameSize: 16, lineSize: 13, citySize: 16, cityBold: true, min: 9,
	})
	p.pdf.SetFillColor(0, 0, 0)
	p.pdf.RectFromUpperLeftWithStyle(left, top+0.5, 1.4, y-top-1, "F")
	return p.rule(y + 2)
}

// caseNumber prints the Code128 barcode centred with its quiet zones, the
// number in large type below it and the caller's instruction, boxed.
func caseNumber(p *pen, l Label, y float64) float64 {
	y = p.heading(l.Headings.CaseNumber, y)
	m, err := code128Modules(l.CaseNumber)
	if err != nil {
		p.fail(err)
		return y
	}
	mod := min(maxBarModule, content/float64(m.w+2*quietModules))
	if mod < minBarModule {
		p.fail(fmt.Errorf("%w: CaseNumber is too long for a scannable barcode", ErrDoesNotFit))
		return y
	}
	y += 1.5
	drawModules(p.pdf, m, left+(content-mod*float64(m.w))/2, y, mod, barHeight)
	y += barHeight + 1.5
	size := p.fit(bold, l.CaseNumber, 16, 10, content, "CaseNumber")
	p.text(bold, size, left+(content-p.width(bold, size, l.CaseNumber))/2, y, l.CaseNumber)
	y += size * mmPerPt * leading
	if ins := strings.TrimSpace(l.Instruction); ins != "" {
		y = p.boxed(ins, y+1.5)
	}
	return p.rule(y + 2)
}

// checklist prints the packing notes with check boxes on the left and the QR
// code for the status page on the right, both within the space left.
func checklist(p *pen, l Label, y float64) float64 {
	box := min(maxQRBox, bottom-y+1.5)
	if box < minQRBox {
		p.fail(fmt.Errorf("%w: no room left for the QR code; shorten the addresses or the instruction", ErrDoesNotFit))
		return y
	}
	m, err := qrModules(l.StatusURL)
	if err != nil {
		p.fail(err)
		return y
	}
	mod := box / float64(m.w+2*qrQuiet)
	if mod < minQRModule {
		p.fail(fmt.Errorf("%w: StatusURL is too long for a scannable QR code", ErrDoesNotFit))
		return y
	}
	// The quiet zone may reach into the gap below the rule: it is white anyway.
	drawModules(p.pdf, m, right-box+qrQuiet*mod, y-1.5+qrQuiet*mod, mod, mod)
	if !hasNotes(l.Checklist) {
		return y + box
	}
	width := content - maxQRBox - 1
	top := p.heading(l.Headings.Checklist, y)
	for size := 8.5; size >= 6; size -= 0.5 {
		lines, h := p.wrapNotes(l.Checklist, size, width-5)
		if p.err != nil || top+h > bottom {
			continue
		}
		p.notes(lines, size, top)
		return top + h
	}
	p.fail(fmt.Errorf("%w: the packing checklist is too long for the label", ErrDoesNotFit))
	return y
}

// addressStyle sets the type sizes of an address block in points.
type addressStyle struct {
	indent                       float64 // mm from the left margin
	nameSize, lineSize, citySize float64
	cityBold                     bool
	min                          float64 // smallest size any line may shrink to
}

// address prints a one name, street lines, postcode and city, and country
// block from y and returns the y below it. field names a in errors.
func (p *pen) address(a Address, field string, y, width float64, st addressStyle) float64 {
	x := left + st.indent
	type line struct {
		text, font string
		size       float64
	}
	lines := []line{{a.Name, bold, st.nameSize}}
	for _, s := range a.Lines {
		lines = append(lines, line{s, regular, st.lineSize})
	}
	cityFont := regular
	if st.cityBold {
		cityFont = bold
	}
	lines = append(lines, line{strings.TrimSpace(a.Postcode + "  " + a.City), cityFont, st.citySize})
	if a.Country != "" {
		lines = append(lines, line{strings.ToUpper(a.Country), cityFont, st.lineSize})
	}
	for _, ln := range lines {
		if strings.TrimSpace(ln.text) == "" {
			continue
		}
		size := p.fit(ln.font, ln.text, ln.size, st.min, width, field)
		p.text(ln.font, size, x, y, ln.text)
		y += size * mmPerPt * leading
	}
	return y
}

// wrapNotes word-wraps each note at size pt into width mm and returns the
// lines per note and the height they take.
func (p *pen) wrapNotes(notes []string, size, width float64) ([][]string, float64) {
	var out [][]string
	h := 0.0
	for _, n := range notes {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		p.font(regular, size)
		lines, err := p.pdf.SplitTextWithWordWrap(n, width)
		if err != nil {
			p.fail(fmt.Errorf("label: wrap packing note: %w", err))
			return nil, 0
		}
		out = append(out, lines)
		h += float64(len(lines))*size*mmPerPt*leading + 1.2
	}
	return out, h
}

// notes prints wrapped notes from y, each behind an empty check box.
func (p *pen) notes(notes [][]string, size, y float64) {
	lh := size * mmPerPt * leading
	box := min(3.2, size*mmPerPt*0.95)
	p.pdf.SetLineWidth(0.3)
	p.pdf.SetStrokeColor(0, 0, 0)
	for _, lines := range notes {
		p.pdf.RectFromUpperLeftWithStyle(left+0.2, y+(lh-box)/2-0.15, box, box, "D")
		for _, s := range lines {
			p.text(regular, size, left+5, y, s)
			y += lh
		}
		y += 1.2
	}
}

// boxed prints s in bold, word-wrapped inside a ruled box across the page,
// and returns the y below the box.
func (p *pen) boxed(s string, y float64) float64 {
	const size, pad = 8.5, 1.8
	p.font(bold, size)
	lines, err := p.pdf.SplitTextWithWordWrap(s, content-2*pad-4)
	if err != nil {
		p.fail(fmt.Errorf("label: wrap instruction: %w", err))
		return y
	}
	lh := size * mmPerPt * leading
	h := float64(len(lines))*lh + 2*pad
	p.pdf.SetLineWidth(0.35)
	p.pdf.SetStrokeColor(0, 0, 0)
	p.pdf.RectFromUpperLeftWithStyle(left, y, content, h, "D")
	p.pdf.SetFillColor(0, 0, 0)
	p.pdf.RectFromUpperLeftWithStyle(left, y, 2.2, h, "F")
	for i, ln := range lines {
		p.text(bold, size, left+2.2+pad+1, y+pad+float64(i)*lh, ln)
	}
	return y + h
}

// pen draws text on a page and keeps the first error, so that layout code
// reads as a sequence of steps.
type pen struct {
	pdf *gopdf.GoPdf
	err error
}

func (p *pen) fail(err error) {
	if p.err == nil {
		p.err = err
	}
}

func (p *pen) font(family string, size float64) {
	if p.err == nil {
		if err := p.pdf.SetFont(family, "", size); err != nil {
			p.fail(fmt.Errorf("label: set font: %w", err))
		}
	}
}

// text prints s with its top-left corner at (x, y) mm.
func (p *pen) text(family string, size, x, y float64, s string) {
	p.font(family, size)
	if p.err != nil {
		return
	}
	p.pdf.SetXY(x, y)
	if err := p.pdf.Cell(nil, s); err != nil {
		p.fail(fmt.Errorf("label: print %q: %w", s, err))
	}
}

// width measures s in mm.
func (p *pen) width(family string, size float64, s string) float64 {
	p.font(family, size)
	if p.err != nil {
		return 0
	}
	w, err := p.pdf.MeasureTextWidth(s)
	if err != nil {
		p.fail(fmt.Errorf("label: measure %q: %w", s, err))
	}
	return w
}

// fit returns the largest size from maxSize down to minSize, in half points,
// at which s fits in width mm. If none does it records an ErrDoesNotFit
// naming field.
func (p *pen) fit(family, s string, maxSize, minSize, width float64, field string) float64 {
	for size := maxSize; size >= minSize; size -= 0.5 {
		if p.width(family, size, s) <= width {
			return size
		}
	}
	p.fail(fmt.Errorf("%w: %s %q is wider than %.0f mm", ErrDoesNotFit, field, s, width))
	return minSize
}

// heading prints a section caption in small capitals and returns the y below it.
func (p *pen) heading(s string, y float64) float64 {
	const size = 6.5
	p.text(bold, size, left, y, strings.ToUpper(s))
	return y + size*mmPerPt*leading + 0.6
}

// rule draws a full-width rule ruleWidth below y and returns the y below it
// plus the gap before the next section.
func (p *pen) rule(y float64) float64 {
	p.pdf.SetLineWidth(ruleWidth)
	p.pdf.SetStrokeColor(0, 0, 0)
	p.pdf.Line(left, y, right, y)
	return y + 2.2
}

// hasNotes reports whether any packing note has text.
func hasNotes(notes []string) bool {
	for _, n := range notes {
		if strings.TrimSpace(n) != "" {
			return true
		}
	}
	return false
}
