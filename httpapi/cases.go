package httpapi

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// CaseLineBody is a quantity of an order line in a case.
type CaseLineBody struct {
	SKU      string `json:"sku" minLength:"1"`
	Quantity int    `json:"quantity"`
}

// OpenCaseBody opens a case.
type OpenCaseBody struct {
	Kind          string          `json:"kind" doc:"withdrawal, return, defect, warranty, doa, transport_damage, wrong_item, missing_item, lost_parcel, cancellation, general, complaint"`
	Order         string          `json:"order,omitempty" doc:"The shop's order number; required for every kind but general and complaint."`
	Lines         []CaseLineBody  `json:"lines,omitempty"`
	Subject       string          `json:"subject,omitempty" maxLength:"300"`
	Description   string          `json:"description,omitempty" maxLength:"20000" doc:"The customer's own words."`
	Facts         map[string]bool `json:"facts,omitempty" doc:"unused, original_packaging, labels_intact, hidden_damage, noted_on_waybill, find_my_disabled, accounts_removed, photos_attached"`
	DiscoveredOn  *Date           `json:"discovered_on,omitempty" doc:"When the fault or damage was found."`
	Lang          string          `json:"lang,omitempty" enum:"nb,nn,sv,da,en"`
	CustomerEmail string          `json:"customer_email,omitempty" doc:"Staff only: the customer of a case with no order."`
}

// FeeOutBody is a fee charged in a case.
type FeeOutBody struct {
	Code   string `json:"code"`
	Amount Amount `json:"amount"`
}

// CaseBody is a case.
type CaseBody struct {
	Number          string          `json:"number" example:"DUS-26-000123-4"`
	Shop            string          `json:"shop"`
	Kind            string          `json:"kind"`
	Channel         string          `json:"channel"`
	Order           string          `json:"order,omitempty"`
	CustomerID      int64           `json:"customer_id"`
	Subject         string          `json:"subject"`
	Description     string          `json:"description"`
	Facts           map[string]bool `json:"facts"`
	Lines           []CaseLineBody  `json:"lines"`
	Country         string          `json:"country"`
	Lang            string          `json:"lang"`
	Currency        string          `json:"currency"`
	Status          string          `json:"status"`
	Decision        string          `json:"decision"`
	Remedy          string          `json:"remedy,omitempty"`
	Logistics       string          `json:"logistics"`
	Money           string          `json:"money"`
	WaitingOn       string          `json:"waiting_on,omitempty"`
	Ladder          string          `json:"ladder"`
	Queue           string          `json:"queue"`
	Eligible        *bool           `json:"eligible"`
	Route           string          `json:"route"`
	Deadline        *Date           `json:"deadline"`
	GoodsDue        *Date           `json:"goods_due"`
	Fees            []FeeOutBody    `json:"fees"`
	Refund          *Amount         `json:"refund"`
	Refunded        Amount          `json:"refunded"`
	Assessment      RawJSON         `json:"assessment"`
	TermsVersion    string          `json:"terms_version,omitempty"`
	AssigneeID      int64           `json:"assignee_id,omitempty"`
	DueAt           *time.Time      `json:"due_at,omitempty"`
	FirstResponseAt *time.Time      `json:"first_response_at,omitempty"`
	CreatedAt       time.Time       `json:"created_at"`
	UpdatedAt       time.Time       `json:"updated_at"`
	ClosedAt        *time.Time      `json:"closed_at,omitempty"`
}

func caseOut(c *claimdesk.Case) CaseBody {
	b := CaseBody{
		Number: c.Number, Shop: c.ShopID, Kind: string(c.Kind), Channel: c.Channel, Order: c.OrderExternalID, CustomerID: c.CustomerID,
		Subject: c.Subject, Description: c.Description, Facts: c.Facts, Country: string(c.Country), Lang: string(c.Lang), Currency: c.Currency,
		Status: string(c.Status), Decision: string(c.Decision), Remedy: string(c.Remedy), Logistics: string(c.Logistics), Money: string(c.Money),
		WaitingOn: string(c.WaitingOn), Ladder: string(c.Ladder), Queue: c.Queue, Eligible: c.Eligible, Route: c.Route,
		Deadline: dateOut(c.Deadline), GoodsDue: dateOut(c.GoodsDue), Refunded: Amount(c.Refunded), Assessment: RawJSON(c.Assessment),
		TermsVersion: c.TermsVersion, AssigneeID: c.AssigneeID, DueAt: c.DueAt, FirstResponseAt: c.FirstResponseAt,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt, ClosedAt: c.ClosedAt, Lines: []CaseLineBody{}, Fees: []FeeOutBody{},
	}
	if b.Facts == nil {
		b.Facts = map[string]bool{}
	}
	for _, l := range c.Lines {
		b.Lines = append(b.Lines, CaseLineBody{SKU: l.SKU, Quantity: l.Quantity})
	}
	for _, f := range c.Fees {
		b.Fees = append(b.Fees, FeeOutBody{Code: f.Code, Amount: Amount(f.Amount)})
	}
	if c.Refund != nil {
		r := Amount(*c.Refund)
		b.Refund = &r
	}
	return b
}

// MessageBody is a message in a case.
type MessageBody struct {
	ID          int64            `json:"id"`
	Direction   string           `json:"direction" doc:"in (from the customer), out (to the customer) or note (staff only)"`
	AuthorKind  string           `json:"author_kind"`
	AuthorName  string           `json:"author_name"`
	Body        string           `json:"body"`
	CreatedAt   time.Time        `json:"created_at"`
	Attachments []AttachmentBody `json:"attachments"`
}

// AttachmentBody describes a file on a case.
type AttachmentBody struct {
	ID          int64  `json:"id"`
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
}

func messageOut(m claimdesk.Message) MessageBody {
	b := MessageBody{ID: m.ID, Direction: string(m.Direction), AuthorKind: m.AuthorKind, AuthorName: m.AuthorName, Body: m.Body, CreatedAt: m.CreatedAt, Attachments: []AttachmentBody{}}
	for _, a := range m.Attachments {
		b.Attachments = append(b.Attachments, AttachmentBody{ID: a.ID, Filename: a.Filename, ContentType: a.ContentType, Size: a.Size})
	}
	return b
}

// EventBody is an entry of a case's log.
type EventBody struct {
	Seq       int       `json:"seq"`
	Type      string    `json:"type"`
	ActorKind string    `json:"actor_kind"`
	ActorName string    `json:"actor_name"`
	At        time.Time `json:"at"`
	Reason    string    `json:"reason,omitempty"`
	Data      RawJSON   `json:"data"`
}

type casePath struct {
	Number string `path:"number" doc:"The case number." example:"DUS-26-000123-4"`
}

type caseListQuery struct {
	Cursor   string   `query:"cursor"`
	Limit    int      `query:"limit" minimum:"0" maximum:"200" doc:"Page size, 50 by default."`
	Shop     []string `query:"shop" doc:"Only these shops."`
	Kind     []string `query:"kind"`
	Status   []string `query:"status"`
	Queue    string   `query:"queue"`
	Assignee int64    `query:"assignee"`
	Q        string   `query:"q" doc:"Search number, subject, description and order number."`
	Sort     string   `query:"sort" enum:"newest,due" doc:"newest (default) or due: nearest SLA due time first."`
}

type caseList struct {
	Items      []CaseBody `json:"items"`
	NextCursor string     `json:"next_cursor"`
}

func (s *Server) caseRoutes() {
	tags := []string{"Cases"}
	huma.Register(s.api, op("open-case", http.MethodPost, "/api/v1/shops/{shop}/cases", "Open a case; the policy engine judges it and it gets a number", tags, "apiKey", "session"),
		func(ctx context.Context, in *struct {
			Shop string `path:"shop" doc:"The shop's id (slug)." example:"dustin"`
			Body OpenCaseBody
		}) (*struct {
			Status int
			Body   CaseBody
		}, error) {
			b := in.Body
			lines := make([]claimdesk.CaseLine, len(b.Lines))
			for i, l := range b.Lines {
				lines[i] = claimdesk.CaseLine{SKU: l.SKU, Quantity: l.Quantity}
			}
			c, err := s.svc.OpenCase(ctx, in.Shop, casework.OpenCaseInput{
				Kind: claimdesk.CaseKind(b.Kind), OrderExternalID: b.Order, Lines: lines, Subject: b.Subject, Description: b.Description,
				Facts: b.Facts, DiscoveredOn: dateIn(b.DiscoveredOn), Lang: claimdesk.Lang(b.Lang), CustomerEmail: b.CustomerEmail, Channel: channelOf(ctx),
			})
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct {
				Status int
				Body   CaseBody
			}{Status: http.StatusCreated, Body: caseOut(c)}, nil
		})
	huma.Register(s.api, op("get-case", http.MethodGet, "/api/v1/cases/{number}", "Get a case", tags, "apiKey", "session"),
		func(ctx context.Context, in *casePath) (*struct{ Body CaseBody }, error) {
			c, err := s.svc.GetCase(ctx, in.Number)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body CaseBody }{Body: caseOut(c)}, nil
		})
	huma.Register(s.api, op("list-cases", http.MethodGet, "/api/v1/cases", "List the cases you may see", tags, "apiKey", "session"),
		func(ctx context.Context, in *caseListQuery) (*struct{ Body caseList }, error) {
			f := claimdesk.CaseFilter{ShopIDs: in.Shop, Queue: in.Queue, AssigneeID: in.Assignee, Query: in.Q, Sort: in.Sort, Cursor: in.Cursor, Limit: in.Limit}
			for _, k := range in.Kind {
				f.Kinds = append(f.Kinds, claimdesk.CaseKind(k))
			}
			for _, st := range in.Status {
				f.Statuses = append(f.Statuses, claimdesk.Status(st))
			}
			list, next, err := s.svc.ListCases(ctx, f)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			out := caseList{Items: []CaseBody{}, NextCursor: next}
			for _, c := range list {
				out.Items = append(out.Items, caseOut(c))
			}
			return &struct{ Body caseList }{Body: out}, nil
		})
	s.messageRoutes(tags)
}

func (s *Server) messageRoutes(tags []string) {
	huma.Register(s.api, op("list-case-messages", http.MethodGet, "/api/v1/cases/{number}/messages", "List a case's messages", tags, "apiKey", "session"),
		func(ctx context.Context, in *casePath) (*struct{ Body []MessageBody }, error) {
			msgs, err := s.svc.CaseMessages(ctx, in.Number)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			out := &struct{ Body []MessageBody }{Body: []MessageBody{}}
			for _, m := range msgs {
				out.Body = append(out.Body, messageOut(m))
			}
			return out, nil
		})
	huma.Register(s.api, op("add-case-message", http.MethodPost, "/api/v1/cases/{number}/messages", "Write in a case: a customer's message, an agent's reply or note", tags, "apiKey", "session"),
		func(ctx context.Context, in *struct {
			Number string `path:"number" doc:"The case number." example:"DUS-26-000123-4"`
			Body   struct {
				Body string `json:"body" minLength:"1" maxLength:"20000"`
				Note bool   `json:"note,omitempty" doc:"Staff only: an internal note the customer never sees."`
			}
		}) (*struct {
			Status int
			Body   MessageBody
		}, error) {
			m, err := s.svc.AddMessage(ctx, in.Number, casework.MessageInput{Body: in.Body.Body, Note: in.Body.Note})
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct {
				Status int
				Body   MessageBody
			}{Status: http.StatusCreated, Body: messageOut(*m)}, nil
		})
	huma.Register(s.api, op("list-case-events", http.MethodGet, "/api/v1/cases/{number}/events", "List a case's event log", tags, "apiKey", "session"),
		func(ctx context.Context, in *casePath) (*struct{ Body []EventBody }, error) {
			events, err := s.svc.CaseEvents(ctx, in.Number)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			out := &struct{ Body []EventBody }{Body: []EventBody{}}
			for _, e := range events {
				out.Body = append(out.Body, EventBody{Seq: e.Seq, Type: e.Type, ActorKind: e.ActorKind, ActorName: e.ActorName, At: e.At, Reason: e.Reason, Data: RawJSON(e.Data)})
			}
			return out, nil
		})
}

// channelOf names the channel a case comes in by, from who sends it.
func channelOf(ctx context.Context) string {
	switch claimdesk.ActorFrom(ctx).Kind {
	case claimdesk.ActorCustomer:
		return "portal"
	case claimdesk.ActorAgent:
		return "agent"
	}
	return "api"
}
