package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/claimdesk/claimdesk"
)

type sessionStore struct{ c *conn }

const (
	sqlInsertSession = `INSERT INTO sessions (token_hash, user_id, customer_id, order_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`
	sqlFindSession   = `SELECT token_hash, user_id, customer_id, order_id, created_at, expires_at FROM sessions
	WHERE token_hash = ? AND expires_at > ?`
	sqlDeleteSession      = `DELETE FROM sessions WHERE token_hash = ?`
	sqlDeleteUserSessions = `DELETE FROM sessions WHERE user_id = ?`
)

// CreateSession stores a user's or a guest's session. Returns conflict on a
// duplicate token hash and invalid for an unknown user, customer or order,
// or a session that is neither a user's nor a guest's.
func (s sessionStore) CreateSession(ctx context.Context, se *claimdesk.Session) error {
	if len(se.TokenHash) == 0 {
		return claimdesk.Errorf(claimdesk.CodeInvalid, "a session needs a token hash")
	}
	if se.CreatedAt.IsZero() {
		se.CreatedAt = time.Now()
	}
	se.CreatedAt, se.ExpiresAt = normTime(se.CreatedAt), normTime(se.ExpiresAt)
	if (se.UserID == 0) == (se.OrderID == 0) || (se.OrderID == 0) != (se.CustomerID == 0) {
		return claimdesk.Errorf(claimdesk.CodeInvalid, "a session is a user's, or a guest's with a customer and an order")
	}
	d := s.c.db.d
	_, err := s.c.w().exec(ctx, sqlInsertSession, se.TokenHash, idVal(se.UserID), idVal(se.CustomerID), idVal(se.OrderID),
		d.ts(se.CreatedAt), d.ts(se.ExpiresAt))
	return mapErr(err, "session")
}

// FindSession returns a session that expires after now. Returns not_found.
func (s sessionStore) FindSession(ctx context.Context, tokenHash []byte, now time.Time) (*claimdesk.Session, error) {
	var se claimdesk.Session
	err := s.c.r().row(ctx, sqlFindSession, blob(tokenHash), s.c.db.d.ts(now)).Scan(&se.TokenHash, idCol{&se.UserID},
		idCol{&se.CustomerID}, idCol{&se.OrderID}, timeCol{&se.CreatedAt}, timeCol{&se.ExpiresAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, claimdesk.Errorf(claimdesk.CodeNotFound, "session not found")
	}
	if err != nil {
		return nil, mapErr(err, "session")
	}
	return &se, nil
}

// DeleteSession removes a session (sign out); an unknown one is no error.
func (s sessionStore) DeleteSession(ctx context.Context, tokenHash []byte) error {
	_, err := s.c.w().exec(ctx, sqlDeleteSession, blob(tokenHash))
	return mapErr(err, "session")
}

// DeleteUserSessions removes every session of a user (password change, deletion).
func (s sessionStore) DeleteUserSessions(ctx context.Context, userID int64) error {
	_, err := s.c.w().exec(ctx, sqlDeleteUserSessions, userID)
	return mapErr(err, "sessions")
}
