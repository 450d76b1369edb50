package web

import (
	"encoding/xml"
	"strconv"
	"strings"
	"testing"
)

// svgNode is a parsed SVG element, enough to assert on a chart's structure.
type svgNode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Kids    []svgNode  `xml:",any"`
}

func (n svgNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// all returns every element named name below n.
func (n svgNode) all(name string) []svgNode {
	var out []svgNode
	for _, k := range n.Kids {
		if k.XMLName.Local == name {
			out = append(out, k)
		}
		out = append(out, k.all(name)...)
	}
	return out
}

func parseSVG(t *testing.T, s string) svgNode {
	t.Helper()
	var root svgNode
	if err := xml.Unmarshal([]byte(s), &root); err != nil {
		t.Fatalf("not well-formed SVG: %v\n%s", err, s)
	}
	return root
}

// bars are the chart's rects that carry a tooltip (legend swatches do not).
func bars(n svgNode) []svgNode {
	var out []svgNode
	for _, r := range n.all("rect") {
		if len(r.all("title")) == 1 {
			out = append(out, r)
		}
	}
	return out
}

func TestChartSVG(t *testing.T) {
	tests := []struct {
		name    string
		c       chart
		bars    int
		legend  int     // legend swatches
		tallest float64 // the tallest column's height
		texts   []string
	}{
		{
			name: "stacked columns",
			c: chart{ID: "vol", Title: "Cases <per> week", Desc: "Two kinds", Labels: []string{"45", "46", "47"}, Stacked: true,
				Series: []series{{"Withdrawal", []int64{1, 0, 2}}, {"Fault & defect", []int64{1, 4, 0}}}},
			bars: 6, legend: 2, tallest: 220, // 4 is the axis's top: the full plot height
			texts: []string{"Fault &amp; defect", "Cases &lt;per&gt; week", "vol-p1"},
		},
		{
			name: "grouped columns with a fixed axis and a gap",
			c: chart{ID: "sla", Title: "On time", Labels: []string{"45", "46"}, Max: 10000,
				Format: func(v int64) string { return strconv.FormatInt(v/100, 10) + " %" },
				Series: []series{{"On time", []int64{10000, -1}}}},
			bars: 1, legend: 0, tallest: 220, texts: []string{"100 %", "0 %"},
		},
		{
			name: "horizontal stacked bars",
			c: chart{ID: "ret", Title: "Returns", Labels: []string{"A very long manufacturer name that goes on", "Dell"}, Horizontal: true, Stacked: true,
				Series: []series{{"Returned", []int64{3, 1}}, {"Faulty", []int64{1, 0}}}},
			bars: 4, legend: 2, texts: []string{"A very long manufacturer na…", ">4<", ">1<"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := string(tt.c.SVG())
			root := parseSVG(t, s)
			if root.attr("role") != "img" || root.attr("aria-labelledby") != tt.c.ID+"-t "+tt.c.ID+"-d" {
				t.Errorf("role %q labelledby %q", root.attr("role"), root.attr("aria-labelledby"))
			}
			if titles := root.all("title"); len(titles) == 0 || titles[0].attr("id") != tt.c.ID+"-t" || titles[0].Text != tt.c.Title {
				t.Errorf("first title %+v", titles)
			}
			if d := root.all("desc"); len(d) != 1 || d[0].attr("id") != tt.c.ID+"-d" {
				t.Errorf("desc %+v", d)
			}
			got := bars(root)
			if len(got) != tt.bars {
				t.Errorf("%d bars, want %d", len(got), tt.bars)
			}
			patterns := map[string]bool{}
			for _, p := range root.all("pattern") {
				patterns["url(#"+p.attr("id")+")"] = true
			}
			tallest := 0.0
			for _, r := range got {
				if f := r.attr("fill"); strings.HasPrefix(f, "url(") && !patterns[f] {
					t.Errorf("bar fill %s has no pattern", f)
				}
				h, _ := strconv.ParseFloat(r.attr("height"), 64)
				tallest = max(tallest, h)
			}
			if tt.tallest != 0 && tallest != tt.tallest {
				t.Errorf("tallest bar %.1f, want %.1f", tallest, tt.tallest)
			}
			if n := len(root.all("rect")) - len(got) - len(root.all("pattern")); n != tt.legend {
				t.Errorf("%d legend swatches, want %d", n, tt.legend)
			}
			for _, w := range tt.texts {
				if !strings.Contains(s, w) {
					t.Errorf("SVG lacks %q", w)
				}
			}
		})
	}
}

func TestNiceTop(t *testing.T) {
	for _, tc := range []struct{ in, want int64 }{{0, 4}, {3, 4}, {5, 8}, {9, 12}, {41, 80}, {120, 120}, {1234, 2000}} {
		if got := niceTop(tc.in); got != tc.want {
			t.Errorf("niceTop(%d) = %d, want %d", tc.in, got, tc.want)
		}
	}
}
