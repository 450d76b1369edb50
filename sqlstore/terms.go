package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/claimdesk/claimdesk"
)

type termsStore struct{ c *conn }

const (
	shopTermsColumns   = `shop_id, version, terms_id, source, uploaded_by, created_at, active, activated_at`
	sqlInsertShopTerms = `INSERT INTO shop_terms (shop_id, version, terms_id, source, uploaded_by, created_at, active)
	VALUES (?, ?, ?, ?, ?, ?, ?)`
	sqlFindShopTerms     = `SELECT ` + shopTermsColumns + ` FROM shop_terms WHERE shop_id = ? AND version = ?`
	sqlListShopTerms     = `SELECT ` + shopTermsColumns + ` FROM shop_terms WHERE shop_id = ? ORDER BY created_at DESC, version DESC`
	sqlActiveShopTerms   = `SELECT ` + shopTermsColumns + ` FROM shop_terms WHERE active = ? ORDER BY shop_id`
	sqlDeactivateTerms   = `UPDATE shop_terms SET active = ? WHERE shop_id = ? AND active = ?`
	sqlActivateTerms     = `UPDATE shop_terms SET active = ?, activated_at = ? WHERE shop_id = ? AND version = ?`
	sqlShopTermsVersion  = `SELECT COALESCE((SELECT value FROM counters WHERE name = 'shop_terms'), 0)`
	shopTermsCounterName = "shop_terms"
)

// CreateShopTerms stores an inactive upload. Returns conflict if the shop
// already has that version.
func (s termsStore) CreateShopTerms(ctx context.Context, t *claimdesk.ShopTerms) error {
	if t.ShopID == "" || t.Version == "" {
		return claimdesk.Errorf(claimdesk.CodeInvalid, "uploaded terms need a shop and a version")
	}
	if t.CreatedAt.IsZero() {
		t.CreatedAt = time.Now()
	}
	t.CreatedAt, t.Active, t.ActivatedAt = normTime(t.CreatedAt), false, nil
	_, err := s.c.w().exec(ctx, sqlInsertShopTerms, t.ShopID, t.Version, t.TermsID, t.Source, idVal(t.UploadedBy),
		s.c.db.d.ts(t.CreatedAt), false)
	return mapErr(err, "terms version "+t.Version)
}

// FindShopTerms returns one version of a shop's terms. Returns not_found.
func (s termsStore) FindShopTerms(ctx context.Context, shopID, version string) (*claimdesk.ShopTerms, error) {
	t, err := scanShopTerms(s.c.r().row(ctx, sqlFindShopTerms, shopID, version))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, claimdesk.NotFound("terms version", version)
	}
	if err != nil {
		return nil, mapErr(err, "terms")
	}
	return t, nil
}

// ListShopTerms lists a shop's uploads, newest first.
func (s termsStore) ListShopTerms(ctx context.Context, shopID string) ([]*claimdesk.ShopTerms, error) {
	return s.list(ctx, sqlListShopTerms, shopID)
}

// ActiveShopTerms lists every shop's active terms, ordered by shop.
func (s termsStore) ActiveShopTerms(ctx context.Context) ([]*claimdesk.ShopTerms, error) {
	return s.list(ctx, sqlActiveShopTerms, true)
}

func (s termsStore) list(ctx context.Context, q string, args ...any) ([]*claimdesk.ShopTerms, error) {
	rows, err := s.c.r().query(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err, "terms")
	}
	defer rows.Close()
	out := []*claimdesk.ShopTerms{}
	for rows.Next() {
		t, err := scanShopTerms(rows)
		if err != nil {
			return nil, mapErr(err, "terms")
		}
		out = append(out, t)
	}
	return out, mapErr(rows.Err(), "terms")
}

// ActivateShopTerms makes one version the shop's active terms and every
// other version inactive, and moves the terms version on. Returns not_found.
func (s termsStore) ActivateShopTerms(ctx context.Context, shopID, version string, at time.Time) error {
	return s.c.inTx(ctx, func(r run) error {
		// Two statements: a unique index on the active row is checked row by row.
		if _, err := r.exec(ctx, sqlDeactivateTerms, false, shopID, true); err != nil {
			return mapErr(err, "terms")
		}
		n, err := r.affected(ctx, sqlActivateTerms, true, r.d.ts(normTime(at)), shopID, version)
		if err != nil {
			return mapErr(err, "terms")
		}
		if n == 0 {
			return claimdesk.NotFound("terms version", version)
		}
		_, err = r.exec(ctx, sqlBumpCounter, shopTermsCounterName)
		return mapErr(err, "terms version counter")
	})
}

// ShopTermsVersion returns a value that changes whenever any shop's active
// terms change: a counter moved on by every activation.
func (s termsStore) ShopTermsVersion(ctx context.Context) (string, error) {
	var n int64
	if err := s.c.r().row(ctx, sqlShopTermsVersion).Scan(&n); err != nil {
		return "", mapErr(err, "terms version")
	}
	return fmt.Sprint(n), nil
}

func scanShopTerms(r scanner) (*claimdesk.ShopTerms, error) {
	var t claimdesk.ShopTerms
	if err := r.Scan(&t.ShopID, &t.Version, &t.TermsID, &t.Source, idCol{&t.UploadedBy}, timeCol{&t.CreatedAt},
		&t.Active, timePtrCol{&t.ActivatedAt}); err != nil {
		return nil, err
	}
	return &t, nil
}
