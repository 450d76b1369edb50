package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/claimdesk/claimdesk"
)

type keyStore struct{ c *conn }

const (
	apiKeyColumns   = `id, shop_id, name, prefix, hash, created_at, last_used_at, revoked_at`
	sqlInsertAPIKey = `INSERT INTO api_keys (shop_id, name, prefix, hash, created_at, last_used_at, revoked_at)
	VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`
	sqlFindAPIKeyByHash = `SELECT ` + apiKeyColumns + ` FROM api_keys WHERE hash = ?`
	sqlListAPIKeys      = `SELECT ` + apiKeyColumns + ` FROM api_keys WHERE shop_id = ? ORDER BY created_at DESC, id DESC`
	sqlRevokeAPIKey     = `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE shop_id = ? AND id = ?`
)

// CreateAPIKey stores a key. Returns conflict on a duplicate hash.
func (s keyStore) CreateAPIKey(ctx context.Context, k *claimdesk.APIKey) error {
	if len(k.Hash) == 0 {
		return claimdesk.Errorf(claimdesk.CodeInvalid, "an API key needs a hash")
	}
	if k.CreatedAt.IsZero() {
		k.CreatedAt = time.Now()
	}
	k.CreatedAt = normTime(k.CreatedAt)
	k.LastUsedAt, k.RevokedAt = normTimeP(k.LastUsedAt), normTimeP(k.RevokedAt)
	d := s.c.db.d
	err := s.c.w().row(ctx, sqlInsertAPIKey, k.ShopID, k.Name, k.Prefix, k.Hash, d.ts(k.CreatedAt),
		d.tsp(k.LastUsedAt), d.tsp(k.RevokedAt)).Scan(&k.ID)
	return mapErr(err, "API key")
}

// FindAPIKeyByHash returns the key with the hash, revoked or not. Returns not_found.
func (s keyStore) FindAPIKeyByHash(ctx context.Context, hash []byte) (*claimdesk.APIKey, error) {
	k, err := scanAPIKey(s.c.r().row(ctx, sqlFindAPIKeyByHash, blob(hash)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, claimdesk.Errorf(claimdesk.CodeNotFound, "API key not found")
	}
	if err != nil {
		return nil, mapErr(err, "API key")
	}
	return k, nil
}

// ListAPIKeys lists a shop's keys, newest first.
func (s keyStore) ListAPIKeys(ctx context.Context, shopID string) ([]*claimdesk.APIKey, error) {
	rows, err := s.c.r().query(ctx, sqlListAPIKeys, shopID)
	if err != nil {
		return nil, mapErr(err, "API keys")
	}
	defer rows.Close()
	out := []*claimdesk.APIKey{}
	for rows.Next() {
		k, err := scanAPIKey(rows)
		if err != nil {
			return nil, mapErr(err, "API keys")
		}
		out = append(out, k)
	}
	return out, mapErr(rows.Err(), "API keys")
}

// RevokeAPIKey revokes one of a shop's keys; revoking a revoked key keeps
// the first revocation time. Returns not_found.
func (s keyStore) RevokeAPIKey(ctx context.Context, shopID string, id int64, at time.Time) error {
	n, err := s.c.w().affected(ctx, sqlRevokeAPIKey, s.c.db.d.ts(at), shopID, id)
	if err != nil {
		return mapErr(err, "API key")
	}
	if n == 0 {
		return claimdesk.NotFound("API key", id)
	}
	return nil
}

func scanAPIKey(r scanner) (*claimdesk.APIKey, error) {
	var k claimdesk.APIKey
	if err := r.Scan(&k.ID, &k.ShopID, &k.Name, &k.Prefix, &k.Hash, timeCol{&k.CreatedAt},
		timePtrCol{&k.LastUsedAt}, timePtrCol{&k.RevokedAt}); err != nil {
		return nil, err
	}
	return &k, nil
}

type idemStore struct{ c *conn }

const (
	sqlInsertIdem = `INSERT INTO idempotency_responses (scope, idem_key, request_hash, status, body, created_at)
	VALUES (?, ?, ?, ?, ?, ?)`
	sqlFindIdem = `SELECT scope, idem_key, request_hash, status, body, created_at FROM idempotency_responses
	WHERE scope = ? AND idem_key = ?`
	sqlDeleteIdemBefore = `DELETE FROM idempotency_responses WHERE created_at < ?`
	sqlCompleteIdem     = `UPDATE idempotency_responses SET status = ?, body = ? WHERE scope = ? AND idem_key = ?`
	sqlDeleteIdem       = `DELETE FROM idempotency_responses WHERE scope = ? AND idem_key = ?`
)

// SaveIdempotentResponse stores a response. Returns conflict if the scope
// and key are already stored.
func (s idemStore) SaveIdempotentResponse(ctx context.Context, r *claimdesk.IdempotentResponse) error {
	if r.CreatedAt.IsZero() {
		r.CreatedAt = time.Now()
	}
	r.CreatedAt = normTime(r.CreatedAt)
	_, err := s.c.w().exec(ctx, sqlInsertIdem, r.Scope, r.Key, blob(r.RequestHash), r.Status, blob(r.Body),
		s.c.db.d.ts(r.CreatedAt))
	return mapErr(err, "idempotent response")
}

// FindIdempotentResponse returns the stored response. Returns not_found.
func (s idemStore) FindIdempotentResponse(ctx context.Context, scope, key string) (*claimdesk.IdempotentResponse, error) {
	var r claimdesk.IdempotentResponse
	err := s.c.r().row(ctx, sqlFindIdem, scope, key).Scan(&r.Scope, &r.Key, &r.RequestHash, &r.Status, &r.Body,
		timeCol{&r.CreatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, claimdesk.NotFound("idempotent response", key)
	}
	if err != nil {
		return nil, mapErr(err, "idempotent response")
	}
	return &r, nil
}

// CompleteIdempotentResponse stores the response of a reserved key.
func (s idemStore) CompleteIdempotentResponse(ctx context.Context, scope, key string, status int, body []byte) error {
	n, err := s.c.w().affected(ctx, sqlCompleteIdem, status, blob(body), scope, key)
	if err != nil {
		return mapErr(err, "idempotent response")
	}
	if n == 0 {
		return claimdesk.NotFound("idempotent response", key)
	}
	return nil
}

// DeleteIdempotentResponse removes a key.
func (s idemStore) DeleteIdempotentResponse(ctx context.Context, scope, key string) error {
	_, err := s.c.w().exec(ctx, sqlDeleteIdem, scope, key)
	return mapErr(err, "idempotent response")
}

// DeleteIdempotentResponsesBefore removes responses stored before t.
func (s idemStore) DeleteIdempotentResponsesBefore(ctx context.Context, t time.Time) (int, error) {
	n, err := s.c.w().affected(ctx, sqlDeleteIdemBefore, s.c.db.d.ts(t))
	if err != nil {
		return 0, mapErr(err, "idempotent responses")
	}
	return int(n), nil
}
