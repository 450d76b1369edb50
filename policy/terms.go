package policy

import (
	"bytes"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/calendar"
)

// Terms is one shop's published terms as data: every rule points at the
// clause of the shop's text it comes from. Load them with LoadTermsFile.
type Terms struct {
	ID            string   `toml:"id"`
	Name          string   `toml:"name"`
	Version       string   `toml:"version"` // stored with each case decided under these terms
	Source        []string `toml:"source"`  // the documents the file was written from
	Language      string   `toml:"language"`
	TimeZone      string   `toml:"time_zone"`
	SellerCountry string   `toml:"seller_country"`
	Customers     []string `toml:"customers"` // consumer, business
	// OrgNumberMeansBusiness: a buyer who gives an organisation number is a business buyer.
	OrgNumberMeansBusiness bool `toml:"org_number_means_business"`

	Clauses    []Clause       `toml:"clause"`
	Markets    []Market       `toml:"market"`
	Withdrawal *Withdrawal    `toml:"withdrawal"`
	Return     *Return        `toml:"return"`
	Complaint  Complaint      `toml:"complaint"`
	Windows    []Window       `toml:"window"`
	Warranty   *Warranty      `toml:"warranty"`
	Routes     []Route        `toml:"route"`
	Checks     *Checks        `toml:"checks"`
	Fees       []FeeRule      `toml:"fee"`
	Hours      []Hours        `toml:"hours"`
	Answers    []AnswerTarget `toml:"answer"`
	Ladder     []LadderStep   `toml:"ladder"`
	Retention  *Retention     `toml:"retention"`
	Packing    []PackingNote  `toml:"packing"`
	// ReturnOptions are ways to send goods back besides the shop's label.
	ReturnOptions []ReturnOption `toml:"return_option"`
	Statements    Statements     `toml:"statements"`

	file    string
	loc     *time.Location
	clauses map[string]*Clause
}

// Clause is a passage of the shop's text that rules cite.
type Clause struct {
	ID    string `toml:"id"`
	Title string `toml:"title"` // the heading as the shop writes it, e.g. "Ångerrätt"
	Doc   string `toml:"doc"`   // the seed document
	Quote string `toml:"quote"` // the words the rule rests on
}

// Market is what the shop uses for customers of one country.
type Market struct {
	Country  string `toml:"country"`
	Currency string `toml:"currency"`
	Lang     string `toml:"lang"`
}

// Withdrawal is the shop's own wording of the statutory right of withdrawal.
type Withdrawal struct {
	Days              int    `toml:"days"` // 0: the statutory period
	WeekendRule       bool   `toml:"weekend_rule"`
	ExcludeCustomMade bool   `toml:"exclude_custom_made"`
	GoodsDueDays      int    `toml:"goods_due_days"`
	Clause            string `toml:"clause"`
}

// Return is a voluntary return right ("open purchase"), beyond the law.
type Return struct {
	Offered           bool     `toml:"offered"`
	Days              int      `toml:"days"`
	WeekendRule       bool     `toml:"weekend_rule"`
	Conditions        []string `toml:"conditions"` // unused, labels_intact, original_packaging
	ExcludeCustomMade bool     `toml:"exclude_custom_made"`
	Clause            string   `toml:"clause"`
}

// Complaint holds the shop's complaint periods and rules.
type Complaint struct {
	ConsumerMonths int    `toml:"consumer_months"` // 0: the shop states none
	ConsumerClause string `toml:"consumer_clause"`
	BusinessMonths int    `toml:"business_months"` // 0: the statutory business default
	BusinessClause string `toml:"business_clause"`
	GoodsDueDays   int    `toml:"goods_due_days"` // goods must reach the shop within N days of opening
	GoodsDueClause string `toml:"goods_due_clause"`
	// BusinessPaysFreight: business buyers pay freight on complaints.
	BusinessPaysFreight bool `toml:"business_pays_freight"`
}

// Window is a reporting window the shop asks for (transport damage, wrong or
// missing items). Audience says whom the text addresses; it binds business
// buyers only, whatever it says.
type Window struct {
	Kinds    []string `toml:"kinds"`
	Damage   string   `toml:"damage"` // visible, hidden or any
	Days     int      `toml:"days"`   // whole calendar days after delivery
	Audience []string `toml:"audience"`
	Clause   string   `toml:"clause"`
}

// Warranty is the shop's own stated warranty period.
type Warranty struct {
	Months     int      `toml:"months"`
	Categories []string `toml:"categories"` // empty: all goods
	Clause     string   `toml:"clause"`
}

// Route sends a case kind to someone other than the shop.
type Route struct {
	Kind   string `toml:"kind"`
	To     string `toml:"to"` // manufacturer or carrier
	Clause string `toml:"clause"`
}

// Checks are intake checks the shop demands on complaints it handles.
type Checks struct {
	Description       bool     `toml:"description"`
	VaguePhrases      []string `toml:"vague_phrases"` // phrases that say nothing beyond "dead / not working"
	FillerWords       []string `toml:"filler_words"`
	DescriptionClause string   `toml:"description_clause"`
	PhoneCategories   []string `toml:"phone_categories"`
	FindMy            bool     `toml:"find_my"`
	PhoneClause       string   `toml:"phone_clause"`

	phrases [][]string // VaguePhrases split into words
}

// FeeRule is a fee the shop's terms announce.
type FeeRule struct {
	Code      string   `toml:"code"`
	AmountRaw string   `toml:"amount"` // major units, e.g. "300.00"
	Currency  string   `toml:"currency"`
	Per       string   `toml:"per"`        // case (default) or started_hour
	ChargedOn []string `toml:"charged_on"` // case kinds that carry the fee when opened
	Findings  []string `toml:"findings"`   // findings that trigger the fee later
	Kinds     []string `toml:"kinds"`      // case kinds a finding fee applies to (empty: all)
	Threat    string   `toml:"threat"`     // intake check whose failure threatens it
	Audience  []string `toml:"audience"`   // consumer, business (empty: both)
	Variable  bool     `toml:"variable"`   // amount judged case by case
	Always    bool     `toml:"always"`     // the text says the fee "always" applies
	Clause    string   `toml:"clause"`

	amount claimdesk.Minor
}

// Amount returns the fee in minor units.
func (f FeeRule) Amount() claimdesk.Minor { return f.amount }

// Hours are a channel's opening hours.
type Hours struct {
	Channel  string   `toml:"channel"` // phone, chat, email …
	Weekdays []string `toml:"weekdays"`
	Saturday []string `toml:"saturday"`
	Sunday   []string `toml:"sunday"`
	Reduced  []string `toml:"reduced"` // open but thinly staffed
	Clause   string   `toml:"clause"`

	schedule calendar.Schedule
}

// Schedule returns the opening hours as a calendar schedule.
func (h Hours) Schedule() calendar.Schedule { return h.schedule }

// AnswerTarget is a promised answer time.
type AnswerTarget struct {
	Channel string `toml:"channel"` // email, quote …
	Hours   int    `toml:"hours"`
	Clock   string `toml:"clock"` // weekday_hours, calendar_hours or opening_hours
	Clause  string `toml:"clause"`
}

// Duration returns the target as a duration.
func (a AnswerTarget) Duration() time.Duration { return time.Duration(a.Hours) * time.Hour }

// LadderStep is one step of the shop's complaint ladder, as the shop states it.
type LadderStep struct {
	Step   string `toml:"step"` // customer_service, ombudsman, national_body, odr
	Name   string `toml:"name"`
	URL    string `toml:"url"`
	Role   string `toml:"role"` // what the shop says the body does: advice, mediation, decision
	Clause string `toml:"clause"`
}

// Retention is how long the shop keeps data.
type Retention struct {
	InactiveAccountMonths int    `toml:"inactive_account_months"`
	Clause                string `toml:"clause"`
}

// PackingNote is an instruction for sending goods back.
type PackingNote struct {
	Code       string   `toml:"code"` // rma_on_parcel, not_on_original_box, all_accessories, find_my_off, accounts_removed, remove_sim_and_memory, data_loss
	Kinds      []string `toml:"kinds"`
	Categories []string `toml:"categories"`
	Clause     string   `toml:"clause"`
}

// ReturnOption is a way to send goods back the shop offers besides its
// return label: a pickup for heavy parcels, or the customer's own carrier
// agreement.
type ReturnOption struct {
	Code   string `toml:"code"` // pickup, own_carrier
	Clause string `toml:"clause"`
}

// ReturnOption returns the shop's option with the code, or nil.
func (t *Terms) ReturnOption(code string) *ReturnOption {
	for i := range t.ReturnOptions {
		if t.ReturnOptions[i].Code == code {
			return &t.ReturnOptions[i]
		}
	}
	return nil
}

// Statements record facts the shop's text states, right or wrong, for the
// terms linter.
type Statements struct {
	PresumptionMonths int         `toml:"presumption_months"`
	PresumptionClause string      `toml:"presumption_clause"`
	Statutes          []StatedLaw `toml:"statute"`
}

// StatedLaw is a statute the shop's text invokes.
type StatedLaw struct {
	Name    string `toml:"name"`
	Country string `toml:"country"`
	Clause  string `toml:"clause"`
}

// File returns the name the terms were loaded from.
func (t *Terms) File() string { return t.file }

// Location returns the shop's time zone.
func (t *Terms) Location() *time.Location { return t.loc }

// ClauseByID returns the clause with id, or nil.
func (t *Terms) ClauseByID(id string) *Clause { return t.clauses[id] }

// MarketFor returns the market of a customer country, or nil.
func (t *Terms) MarketFor(country string) *Market {
	for i := range t.Markets {
		if t.Markets[i].Country == country {
			return &t.Markets[i]
		}
	}
	return nil
}

// Serves reports whether the terms address this kind of customer.
func (t *Terms) Serves(kind string) bool { return contains(t.Customers, kind) }

// HoursFor returns the opening hours of a channel, or nil.
func (t *Terms) HoursFor(channel string) *Hours {
	for i := range t.Hours {
		if t.Hours[i].Channel == channel {
			return &t.Hours[i]
		}
	}
	return nil
}

// SLAClock returns the clock an answer target runs on in country c.
func (t *Terms) SLAClock(a AnswerTarget, c calendar.Country) calendar.Clock {
	clock := calendar.Clock{Loc: t.loc, Country: c}
	switch a.Clock {
	case "weekday_hours":
		clock.Schedule = calendar.WeekdayHours()
	case "opening_hours":
		if h := t.HoursFor(a.Channel); h != nil {
			clock.Schedule = h.schedule
		}
	default: // calendar_hours
		clock.OpenOnHolidays = true
		for wd := range clock.Schedule.Days {
			clock.Schedule.Days[wd] = []calendar.Shift{{From: 0, To: 24 * 60}}
		}
	}
	return clock
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
