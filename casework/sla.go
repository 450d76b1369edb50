package casework

import (
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/calendar"
)

// CalendarSLA counts SLA time on the calendar package's clock: a shop's
// opening hours (split shifts allowed) or every weekday hour, with the
// national holidays of the shop's country left out.
type CalendarSLA struct{}

// Due returns when minutes of the shop's SLA clock have passed since from.
func (CalendarSLA) Due(shop *claimdesk.Shop, from time.Time, minutes int) time.Time {
	due := ShopClock(shop).Due(from, time.Duration(minutes)*time.Minute)
	if due.IsZero() { // a shop with no opening hours at all: count plain time
		return from.Add(time.Duration(minutes) * time.Minute).UTC()
	}
	return due.UTC()
}

// ShopClock returns the clock a shop's SLA runs on.
func ShopClock(shop *claimdesk.Shop) calendar.Clock {
	c := calendar.Clock{Loc: shop.Location(), Country: calendar.Country(shop.Country)}
	if shop.SLA.Clock == "weekday_hours" {
		c.Schedule = calendar.WeekdayHours()
		return c
	}
	for wd, list := range shop.OpeningHours.Week {
		for _, iv := range list {
			if sh, err := calendar.ParseShift(iv.From + "-" + iv.To); err == nil {
				c.Schedule.Days[wd] = append(c.Schedule.Days[wd], sh)
			}
		}
	}
	return c
}
