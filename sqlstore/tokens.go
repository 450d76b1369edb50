package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/claimdesk/claimdesk"
)

type tokenStore struct{ c *conn }

const (
	sqlInsertToken = `INSERT INTO tokens (hash, user_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`
	sqlUseToken    = `UPDATE tokens SET used_at = ? WHERE hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
	RETURNING user_id, created_at, expires_at`
)

// CreateToken stores a token.
func (s tokenStore) CreateToken(ctx context.Context, t *claimdesk.Token) error {
	d := s.c.db.d
	t.CreatedAt, t.ExpiresAt = normTime(t.CreatedAt), normTime(t.ExpiresAt)
	_, err := s.c.w().exec(ctx, sqlInsertToken, blob(t.Hash), t.UserID, t.Purpose, d.ts(t.CreatedAt), d.ts(t.ExpiresAt))
	return mapErr(err, "token")
}

// UseToken marks a valid token used, once.
func (s tokenStore) UseToken(ctx context.Context, hash []byte, purpose string, now time.Time) (*claimdesk.Token, error) {
	d := s.c.db.d
	t := &claimdesk.Token{Hash: hash, Purpose: purpose}
	now = normTime(now)
	err := s.c.w().row(ctx, sqlUseToken, d.ts(now), blob(hash), purpose, d.ts(now)).Scan(&t.UserID, timeCol{&t.CreatedAt}, timeCol{&t.ExpiresAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, claimdesk.Errorf(claimdesk.CodeNotFound, "the link is unknown, used or expired")
	}
	if err != nil {
		return nil, mapErr(err, "token")
	}
	t.UsedAt = &now
	return t, nil
}
