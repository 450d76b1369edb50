package calendar

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Shift is one opening interval of a day, in minutes after local midnight
// (To may be 1440 for "until midnight").
type Shift struct {
	From, To int
}

// ParseShift parses "08:00-16:00".
func ParseShift(s string) (Shift, error) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return Shift{}, fmt.Errorf("shift %q: want HH:MM-HH:MM", s)
	}
	from, err1 := parseClock(a)
	to, err2 := parseClock(b)
	if err1 != nil || err2 != nil || to <= from {
		return Shift{}, fmt.Errorf("shift %q: want HH:MM-HH:MM with the end after the start", s)
	}
	return Shift{From: from, To: to}, nil
}

func parseClock(s string) (int, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		return 0, fmt.Errorf("bad time %q", s)
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || mm < 0 || mm > 59 || hh*60+mm > 24*60 {
		return 0, fmt.Errorf("bad time %q", s)
	}
	return hh*60 + mm, nil
}

// Schedule is a week of opening hours, indexed by time.Weekday; a day may
// have several shifts (a split shift), in order and not overlapping. Public
// holidays and the country's extra non-deadline days are always closed.
type Schedule struct {
	Days [7][]Shift
}

// Validate reports shifts out of order or overlapping.
func (s Schedule) Validate() error {
	for wd, shifts := range s.Days {
		end := 0
		for _, sh := range shifts {
			if sh.From < end || sh.To <= sh.From || sh.To > 24*60 {
				return fmt.Errorf("%s: shifts overlap or are out of order", time.Weekday(wd))
			}
			end = sh.To
		}
	}
	return nil
}

// WeekdayHours is the schedule "weekday hours with holidays left out": all
// 24 hours of Monday to Friday.
func WeekdayHours() Schedule {
	var s Schedule
	for wd := time.Monday; wd <= time.Friday; wd++ {
		s.Days[wd] = []Shift{{From: 0, To: 24 * 60}}
	}
	return s
}

// Clock counts business time for an opening-hours schedule in a time zone
// and a country's calendar.
type Clock struct {
	Schedule Schedule
	Loc      *time.Location
	Country  Country
	// OpenOnHolidays keeps the schedule on public holidays too (plain
	// calendar hours); by default holidays are closed.
	OpenOnHolidays bool
}

// maxDays bounds the search for a due instant (ten years of closed days).
const maxDays = 3660

// windows calls fn with each open interval of the local day that starts at
// midnight day, in order, until fn returns false.
func (c Clock) windows(day time.Time, fn func(open, close time.Time) bool) bool {
	y, m, d := day.Date()
	civil := Date(y, m, d)
	if !c.OpenOnHolidays && (IsHoliday(c.Country, civil) || Kind(c.Country, civil) == ExtraNonDay) {
		return true
	}
	for _, sh := range c.Schedule.Days[day.Weekday()] {
		open := time.Date(y, m, d, sh.From/60, sh.From%60, 0, 0, c.Loc)
		closing := time.Date(y, m, d, sh.To/60, sh.To%60, 0, 0, c.Loc)
		if !fn(open, closing) {
			return false
		}
	}
	return true
}

func (c Clock) loc() *time.Location {
	if c.Loc == nil {
		return time.UTC
	}
	return c.Loc
}

// Due returns the instant at which d of open time has passed since start.
// A zero duration returns start moved to the next open instant. It returns
// the zero time when the schedule has no open hours for ten years.
func (c Clock) Due(start time.Time, d time.Duration) time.Time {
	c.Loc = c.loc()
	start = start.In(c.Loc)
	y, m, dd := start.Date()
	day := time.Date(y, m, dd, 0, 0, 0, 0, c.Loc)
	var due time.Time
	for i := 0; i < maxDays && due.IsZero(); i++ {
		c.windows(day, func(open, closing time.Time) bool {
			if !closing.After(start) {
				return true
			}
			if open.Before(start) {
				open = start
			}
			if span := closing.Sub(open); d < span || (d == span && d > 0) {
				due = open.Add(d)
				return false
			} else {
				d -= span
			}
			return true
		})
		day = time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, c.Loc)
	}
	return due
}

// Elapsed returns the open time between from and to (0 when to is not after
// from); use it to stop an SLA clock while a case waits for the customer.
func (c Clock) Elapsed(from, to time.Time) time.Duration {
	if !to.After(from) {
		return 0
	}
	c.Loc = c.loc()
	from, to = from.In(c.Loc), to.In(c.Loc)
	y, m, dd := from.Date()
	day := time.Date(y, m, dd, 0, 0, 0, 0, c.Loc)
	var total time.Duration
	for !day.After(to) {
		c.windows(day, func(open, closing time.Time) bool {
			if open.Before(from) {
				open = from
			}
			if closing.After(to) {
				closing = to
			}
			if closing.After(open) {
				total += closing.Sub(open)
			}
			return true
		})
		day = time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, c.Loc)
	}
	return total
}

// IsOpen reports whether t falls inside an open interval.
func (c Clock) IsOpen(t time.Time) bool {
	c.Loc = c.loc()
	t = t.In(c.Loc)
	y, m, d := t.Date()
	open := false
	c.windows(time.Date(y, m, d, 0, 0, 0, 0, c.Loc), func(o, cl time.Time) bool {
		if !t.Before(o) && t.Before(cl) {
			open = true
			return false
		}
		return true
	})
	return open
}
