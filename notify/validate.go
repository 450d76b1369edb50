package notify

import (
	"errors"
	"fmt"

	"github.com/claimdesk/claimdesk"
)

// ErrMissing is wrapped by Render's error when Data lacks a field the kind
// cannot do without.
var ErrMissing = errors.New("notify: missing data")

// validate checks the fields a kind needs; everything else is optional and
// left out of the message when empty.
func validate(kind Kind, d Data) error {
	missing := func(field string) error { return fmt.Errorf("%w: %s needs %s", ErrMissing, kind, field) }
	if d.Shop.Name == "" {
		return missing("Shop.Name")
	}
	if !kind.Account() && d.Case.Number == "" {
		return missing("Case.Number")
	}
	switch kind {
	case Decision:
		if d.Decision == "" {
			return missing("Decision")
		}
	case AutoCloseNotice:
		if d.CloseOn.IsZero() {
			return missing("CloseOn")
		}
	case AgentReply:
		if d.AgentText == "" {
			return missing("AgentText")
		}
	case Escalated:
		if d.Step == claimdesk.LadderNationalBody && d.NationalBody == "" {
			return missing("NationalBody")
		}
		if d.Step != claimdesk.LadderNationalBody && d.Ombudsman == "" {
			return missing("Ombudsman")
		}
	case Invitation:
		if d.CompanyName == "" {
			return missing("CompanyName")
		}
	case WithdrawalReceived:
		if d.ReceivedAt.IsZero() {
			return missing("ReceivedAt")
		}
		if d.CustomerName == "" || d.Case.OrderNumber == "" {
			return missing("CustomerName and Case.OrderNumber")
		}
	}
	if kind.Account() && d.LinkURL == "" {
		return missing("LinkURL")
	}
	return nil
}
