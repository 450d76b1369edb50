package notify

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk"
)

// FormatDate formats d the way lang writes dates in running text:
// "18. mai 2026" (nb, nn, da), "18 maj 2026" (sv), "18 May 2026" (en).
// The zero date formats as "". Unknown languages fall back to nb.
func FormatDate(lang claimdesk.Lang, d claimdesk.Date) string {
	if d.IsZero() {
		return ""
	}
	c := catalogues[ResolveLang(lang, "")]
	months := c.lists["format.months"]
	month := d.Month.String()
	if int(d.Month) >= 1 && int(d.Month) <= len(months) {
		month = months[d.Month-1]
	}
	s, err := expand(c.msgs["format.date"], []any{"day", d.Day, "month", month, "year", d.Year})
	if err != nil {
		return d.String()
	}
	return s
}

// FormatDateTime formats an instant in its own location, with the zone's
// abbreviation: "18. mai 2026 kl. 14:05 (CEST)", "18 May 2026 at 14:05
// (CEST)". The zero time formats as "".
func FormatDateTime(lang claimdesk.Lang, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	c := catalogues[ResolveLang(lang, "")]
	s, err := expand(c.msgs["format.date_time"], []any{"date", FormatDate(lang, claimdesk.DateOf(t)), "time", t.Format("15:04"), "zone", t.Format("MST")})
	if err != nil {
		return t.Format("2006-01-02 15:04 MST")
	}
	return s
}

// FormatMoney formats m the way lang writes amounts: "2 369,00 kr" (nb,
// nn, sv), "2.369,00 kr." (da), "NOK 2,369.00" (en). Currencies without a
// local symbol are written with their ISO code.
func FormatMoney(lang claimdesk.Lang, m claimdesk.Money) string {
	c := catalogues[ResolveLang(lang, "")]
	v := int64(m.Amount)
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	amount := sign + group(strconv.FormatInt(v/100, 10), c.msgs["format.group"]) +
		c.msgs["format.decimal"] + fmt.Sprintf("%02d", v%100)
	symbol, ok := c.msgs["currency."+strings.ToUpper(m.Currency)]
	if !ok {
		symbol = strings.ToUpper(m.Currency)
	}
	s, err := expand(c.msgs["format.money"], []any{"amount", amount, "symbol", symbol})
	if err != nil {
		return m.String()
	}
	return s
}

// group inserts sep between groups of three digits from the right.
func group(digits, sep string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}
