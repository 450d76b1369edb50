package label

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// norwegian is a Dustin-style complaint label: bokmål, æøå in every block.
func norwegian() Label {
	return Label{
		CaseNumber: "DUS-26-000123-4",
		Kind:       "Reklamasjon",
		ReturnTo: Address{
			Name:     "Dustin Norge AS – Returavdelingen",
			Lines:    []string{"Returmottak port 4", "Bråtenveien 18"},
			Postcode: "1798",
			City:     "Aremark",
			Country:  "Norge",
		},
		From: Address{
			Name:     "Øystein Bjørnstad Ærø",
			Lines:    []string{"Småbruksvegen 7"},
			Postcode: "7030",
			City:     "Trondheim",
		},
		StatusURL: "https://claimdesk.example/s/DUS-26-000123-4?k=q8Zt",
		Lang:      "nb",
		Headings: Headings{
			ReturnTo:   "Returadresse",
			From:       "Avsender",
			CaseNumber: "RMA-nummer",
			Checklist:  "Før du sender",
		},
		Checklist: []string{
			"Legg ved kopi av faktura, tydelig merket med RMA-nummeret",
			"Pakk varen godt inn; bruk originalemballasjen om du har den",
			"Ta med strømforsyning og alt tilbehør",
		},
		Instruction: "Skriv RMA-nummeret på ytteremballasjen – ikke på produktets originalemballasje.",
	}
}

// swedish is a Compumail-style label in Swedish with åäö, returned to Denmark.
func swedish() Label {
	return Label{
		CaseNumber: "CMP-26-004711-9",
		Kind:       "Reklamation",
		ReturnTo: Address{
			Name:     "Compumail ApS",
			Lines:    []string{"Reklamationsavdelningen", "Håndværkervej 12"},
			Postcode: "DK-7000",
			City:     "Fredericia",
			Country:  "Danmark",
		},
		From: Address{
			Name:     "Åsa Öberg-Lindqvist",
			Lines:    []string{"Västra Ängsgatan 3 lgh 1102"},
			Postcode: "413 19",
			City:     "Göteborg",
			Country:  "Sverige",
		},
		StatusURL: "https://claimdesk.example/s/CMP-26-004711-9",
		Lang:      "sv",
		Headings: Headings{
			ReturnTo:   "Returnera till",
			From:       "Avsändare",
			CaseNumber: "RMA-nummer",
			Checklist:  "Innan du skickar",
		},
		Checklist: []string{
			"Ta inte bort etiketter eller garantimärken från varan",
			"Bifoga en kopia av originalfakturan märkt med RMA-numret",
		},
		Instruction: "Märk paketet med RMA-numret. Skriv inte direkt på originalförpackningen.",
	}
}

// minimal has only the required fields: no kind, instruction or checklist.
func minimal() Label {
	return Label{
		CaseNumber: "BEL-26-000007-1",
		ReturnTo:   Address{Name: "Lighthouse Lamps AS", Lines: []string{"Økernveien 145"}, Postcode: "0581", City: "Oslo"},
		From:       Address{Name: "Kari Nordmann"},
		StatusURL:  "https://claimdesk.example/s/BEL-26-000007-1",
		Lang:       "en",
		Headings:   Headings{ReturnTo: "Return to", From: "From", CaseNumber: "Case number", Checklist: "Packing checklist"},
	}
}

// update rewrites the golden files: go test ./label/ -run TestGolden -update
var update = flag.Bool("update", false, "rewrite testdata/*.golden.pdf")

// TestGolden compares the rendered bytes with committed golden files, so any
// change to the layout (or to gopdf's output) shows up in review. After an
// intended change, run with -update and look at the new PDFs.
func TestGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		label Label
	}{
		{"norwegian", norwegian()},
		{"swedish", swedish()},
		{"minimal", minimal()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := Render(&buf, tt.label); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tt.name+".golden.pdf")
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("PDF differs from %s (%d vs %d bytes); if intended, run with -update and check it", path, buf.Len(), len(want))
			}
		})
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(*Label)
		want   string // substring of the error; "" for valid
	}{
		{"valid", func(*Label) {}, ""},
		{"valid without optional parts", func(l *Label) { l.Kind, l.Instruction, l.Checklist, l.From.Lines = "", "", nil, nil }, ""},
		{"missing case number", func(l *Label) { l.CaseNumber = " " }, "CaseNumber is empty"},
		{"missing status URL", func(l *Label) { l.StatusURL = "" }, "StatusURL is empty"},
		{"missing return name", func(l *Label) { l.ReturnTo.Name = "" }, "ReturnTo.Name is empty"},
		{"missing return postcode", func(l *Label) { l.ReturnTo.Postcode = "" }, "ReturnTo.Postcode is empty"},
		{"missing sender name", func(l *Label) { l.From.Name = "" }, "From.Name is empty"},
		{"missing heading", func(l *Label) { l.Headings.Checklist = "" }, "Headings.Checklist is empty"},
		{"unknown language", func(l *Label) { l.Lang = "no" }, `Lang "no"`},
		{"non-ASCII case number", func(l *Label) { l.CaseNumber = "DUS-Ø1" }, "Code128 cannot encode"},
		{"case number too long", func(l *Label) { l.CaseNumber = strings.Repeat("A", 25) }, "longer than 24"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := norwegian()
			tt.change(&l)
			err := l.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate() = %v, want ErrInvalid containing %q", err, tt.want)
			}
			var buf bytes.Buffer
			if err := Render(&buf, l); !errors.Is(err, ErrInvalid) || buf.Len() != 0 {
				t.Fatalf("Render() = %v with %d bytes, want ErrInvalid and nothing written", err, buf.Len())
			}
		})
	}
}

func TestRenderDoesNotFit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(*Label)
	}{
		{"return street too long", func(l *Label) { l.ReturnTo.Lines[0] = strings.Repeat("Langgata ", 12) }},
		{"checklist too long", func(l *Label) {
			l.Checklist = nil
			for range 12 {
				l.Checklist = append(l.Checklist, strings.Repeat("Pakk varen godt inn ", 4))
			}
		}},
		{"status URL too long for QR", func(l *Label) { l.StatusURL = "https://claimdesk.example/" + strings.Repeat("x", 700) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := norwegian()
			tt.change(&l)
			var buf bytes.Buffer
			err := Render(&buf, l)
			if !errors.Is(err, ErrDoesNotFit) || buf.Len() != 0 {
				t.Fatalf("Render() = %v with %d bytes, want ErrDoesNotFit and nothing written", err, buf.Len())
			}
		})
	}
}

// TestRenderDeterministic renders the same label twice, also concurrently,
// and wants identical bytes: the basis for golden comparisons.
func TestRenderDeterministic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		created time.Time
		wantIn  string
	}{
		{"no creation date", time.Time{}, ""},
		{"fixed creation date", time.Date(2026, 11, 23, 17, 30, 0, 0, time.UTC), "/CreationDate(D:20261123173000+00'00')"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := swedish()
			l.Created = tt.created
			out := make([][]byte, 4)
			var wg sync.WaitGroup
			for i := range out {
				wg.Go(func() {
					var buf bytes.Buffer
					if err := Render(&buf, l); err != nil {
						t.Error(err)
					}
					out[i] = buf.Bytes()
				})
			}
			wg.Wait()
			for i := 1; i < len(out); i++ {
				if !bytes.Equal(out[0], out[i]) {
					t.Fatalf("render %d differs from render 0 (%d vs %d bytes)", i, len(out[i]), len(out[0]))
				}
			}
			if tt.wantIn != "" && !bytes.Contains(out[0], []byte(tt.wantIn)) {
				t.Errorf("PDF lacks %q", tt.wantIn)
			}
			if tt.wantIn == "" && bytes.Contains(out[0], []byte("/CreationDate")) {
				t.Errorf("PDF has a creation date although none was given")
			}
			if n := len(out[0]); n > 40_000 {
				t.Errorf("PDF is %d bytes, want under 40 KB (font subsetting)", n)
			}
		})
	}
}

func BenchmarkRender(b *testing.B) {
	l := norwegian()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Render(&buf, l); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/label")
}
