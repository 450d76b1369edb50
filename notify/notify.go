// Package notify renders the customer-facing e-mail of the desk (case
// notifications and account mail) in nb, nn, sv, da and en, as plain text
// and HTML. Every word a customer reads comes from the embedded message
// catalogues in templates/; the package does no I/O besides reading them.
package notify

import (
	"bytes"
	"fmt"
	"text/template"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/mail"
)

// Kind names one customer-facing message.
type Kind string

// The message kinds.
const (
	CaseRegistered   Kind = "case_registered"
	GoodsReceived    Kind = "goods_received"
	Decision         Kind = "decision"
	RefundMade       Kind = "refund_made"
	ReminderGoodsDue Kind = "reminder_goods_due"
	AutoCloseNotice  Kind = "auto_close_notice"
	CaseClosed       Kind = "case_closed"
	AgentReply       Kind = "agent_reply"
	Escalated        Kind = "escalated"
	Invitation       Kind = "invitation"
	SignInLink       Kind = "sign_in_link"
	PasswordReset    Kind = "password_reset"
	// WithdrawalReceived acknowledges a declaration of withdrawal made
	// with the shop's withdrawal function (CRD Art. 11a): what was
	// declared and the date and time it was received.
	WithdrawalReceived Kind = "withdrawal_received"
)

// Kinds lists every message kind.
var Kinds = []Kind{
	CaseRegistered, GoodsReceived, Decision, RefundMade, ReminderGoodsDue, AutoCloseNotice,
	CaseClosed, AgentReply, Escalated, Invitation, SignInLink, PasswordReset, WithdrawalReceived,
}

// Account reports whether k is account mail (no case behind it).
func (k Kind) Account() bool { return k == Invitation || k == SignInLink || k == PasswordReset }

// Automatic reports whether k is sent by the desk itself rather than
// written by a person; such mail carries Auto-Submitted: auto-generated.
func (k Kind) Automatic() bool { return k != AgentReply }

// Shop is what a message says about the shop that sends it.
type Shop struct {
	Name         string
	SupportEmail string
	Phone        string
	Website      string
	Lang         claimdesk.Lang // fallback when the requested language is unknown
}

// Line is one order line a case is about.
type Line struct {
	Name     string
	Quantity int
}

// Case is what a message says about the case.
type Case struct {
	Number      string // the RMA number, "DUS-26-000123-5"; goes into the subject
	Kind        claimdesk.CaseKind
	OrderNumber string
	Lines       []Line
}

// Fee is a fee the customer pays, with its label already localised.
type Fee struct {
	Label  string
	Amount claimdesk.Money
}

// Condition is how the received goods were found.
type Condition string

// Conditions of received goods.
const (
	ConditionAsExpected Condition = "as_expected" // as described by the customer
	ConditionUsed       Condition = "used"        // signs of use beyond what is needed to inspect
	ConditionDamaged    Condition = "damaged"     // damaged in transport back to us
	ConditionIncomplete Condition = "incomplete"  // parts or accessories missing
	ConditionNoFault    Condition = "no_fault"    // the reported fault could not be found
)

// RefundMethod is where a refund is paid.
type RefundMethod string

// Refund methods.
const (
	RefundCard    RefundMethod = "card"
	RefundInvoice RefundMethod = "invoice" // credit note against the invoice
	RefundBank    RefundMethod = "bank"
	RefundVipps   RefundMethod = "vipps"
	RefundSwish   RefundMethod = "swish"
	RefundMobile  RefundMethod = "mobilepay"
)

// Data is everything a message may show. Each kind uses the fields it
// needs and ignores the rest; empty fields leave their sentence out.
// Sentences passed in (Summary, Explanations, Packing, fee labels) must
// already be in the message's language.
type Data struct {
	Shop         Shop
	CustomerName string
	Case         Case

	// The decision (case_registered, decision).
	Decision     claimdesk.DecisionState
	Remedy       claimdesk.Remedy
	Summary      string   // one sentence: what was decided
	Explanations []string // why, sentence by sentence
	Fees         []Fee
	Refund       *claimdesk.Money // expected or paid refund

	// Deadlines.
	GoodsDue claimdesk.Date // the goods must arrive by this day
	CloseOn  claimdesk.Date // the case closes on this day if the goods have not arrived
	Deadline claimdesk.Date // when the shop will have answered or acted

	// Goods (goods_received).
	ReceivedOn    claimdesk.Date
	Condition     Condition
	ConditionNote string // the inspector's words, localised

	// Refund (refund_made).
	RefundMethod  RefundMethod
	RefundDaysMin int // working days until the money shows, e.g. 3–5
	RefundDaysMax int

	// When the shop normally refunds, counted in weeks from the day the
	// customer sent the return (Digital Låssmed: 2–3); shown while waiting.
	RefundWeeksMin int
	RefundWeeksMax int

	// Links.
	CaseURL string // the case page in the portal
	// SurveyURL is the satisfaction survey of a closed case (case_closed),
	// answered without signing in.
	SurveyURL string
	LabelURL  string // the return label PDF
	LinkURL   string // account mail: set password, sign in, reset
	LinkMins  int    // how many minutes LinkURL stays valid

	Packing []string // packing checklist, localised

	// agent_reply.
	AgentName string
	AgentText string

	// escalated and decision: the complaint ladder.
	Step            claimdesk.LadderStep // where the case went (escalated)
	Ombudsman       string               // the shop's ombudsman, by name
	NationalBody    string               // the national consumer body, e.g. "Forbrukerrådet"
	NationalBodyURL string

	// invitation.
	InviterName string
	CompanyName string

	// withdrawal_received: when the declaration was received, in the
	// shop's time zone (its zone is written beside the time), and the
	// consumer's own words, if any. CustomerName is the name they gave.
	ReceivedAt time.Time
	Reason     string
}

// Message is a rendered message. Subject carries the case number in
// brackets whenever there is a case, so replies thread.
type Message struct {
	Kind       Kind
	Lang       claimdesk.Lang
	CaseNumber string
	Subject    string
	Text       string
	HTML       string
}

// ResolveLang returns lang if supported, else the shop's language, else nb.
func ResolveLang(lang, shop claimdesk.Lang) claimdesk.Lang {
	switch {
	case claimdesk.ValidLang(lang):
		return lang
	case claimdesk.ValidLang(shop):
		return shop
	}
	return claimdesk.Bokmal
}

// Render renders one message of kind in lang (see ResolveLang). It fails
// for an unknown kind; with ErrMissing when d lacks what the kind needs
// (the shop's name; the case number for case mail; Decision, CloseOn,
// AgentText, the ombudsman or national body, CompanyName, ReceivedAt with
// CustomerName and Case.OrderNumber for withdrawal_received, or LinkURL for
// account mail); and when a template asks for a catalogue key the
// language lacks, which the tests rule out.
func Render(kind Kind, lang claimdesk.Lang, d Data) (Message, error) {
	body, ok := kindTemplates[kind]
	if !ok {
		return Message{}, fmt.Errorf("notify: unknown message kind %q", kind)
	}
	if err := validate(kind, d); err != nil {
		return Message{}, err
	}
	lang = ResolveLang(lang, d.Shop.Lang)
	v := &view{D: d, cat: catalogues[lang], lang: lang}
	if err := body.Execute(&bytes.Buffer{}, v); err != nil {
		return Message{}, fmt.Errorf("notify: %s.%s: %w", kind, lang, err)
	}
	subject := v.T(string(kind)+".subject", "shop", d.Shop.Name)
	if v.err != nil {
		return Message{}, fmt.Errorf("notify: %s.%s: %w", kind, lang, v.err)
	}
	if d.Case.Number != "" && !kind.Account() {
		subject = mail.SubjectWithCaseNumber(subject, d.Case.Number)
	}
	html, err := renderHTML(lang, subject, v.blocks)
	if err != nil {
		return Message{}, fmt.Errorf("notify: %s.%s: %w", kind, lang, err)
	}
	return Message{
		Kind: kind, Lang: lang, CaseNumber: d.Case.Number,
		Subject: subject, Text: renderText(v.blocks), HTML: html,
	}, nil
}

// commonTemplate holds the blocks every kind shares: greeting, case facts, footer.
const commonTemplate = "templates/kinds/common.tmpl"

var kindTemplates = mustParseKinds()

func mustParseKinds() map[Kind]*template.Template {
	m := map[Kind]*template.Template{}
	for _, k := range Kinds {
		name := "templates/kinds/" + string(k) + ".tmpl"
		t := template.Must(template.New(string(k)).Option("missingkey=error").ParseFS(files, name, commonTemplate))
		m[k] = t.Lookup(string(k) + ".tmpl")
	}
	return m
}
