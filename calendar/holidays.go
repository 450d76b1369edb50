package calendar

import (
	"sync/atomic"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/dk"
	"github.com/rickar/cal/v2/no"
	"github.com/rickar/cal/v2/se"
)

// ExtraDay is a statutory non-deadline day that is not a public holiday,
// with the rule it comes from and the first year it applies.
type ExtraDay struct {
	Name      string // English name, e.g. "Midsummer Eve"
	Month     time.Month
	Day       int  // day of month; for Midsummer Eve the first possible day
	FridayOn  bool // the Friday on or after Month/Day (Midsummer Eve: 19–25 Jun)
	FromYear  int
	Statute   string // where the rule comes from
	Countries []Country
}

// ExtraDays are the non-deadline days beyond public holidays. Norway needs
// none: 1 and 17 May are public holidays (lov om 1. og 17. mai som
// høgtidsdager, 1947), and 24 and 31 Dec only by convention.
var ExtraDays = []ExtraDay{
	{Name: "Midsummer Eve", Month: time.June, Day: 19, FridayOn: true, FromYear: 1953,
		Statute: "lag (1930:173) om beräkning av lagstadgad tid 2 §", Countries: []Country{SE}},
	{Name: "Christmas Eve", Month: time.December, Day: 24, FromYear: 1953,
		Statute: "lag (1930:173) om beräkning av lagstadgad tid 2 §", Countries: []Country{SE}},
	{Name: "New Year's Eve", Month: time.December, Day: 31, FromYear: 1953,
		Statute: "lag (1930:173) om beräkning av lagstadgad tid 2 §", Countries: []Country{SE}},
	{Name: "Grundlovsdag", Month: time.June, Day: 5, FromYear: 2014,
		Statute: "forbrugeraftaleloven § 19, stk. 6", Countries: []Country{DK}},
	{Name: "Christmas Eve", Month: time.December, Day: 24, FromYear: 2014,
		Statute: "forbrugeraftaleloven § 19, stk. 6", Countries: []Country{DK}},
	{Name: "New Year's Eve", Month: time.December, Day: 31, FromYear: 2014,
		Statute: "forbrugeraftaleloven § 19, stk. 6", Countries: []Country{DK}},
}

// publicHolidays are the public holidays per country from rickar/cal (only
// those of type public: the Swedish eves come from ExtraDays). Denmark's
// Store Bededag carries EndYear 2023 there: abolished from 2024.
var publicHolidays = [3][]*cal.Holiday{no.Holidays, se.Holidays, dk.Holidays}

const (
	firstYear = 1970
	lastYear  = 2199
)

type dayBits [6]uint64

func (b *dayBits) set(i int)      { b[i>>6] |= 1 << uint(i&63) }
func (b *dayBits) has(i int) bool { return b[i>>6]&(1<<uint(i&63)) != 0 }

type yearSet struct {
	holiday dayBits
	extra   dayBits
}

// cache holds one lazily built set per country and year; reads are atomic
// loads, so lookups neither lock nor allocate.
var cache [3][lastYear - firstYear + 1]atomic.Pointer[yearSet]

func yearOf(c Country, year int) *yearSet {
	ci := c.index()
	if ci < 0 {
		return nil
	}
	if year < firstYear || year > lastYear {
		return buildYear(ci, year)
	}
	slot := &cache[ci][year-firstYear]
	if s := slot.Load(); s != nil {
		return s
	}
	s := buildYear(ci, year)
	slot.CompareAndSwap(nil, s)
	return slot.Load()
}

func buildYear(ci, year int) *yearSet {
	s := &yearSet{}
	for _, h := range publicHolidays[ci] {
		if h.Type != cal.ObservancePublic || h == dk.Grundlovsdag {
			continue // Grundlovsdag is a DK non-deadline day, not a holiday: see ExtraDays
		}
		actual, _ := h.Calc(year)
		if actual.IsZero() || actual.Year() != year {
			continue
		}
		s.holiday.set(actual.YearDay() - 1)
	}
	c := Countries[ci]
	for _, e := range ExtraDays {
		if year < e.FromYear || !containsCountry(e.Countries, c) {
			continue
		}
		d := Date(year, e.Month, e.Day)
		for e.FridayOn && d.Weekday() != time.Friday {
			d = d.AddDate(0, 0, 1)
		}
		s.extra.set(d.YearDay() - 1)
	}
	return s
}

func containsCountry(list []Country, c Country) bool {
	for _, x := range list {
		if x == c {
			return true
		}
	}
	return false
}
