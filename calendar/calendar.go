// Package calendar knows the days and hours that deadlines and service
// levels are counted in: public holidays and statutory non-deadline days per
// country (Norway, Sweden, Denmark), the roll-forward of a deadline that falls
// on such a day, business days, opening hours with split shifts, and an SLA
// clock. It is pure: no I/O, no clock; every instant or date is an argument.
//
// Dates are civil dates carried as time.Time values at midnight UTC (see
// Date and ParseDate). Holiday lookups are precomputed per country and year
// and do not allocate.
package calendar

import (
	"fmt"
	"time"
)

// Country is an ISO 3166 alpha-2 code of a country whose calendar is known.
type Country string

// The countries whose deadline calendars are known.
const (
	NO Country = "NO" // Norway
	SE Country = "SE" // Sweden
	DK Country = "DK" // Denmark
)

// Countries lists the supported countries.
var Countries = []Country{NO, SE, DK}

// Valid reports whether c is a supported country.
func (c Country) Valid() bool { return c.index() >= 0 }

func (c Country) index() int {
	switch c {
	case NO:
		return 0
	case SE:
		return 1
	case DK:
		return 2
	}
	return -1
}

// DayKind says why a day is or is not a deadline day.
type DayKind uint8

// Kinds of day, from the point of view of a statutory deadline.
const (
	Workday       DayKind = iota // an ordinary weekday
	Saturday                     // a Saturday
	Sunday                       // a Sunday
	PublicHoliday                // a public holiday (helligdag, helgdag) on a weekday
	ExtraNonDay                  // not a holiday, but a statutory non-deadline day (SE Midsummer Eve, DK 24 Dec …)
)

// String returns a stable lower-case name of the kind (used as a message key).
func (k DayKind) String() string {
	switch k {
	case Workday:
		return "workday"
	case Saturday:
		return "saturday"
	case Sunday:
		return "sunday"
	case PublicHoliday:
		return "public_holiday"
	case ExtraNonDay:
		return "extra_non_day"
	}
	return "unknown"
}

// Date returns the civil date y-m-d as midnight UTC.
func Date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ParseDate parses an ISO date (YYYY-MM-DD) into midnight UTC.
func ParseDate(s string) (time.Time, error) {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		y, ok1 := digits(s[0:4])
		m, ok2 := digits(s[5:7])
		d, ok3 := digits(s[8:10])
		if ok1 && ok2 && ok3 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, time.Month(m)) {
			return Date(y, time.Month(m), d), nil
		}
	}
	return time.Time{}, fmt.Errorf("malformed date %q: want YYYY-MM-DD", s)
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(y int, m time.Month) int {
	return Date(y, m+1, 0).Day()
}

// Civil returns the civil date of t in its own location as midnight UTC.
func Civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return Date(y, m, d)
}

// AddMonths adds n months to the civil date d, landing on the same day of the
// month or on the month's last day when that day does not exist
// (31 Jan + 1 month = 28 or 29 Feb).
func AddMonths(d time.Time, n int) time.Time {
	y, m, day := d.Date()
	first := Date(y, m, 1).AddDate(0, n, 0)
	last := first.AddDate(0, 1, -1).Day()
	if day > last {
		day = last
	}
	return Date(first.Year(), first.Month(), day)
}

// Kind returns what kind of day d is in country c. Unknown countries only
// know weekends.
//
// A named day wins over the weekend: Sunday 17 May 2026 is a PublicHoliday.
func Kind(c Country, d time.Time) DayKind {
	if set := yearOf(c, d.Year()); set != nil {
		i := d.YearDay() - 1
		switch {
		case set.holiday.has(i):
			return PublicHoliday
		case set.extra.has(i):
			return ExtraNonDay
		}
	}
	switch d.Weekday() {
	case time.Saturday:
		return Saturday
	case time.Sunday:
		return Sunday
	}
	return Workday
}

// IsHoliday reports whether d is a public holiday in c (any weekday,
// Sundays that are named holidays included).
func IsHoliday(c Country, d time.Time) bool {
	set := yearOf(c, d.Year())
	return set != nil && set.holiday.has(d.YearDay()-1)
}

// IsDeadlineNonDay reports whether a statutory deadline that ends on d moves
// to the next day: a Saturday, Sunday, public holiday or the country's extra
// non-deadline day.
func IsDeadlineNonDay(c Country, d time.Time) bool {
	return Kind(c, d) != Workday
}

// IsBusinessDay reports whether d is a working day in c: no weekend, no
// public holiday, no extra non-deadline day (those eves are closed or half
// days in practice).
func IsBusinessDay(c Country, d time.Time) bool {
	return Kind(c, d) == Workday
}

// RollForward returns d, or the first following day that is not a deadline
// non-day in c, and the kind of the first day that was skipped (Workday when
// nothing moved).
func RollForward(c Country, d time.Time) (time.Time, DayKind) {
	first := Kind(c, d)
	for k := first; k != Workday; k = Kind(c, d) {
		d = d.AddDate(0, 0, 1)
	}
	return d, first
}

// AddBusinessDays returns the date n business days after d (n ≥ 0); d itself
// does not count.
func AddBusinessDays(c Country, d time.Time, n int) time.Time {
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if IsBusinessDay(c, d) {
			n--
		}
	}
	return d
}

// BusinessDaysBetween counts the business days after from up to and
// including to (0 when to is not after from).
func BusinessDaysBetween(c Country, from, to time.Time) int {
	n := 0
	for d := from.AddDate(0, 0, 1); !d.After(to); d = d.AddDate(0, 0, 1) {
		if IsBusinessDay(c, d) {
			n++
		}
	}
	return n
}
