package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/claimdesk/claimdesk"
)

type metaStore struct{ c *conn }

const (
	sqlSetting    = `SELECT value FROM settings WHERE key = ?`
	sqlSetSetting = `INSERT INTO settings (key, value) VALUES (?, ?)
	ON CONFLICT (key) DO UPDATE SET value = excluded.value`
)

// Setting returns a setting's value. Returns not_found.
func (s metaStore) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.c.r().row(ctx, sqlSetting, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", claimdesk.NotFound("setting", key)
	}
	return v, mapErr(err, "setting")
}

// SetSetting stores a setting, replacing any value it had.
func (s metaStore) SetSetting(ctx context.Context, key, value string) error {
	_, err := s.c.w().exec(ctx, sqlSetSetting, key, value)
	return mapErr(err, "setting")
}

// Lock takes an instance-wide lock named name until the transaction ends.
// On PostgreSQL it is a transaction-scoped advisory lock; SQLite write
// transactions are exclusive already, so there it does nothing more. Outside
// WithTx there is no transaction to hold it: Lock returns invalid.
func (s metaStore) Lock(ctx context.Context, name string) error {
	if s.c.tx == nil {
		return claimdesk.Errorf(claimdesk.CodeInvalid, "Lock needs a transaction: call it within WithTx")
	}
	q := s.c.db.d.lockSQL()
	if q == "" {
		return nil
	}
	_, err := s.c.w().exec(ctx, q, name)
	return mapErr(err, "lock "+name)
}
