package web

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
)

// chart is a bar chart drawn on the server as inline SVG: no script, no
// library. It is an image with a title and a description for assistive
// technology (role="img"); the page puts a table with the same numbers
// beside it. Each series has a colour and a pattern of its own and is named
// in a legend, so colour is never the only cue.
type chart struct {
	ID         string // unique in the page; prefixes the ids inside
	Title      string
	Desc       string
	Labels     []string // one per bar or group of bars
	Series     []series
	Stacked    bool  // stack the series (else side by side)
	Horizontal bool  // bars grow to the right, labels on the left
	Max        int64 // the axis's end; 0: from the data
	MinMax     int64 // with Max 0: the axis ends no lower than this
	// Format writes an axis or bar value; nil writes the integer.
	Format func(int64) string

	left int // vertical charts: room for the value axis's labels
}

// series is one named set of values, one per label; a negative value is
// "no data" and draws nothing.
type series struct {
	Name   string
	Values []int64
}

// chartColours have at least 4.5:1 contrast against white, so bars and
// their white pattern marks stand out for low vision too.
var chartColours = []string{"#1f5a96", "#a4460a", "#1d6b3a", "#6b3fa0", "#9b1c4a", "#3d4653"}

const (
	chartWidth = 720
	labelLeft  = 190 // horizontal charts: room for the bar labels
	barRow     = 26  // horizontal charts: height of a bar's row
	plotHeight = 220 // vertical charts
	legendRow  = 22
)

// SVG draws the chart.
func (c chart) SVG() template.HTML {
	if c.Format == nil {
		c.Format = func(v int64) string { return strconv.FormatInt(v, 10) }
	}
	top := niceTop(max(c.maxValue(), c.MinMax))
	if c.Max > 0 {
		top = c.Max
	}
	c.left = max(40, 12+7*len([]rune(c.Format(top))))
	var b strings.Builder
	var height int
	if c.Horizontal {
		height = 10 + len(c.Labels)*barRow + 24
	} else {
		height = 12 + plotHeight + 34
	}
	legendY := height
	height += legendRow * c.legendRows()
	fmt.Fprintf(&b, `<svg class="chart" role="img" aria-labelledby="%s-t %s-d" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">`,
		c.ID, c.ID, chartWidth, height)
	fmt.Fprintf(&b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, c.ID, esc(c.Title), c.ID, esc(c.Desc))
	c.patterns(&b)
	if c.Horizontal {
		c.horizontal(&b, top)
	} else {
		c.vertical(&b, top)
	}
	c.legend(&b, legendY)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func esc(s string) string { return template.HTMLEscapeString(s) }

// maxValue is the largest bar: the largest stack or the largest value.
func (c chart) maxValue() int64 {
	var m int64
	for i := range c.Labels {
		var sum int64
		for _, s := range c.Series {
			v := max(s.Values[i], 0)
			if c.Stacked {
				sum += v
			} else {
				sum = max(sum, v)
			}
		}
		m = max(m, sum)
	}
	return m
}

// niceTop rounds v up to four times 1, 2, 3 or 5 times a power of ten, so
// that the four ticks fall on round numbers; at least 4.
func niceTop(v int64) int64 {
	if v <= 4 {
		return 4
	}
	step := int64(1)
	for {
		for _, m := range []int64{1, 2, 3, 5} {
			if s := step * m; s*4 >= v {
				return s * 4
			}
		}
		step *= 10
	}
}

// fill is series i's fill: its colour, with a pattern from the second on.
func (c chart) fill(i int) string {
	if i%4 == 0 {
		return chartColours[i%len(chartColours)]
	}
	return fmt.Sprintf("url(#%s-p%d)", c.ID, i)
}

// patterns defines the series' patterns: white stripes, dots or a grid on
// the series' colour.
func (c chart) patterns(b *strings.Builder) {
	b.WriteString(`<defs>`)
	for i := range c.Series {
		colour := chartColours[i%len(chartColours)]
		var mark string
		switch i % 4 {
		case 0:
			continue
		case 1:
			mark = `<path d="M0 0V8" stroke="#fff" stroke-width="2.5"/>`
		case 2:
			mark = `<circle cx="4" cy="4" r="1.8" fill="#fff"/>`
		case 3:
			mark = `<path d="M0 4H8M4 0V8" stroke="#fff" stroke-width="1.5"/>`
		}
		rotate := ""
		if i%4 == 1 {
			rotate = ` patternTransform="rotate(45)"`
		}
		fmt.Fprintf(b, `<pattern id="%s-p%d" width="8" height="8" patternUnits="userSpaceOnUse"%s><rect width="8" height="8" fill="%s"/>%s</pattern>`,
			c.ID, i, rotate, colour, mark)
	}
	b.WriteString(`</defs>`)
}

// vertical draws columns with the value axis on the left.
func (c chart) vertical(b *strings.Builder, top int64) {
	const y0 = 12
	plotW := float64(chartWidth - c.left - 8)
	base := float64(y0 + plotHeight)
	for t := int64(0); t <= 4; t++ {
		v := top * t / 4
		y := base - float64(plotHeight)*float64(t)/4
		fmt.Fprintf(b, `<line class="grid" x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#d9dee6"/>`, c.left, chartWidth-8, y, y)
		fmt.Fprintf(b, `<text x="%d" y="%.1f" text-anchor="end" font-size="12" fill="#4a5565">%s</text>`, c.left-6, y+4, esc(c.Format(v)))
	}
	n := max(len(c.Labels), 1)
	band := plotW / float64(n)
	every := (n + 11) / 12 // at most twelve labels along the axis
	for i, label := range c.Labels {
		x := float64(c.left) + band*float64(i) + band*0.15
		width := band * 0.7
		if !c.Stacked && len(c.Series) > 1 {
			width /= float64(len(c.Series))
		}
		y := base
		for si, s := range c.Series {
			v := s.Values[i]
			if v < 0 {
				continue
			}
			h := float64(plotHeight) * float64(v) / float64(top)
			bx := x
			if !c.Stacked {
				bx = x + width*float64(si)
				y = base
			}
			y -= h
			fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s" stroke="#fff" stroke-width="0.5"><title>%s, %s: %s</title></rect>`,
				bx, y, width, h, c.fill(si), esc(label), esc(s.Name), esc(c.Format(v)))
		}
		if i%every == 0 {
			fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="12" fill="#1c2430">%s</text>`, x+band*0.35, base+16, esc(label))
		}
	}
	fmt.Fprintf(b, `<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#4a5565"/>`, c.left, chartWidth-8, base, base)
}

// horizontal draws one bar (or stack) per label, each labelled with its
// name on the left and its value at its end.
func (c chart) horizontal(b *strings.Builder, top int64) {
	const y0 = 10
	plotW := float64(chartWidth - labelLeft - 90)
	for i, label := range c.Labels {
		y := float64(y0 + i*barRow)
		fmt.Fprintf(b, `<text x="%d" y="%.1f" text-anchor="end" font-size="12" fill="#1c2430">%s</text>`, labelLeft-8, y+15, esc(clip(label, 28)))
		x := float64(labelLeft)
		var sum int64
		for si, s := range c.Series {
			v := s.Values[i]
			if v < 0 {
				continue
			}
			w := plotW * float64(v) / float64(top)
			fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="18" fill="%s" stroke="#fff" stroke-width="0.5"><title>%s, %s: %s</title></rect>`,
				x, y+2, w, c.fill(si), esc(label), esc(s.Name), esc(c.Format(v)))
			x += w
			sum += v
		}
		fmt.Fprintf(b, `<text x="%.1f" y="%.1f" font-size="12" fill="#1c2430">%s</text>`, x+6, y+15, esc(c.Format(sum)))
	}
	end := float64(y0 + len(c.Labels)*barRow)
	fmt.Fprintf(b, `<line x1="%d" x2="%d" y1="%d" y2="%.1f" stroke="#4a5565"/>`, labelLeft, labelLeft, y0, end)
	fmt.Fprintf(b, `<text x="%d" y="%.1f" font-size="11" fill="#4a5565">%s</text>`, labelLeft, end+14, esc(c.Format(0)))
	fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="end" font-size="11" fill="#4a5565">%s</text>`, float64(labelLeft)+plotW, end+14, esc(c.Format(top)))
}

// legendItems are the series to name: all of them when there are several.
func (c chart) legendItems() int {
	if len(c.Series) < 2 {
		return 0
	}
	return len(c.Series)
}

const legendItemsPerRow = 4

func (c chart) legendRows() int {
	return (c.legendItems() + legendItemsPerRow - 1) / legendItemsPerRow
}

// legend names the series in rows of four under the plot.
func (c chart) legend(b *strings.Builder, y0 int) {
	if c.legendItems() == 0 {
		return
	}
	colW := (chartWidth - c.left) / legendItemsPerRow
	for i, s := range c.Series {
		x := c.left + (i%legendItemsPerRow)*colW
		y := y0 + (i/legendItemsPerRow)*legendRow
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="14" height="14" fill="%s" stroke="#1c2430" stroke-width="0.5"/>`, x, y+2, c.fill(i))
		fmt.Fprintf(b, `<text x="%d" y="%d" font-size="12" fill="#1c2430">%s</text>`, x+20, y+13, esc(clip(s.Name, 24)))
	}
}

// clip shortens s to n characters with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
