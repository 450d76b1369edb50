package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/claimdesk/claimdesk"
)

type shopStore struct{ c *conn }

const shopColumns = `id, name, legal_name, org_number, country, lang, time_zone, case_prefix,
	business_only, markets, return_address, support_email, phone, website, opening_hours, sla,
	terms_id, retention_years, demo, created_at, updated_at, mail, brand`

const (
	sqlInsertShop = `INSERT INTO shops (` + shopColumns + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	sqlUpdateShop = `UPDATE shops SET name = ?, legal_name = ?, org_number = ?, country = ?, lang = ?,
	time_zone = ?, case_prefix = ?, business_only = ?, markets = ?, return_address = ?, support_email = ?,
	phone = ?, website = ?, opening_hours = ?, sla = ?, terms_id = ?, retention_years = ?, demo = ?,
	updated_at = ?, mail = ?, brand = ? WHERE id = ? RETURNING created_at`
	sqlFindShop  = `SELECT ` + shopColumns + ` FROM shops WHERE id = ?`
	sqlListShops = `SELECT ` + shopColumns + ` FROM shops ORDER BY id`
)

// shopJSON holds a shop's settings encoded for their JSON columns.
type shopJSON struct{ markets, ret, hours, sla, mail, brand string }

func encodeShop(s *claimdesk.Shop) (shopJSON, error) {
	var j shopJSON
	var err error
	markets := s.Markets
	if markets == nil {
		markets = []claimdesk.Market{}
	}
	if j.markets, err = jsonVal(markets); err != nil {
		return j, err
	}
	if j.ret, err = jsonVal(s.ReturnAddress); err != nil {
		return j, err
	}
	if j.hours, err = jsonVal(s.OpeningHours); err != nil {
		return j, err
	}
	if j.sla, err = jsonVal(s.SLA); err != nil {
		return j, err
	}
	if j.mail, err = jsonVal(s.Mail); err != nil {
		return j, err
	}
	j.brand, err = jsonVal(s.Brand)
	return j, err
}

// CreateShop stores a new shop. Returns conflict if the id or prefix is taken.
func (s shopStore) CreateShop(ctx context.Context, sh *claimdesk.Shop) error {
	if sh.ID == "" {
		return claimdesk.Errorf(claimdesk.CodeInvalid, "a shop needs an id")
	}
	j, err := encodeShop(sh)
	if err != nil {
		return err
	}
	now := normTime(time.Now())
	if sh.CreatedAt.IsZero() {
		sh.CreatedAt = now
	}
	if sh.UpdatedAt.IsZero() {
		sh.UpdatedAt = sh.CreatedAt
	}
	sh.CreatedAt, sh.UpdatedAt = normTime(sh.CreatedAt), normTime(sh.UpdatedAt)
	d := s.c.db.d
	_, err = s.c.w().exec(ctx, sqlInsertShop, sh.ID, sh.Name, sh.LegalName, sh.OrgNumber, string(sh.Country),
		string(sh.Lang), sh.TimeZone, sh.CasePrefix, sh.BusinessOnly, j.markets, j.ret, sh.SupportEmail,
		sh.Phone, sh.Website, j.hours, j.sla, sh.TermsID, sh.RetentionYears, sh.Demo,
		d.ts(sh.CreatedAt), d.ts(sh.UpdatedAt), j.mail, j.brand)
	return mapErr(err, "shop "+sh.ID)
}

// UpdateShop replaces a shop's settings. Returns not_found.
func (s shopStore) UpdateShop(ctx context.Context, sh *claimdesk.Shop) error {
	j, err := encodeShop(sh)
	if err != nil {
		return err
	}
	if sh.UpdatedAt.IsZero() {
		sh.UpdatedAt = time.Now()
	}
	sh.UpdatedAt = normTime(sh.UpdatedAt)
	d := s.c.db.d
	err = s.c.w().row(ctx, sqlUpdateShop, sh.Name, sh.LegalName, sh.OrgNumber, string(sh.Country),
		string(sh.Lang), sh.TimeZone, sh.CasePrefix, sh.BusinessOnly, j.markets, j.ret, sh.SupportEmail,
		sh.Phone, sh.Website, j.hours, j.sla, sh.TermsID, sh.RetentionYears, sh.Demo,
		d.ts(sh.UpdatedAt), j.mail, j.brand, sh.ID).Scan(timeCol{&sh.CreatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return claimdesk.NotFound("shop", sh.ID)
	}
	return mapErr(err, "shop "+sh.ID)
}

// FindShop returns one shop. Returns not_found.
func (s shopStore) FindShop(ctx context.Context, id string) (*claimdesk.Shop, error) {
	sh, err := scanShop(s.c.r().row(ctx, sqlFindShop, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, claimdesk.NotFound("shop", id)
	}
	if err != nil {
		return nil, mapErr(err, "shop")
	}
	return sh, nil
}

// ListShops returns every shop ordered by id.
func (s shopStore) ListShops(ctx context.Context) ([]*claimdesk.Shop, error) {
	rows, err := s.c.r().query(ctx, sqlListShops)
	if err != nil {
		return nil, mapErr(err, "shops")
	}
	defer rows.Close()
	out := []*claimdesk.Shop{}
	for rows.Next() {
		sh, err := scanShop(rows)
		if err != nil {
			return nil, mapErr(err, "shops")
		}
		out = append(out, sh)
	}
	return out, mapErr(rows.Err(), "shops")
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

func scanShop(r scanner) (*claimdesk.Shop, error) {
	var sh claimdesk.Shop
	var country, lang string
	err := r.Scan(&sh.ID, &sh.Name, &sh.LegalName, &sh.OrgNumber, &country, &lang, &sh.TimeZone,
		&sh.CasePrefix, &sh.BusinessOnly, jsonCol{&sh.Markets}, jsonCol{&sh.ReturnAddress}, &sh.SupportEmail,
		&sh.Phone, &sh.Website, jsonCol{&sh.OpeningHours}, jsonCol{&sh.SLA}, &sh.TermsID, &sh.RetentionYears,
		&sh.Demo, timeCol{&sh.CreatedAt}, timeCol{&sh.UpdatedAt}, jsonCol{&sh.Mail}, jsonCol{&sh.Brand})
	if err != nil {
		return nil, err
	}
	sh.Country, sh.Lang = claimdesk.Country(country), claimdesk.Lang(lang)
	return &sh, nil
}
