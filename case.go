package claimdesk

import (
	"context"
	"encoding/json"
	"time"
)

// CaseKind is what a case is about.
type CaseKind string

// Case kinds: the ten the policy engine judges, plus general questions and
// formal complaints.
const (
	KindWithdrawal      CaseKind = "withdrawal"       // statutory right of withdrawal
	KindReturn          CaseKind = "return"           // the shop's own voluntary return right
	KindDefect          CaseKind = "defect"           // reklamasjon: a fault
	KindWarranty        CaseKind = "warranty"         // the manufacturer's guarantee
	KindDOA             CaseKind = "doa"              // dead on arrival
	KindTransportDamage CaseKind = "transport_damage" // damaged in transit
	KindWrongItem       CaseKind = "wrong_item"
	KindMissingItem     CaseKind = "missing_item"
	KindLostParcel      CaseKind = "lost_parcel"
	KindCancellation    CaseKind = "cancellation" // lines not yet shipped
	KindGeneral         CaseKind = "general"      // a question
	KindComplaint       CaseKind = "complaint"    // a formal complaint that climbs the ladder
)

// CaseKinds lists every kind in the order forms show them.
var CaseKinds = []CaseKind{
	KindWithdrawal, KindReturn, KindDefect, KindWarranty, KindDOA, KindTransportDamage,
	KindWrongItem, KindMissingItem, KindLostParcel, KindCancellation, KindGeneral, KindComplaint,
}

// ValidCaseKind reports whether k is a known kind.
func ValidCaseKind(k CaseKind) bool {
	for _, x := range CaseKinds {
		if x == k {
			return true
		}
	}
	return false
}

// Judged reports whether the policy engine decides eligibility for the kind.
func (k CaseKind) Judged() bool { return k != KindGeneral && k != KindComplaint && ValidCaseKind(k) }

// NeedsOrder reports whether a case of the kind must name an order.
func (k CaseKind) NeedsOrder() bool { return k.Judged() }

// Status is where a case stands overall.
type Status string

// Case statuses.
const (
	StatusOpen     Status = "open"     // being worked
	StatusWaiting  Status = "waiting"  // waiting on the customer, carrier or manufacturer
	StatusResolved Status = "resolved" // decided and settled, may still be reopened
	StatusClosed   Status = "closed"
)

// DecisionState is the decision axis of a case.
type DecisionState string

// Decision states.
const (
	DecisionRequested      DecisionState = "requested"
	DecisionApproved       DecisionState = "approved"
	DecisionPartlyApproved DecisionState = "partly_approved"
	DecisionRejected       DecisionState = "rejected"
)

// Remedy is what an approved case gives the customer.
type Remedy string

// Remedies.
const (
	RemedyNone           Remedy = ""
	RemedyRepair         Remedy = "repair"
	RemedyReplacement    Remedy = "replacement"
	RemedyRefund         Remedy = "refund"
	RemedyPriceReduction Remedy = "price_reduction"
)

// LogisticsState is the goods axis of a case.
type LogisticsState string

// Logistics states.
const (
	LogisticsNone               LogisticsState = "none" // no goods move
	LogisticsAwaitingGoods      LogisticsState = "awaiting_goods"
	LogisticsInTransit          LogisticsState = "in_transit"
	LogisticsPartlyReceived     LogisticsState = "partly_received"
	LogisticsReceived           LogisticsState = "received"
	LogisticsReturnedToCustomer LogisticsState = "returned_to_customer"
)

// MoneyState is the money axis of a case.
type MoneyState string

// Money states.
const (
	MoneyNone      MoneyState = "none"
	MoneyFeeDue    MoneyState = "fee_due"
	MoneyRefundDue MoneyState = "refund_due"
	MoneyRefunded  MoneyState = "refunded"
	MoneySettled   MoneyState = "settled"
)

// WaitingOn names who a waiting case waits for; the SLA clock pauses meanwhile.
type WaitingOn string

// Parties a case can wait on.
const (
	WaitingOnNobody       WaitingOn = ""
	WaitingOnCustomer     WaitingOn = "customer"
	WaitingOnCarrier      WaitingOn = "carrier"
	WaitingOnManufacturer WaitingOn = "manufacturer"
)

// LadderStep is the step of the complaint ladder a case stands on.
type LadderStep string

// Ladder steps: customer service, the shop's independent ombudsman, the
// national consumer body of the customer's country.
const (
	LadderCustomerService LadderStep = "customer_service"
	LadderOmbudsman       LadderStep = "ombudsman"
	LadderNationalBody    LadderStep = "national_body"
)

// CaseLine is a quantity of one order line that the case is about.
type CaseLine struct {
	SKU      string `json:"sku"`
	Quantity int    `json:"quantity"`
}

// CaseFee is a fee the customer is charged in the case.
type CaseFee struct {
	Code   string `json:"code"`
	Amount Minor  `json:"amount"`
}

// Case is one after-sales matter: a withdrawal, a complaint, a question.
// Decision holds the policy engine's decision exactly as made, with the terms
// version it was made under, so later term changes never rewrite history.
type Case struct {
	ID              int64           `json:"id"`
	Number          string          `json:"number"`
	ShopID          string          `json:"shop_id"`
	Kind            CaseKind        `json:"kind"`
	Channel         string          `json:"channel"` // portal, api, email, agent
	CustomerID      int64           `json:"customer_id"`
	UserID          int64           `json:"user_id,omitempty"`
	OrderID         int64           `json:"order_id,omitempty"`
	OrderExternalID string          `json:"order_external_id,omitempty"`
	Subject         string          `json:"subject"`
	Description     string          `json:"description"`
	Facts           map[string]bool `json:"facts"`
	Lines           []CaseLine      `json:"lines"`
	Country         Country         `json:"country"`
	Lang            Lang            `json:"lang"`
	Currency        string          `json:"currency"`
	Status          Status          `json:"status"`
	Decision        DecisionState   `json:"decision"`
	Remedy          Remedy          `json:"remedy"`
	Logistics       LogisticsState  `json:"logistics"`
	Money           MoneyState      `json:"money"`
	WaitingOn       WaitingOn       `json:"waiting_on"`
	Ladder          LadderStep      `json:"ladder"`
	Finding         string          `json:"finding,omitempty"`
	Eligible        *bool           `json:"eligible"`
	Route           string          `json:"route"`
	Deadline        Date            `json:"deadline"`
	GoodsDue        Date            `json:"goods_due"`
	Fees            []CaseFee       `json:"fees"`
	Refund          *Minor          `json:"refund"`
	Refunded        Minor           `json:"refunded"`
	Assessment      json.RawMessage `json:"assessment,omitempty"` // the decision snapshot
	TermsVersion    string          `json:"terms_version"`
	AssigneeID      int64           `json:"assignee_id,omitempty"`
	Queue           string          `json:"queue"` // customer_service, ombudsman
	Priority        int             `json:"priority"`
	DueAt           *time.Time      `json:"due_at,omitempty"` // nearest SLA due time
	FirstResponseAt *time.Time      `json:"first_response_at,omitempty"`
	MergedInto      int64           `json:"merged_into,omitempty"`
	CreatedAt       time.Time       `json:"created_at"`
	UpdatedAt       time.Time       `json:"updated_at"`
	ClosedAt        *time.Time      `json:"closed_at,omitempty"`
	Version         int             `json:"version"`
}

// Open reports whether the case is still being handled.
func (c *Case) Open() bool { return c.Status == StatusOpen || c.Status == StatusWaiting }

// Event is one entry of a case's append-only log: who did what, when, why.
type Event struct {
	ID        int64           `json:"id"`
	CaseID    int64           `json:"case_id"`
	Seq       int             `json:"seq"`
	Type      string          `json:"type"`
	ActorKind string          `json:"actor_kind"`
	ActorID   int64           `json:"actor_id,omitempty"`
	ActorName string          `json:"actor_name"`
	At        time.Time       `json:"at"`
	Reason    string          `json:"reason,omitempty"`
	Data      json.RawMessage `json:"data,omitempty"`
}

// Direction says where a message went.
type Direction string

// Message directions: from the customer, to the customer, or an internal note.
const (
	Inbound  Direction = "in"
	Outbound Direction = "out"
	Note     Direction = "note"
)

// Message is a message in a case: the customer's, an agent's reply, or a note
// only staff see.
type Message struct {
	ID          int64        `json:"id"`
	CaseID      int64        `json:"case_id"`
	Direction   Direction    `json:"direction"`
	AuthorKind  string       `json:"author_kind"`
	AuthorID    int64        `json:"author_id,omitempty"`
	AuthorName  string       `json:"author_name"`
	Body        string       `json:"body"`
	EmailID     string       `json:"email_message_id,omitempty"`
	CreatedAt   time.Time    `json:"created_at"`
	Attachments []Attachment `json:"attachments"`
}

// Attachment is a file on a case: a photo of damage, an invoice.
type Attachment struct {
	ID          int64     `json:"id"`
	CaseID      int64     `json:"case_id"`
	MessageID   int64     `json:"message_id,omitempty"`
	Filename    string    `json:"filename"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	Data        []byte    `json:"-"`
	CreatedAt   time.Time `json:"created_at"`
}

// CaseFilter selects cases; Sort is "newest" (default) or "due" (nearest SLA
// due time first, the agent queue).
type CaseFilter struct {
	ShopIDs     []string
	CustomerIDs []int64
	UserID      int64
	OrderID     int64
	Kinds       []CaseKind
	Statuses    []Status
	Queue       string
	AssigneeID  int64
	Unassigned  bool
	Query       string
	Sort        string
	Cursor      string
	Limit       int
}

// CaseUpdate is applied by UpdateCase when the stored version matches.
type CaseUpdate struct {
	Case            *Case
	ExpectedVersion int
}

// CaseStore stores cases with their events, messages and attachments.
type CaseStore interface {
	// NextCaseSequence returns the next number in the shop's series for a
	// year, unique even when many instances ask at once.
	NextCaseSequence(ctx context.Context, shopID string, year int) (int64, error)
	// CreateCase stores a new case and its first events. Returns conflict on a duplicate number.
	CreateCase(ctx context.Context, c *Case, events []Event) error
	// UpdateCase stores the case if its version is still u.ExpectedVersion and
	// bumps the version. Returns conflict when someone else changed it first.
	UpdateCase(ctx context.Context, u CaseUpdate) error
	// FindCase returns a case. Returns not_found.
	FindCase(ctx context.Context, id int64) (*Case, error)
	// FindCaseByNumber returns a case by its number. Returns not_found.
	FindCaseByNumber(ctx context.Context, number string) (*Case, error)
	// FindCases lists cases and the cursor of the next page ("" at the end).
	FindCases(ctx context.Context, f CaseFilter) ([]*Case, string, error)
	// CountCases counts the cases the filter selects (cursor and limit ignored).
	CountCases(ctx context.Context, f CaseFilter) (int, error)
	// AppendEvents adds events to a case's log, numbering them after the last.
	AppendEvents(ctx context.Context, caseID int64, events []Event) error
	// ListEvents returns a case's log in order.
	ListEvents(ctx context.Context, caseID int64) ([]Event, error)
	// AddMessage stores a message with its attachments.
	AddMessage(ctx context.Context, m *Message) error
	// ListMessages returns a case's messages in order, attachments without data.
	ListMessages(ctx context.Context, caseID int64) ([]Message, error)
	// FindAttachment returns an attachment with its data. Returns not_found.
	FindAttachment(ctx context.Context, id int64) (*Attachment, error)
}
