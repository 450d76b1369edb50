package label

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// tool returns the path of an external command the read-back tests need. In CI
// (env CI set) a missing tool fails the test, naming the Debian package to
// install; elsewhere the test is skipped.
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	msg := name + " not found: install the Debian package " + pkg + " (apt-get install -y " + pkg + ")"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// run runs a command and returns its standard output.
func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// TestReadBack renders labels with Norwegian and Swedish text, then reads
// them back the way a person and a scanner would: the text layer with
// pdftotext, the page size with pdfinfo, and both barcodes with zbarimg on a
// 300 dpi raster of the page. Set LABEL_KEEP to a directory to keep the PDFs
// and PNGs for a look.
func TestReadBack(t *testing.T) {
	t.Parallel()
	pdftotext := tool(t, "pdftotext", "poppler-utils")
	pdfinfo := tool(t, "pdfinfo", "poppler-utils")
	pdftoppm := tool(t, "pdftoppm", "poppler-utils")
	zbarimg := tool(t, "zbarimg", "zbar-tools")

	tests := []struct {
		name     string
		label    Label
		wantText []string // besides the case number, which is always checked
	}{
		{"norwegian", norwegian(), []string{
			"Dustin Norge AS – Returavdelingen", "Bråtenveien 18", "1798", "Aremark", "NORGE",
			"Øystein Bjørnstad Ærø", "Småbruksvegen 7", "Trondheim",
			"RETURADRESSE", "AVSENDER", "FØR DU SENDER", "Reklamasjon",
			"strømforsyning", "ytteremballasjen",
		}},
		{"swedish", swedish(), []string{
			"Compumail ApS", "Håndværkervej 12", "DK-7000", "Fredericia", "DANMARK",
			"Åsa Öberg-Lindqvist", "Västra Ängsgatan 3 lgh 1102", "413 19", "Göteborg", "SVERIGE",
			"RETURNERA TILL", "AVSÄNDARE", "garantimärken", "originalförpackningen",
		}},
		{"english minimal", minimal(), []string{"Lighthouse Lamps AS", "0581", "Oslo", "RETURN TO", "FROM", "Kari Nordmann"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if keep := os.Getenv("LABEL_KEEP"); keep != "" {
				dir = keep
			}
			base := strings.ReplaceAll(tt.name, " ", "-")
			pdf := filepath.Join(dir, base+".pdf")
			var buf bytes.Buffer
			if err := Render(&buf, tt.label); err != nil {
				t.Fatalf("Render: %v", err)
			}
			if err := os.WriteFile(pdf, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}

			text := run(t, pdftotext, "-layout", "-enc", "UTF-8", pdf, "-")
			for _, want := range append([]string{tt.label.CaseNumber}, tt.wantText...) {
				if !strings.Contains(text, want) {
					t.Errorf("pdftotext lacks %q; got:\n%s", want, text)
				}
			}

			checkA6(t, run(t, pdfinfo, pdf))

			png := filepath.Join(dir, base)
			run(t, pdftoppm, "-r", "300", "-png", "-singlefile", pdf, png)
			codes := run(t, zbarimg, "--quiet", "--raw", "-Sdisable", "-Scode128.enable", "-Sqrcode.enable", png+".png")
			// zbarimg --raw prints one decoded symbol per line, without its type.
			got := strings.Split(strings.TrimSpace(codes), "\n")
			want := map[string]bool{tt.label.CaseNumber: false, tt.label.StatusURL: false}
			for _, g := range got {
				if _, ok := want[g]; !ok {
					t.Errorf("zbarimg decoded unexpected %q", g)
				}
				want[g] = true
			}
			for w, seen := range want {
				if !seen {
					t.Errorf("zbarimg did not decode %q; got %q", w, got)
				}
			}
			// Decode again by type to tell the Code128 from the QR code.
			typed := run(t, zbarimg, "--quiet", png+".png")
			for _, w := range []string{"CODE-128:" + tt.label.CaseNumber, "QR-Code:" + tt.label.StatusURL} {
				if !strings.Contains(typed, w) {
					t.Errorf("zbarimg lacks %q; got:\n%s", w, typed)
				}
			}
		})
	}
}

// pageSize matches pdfinfo's "Page size:  297.638 x 419.528 pts (A6)".
var pageSize = regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+) pts`)

// checkA6 wants a MediaBox of 105 × 148 mm (297.6 × 419.5 pt) within 0.5 pt.
func checkA6(t *testing.T, info string) {
	t.Helper()
	m := pageSize.FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo shows no page size:\n%s", info)
	}
	for i, want := range []float64{105 / mmPerPt, 148 / mmPerPt} {
		got, err := strconv.ParseFloat(m[i+1], 64)
		if err != nil || got < want-0.5 || got > want+0.5 {
			t.Errorf("page size %s x %s pt, want %.1f x %.1f pt (A6)", m[1], m[2], 105/mmPerPt, 148/mmPerPt)
		}
	}
	if !strings.Contains(info, "Pages:") || !regexp.MustCompile(`Pages:\s+1\n`).MatchString(info) {
		t.Errorf("want exactly one page:\n%s", info)
	}
}
