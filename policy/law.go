package policy

import (
	_ "embed"
	"fmt"
	"time"

	"github.com/pelletier/go-toml/v2"

	"github.com/claimdesk/claimdesk/calendar"
)

//go:embed law/nordic.toml
var lawTOML []byte

// LawRule is one statutory rule of one country, valid for contracts (or
// days) from From up to and including To.
type LawRule struct {
	Key     string `toml:"key"`
	Country string `toml:"country"`
	Value   int    `toml:"value"`
	Statute string `toml:"statute"`
	Section string `toml:"section"`
	FromRaw string `toml:"from"`
	ToRaw   string `toml:"to"`
	Note    string `toml:"note"`

	from, to time.Time
	cite     string
}

// Cite returns the statute and section, e.g. "forbrukerkjøpsloven § 27 (2)".
func (r LawRule) Cite() string {
	if r.cite == "" {
		return r.Statute + " " + r.Section
	}
	return r.cite
}

// From returns the first day the rule applies.
func (r LawRule) From() time.Time { return r.from }

// To returns the last day the rule applies (zero: still in force).
func (r LawRule) To() time.Time { return r.to }

// Body is a consumer-dispute body or authority named in complaint ladders.
type Body struct {
	Name        string `toml:"name"`
	Country     string `toml:"country"` // NO, SE, DK or EU
	Role        string `toml:"role"`    // advice, mediation, board, authority, odr
	URL         string `toml:"url"`
	FromRaw     string `toml:"from"`
	ToRaw       string `toml:"to"`
	MediationTo string `toml:"mediation_to"` // the last day it mediated, if it no longer does
	Statute     string `toml:"statute"`
}

// Law is the statutory rule set: versioned rules per country and the
// dispute bodies.
type Law struct {
	Version string    `toml:"version"`
	Rules   []LawRule `toml:"rule"`
	Bodies  []Body    `toml:"body"`

	index map[lawKey][]*LawRule
}

type lawKey struct {
	key     string
	country calendar.Country
}

// Rule keys of the statutory data.
const (
	KeyWithdrawalDays        = "withdrawal_days"
	KeyWithdrawalGoodsDue    = "withdrawal_goods_due_days"
	KeyWithdrawalCustomMade  = "withdrawal_custom_made_excluded"
	KeyDeadlineRoll          = "deadline_roll"
	KeyComplaintMonths       = "complaint_months"
	KeyComplaintLongLived    = "complaint_months_long_lived"
	KeyNoticeSafeMonths      = "notice_safe_months"
	KeyPresumptionMonths     = "presumption_months"
	KeyBusinessComplaint     = "business_complaint_months"
	KeyConsumerRiskOnReceipt = "consumer_risk_on_receipt"
)

// ParseLaw reads a statutory rule set in the format of law/nordic.toml.
func ParseLaw(data []byte) (*Law, error) {
	var l Law
	dec := toml.NewDecoder(bytesReader(data)).DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("law: %w", err)
	}
	l.index = make(map[lawKey][]*LawRule)
	for i := range l.Rules {
		r := &l.Rules[i]
		var err error
		if r.from, err = calendar.ParseDate(r.FromRaw); err != nil {
			return nil, fmt.Errorf("law rule %d (%s %s): from: %w", i+1, r.Country, r.Key, err)
		}
		if r.ToRaw != "" {
			if r.to, err = calendar.ParseDate(r.ToRaw); err != nil {
				return nil, fmt.Errorf("law rule %d (%s %s): to: %w", i+1, r.Country, r.Key, err)
			}
		}
		r.cite = r.Statute + " " + r.Section
		k := lawKey{r.Key, calendar.Country(r.Country)}
		l.index[k] = append(l.index[k], r)
	}
	return &l, nil
}

// Lookup returns the rule key of country c that applies on day, or nil.
func (l *Law) Lookup(key string, c calendar.Country, day time.Time) *LawRule {
	for _, r := range l.index[lawKey{key, c}] {
		if day.Before(r.from) || (!r.to.IsZero() && day.After(r.to)) {
			continue
		}
		return r
	}
	return nil
}

// Body returns the dispute body with this name, or nil.
func (l *Law) Body(name string) *Body {
	for i := range l.Bodies {
		if l.Bodies[i].Name == name {
			return &l.Bodies[i]
		}
	}
	return nil
}

var defaultLaw = mustLaw()

func mustLaw() *Law {
	l, err := ParseLaw(lawTOML)
	if err != nil {
		panic(err) // embedded at build time; covered by tests
	}
	return l
}

// NordicLaw returns the embedded statutory rule set (shared, read-only).
func NordicLaw() *Law { return defaultLaw }
