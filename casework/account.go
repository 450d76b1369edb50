package casework

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk"
)

// AccountMail is one account message to send: an invitation, a sign-in
// link or a password reset.
type AccountMail struct {
	Kind        string // claimdesk.TokenSignIn, TokenReset, TokenInvite
	To, Name    string
	Lang        claimdesk.Lang
	Link        string
	ValidFor    time.Duration
	InviterName string
	CompanyName string
}

// AccountMailer writes account mail into the outbox inside a transaction.
type AccountMailer interface {
	QueueAccount(ctx context.Context, tx claimdesk.Stores, shop *claimdesk.Shop, m AccountMail) error
}

// SetAccountMailer attaches the account mailer.
func (s *Service) SetAccountMailer(m AccountMailer) { s.accountMailer = m }

// How long each kind of link stays valid.
const (
	signInValid = 15 * time.Minute
	resetValid  = time.Hour
	inviteValid = 7 * 24 * time.Hour
)

// issueToken stores a new one-time token for the user and returns it.
func (s *Service) issueToken(ctx context.Context, tx claimdesk.Stores, userID int64, purpose string, valid time.Duration) (string, error) {
	raw := make([]byte, 32)
	_, _ = rand.Read(raw)
	token := base64.RawURLEncoding.EncodeToString(raw)
	sum := sha256.Sum256([]byte(token))
	now := s.now()
	return token, tx.Tokens.CreateToken(ctx, &claimdesk.Token{Hash: sum[:], UserID: userID, Purpose: purpose, CreatedAt: now, ExpiresAt: now.Add(valid)})
}

// accountLink is the page a token opens.
func (s *Service) accountLink(shopID, purpose, token string) string {
	base := s.baseURL
	if base == "" {
		base = "http://localhost:8080"
	}
	path := "/s/" + shopID + "/"
	if shopID == "" {
		path = "/desk/"
	}
	switch purpose {
	case claimdesk.TokenSignIn:
		return base + path + "login/link?token=" + token
	default:
		return base + path + "password?token=" + token
	}
}

// RequestAccountLink mails a sign-in link or a password reset to a
// customer of the shop (shopID) or an agent (shopID ""). It says nothing
// about whether the address has an account.
func (s *Service) RequestAccountLink(ctx context.Context, shopID, email, purpose string) error {
	if purpose != claimdesk.TokenSignIn && purpose != claimdesk.TokenReset {
		return fieldErr("purpose", "invalid", "ask for a sign-in link or a password reset")
	}
	kind := claimdesk.CustomerUser
	if shopID == "" {
		kind = claimdesk.AgentUser
	}
	email = strings.ToLower(strings.TrimSpace(email))
	if err := s.logins.allow("link|"+shopID+"|"+email, s.now()); err != nil {
		return err
	}
	s.logins.fail("link|"+shopID+"|"+email, s.now()) // counts requests, so a mailbox cannot be flooded
	u, err := s.stores().Users.FindUserByEmail(ctx, kind, shopID, email)
	if err != nil || u.DisabledAt != nil || s.accountMailer == nil {
		if err != nil && !claimdesk.IsCode(err, claimdesk.CodeNotFound) {
			return err
		}
		return nil
	}
	shop, err := s.mailShop(ctx, u)
	if err != nil || shop == nil {
		return err
	}
	valid := signInValid
	if purpose == claimdesk.TokenReset {
		valid = resetValid
	}
	return s.db.WithTx(ctx, func(tx claimdesk.Stores) error {
		token, err := s.issueToken(ctx, tx, u.ID, purpose, valid)
		if err != nil {
			return err
		}
		return s.accountMailer.QueueAccount(ctx, tx, shop, AccountMail{Kind: purpose, To: u.Email, Name: u.Name, Lang: u.Lang,
			Link: s.accountLink(shopID, purpose, token), ValidFor: valid})
	})
}

// mailShop is the shop whose name and sender account mail carries: the
// customer's shop, or an agent's first shop.
func (s *Service) mailShop(ctx context.Context, u *claimdesk.User) (*claimdesk.Shop, error) {
	id := u.ShopID
	if id == "" && len(u.Memberships) > 0 {
		id = u.Memberships[0].ShopID
	}
	if id == "" {
		return nil, nil
	}
	return s.stores().Shops.FindShop(ctx, id)
}

// SignInWithToken signs in with an emailed link and returns the session.
func (s *Service) SignInWithToken(ctx context.Context, token string) (string, *claimdesk.User, error) {
	sum := sha256.Sum256([]byte(token))
	t, err := s.stores().Tokens.UseToken(ctx, sum[:], claimdesk.TokenSignIn, s.now())
	if err != nil {
		return "", nil, claimdesk.Errorf(claimdesk.CodeUnauthenticated, "the sign-in link is unknown, used or expired; ask for a new one")
	}
	u, err := s.stores().Users.FindUser(ctx, t.UserID)
	if err != nil {
		return "", nil, err
	}
	if u.DisabledAt != nil {
		return "", nil, claimdesk.Errorf(claimdesk.CodeUnauthenticated, "the account is disabled")
	}
	session, err := s.startSession(ctx, u)
	return session, u, err
}

// SetPasswordWithToken sets a new password from a reset or invitation link,
// ends the user's other sessions and signs them in.
func (s *Service) SetPasswordWithToken(ctx context.Context, token, password string) (string, *claimdesk.User, error) {
	if len(password) < 10 {
		return "", nil, fieldErr("password", "too_short", "a password needs at least 10 characters")
	}
	sum := sha256.Sum256([]byte(token))
	var t *claimdesk.Token
	var err error
	for _, purpose := range []string{claimdesk.TokenReset, claimdesk.TokenInvite} {
		if t, err = s.stores().Tokens.UseToken(ctx, sum[:], purpose, s.now()); err == nil {
			break
		}
	}
	if err != nil {
		return "", nil, claimdesk.Errorf(claimdesk.CodeUnauthenticated, "the link is unknown, used or expired; ask for a new one")
	}
	u, err := s.stores().Users.FindUser(ctx, t.UserID)
	if err != nil {
		return "", nil, err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return "", nil, err
	}
	u.PasswordHash = hash
	if err := s.stores().Users.UpdateUser(ctx, u); err != nil {
		return "", nil, err
	}
	if err := s.stores().Sessions.DeleteUserSessions(ctx, u.ID); err != nil {
		return "", nil, err
	}
	session, err := s.startSession(ctx, u)
	return session, u, err
}

// InviteColleague lets a company admin add a colleague who sets their own
// password from an emailed invitation.
func (s *Service) InviteColleague(ctx context.Context, shopID string, customerID int64, email, name string, role claimdesk.CompanyRole) (*claimdesk.User, error) {
	a := claimdesk.ActorFrom(ctx)
	in := UserInput{Kind: claimdesk.CustomerUser, ShopID: shopID, CustomerID: customerID, Email: email, Name: name, CompanyRole: role, Password: RandomPassword() + RandomPassword()}
	u, err := s.CreateUser(ctx, in)
	if err != nil {
		return nil, err
	}
	shop, err := s.stores().Shops.FindShop(ctx, shopID)
	if err != nil {
		return nil, err
	}
	company, err := s.stores().Customers.FindCustomer(ctx, customerID)
	if err != nil {
		return nil, err
	}
	if s.accountMailer == nil {
		return u, nil
	}
	return u, s.db.WithTx(ctx, func(tx claimdesk.Stores) error {
		token, err := s.issueToken(ctx, tx, u.ID, claimdesk.TokenInvite, inviteValid)
		if err != nil {
			return err
		}
		return s.accountMailer.QueueAccount(ctx, tx, shop, AccountMail{Kind: claimdesk.TokenInvite, To: u.Email, Name: u.Name, Lang: company.Lang,
			Link: s.accountLink(shopID, claimdesk.TokenInvite, token), ValidFor: inviteValid, InviterName: a.Name, CompanyName: company.Name})
	})
}
