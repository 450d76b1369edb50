// Package casework holds claimdesk's use-cases: importing orders, opening and
// working cases, messages, customers, users, API keys and sign-in. Every
// use-case checks who is asking here, once, above the stores; the HTTP API,
// the web pages and the command line all call it and never a store directly.
package casework

import (
	"context"
	"log/slog"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/policy"
	"github.com/claimdesk/claimdesk/webhooks"
)

// Assessor judges a case with the policy engine: the shop's terms on top of
// the consumer law of the customer's country.
type Assessor interface {
	// Assess judges the case as opened on today (a civil date in the shop's
	// time zone). It returns an error only when the case cannot be judged.
	Assess(in AssessInput) (*Assessment, error)
}

// AssessInput is everything the policy engine needs to judge one case.
type AssessInput struct {
	Shop     *claimdesk.Shop
	Customer *claimdesk.Customer
	Order    *claimdesk.Order
	Case     *claimdesk.Case
	// DiscoveredOn is when the customer found the fault, if they said.
	DiscoveredOn claimdesk.Date
	Today        claimdesk.Date
	// Terms are the shop's uploaded terms, or nil for the shipped ones
	// (Shop.TermsID).
	Terms *policy.Terms
}

// Assessment is the policy engine's decision on a case.
type Assessment struct {
	Eligible     bool
	Deadline     claimdesk.Date
	GoodsDue     claimdesk.Date
	Route        string
	Reasons      []string
	Fees         []claimdesk.CaseFee
	Refund       *claimdesk.Minor
	TermsVersion string
	// Snapshot is the whole decision as JSON, stored with the case.
	Snapshot []byte
}

// SLAClock computes when a case's next response is due under a shop's
// service targets, opening hours and national holidays.
type SLAClock interface {
	// Due returns the instant a response started at from is due, in UTC.
	Due(shop *claimdesk.Shop, from time.Time, minutes int) time.Time
}

// Service runs the use-cases against one database.
type Service struct {
	db            claimdesk.DB
	assessor      Assessor
	sla           SLAClock
	now           func() time.Time
	log           *slog.Logger
	secrets       *secrets
	logins        *loginGate
	help          *HelpCenter
	shopTerms     *termsCache
	notifier      Notifier
	accountMailer AccountMailer
	webhookSender *webhooks.Sender
	baseURL       string
}

// Options configure a Service. Zero values pick sensible defaults.
type Options struct {
	Assessor Assessor
	SLA      SLAClock
	Now      func() time.Time // the clock; tests move it
	Logger   *slog.Logger
	// MaxConcurrentHashes bounds password hashing (argon2id costs about
	// 64 MiB and 80 ms each), so a burst of logins cannot starve the server.
	MaxConcurrentHashes int
}

// New returns a Service on db.
func New(db claimdesk.DB, o Options) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.MaxConcurrentHashes <= 0 {
		o.MaxConcurrentHashes = 2
	}
	return &Service{
		db: db, assessor: o.Assessor, sla: o.SLA, now: func() time.Time { return o.Now().UTC() }, log: o.Logger,
		secrets: &secrets{}, logins: newLoginGate(o.MaxConcurrentHashes), shopTerms: &termsCache{},
	}
}

// DB returns the service's database, for wiring (health checks, jobs).
func (s *Service) DB() claimdesk.DB { return s.db }

// Now returns the service clock's current instant in UTC.
func (s *Service) Now() time.Time { return s.now() }

func (s *Service) stores() claimdesk.Stores { return s.db.Stores() }

// today returns the civil date in the shop's time zone.
func (s *Service) today(shop *claimdesk.Shop) claimdesk.Date {
	return claimdesk.DateIn(s.now(), shop.Location())
}

func forbidden() error {
	return claimdesk.Errorf(claimdesk.CodeForbidden, "you may not do this")
}

func unauthenticated() error {
	return claimdesk.Errorf(claimdesk.CodeUnauthenticated, "sign in or send an API key")
}

// requireStaff checks that the actor works for the shop.
func requireStaff(ctx context.Context, shopID string) error {
	a := claimdesk.ActorFrom(ctx)
	if a.Kind == claimdesk.ActorAnonymous {
		return unauthenticated()
	}
	if !a.Staff(shopID) {
		return forbidden()
	}
	return nil
}

// requireShopAdmin checks that the actor is a shop admin (or the system).
func requireShopAdmin(ctx context.Context, shopID string) error {
	a := claimdesk.ActorFrom(ctx)
	switch {
	case a.Kind == claimdesk.ActorAnonymous:
		return unauthenticated()
	case a.Kind == claimdesk.ActorSystem, a.AgentRoleIn(shopID) == claimdesk.RoleAdmin:
		return nil
	}
	return forbidden()
}
