package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk"
)

type userStore struct{ c *conn }

const userColumns = `u.id, u.kind, u.shop_id, u.email, u.name, u.phone, u.lang, u.password_hash,
	u.customer_id, u.company_role, u.created_at, u.last_login_at, u.disabled_at`

const (
	sqlInsertUser = `INSERT INTO users (kind, shop_id, email, email_lower, name, phone, lang, password_hash,
	customer_id, company_role, created_at, last_login_at, disabled_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	sqlUpdateUser = `UPDATE users SET email = ?, email_lower = ?, name = ?, phone = ?, lang = ?,
	password_hash = ?, customer_id = ?, company_role = ?, last_login_at = ?, disabled_at = ?
	WHERE id = ? RETURNING kind, shop_id, created_at`
	sqlInsertMembership  = `INSERT INTO user_memberships (user_id, shop_id, role) VALUES (?, ?, ?)`
	sqlDeleteMemberships = `DELETE FROM user_memberships WHERE user_id = ?`
	sqlFindUser          = `SELECT ` + userColumns + ` FROM users u WHERE u.id = ?`
	sqlFindAgentByEmail  = `SELECT ` + userColumns + ` FROM users u WHERE u.kind = 'agent' AND u.email_lower = ?`
	sqlFindCustByEmail   = `SELECT ` + userColumns + ` FROM users u WHERE u.kind = 'customer' AND u.shop_id = ? AND u.email_lower = ?`
	sqlFindUsersByCust   = `SELECT ` + userColumns + ` FROM users u WHERE u.customer_id = ? ORDER BY u.id`
	sqlFindAgents        = `SELECT ` + userColumns + ` FROM users u JOIN user_memberships m ON m.user_id = u.id
	WHERE m.shop_id = ? AND u.kind = 'agent' ORDER BY u.id`
	sqlTouchLogin = `UPDATE users SET last_login_at = ? WHERE id = ?`
)

// CreateUser stores a new user. Returns conflict if the email is taken
// (agents: across the instance; customers: within the shop), compared
// case-insensitively.
func (s userStore) CreateUser(ctx context.Context, u *claimdesk.User) error {
	if u.CreatedAt.IsZero() {
		u.CreatedAt = time.Now()
	}
	u.CreatedAt = normTime(u.CreatedAt)
	u.LastLoginAt, u.DisabledAt = normTimeP(u.LastLoginAt), normTimeP(u.DisabledAt)
	shopID := u.ShopID
	if u.Kind == claimdesk.AgentUser {
		shopID = ""
	}
	return s.c.inTx(ctx, func(r run) error {
		d := r.d
		err := r.row(ctx, sqlInsertUser, string(u.Kind), strVal(shopID), u.Email, strings.ToLower(u.Email),
			u.Name, u.Phone, string(u.Lang), u.PasswordHash, idVal(u.CustomerID), string(u.CompanyRole),
			d.ts(u.CreatedAt), d.tsp(u.LastLoginAt), d.tsp(u.DisabledAt)).Scan(&u.ID)
		if err != nil {
			if claimdesk.IsCode(mapErr(err, ""), claimdesk.CodeConflict) {
				return claimdesk.Wrap(err, claimdesk.CodeConflict, "a user with that email already exists")
			}
			return mapErr(err, "user")
		}
		return saveMemberships(ctx, r, u)
	})
}

func saveMemberships(ctx context.Context, r run, u *claimdesk.User) error {
	for _, m := range u.Memberships {
		if _, err := r.exec(ctx, sqlInsertMembership, u.ID, m.ShopID, string(m.Role)); err != nil {
			return mapErr(err, "membership in "+m.ShopID)
		}
	}
	return nil
}

// UpdateUser replaces a user's profile, password hash, role and memberships.
// Kind and shop do not change. Returns not_found.
func (s userStore) UpdateUser(ctx context.Context, u *claimdesk.User) error {
	u.LastLoginAt, u.DisabledAt = normTimeP(u.LastLoginAt), normTimeP(u.DisabledAt)
	return s.c.inTx(ctx, func(r run) error {
		d := r.d
		var kind string
		err := r.row(ctx, sqlUpdateUser, u.Email, strings.ToLower(u.Email), u.Name, u.Phone, string(u.Lang),
			u.PasswordHash, idVal(u.CustomerID), string(u.CompanyRole), d.tsp(u.LastLoginAt), d.tsp(u.DisabledAt),
			u.ID).Scan(&kind, strCol{&u.ShopID}, timeCol{&u.CreatedAt})
		if errors.Is(err, sql.ErrNoRows) {
			return claimdesk.NotFound("user", u.ID)
		}
		if err != nil {
			if claimdesk.IsCode(mapErr(err, ""), claimdesk.CodeConflict) {
				return claimdesk.Wrap(err, claimdesk.CodeConflict, "a user with that email already exists")
			}
			return mapErr(err, "user")
		}
		u.Kind = claimdesk.UserKind(kind)
		if _, err := r.exec(ctx, sqlDeleteMemberships, u.ID); err != nil {
			return mapErr(err, "memberships")
		}
		return saveMemberships(ctx, r, u)
	})
}

// FindUser returns a user. Returns not_found.
func (s userStore) FindUser(ctx context.Context, id int64) (*claimdesk.User, error) {
	us, err := s.list(ctx, sqlFindUser, id)
	if err != nil {
		return nil, err
	}
	if len(us) == 0 {
		return nil, claimdesk.NotFound("user", id)
	}
	return us[0], nil
}

// FindUserByEmail returns the agent (shopID "") or the shop's customer user
// with that email, compared case-insensitively. Returns not_found.
func (s userStore) FindUserByEmail(ctx context.Context, kind claimdesk.UserKind, shopID, email string) (*claimdesk.User, error) {
	var us []*claimdesk.User
	var err error
	if kind == claimdesk.AgentUser {
		us, err = s.list(ctx, sqlFindAgentByEmail, strings.ToLower(email))
	} else {
		us, err = s.list(ctx, sqlFindCustByEmail, shopID, strings.ToLower(email))
	}
	if err != nil {
		return nil, err
	}
	if len(us) == 0 {
		return nil, claimdesk.NotFound("user", email)
	}
	return us[0], nil
}

// FindUsersByCustomer lists the users of a customer (a company's employees).
func (s userStore) FindUsersByCustomer(ctx context.Context, customerID int64) ([]*claimdesk.User, error) {
	return s.list(ctx, sqlFindUsersByCust, customerID)
}

// FindAgents lists a shop's agents.
func (s userStore) FindAgents(ctx context.Context, shopID string) ([]*claimdesk.User, error) {
	return s.list(ctx, sqlFindAgents, shopID)
}

// TouchLogin records a successful login. Returns not_found for an unknown user.
func (s userStore) TouchLogin(ctx context.Context, id int64, at time.Time) error {
	n, err := s.c.w().affected(ctx, sqlTouchLogin, s.c.db.d.ts(at), id)
	if err != nil {
		return mapErr(err, "user")
	}
	if n == 0 {
		return claimdesk.NotFound("user", id)
	}
	return nil
}

// list runs a user query and loads the memberships of the users found.
func (s userStore) list(ctx context.Context, query string, args ...any) ([]*claimdesk.User, error) {
	r := s.c.r()
	rows, err := r.query(ctx, query, args...)
	if err != nil {
		return nil, mapErr(err, "users")
	}
	out := []*claimdesk.User{}
	byID := map[int64]*claimdesk.User{}
	for rows.Next() {
		var u claimdesk.User
		var kind, lang, role string
		if err := rows.Scan(&u.ID, &kind, strCol{&u.ShopID}, &u.Email, &u.Name, &u.Phone, &lang, &u.PasswordHash,
			idCol{&u.CustomerID}, &role, timeCol{&u.CreatedAt}, timePtrCol{&u.LastLoginAt},
			timePtrCol{&u.DisabledAt}); err != nil {
			rows.Close()
			return nil, mapErr(err, "users")
		}
		u.Kind, u.Lang, u.CompanyRole = claimdesk.UserKind(kind), claimdesk.Lang(lang), claimdesk.CompanyRole(role)
		out = append(out, &u)
		byID[u.ID] = &u
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapErr(err, "users")
	}
	if len(out) == 0 {
		return out, nil
	}
	ids := make([]any, 0, len(out))
	for _, u := range out {
		ids = append(ids, u.ID)
	}
	mrows, err := r.query(ctx, `SELECT user_id, shop_id, role FROM user_memberships WHERE user_id IN (`+
		placeholders(len(ids))+`) ORDER BY user_id, shop_id`, ids...)
	if err != nil {
		return nil, mapErr(err, "memberships")
	}
	defer mrows.Close()
	for mrows.Next() {
		var uid int64
		var m claimdesk.Membership
		var role string
		if err := mrows.Scan(&uid, &m.ShopID, &role); err != nil {
			return nil, mapErr(err, "memberships")
		}
		m.Role = claimdesk.AgentRole(role)
		if u := byID[uid]; u != nil {
			u.Memberships = append(u.Memberships, m)
		}
	}
	return out, mapErr(mrows.Err(), "memberships")
}
