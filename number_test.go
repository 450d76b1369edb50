package claimdesk

import "testing"

func TestCaseNumber(t *testing.T) {
	tests := []struct {
		name   string
		prefix string
		year   int
		seq    int64
		want   string
	}{
		{"dustin first case", "DUS", 2026, 1, "DUS-26-000001-3"},
		{"lower-case prefix", "cmp", 2027, 123, "CMP-27-000123-3"},
		{"beyond six digits", "DLS", 2026, 1234567, "DLS-26-1234567-4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CaseNumber(tt.prefix, tt.year, tt.seq)
			if got != tt.want {
				t.Fatalf("CaseNumber = %s, want %s", got, tt.want)
			}
			back, err := ParseCaseNumber(got)
			if err != nil || back != got {
				t.Fatalf("ParseCaseNumber(%s) = %s, %v", got, back, err)
			}
		})
	}
}

func TestParseCaseNumberRejects(t *testing.T) {
	for _, s := range []string{"", "DUS-26-000001", "DUS-26-000001-9", "DUS-26-000010-8", "26-000001-8", "DUS 26 000001 8"} {
		if _, err := ParseCaseNumber(s); !IsCode(err, CodeInvalid) {
			t.Errorf("ParseCaseNumber(%q) = %v, want invalid", s, err)
		}
	}
	if n, err := ParseCaseNumber("dus - 26-000001-3 "); err != nil || n != "DUS-26-000001-3" {
		t.Errorf("lower case with spaces: %q, %v", n, err)
	}
}

func TestParseMinor(t *testing.T) {
	tests := []struct {
		in   string
		want Minor
		ok   bool
	}{
		{"4159", 415900, true}, {"4159.5", 415950, true}, {"0.05", 5, true}, {"-12.99", -1299, true},
		{"1.999", 0, false}, {"abc", 0, false}, {"1.", 0, false}, {"", 0, false}, {"1e3", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseMinor(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseMinor(%q) = %d, %v; want %d ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
	if s := Minor(-1299).String(); s != "-12.99" {
		t.Errorf("String = %s", s)
	}
	if v := VATOf(12500, 2500); v != 2500 {
		t.Errorf("VATOf(125.00, 25%%) = %d, want 2500", v)
	}
}
