package calendar

import (
	"testing"
	"time"
)

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("no tzdata for %s: %v", name, err)
	}
	return loc
}

// dustinPhone is Dustin's customer service: weekdays 08:00–16:00 (seed 000,
// "Åpningstider?"); the lunch dip 11:30–13:30 is half staffing, not closed.
func dustinPhone() Schedule {
	var s Schedule
	for wd := time.Monday; wd <= time.Friday; wd++ {
		s.Days[wd] = []Shift{{From: 8 * 60, To: 16 * 60}}
	}
	return s
}

func splitShift() Schedule {
	var s Schedule
	for wd := time.Monday; wd <= time.Friday; wd++ {
		s.Days[wd] = []Shift{{From: 8 * 60, To: 11*60 + 30}, {From: 13*60 + 30, To: 16 * 60}}
	}
	return s
}

func TestClockDue(t *testing.T) {
	t.Parallel()
	oslo := mustLoc(t, "Europe/Oslo")
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, oslo)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name  string
		sched Schedule
		start string
		dur   time.Duration
		want  string
	}{
		{"within the day", dustinPhone(), "2026-03-02 09:00", 2 * time.Hour, "2026-03-02 11:00"},
		{"carries to next morning", dustinPhone(), "2026-03-02 15:00", 2 * time.Hour, "2026-03-03 09:00"},
		{"before opening", dustinPhone(), "2026-03-02 06:00", time.Hour, "2026-03-02 09:00"},
		{"Friday evening to Monday", dustinPhone(), "2026-03-06 17:00", time.Hour, "2026-03-09 09:00"},
		{"full day ends at closing", dustinPhone(), "2026-03-02 08:00", 8 * time.Hour, "2026-03-02 16:00"},
		{"skips Easter (helligdagsloven)", dustinPhone(), "2026-04-01 15:00", 2 * time.Hour, "2026-04-07 09:00"},
		{"skips 17 May (høgtidsdag)", dustinPhone(), "2027-05-14 15:00", 2 * time.Hour, "2027-05-18 09:00"},
		{"split shift skips lunch", splitShift(), "2026-03-02 11:00", time.Hour, "2026-03-02 14:00"},
		{"24 weekday hours from Friday noon", WeekdayHours(), "2026-03-06 12:00", 24 * time.Hour, "2026-03-09 12:00"},
		{"24 weekday hours over a holiday", WeekdayHours(), "2026-04-01 12:00", 24 * time.Hour, "2026-04-07 12:00"},
		{"across DST start", WeekdayHours(), "2026-03-27 12:00", 24 * time.Hour, "2026-03-30 12:00"},
		{"zero moves to next opening", dustinPhone(), "2026-03-07 10:00", 0, "2026-03-09 08:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Clock{Schedule: tt.sched, Loc: oslo, Country: NO}
			got := c.Due(at(tt.start), tt.dur)
			if !got.Equal(at(tt.want)) {
				t.Errorf("Due = %s, want %s", got.In(oslo).Format("2006-01-02 15:04"), tt.want)
			}
			if tt.dur > 0 {
				if el := c.Elapsed(at(tt.start), got); el != tt.dur {
					t.Errorf("Elapsed = %s, want %s", el, tt.dur)
				}
			}
		})
	}
}

func TestClockIsOpen(t *testing.T) {
	oslo := mustLoc(t, "Europe/Oslo")
	c := Clock{Schedule: splitShift(), Loc: oslo, Country: NO}
	tests := []struct {
		name string
		at   time.Time
		want bool
	}{
		{"morning shift", time.Date(2026, 3, 2, 9, 0, 0, 0, oslo), true},
		{"lunch closed", time.Date(2026, 3, 2, 12, 0, 0, 0, oslo), false},
		{"Saturday", time.Date(2026, 3, 7, 9, 0, 0, 0, oslo), false},
		{"Christmas Day", time.Date(2026, 12, 25, 9, 0, 0, 0, oslo), false},
	}
	for _, tt := range tests {
		if got := c.IsOpen(tt.at); got != tt.want {
			t.Errorf("%s: IsOpen = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestScheduleValidate(t *testing.T) {
	var bad Schedule
	bad.Days[time.Monday] = []Shift{{From: 600, To: 700}, {From: 650, To: 800}}
	if bad.Validate() == nil {
		t.Error("overlapping shifts accepted")
	}
	if err := splitShift().Validate(); err != nil {
		t.Error(err)
	}
	if _, err := ParseShift("16:00-08:00"); err == nil {
		t.Error("reversed shift accepted")
	}
}
