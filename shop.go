package claimdesk

import (
	"context"
	"time"
)

// Country is an ISO 3166 alpha-2 code: NO, SE, DK, FI.
type Country string

// Countries whose consumer law claimdesk knows.
const (
	Norway  Country = "NO"
	Sweden  Country = "SE"
	Denmark Country = "DK"
	Finland Country = "FI"
)

// Lang is a customer-facing language: nb, nn, sv, da, en.
type Lang string

// Languages of the message catalogues.
const (
	Bokmal  Lang = "nb"
	Nynorsk Lang = "nn"
	Swedish Lang = "sv"
	Danish  Lang = "da"
	English Lang = "en"
)

// Langs lists every supported language.
var Langs = []Lang{Bokmal, Nynorsk, Swedish, Danish, English}

// ValidLang reports whether l is a supported language.
func ValidLang(l Lang) bool {
	for _, x := range Langs {
		if x == l {
			return true
		}
	}
	return false
}

// Address is a postal address.
type Address struct {
	Name       string  `json:"name"`
	Attention  string  `json:"attention,omitempty"`
	Street     string  `json:"street"`
	Street2    string  `json:"street2,omitempty"`
	PostalCode string  `json:"postal_code"`
	City       string  `json:"city"`
	Country    Country `json:"country"`
}

// Market is one customer country a shop sells to, with its currency and the
// language customers there are served in.
type Market struct {
	Country  Country `json:"country"`
	Currency string  `json:"currency"`
	Lang     Lang    `json:"lang"`
}

// Interval is a span of opening hours within a day, as "08:00"–"16:00".
type Interval struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// OpeningHours holds each weekday's intervals (split shifts allowed); a
// weekday with none is closed. Public holidays of the shop's country are
// closed unless listed in Open.
type OpeningHours struct {
	Week [7][]Interval `json:"week"` // indexed by time.Weekday: Sunday = 0
}

// ShopSLA holds a shop's service targets in minutes of its SLA clock.
type ShopSLA struct {
	FirstResponseMinutes int `json:"first_response_minutes"`
	NextResponseMinutes  int `json:"next_response_minutes"`
	// Clock is "business_hours" (count only opening hours) or "weekday_hours"
	// (every hour of a weekday that is not a public holiday).
	Clock string `json:"clock"`
}

// ShopMail is a shop's mail settings. Empty servers mean the instance's
// defaults (CLAIMDESK_SMTP_URL, CLAIMDESK_IMAP_URL).
type ShopMail struct {
	From        string `json:"from"`         // sender address; the support email when empty
	FromName    string `json:"from_name"`    // display name; the shop's name when empty
	ReplyDomain string `json:"reply_domain"` // per-case reply addresses: support+<case>@domain
	SMTPURL     string `json:"smtp_url"`     // smtp://user:pass@host:587 or smtps://…
	IMAPURL     string `json:"imap_url"`     // imaps://user:pass@host:993/INBOX
}

// Shop is a web shop using the desk. ID is its slug (dustin, belysning …),
// used in every API path.
type Shop struct {
	ID             string       `json:"id"`
	Name           string       `json:"name"`
	LegalName      string       `json:"legal_name"`
	OrgNumber      string       `json:"org_number"`
	Country        Country      `json:"country"`
	Lang           Lang         `json:"lang"`
	TimeZone       string       `json:"time_zone"`
	CasePrefix     string       `json:"case_prefix"`
	BusinessOnly   bool         `json:"business_only"`
	Markets        []Market     `json:"markets"`
	ReturnAddress  Address      `json:"return_address"`
	SupportEmail   string       `json:"support_email"`
	Phone          string       `json:"phone"`
	Website        string       `json:"website"`
	OpeningHours   OpeningHours `json:"opening_hours"`
	SLA            ShopSLA      `json:"sla"`
	TermsID        string       `json:"terms_id"`
	RetentionYears int          `json:"retention_years"`
	Mail           ShopMail     `json:"mail"`
	Brand          ShopBrand    `json:"brand"`
	Demo           bool         `json:"demo"`
	CreatedAt      time.Time    `json:"created_at"`
	UpdatedAt      time.Time    `json:"updated_at"`
}

// Location returns the shop's time zone, UTC if it cannot be loaded.
func (s *Shop) Location() *time.Location {
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Market returns the shop's market for a customer country, and whether the
// shop sells there.
func (s *Shop) Market(c Country) (Market, bool) {
	for _, m := range s.Markets {
		if m.Country == c {
			return m, true
		}
	}
	return Market{}, false
}

// ShopStore stores shops.
type ShopStore interface {
	// CreateShop stores a new shop. Returns conflict if the id or prefix is taken.
	CreateShop(ctx context.Context, s *Shop) error
	// UpdateShop replaces a shop's settings. Returns not_found.
	UpdateShop(ctx context.Context, s *Shop) error
	// FindShop returns one shop. Returns not_found.
	FindShop(ctx context.Context, id string) (*Shop, error)
	// ListShops returns every shop ordered by id.
	ListShops(ctx context.Context) ([]*Shop, error)
}
