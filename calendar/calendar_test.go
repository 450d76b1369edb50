package calendar

import (
	"testing"
	"time"
)

func d(s string) time.Time {
	t, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestRollForward checks the withdrawal deadline examples of law.md § 1.2:
// delivery + 14 days, moved past each country's non-deadline days.
func TestRollForward(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		country Country
		last    string // delivery + 14
		want    string
		kind    DayKind
	}{
		{"NO 2nd Christmas Day (helligdagsloven § 2)", NO, "2026-12-26", "2026-12-28", PublicHoliday},
		{"SE 2nd Christmas Day (1989:253)", SE, "2026-12-26", "2026-12-28", PublicHoliday},
		{"DK 2nd Christmas Day (FAL § 19 stk. 6)", DK, "2026-12-26", "2026-12-28", PublicHoliday},
		{"NO 17 May on a Sunday (lov om 1. og 17. mai)", NO, "2026-05-17", "2026-05-18", PublicHoliday},
		{"NO 17 May 2027 is also Whit Monday", NO, "2027-05-17", "2027-05-18", PublicHoliday},
		{"SE Sunday 17 May", SE, "2026-05-17", "2026-05-18", Sunday},
		{"NO 5 Jun is a workday", NO, "2026-06-05", "2026-06-05", Workday},
		{"SE 5 Jun is a workday", SE, "2026-06-05", "2026-06-05", Workday},
		{"DK Grundlovsdag (FAL § 19 stk. 6)", DK, "2026-06-05", "2026-06-08", ExtraNonDay},
		{"DK Grundlovsdag 2025 on a Thursday", DK, "2025-06-05", "2025-06-06", ExtraNonDay},
		{"SE Midsummer Eve (1930:173 2 §)", SE, "2026-06-19", "2026-06-22", ExtraNonDay},
		{"SE Midsummer Eve 2025 (1930:173 2 §)", SE, "2025-06-20", "2025-06-23", ExtraNonDay},
		{"NO Midsummer Eve is a workday", NO, "2026-06-19", "2026-06-19", Workday},
		{"DK 19 Jun is a workday", DK, "2026-06-19", "2026-06-19", Workday},
		{"NO Christmas Eve is no statutory non-day", NO, "2026-12-24", "2026-12-24", Workday},
		{"SE Christmas Eve (1930:173 2 §)", SE, "2026-12-24", "2026-12-28", ExtraNonDay},
		{"DK Christmas Eve (FAL § 19 stk. 6)", DK, "2026-12-24", "2026-12-28", ExtraNonDay},
		{"SE New Year's Eve (1930:173 2 §)", SE, "2025-12-31", "2026-01-02", ExtraNonDay},
		{"NO Maundy Thursday to Easter Tuesday (helligdagsloven)", NO, "2026-04-02", "2026-04-07", PublicHoliday},
		{"SE Maundy Thursday is a workday", SE, "2026-04-02", "2026-04-02", Workday},
		{"DK Store Bededag 2023 still a holiday", DK, "2023-05-05", "2023-05-08", PublicHoliday},
		{"DK Store Bededag gone from 2024 (lov 28 Feb 2023)", DK, "2024-04-26", "2024-04-26", Workday},
		{"NO 1 May (høgtidsdag)", NO, "2026-05-01", "2026-05-04", PublicHoliday},
		{"DK 1 May is a workday", DK, "2026-05-01", "2026-05-01", Workday},
		{"SE National Day (1989:253)", SE, "2025-06-06", "2025-06-09", PublicHoliday},
		{"SE All Saints' Day on a Saturday", SE, "2026-10-31", "2026-11-02", PublicHoliday},
		{"SE Epiphany (1989:253)", SE, "2026-01-06", "2026-01-07", PublicHoliday},
		{"NO Ascension Day", NO, "2026-05-14", "2026-05-15", PublicHoliday},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, kind := RollForward(tt.country, d(tt.last))
			if !got.Equal(d(tt.want)) || kind != tt.kind {
				t.Errorf("RollForward(%s, %s) = %s, %s; want %s, %s", tt.country, tt.last,
					got.Format(time.DateOnly), kind, tt.want, tt.kind)
			}
		})
	}
}

func TestAddMonths(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		from string
		n    int
		want string
	}{
		{"same day", "2025-03-11", 24, "2027-03-11"},
		{"end of month clamps", "2026-01-31", 1, "2026-02-28"},
		{"leap day clamps", "2024-02-29", 12, "2025-02-28"},
		{"leap year keeps 29", "2027-02-28", 12, "2028-02-28"},
		{"five years", "2025-02-06", 60, "2030-02-06"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AddMonths(d(tt.from), tt.n); !got.Equal(d(tt.want)) {
				t.Errorf("AddMonths(%s, %d) = %s, want %s", tt.from, tt.n, got.Format(time.DateOnly), tt.want)
			}
		})
	}
}

func TestBusinessDays(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		country Country
		from    string
		n       int
		want    string
	}{
		{"NO over Christmas", NO, "2026-12-21", 5, "2026-12-29"},
		{"SE over Christmas (julafton)", SE, "2026-12-21", 5, "2026-12-30"},
		{"DK over Grundlovsdag", DK, "2026-06-04", 1, "2026-06-08"},
		{"zero days", NO, "2026-03-02", 0, "2026-03-02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := AddBusinessDays(tt.country, d(tt.from), tt.n)
			if !got.Equal(d(tt.want)) {
				t.Errorf("got %s, want %s", got.Format(time.DateOnly), tt.want)
			}
			if n := BusinessDaysBetween(tt.country, d(tt.from), got); n != tt.n {
				t.Errorf("BusinessDaysBetween = %d, want %d", n, tt.n)
			}
		})
	}
}

func TestHolidayLookupDoesNotAllocate(t *testing.T) {
	day := d("2026-05-17")
	IsHoliday(NO, day) // warm the cache
	allocs := testing.AllocsPerRun(1000, func() {
		_ = IsHoliday(NO, day)
		_ = Kind(SE, day)
		_ = IsDeadlineNonDay(DK, day)
	})
	if allocs != 0 {
		t.Errorf("holiday lookup allocates %.1f times, want 0", allocs)
	}
}

func BenchmarkIsDeadlineNonDay(b *testing.B) {
	day := d("2026-12-24")
	b.ReportAllocs()
	for b.Loop() {
		_ = IsDeadlineNonDay(SE, day)
	}
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in string
		ok bool
	}{
		{"2026-02-28", true}, {"2024-02-29", true}, {"2026-02-29", false}, {"2026-13-01", false},
		{"2026-1-01", false}, {"26-01-01xx", false}, {"", false}, {"2026-04-31", false}, {"2026-12-31", true},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseDate(%q) err = %v, want ok=%v", tt.in, err, tt.ok)
		}
		if err == nil && got.Format(time.DateOnly) != tt.in {
			t.Errorf("ParseDate(%q) = %s", tt.in, got)
		}
	}
}

// TestConcurrentLookups builds year sets from many goroutines at once (run
// with -race).
func TestConcurrentLookups(t *testing.T) {
	done := make(chan bool)
	for g := 0; g < 8; g++ {
		go func(g int) {
			for y := 2030; y < 2060; y++ {
				for _, c := range Countries {
					_ = IsDeadlineNonDay(c, Date(y, time.December, 24+g%3))
				}
			}
			done <- true
		}(g)
	}
	for g := 0; g < 8; g++ {
		<-done
	}
	if !IsHoliday(NO, Date(2045, time.May, 17)) {
		t.Error("17 May 2045 not a holiday")
	}
}
