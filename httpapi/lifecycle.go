package httpapi

import (
	"context"
	"mime"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

type caseOutput struct{ Body CaseBody }

type reasonBody struct {
	Reason string `json:"reason,omitempty" maxLength:"2000"`
}

// caseAction registers POST /api/v1/cases/{number}/{action} for an action
// whose body is B.
func caseAction[B any](s *Server, id, action, summary string, call func(ctx context.Context, number string, b B) (*claimdesk.Case, error)) {
	huma.Register(s.api, op(id, http.MethodPost, "/api/v1/cases/{number}/"+action, summary, []string{"Case lifecycle"}, "apiKey", "session"),
		func(ctx context.Context, in *struct {
			Number string `path:"number" doc:"The case number." example:"DUS-26-000123-4"`
			Body   B
		}) (*caseOutput, error) {
			c, err := call(ctx, in.Number, in.Body)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &caseOutput{Body: caseOut(c)}, nil
		})
}

func (s *Server) lifecycleRoutes() {
	caseAction(s, "assign-case", "assign", "Assign the case to an agent (0: nobody)", func(ctx context.Context, n string, b struct {
		AssigneeID int64 `json:"assignee_id"`
	}) (*claimdesk.Case, error) {
		return s.svc.Assign(ctx, n, b.AssigneeID)
	})
	caseAction(s, "wait-case", "wait", "Put the case on hold; the SLA clock stops", func(ctx context.Context, n string, b struct {
		WaitingOn string `json:"waiting_on" enum:"customer,carrier,manufacturer"`
		Reason    string `json:"reason,omitempty"`
	}) (*claimdesk.Case, error) {
		return s.svc.Wait(ctx, n, claimdesk.WaitingOn(b.WaitingOn), b.Reason)
	})
	caseAction(s, "resume-case", "resume", "Take the case off hold", func(ctx context.Context, n string, b reasonBody) (*claimdesk.Case, error) {
		return s.svc.Resume(ctx, n, b.Reason)
	})
	caseAction(s, "goods-in-transit", "in-transit", "The goods are on their way back", func(ctx context.Context, n string, b struct {
		Carrier        string `json:"carrier,omitempty" maxLength:"100"`
		TrackingNumber string `json:"tracking_number,omitempty" maxLength:"100"`
	}) (*claimdesk.Case, error) {
		return s.svc.MarkInTransit(ctx, n, casework.InTransitInput{Carrier: b.Carrier, TrackingNumber: b.TrackingNumber})
	})
	caseAction(s, "goods-received", "goods-received", "Register goods received, with their condition", func(ctx context.Context, n string, b struct {
		Lines     []CaseLineBody `json:"lines,omitempty" doc:"Left out: every line of the case."`
		Condition string         `json:"condition,omitempty" doc:"as_new, used, damaged, missing_parts …"`
		Note      string         `json:"note,omitempty" maxLength:"2000"`
	}) (*claimdesk.Case, error) {
		in := casework.ReceiveInput{Condition: b.Condition, Note: b.Note}
		for _, l := range b.Lines {
			in.Lines = append(in.Lines, claimdesk.CaseLine{SKU: l.SKU, Quantity: l.Quantity})
		}
		return s.svc.ReceiveGoods(ctx, n, in)
	})
	caseAction(s, "record-finding", "finding", "Record what the shop or its workshop found; the terms' fees follow", func(ctx context.Context, n string, b struct {
		Finding           string `json:"finding" doc:"fault_confirmed, no_fault_found, physical_damage, liquid_damage, third_party_software, illegal_software, transport_damage, wrong_item_confirmed, as_new, used, missing_parts, find_my_enabled, description_insufficient"`
		TechnicianMinutes int    `json:"technician_minutes,omitempty" minimum:"0"`
		Note              string `json:"note,omitempty" maxLength:"2000"`
	}) (*claimdesk.Case, error) {
		return s.svc.RecordFinding(ctx, n, casework.FindingInput{Finding: b.Finding, TechnicianMinutes: b.TechnicianMinutes, Note: b.Note})
	})
	caseAction(s, "decide-case", "decision", "Decide the case", func(ctx context.Context, n string, b struct {
		Decision string       `json:"decision" enum:"approved,partly_approved,rejected"`
		Remedy   string       `json:"remedy,omitempty" enum:"repair,replacement,refund,price_reduction"`
		Refund   *Amount      `json:"refund,omitempty" doc:"A partial refund or a refund as remedy; left out: the case's."`
		Fees     []FeeOutBody `json:"fees,omitempty" doc:"Replaces the case's fees (e.g. a value deduction judged case by case)."`
		Reason   string       `json:"reason,omitempty" maxLength:"4000"`
	}) (*claimdesk.Case, error) {
		in := casework.DecideInput{Decision: claimdesk.DecisionState(b.Decision), Remedy: claimdesk.Remedy(b.Remedy), Reason: b.Reason}
		if b.Refund != nil {
			r := claimdesk.Minor(*b.Refund)
			in.Refund = &r
		}
		if b.Fees != nil {
			in.Fees = []claimdesk.CaseFee{}
			for _, f := range b.Fees {
				in.Fees = append(in.Fees, claimdesk.CaseFee{Code: f.Code, Amount: claimdesk.Minor(f.Amount)})
			}
		}
		return s.svc.Decide(ctx, n, in)
	})
	caseAction(s, "record-refund", "refunds", "Record a refund against the original payment method", func(ctx context.Context, n string, b struct {
		Amount    Amount `json:"amount"`
		Method    string `json:"method,omitempty" doc:"The order's payment method when left out."`
		Reference string `json:"reference,omitempty" maxLength:"200"`
	}) (*claimdesk.Case, error) {
		return s.svc.RecordRefund(ctx, n, casework.RefundInput{Amount: claimdesk.Minor(b.Amount), Method: b.Method, Reference: b.Reference})
	})
	caseAction(s, "close-case", "close", "Close the case", func(ctx context.Context, n string, b reasonBody) (*claimdesk.Case, error) {
		return s.svc.Close(ctx, n, b.Reason)
	})
	caseAction(s, "reopen-case", "reopen", "Reopen a resolved or closed case", func(ctx context.Context, n string, b reasonBody) (*claimdesk.Case, error) {
		return s.svc.Reopen(ctx, n, b.Reason)
	})
	caseAction(s, "escalate-case", "escalate", "Climb the complaint ladder: the shop's ombudsman, then the national consumer body", func(ctx context.Context, n string, b reasonBody) (*claimdesk.Case, error) {
		return s.svc.Escalate(ctx, n, b.Reason)
	})
	caseAction(s, "merge-case", "merge", "Merge this duplicate into another case of the same customer", func(ctx context.Context, n string, b struct {
		Into string `json:"into" doc:"The case that goes on."`
	}) (*claimdesk.Case, error) {
		return s.svc.Merge(ctx, n, b.Into)
	})
	huma.Register(s.api, op("case-label", http.MethodGet, "/api/v1/cases/{number}/label.pdf", "The case's A6 return label (PDF)", []string{"Case lifecycle"}, "apiKey", "session"),
		func(ctx context.Context, in *struct {
			Number string `path:"number"`
		}) (*struct {
			ContentType        string `header:"Content-Type"`
			ContentDisposition string `header:"Content-Disposition"`
			Body               []byte
		}, error) {
			pdf, err := s.svc.ReturnLabel(ctx, in.Number)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct {
				ContentType        string `header:"Content-Type"`
				ContentDisposition string `header:"Content-Disposition"`
				Body               []byte
			}{ContentType: "application/pdf", ContentDisposition: `inline; filename="` + in.Number + `.pdf"`, Body: pdf}, nil
		})
}

// fileOutput is a file sent as the response body.
type fileOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	Security           string `header:"Content-Security-Policy"`
	Body               []byte
}

// attachmentRoute serves a file of a case (a photo, a receipt) to whoever
// may see the case, with the type sniffed when it was stored.
func (s *Server) attachmentRoute() {
	huma.Register(s.api, op("case-attachment", http.MethodGet, "/api/v1/cases/{number}/attachments/{id}", "A file attached to one of the case's messages", []string{"Cases"}, "apiKey", "session"),
		func(ctx context.Context, in *struct {
			Number string `path:"number"`
			ID     int64  `path:"id"`
		}) (*fileOutput, error) {
			a, err := s.svc.CaseAttachment(ctx, in.Number, in.ID)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &fileOutput{ContentType: a.ContentType, ContentDisposition: mime.FormatMediaType("attachment", map[string]string{"filename": a.Filename}),
				Security: "default-src 'none'; sandbox", Body: a.Data}, nil
		})
}

func (s *Server) returnMethodRoute() {
	caseAction(s, "choose-return-method", "return-method", "How the goods come back: the label, a pickup or the customer's own carrier (where the shop offers them)", func(ctx context.Context, n string, b struct {
		Method  string `json:"method" enum:"label,pickup,own_carrier"`
		Date    *Date  `json:"date,omitempty" doc:"pickup: the day asked for"`
		Carrier string `json:"carrier,omitempty" maxLength:"100"`
		Note    string `json:"note,omitempty" maxLength:"2000"`
	}) (*claimdesk.Case, error) {
		return s.svc.ChooseReturnMethod(ctx, n, casework.ReturnMethodInput{Method: b.Method, Date: dateIn(b.Date), Carrier: b.Carrier, Note: b.Note})
	})
}
