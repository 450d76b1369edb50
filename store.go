package claimdesk

import (
	"context"
	"time"
)

// APIKey lets a shop platform call the API for one shop. Only a keyed hash
// of the secret is stored; the secret is shown once, at creation.
type APIKey struct {
	ID         int64      `json:"id"`
	ShopID     string     `json:"shop_id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"` // the first characters, to tell keys apart
	Hash       []byte     `json:"-"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

// APIKeyStore stores API keys.
type APIKeyStore interface {
	// CreateAPIKey stores a key. Returns conflict on a duplicate hash.
	CreateAPIKey(ctx context.Context, k *APIKey) error
	// FindAPIKeyByHash returns the key with the hash, revoked or not. Returns not_found.
	FindAPIKeyByHash(ctx context.Context, hash []byte) (*APIKey, error)
	// ListAPIKeys lists a shop's keys, newest first.
	ListAPIKeys(ctx context.Context, shopID string) ([]*APIKey, error)
	// RevokeAPIKey revokes one of a shop's keys. Returns not_found.
	RevokeAPIKey(ctx context.Context, shopID string, id int64, at time.Time) error
}

// IdempotentResponse is the stored response to a POST that carried an
// Idempotency-Key, replayed when the same key and body come again.
type IdempotentResponse struct {
	Scope       string    // who sent it: "key:12", "user:7"
	Key         string    // the Idempotency-Key header
	RequestHash []byte    // SHA-256 of method, path and body
	Status      int       // the response status
	Body        []byte    // the response body
	CreatedAt   time.Time // for expiry
}

// IdempotencyStore stores idempotent responses.
type IdempotencyStore interface {
	// SaveIdempotentResponse stores a response. Returns conflict if the scope
	// and key are already stored.
	SaveIdempotentResponse(ctx context.Context, r *IdempotentResponse) error
	// CompleteIdempotentResponse stores the response of a reserved key (one
	// saved with status 0 while its request ran). Returns not_found.
	CompleteIdempotentResponse(ctx context.Context, scope, key string, status int, body []byte) error
	// DeleteIdempotentResponse removes a key (a reservation whose request failed).
	DeleteIdempotentResponse(ctx context.Context, scope, key string) error
	// FindIdempotentResponse returns the stored response. Returns not_found.
	FindIdempotentResponse(ctx context.Context, scope, key string) (*IdempotentResponse, error)
	// DeleteIdempotentResponsesBefore removes responses stored before t.
	DeleteIdempotentResponsesBefore(ctx context.Context, t time.Time) (int, error)
}

// Session is a signed-in browser. Only a hash of the cookie's token is
// stored. It is a user's (UserID), or a guest's: a customer without an
// account who signed in with an order number and email, and may see only
// that order (CustomerID and OrderID, UserID 0).
type Session struct {
	TokenHash  []byte
	UserID     int64
	CustomerID int64 // guests only
	OrderID    int64 // guests only
	CreatedAt  time.Time
	ExpiresAt  time.Time
}

// SessionStore stores sessions.
type SessionStore interface {
	// CreateSession stores a session. Returns invalid for an unknown user,
	// customer or order, or one that is neither a user's nor a guest's.
	CreateSession(ctx context.Context, s *Session) error
	// FindSession returns an unexpired session. Returns not_found.
	FindSession(ctx context.Context, tokenHash []byte, now time.Time) (*Session, error)
	// DeleteSession removes a session (sign out).
	DeleteSession(ctx context.Context, tokenHash []byte) error
	// DeleteUserSessions removes every session of a user (password change, deletion).
	DeleteUserSessions(ctx context.Context, userID int64) error
}

// Article is a help-center article: a question with its answer, or a section
// of a shop's terms, in the language it was written in.
type Article struct {
	ID        int64     `json:"id"`
	ShopID    string    `json:"shop_id"`
	Slug      string    `json:"slug"`
	Title     string    `json:"title"`
	Body      string    `json:"body"`
	Lang      Lang      `json:"lang"`
	Source    string    `json:"source"`
	Position  int       `json:"position"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// ArticleStore stores help-center articles.
type ArticleStore interface {
	// CreateArticle stores an article. Returns conflict on a duplicate slug in the shop.
	CreateArticle(ctx context.Context, a *Article) error
	// UpdateArticle replaces an article. Returns not_found.
	UpdateArticle(ctx context.Context, a *Article) error
	// DeleteArticle removes an article. Returns not_found.
	DeleteArticle(ctx context.Context, shopID string, id int64) error
	// FindArticle returns an article. Returns not_found.
	FindArticle(ctx context.Context, shopID string, id int64) (*Article, error)
	// ListArticles lists a shop's articles (every shop's for "") by position.
	ListArticles(ctx context.Context, shopID string) ([]*Article, error)
	// ArticlesVersion returns a value that changes whenever any article changes.
	ArticlesVersion(ctx context.Context) (string, error)
}

// MetaStore holds instance-wide settings and one-time markers.
type MetaStore interface {
	// Setting returns a setting's value. Returns not_found.
	Setting(ctx context.Context, key string) (string, error)
	// SetSetting stores a setting.
	SetSetting(ctx context.Context, key, value string) error
	// Lock takes an instance-wide lock named name until the transaction ends,
	// so that work such as loading the demo happens once across instances.
	Lock(ctx context.Context, name string) error
}

// Stores gives access to every store. Within WithTx, all of them share one
// transaction.
type Stores struct {
	Shops       ShopStore
	Customers   CustomerStore
	Users       UserStore
	Orders      OrderStore
	Cases       CaseStore
	APIKeys     APIKeyStore
	Idempotency IdempotencyStore
	Sessions    SessionStore
	Articles    ArticleStore
	Meta        MetaStore
	Jobs        JobStore
	Webhooks    WebhookStore
	Mail        MailStore
	Tokens      TokenStore
	SavedViews  SavedViewStore
	Macros      MacroStore
	CSAT        CSATStore
	Terms       ShopTermsStore
	Reports     ReportStore
}

// DB is an opened, migrated database.
type DB interface {
	// Stores returns stores that each run in their own transaction.
	Stores() Stores
	// WithTx runs fn in one write transaction; it commits when fn returns nil
	// and rolls back otherwise.
	WithTx(ctx context.Context, fn func(Stores) error) error
	// Ping checks the database answers and its migrations are current.
	Ping(ctx context.Context) error
	// Dialect returns "sqlite" or "postgres".
	Dialect() string
	// Close releases the database.
	Close() error
}

// Token purposes.
const (
	TokenSignIn = "sign_in"
	TokenReset  = "password_reset"
	TokenInvite = "invitation"
)

// Token is a one-time link for a user: a sign-in link, a password reset, an
// invitation. Only a hash of it is stored.
type Token struct {
	Hash      []byte
	UserID    int64
	Purpose   string
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

// TokenStore stores one-time tokens.
type TokenStore interface {
	// CreateToken stores a token.
	CreateToken(ctx context.Context, t *Token) error
	// UseToken marks an unused, unexpired token of the purpose used and
	// returns it; a second use, an expired or unknown token is not_found.
	UseToken(ctx context.Context, hash []byte, purpose string, now time.Time) (*Token, error)
}
