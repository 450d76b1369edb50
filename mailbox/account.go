package mailbox

import (
	"context"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/mail"
	"github.com/claimdesk/claimdesk/notify"
)

var accountKinds = map[string]notify.Kind{
	claimdesk.TokenSignIn: notify.SignInLink,
	claimdesk.TokenReset:  notify.PasswordReset,
	claimdesk.TokenInvite: notify.Invitation,
}

// QueueAccount implements casework.AccountMailer: the message goes into the
// outbox in the caller's transaction.
func (n *Notifier) QueueAccount(ctx context.Context, tx claimdesk.Stores, shop *claimdesk.Shop, m casework.AccountMail) error {
	kind, ok := accountKinds[m.Kind]
	if !ok {
		return claimdesk.Errorf(claimdesk.CodeInvalid, "%q is no account message", m.Kind)
	}
	return n.QueueAccountMail(ctx, tx, shop, kind, mail.Address{Name: m.Name, Email: m.To}, m.Lang, notify.Data{
		CustomerName: m.Name, LinkURL: m.Link, LinkMins: int(m.ValidFor.Minutes()), InviterName: m.InviterName, CompanyName: m.CompanyName,
	})
}

var _ casework.AccountMailer = (*Notifier)(nil)
