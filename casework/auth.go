package casework

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"sync"
	"time"

	"github.com/claimdesk/claimdesk"
)

// SessionTTL is how long a sign-in lasts.
const SessionTTL = 14 * 24 * time.Hour

// secrets holds the instance's key for hashing API keys: from the
// configuration, or generated once and kept in the database so that every
// instance on it agrees.
type secrets struct {
	mu     sync.Mutex
	pepper []byte
}

// SetSecretKey sets the key used to hash API keys (CLAIMDESK_SECRET_KEY).
// Without it, a random key is generated once and stored in the database.
func (s *Service) SetSecretKey(key string) {
	s.secrets.mu.Lock()
	defer s.secrets.mu.Unlock()
	if key != "" {
		s.secrets.pepper = []byte(key)
	}
}

const pepperSetting = "api_key_hash_key"

func (s *Service) pepper(ctx context.Context) ([]byte, error) {
	s.secrets.mu.Lock()
	defer s.secrets.mu.Unlock()
	if s.secrets.pepper != nil {
		return s.secrets.pepper, nil
	}
	var key string
	err := s.db.WithTx(ctx, func(tx claimdesk.Stores) error {
		if err := tx.Meta.Lock(ctx, pepperSetting); err != nil {
			return err
		}
		v, err := tx.Meta.Setting(ctx, pepperSetting)
		if err == nil {
			key = v
			return nil
		}
		if !claimdesk.IsCode(err, claimdesk.CodeNotFound) {
			return err
		}
		b := make([]byte, 32)
		_, _ = rand.Read(b)
		key = hex.EncodeToString(b)
		return tx.Meta.SetSetting(ctx, pepperSetting, key)
	})
	if err != nil {
		return nil, err
	}
	s.secrets.pepper = []byte(key)
	return s.secrets.pepper, nil
}

// keyHash is the keyed hash of an API key: HMAC-SHA256, fast enough to run
// on every request, useless to whoever steals the table without the key.
func (s *Service) keyHash(ctx context.Context, secret string) ([]byte, error) {
	p, err := s.pepper(ctx)
	if err != nil {
		return nil, err
	}
	m := hmac.New(sha256.New, p)
	m.Write([]byte(secret))
	return m.Sum(nil), nil
}

// CreateAPIKey makes a new key for a shop and returns it with its secret,
// which is shown this once and stored only as a keyed hash.
func (s *Service) CreateAPIKey(ctx context.Context, shopID, name string) (*claimdesk.APIKey, string, error) {
	if err := requireShopAdmin(ctx, shopID); err != nil {
		return nil, "", err
	}
	if _, err := s.stores().Shops.FindShop(ctx, shopID); err != nil {
		return nil, "", err
	}
	raw := make([]byte, 24)
	_, _ = rand.Read(raw)
	secret := "cdk_" + shopID + "_" + base64.RawURLEncoding.EncodeToString(raw)
	h, err := s.keyHash(ctx, secret)
	if err != nil {
		return nil, "", err
	}
	if strings.TrimSpace(name) == "" {
		name = "API key"
	}
	k := &claimdesk.APIKey{ShopID: shopID, Name: name, Prefix: secret[:len("cdk_"+shopID+"_")+6], Hash: h, CreatedAt: s.now()}
	if err := s.stores().APIKeys.CreateAPIKey(ctx, k); err != nil {
		return nil, "", err
	}
	return k, secret, nil
}

// ListAPIKeys lists a shop's keys (never their secrets).
func (s *Service) ListAPIKeys(ctx context.Context, shopID string) ([]*claimdesk.APIKey, error) {
	if err := requireShopAdmin(ctx, shopID); err != nil {
		return nil, err
	}
	return s.stores().APIKeys.ListAPIKeys(ctx, shopID)
}

// RevokeAPIKey revokes one of a shop's keys.
func (s *Service) RevokeAPIKey(ctx context.Context, shopID string, id int64) error {
	if err := requireShopAdmin(ctx, shopID); err != nil {
		return err
	}
	return s.stores().APIKeys.RevokeAPIKey(ctx, shopID, id, s.now())
}

// APIKeyActor returns the actor for a bearer secret.
func (s *Service) APIKeyActor(ctx context.Context, secret string) (claimdesk.Actor, error) {
	h, err := s.keyHash(ctx, secret)
	if err != nil {
		return claimdesk.Actor{}, err
	}
	k, err := s.stores().APIKeys.FindAPIKeyByHash(ctx, h)
	if err != nil || k.RevokedAt != nil {
		if err == nil || claimdesk.IsCode(err, claimdesk.CodeNotFound) {
			return claimdesk.Actor{}, claimdesk.Errorf(claimdesk.CodeUnauthenticated, "the API key is unknown or revoked")
		}
		return claimdesk.Actor{}, err
	}
	return claimdesk.Actor{Kind: claimdesk.ActorAPIKey, ShopID: k.ShopID, KeyID: k.ID, Name: k.Name}, nil
}

// LoginInput is a sign-in with a password. Customers sign in to a shop;
// agents leave ShopID empty.
type LoginInput struct {
	Kind     claimdesk.UserKind
	ShopID   string
	Email    string
	Password string
}

// Login checks a password and starts a session; it returns the session
// token for the cookie. Attempts are throttled per account and hashing is
// bounded, so a burst of logins is refused rather than starving the server.
func (s *Service) Login(ctx context.Context, in LoginInput) (string, *claimdesk.User, error) {
	email := strings.ToLower(strings.TrimSpace(in.Email))
	throttleKey := string(in.Kind) + "|" + in.ShopID + "|" + email
	if err := s.logins.allow(throttleKey, s.now()); err != nil {
		return "", nil, err
	}
	release, err := s.logins.acquire(ctx)
	if err != nil {
		return "", nil, err
	}
	u, findErr := s.stores().Users.FindUserByEmail(ctx, in.Kind, in.ShopID, email)
	hash := dummyHash
	if findErr == nil && u.DisabledAt == nil {
		hash = u.PasswordHash
	}
	ok := CheckPassword(hash, in.Password)
	release()
	if findErr != nil && !claimdesk.IsCode(findErr, claimdesk.CodeNotFound) {
		return "", nil, findErr
	}
	if findErr != nil || !ok || u.DisabledAt != nil {
		s.logins.fail(throttleKey, s.now())
		return "", nil, claimdesk.Errorf(claimdesk.CodeUnauthenticated, "wrong email or password")
	}
	s.logins.succeed(throttleKey)
	token, err := s.startSession(ctx, u)
	return token, u, err
}

func (s *Service) startSession(ctx context.Context, u *claimdesk.User) (string, error) {
	token, err := s.createSession(ctx, claimdesk.Session{UserID: u.ID}, SessionTTL)
	if err != nil {
		return "", err
	}
	return token, s.stores().Users.TouchLogin(ctx, u.ID, s.now())
}

// createSession stores a session (a user's or a guest's) under a new
// random token and returns the token for the cookie.
func (s *Service) createSession(ctx context.Context, se claimdesk.Session, ttl time.Duration) (string, error) {
	raw := make([]byte, 32)
	_, _ = rand.Read(raw)
	token := base64.RawURLEncoding.EncodeToString(raw)
	sum := sha256.Sum256([]byte(token))
	se.TokenHash, se.CreatedAt = sum[:], s.now()
	se.ExpiresAt = se.CreatedAt.Add(ttl)
	return token, s.stores().Sessions.CreateSession(ctx, &se)
}

// SessionActor returns the actor of a session token: a user's, or a
// guest's limited to one order (SignInWithOrder).
func (s *Service) SessionActor(ctx context.Context, token string) (claimdesk.Actor, error) {
	sum := sha256.Sum256([]byte(token))
	sess, err := s.stores().Sessions.FindSession(ctx, sum[:], s.now())
	if err != nil {
		if claimdesk.IsCode(err, claimdesk.CodeNotFound) {
			return claimdesk.Actor{}, claimdesk.Errorf(claimdesk.CodeUnauthenticated, "the session has ended; sign in again")
		}
		return claimdesk.Actor{}, err
	}
	if sess.UserID == 0 {
		return s.guestActor(ctx, sess)
	}
	u, err := s.stores().Users.FindUser(ctx, sess.UserID)
	if err != nil {
		return claimdesk.Actor{}, err
	}
	if u.DisabledAt != nil {
		return claimdesk.Actor{}, claimdesk.Errorf(claimdesk.CodeUnauthenticated, "the account is disabled")
	}
	return claimdesk.ActorFromUser(u), nil
}

// Logout ends a session.
func (s *Service) Logout(ctx context.Context, token string) error {
	sum := sha256.Sum256([]byte(token))
	return s.stores().Sessions.DeleteSession(ctx, sum[:])
}
