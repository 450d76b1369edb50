package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk"
)

type customerStore struct{ c *conn }

const customerColumns = `id, shop_id, external_id, kind, name, email, phone, org_number, vat_number,
	country, lang, created_at, updated_at, last_active_at, anonymized_at`

const (
	sqlInsertCustomer = `INSERT INTO customers (shop_id, external_id, kind, name, email, email_lower, phone,
	org_number, vat_number, country, lang, search, created_at, updated_at, last_active_at, anonymized_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	sqlUpdateCustomer = `UPDATE customers SET external_id = ?, kind = ?, name = ?, email = ?, email_lower = ?,
	phone = ?, org_number = ?, vat_number = ?, country = ?, lang = ?, search = ?, updated_at = ?,
	last_active_at = ?, anonymized_at = ? WHERE id = ? RETURNING shop_id, created_at`
	sqlFindCustomer           = `SELECT ` + customerColumns + ` FROM customers WHERE id = ?`
	sqlFindCustomerByExternal = `SELECT ` + customerColumns + ` FROM customers WHERE shop_id = ? AND external_id = ?`
	sqlFindCustomerByEmail    = `SELECT ` + customerColumns + ` FROM customers WHERE shop_id = ? AND email_lower = ? ORDER BY id LIMIT 1`
	sqlAddressColumns         = `id, customer_id, kind, label, is_default, name, attention, street, street2, postal_code, city, country`
	sqlInsertAddress          = `INSERT INTO customer_addresses (customer_id, position, kind, label, is_default, name,
	attention, street, street2, postal_code, city, country) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	sqlUpdateAddress = `UPDATE customer_addresses SET position = ?, kind = ?, label = ?, is_default = ?, name = ?,
	attention = ?, street = ?, street2 = ?, postal_code = ?, city = ?, country = ? WHERE id = ? AND customer_id = ?`
	sqlDeleteAddressesOf = `DELETE FROM customer_addresses WHERE customer_id = ?`
)

// customerSearch is the lower-cased text FindCustomers matches against.
func customerSearch(c *claimdesk.Customer) string {
	return strings.ToLower(c.Name + "\n" + c.Email + "\n" + c.OrgNumber)
}

// CreateCustomer stores a new customer with its addresses. Returns conflict
// if the shop already has a customer with the external id.
func (s customerStore) CreateCustomer(ctx context.Context, cu *claimdesk.Customer) error {
	if cu.CreatedAt.IsZero() {
		cu.CreatedAt = time.Now()
	}
	if cu.UpdatedAt.IsZero() {
		cu.UpdatedAt = cu.CreatedAt
	}
	if cu.LastActiveAt.IsZero() {
		cu.LastActiveAt = cu.CreatedAt
	}
	cu.CreatedAt, cu.UpdatedAt, cu.LastActiveAt = normTime(cu.CreatedAt), normTime(cu.UpdatedAt), normTime(cu.LastActiveAt)
	cu.AnonymizedAt = normTimeP(cu.AnonymizedAt)
	return s.c.inTx(ctx, func(r run) error {
		d := r.d
		err := r.row(ctx, sqlInsertCustomer, cu.ShopID, cu.ExternalID, string(cu.Kind), cu.Name, cu.Email,
			strings.ToLower(cu.Email), cu.Phone, cu.OrgNumber, cu.VATNumber, string(cu.Country), string(cu.Lang),
			customerSearch(cu), d.ts(cu.CreatedAt), d.ts(cu.UpdatedAt), d.ts(cu.LastActiveAt),
			d.tsp(cu.AnonymizedAt)).Scan(&cu.ID)
		if err != nil {
			return mapErr(err, "customer")
		}
		return saveAddresses(ctx, r, cu, false)
	})
}

// saveAddresses stores the customer's address book. When replacing, entries
// whose id belongs to the customer are updated in place, new ones inserted
// and the rest removed.
func saveAddresses(ctx context.Context, r run, cu *claimdesk.Customer, replace bool) error {
	keep := make([]any, 0, len(cu.Addresses)+1)
	keep = append(keep, cu.ID)
	for i := range cu.Addresses {
		a := &cu.Addresses[i]
		a.CustomerID = cu.ID
		ad := a.Address
		if replace && a.ID != 0 {
			n, err := r.affected(ctx, sqlUpdateAddress, i, string(a.Kind), a.Label, a.Default, ad.Name,
				ad.Attention, ad.Street, ad.Street2, ad.PostalCode, ad.City, string(ad.Country), a.ID, cu.ID)
			if err != nil {
				return mapErr(err, "address")
			}
			if n == 1 {
				keep = append(keep, a.ID)
				continue
			}
		}
		err := r.row(ctx, sqlInsertAddress, cu.ID, i, string(a.Kind), a.Label, a.Default, ad.Name,
			ad.Attention, ad.Street, ad.Street2, ad.PostalCode, ad.City, string(ad.Country)).Scan(&a.ID)
		if err != nil {
			return mapErr(err, "address")
		}
		keep = append(keep, a.ID)
	}
	if !replace {
		return nil
	}
	q := sqlDeleteAddressesOf
	if len(keep) > 1 {
		q += ` AND id NOT IN (` + placeholders(len(keep)-1) + `)`
	}
	_, err := r.exec(ctx, q, keep...)
	return mapErr(err, "address")
}

// UpdateCustomer replaces a customer's profile and address book. Returns not_found.
func (s customerStore) UpdateCustomer(ctx context.Context, cu *claimdesk.Customer) error {
	if cu.UpdatedAt.IsZero() {
		cu.UpdatedAt = time.Now()
	}
	if cu.LastActiveAt.IsZero() {
		cu.LastActiveAt = cu.UpdatedAt
	}
	cu.UpdatedAt, cu.LastActiveAt = normTime(cu.UpdatedAt), normTime(cu.LastActiveAt)
	cu.AnonymizedAt = normTimeP(cu.AnonymizedAt)
	return s.c.inTx(ctx, func(r run) error {
		d := r.d
		err := r.row(ctx, sqlUpdateCustomer, cu.ExternalID, string(cu.Kind), cu.Name, cu.Email,
			strings.ToLower(cu.Email), cu.Phone, cu.OrgNumber, cu.VATNumber, string(cu.Country), string(cu.Lang),
			customerSearch(cu), d.ts(cu.UpdatedAt), d.ts(cu.LastActiveAt), d.tsp(cu.AnonymizedAt),
			cu.ID).Scan(&cu.ShopID, timeCol{&cu.CreatedAt})
		if errors.Is(err, sql.ErrNoRows) {
			return claimdesk.NotFound("customer", cu.ID)
		}
		if err != nil {
			return mapErr(err, "customer")
		}
		return saveAddresses(ctx, r, cu, true)
	})
}

// FindCustomer returns a customer with its addresses. Returns not_found.
func (s customerStore) FindCustomer(ctx context.Context, id int64) (*claimdesk.Customer, error) {
	return s.findOne(ctx, claimdesk.NotFound("customer", id), sqlFindCustomer, id)
}

// FindCustomerByExternalID returns the shop's customer with that id. Returns not_found.
func (s customerStore) FindCustomerByExternalID(ctx context.Context, shopID, externalID string) (*claimdesk.Customer, error) {
	if externalID == "" {
		return nil, claimdesk.NotFound("customer", externalID)
	}
	return s.findOne(ctx, claimdesk.NotFound("customer", externalID), sqlFindCustomerByExternal, shopID, externalID)
}

// FindCustomerByEmail returns the shop's customer with that email (compared
// case-insensitively). Returns not_found.
func (s customerStore) FindCustomerByEmail(ctx context.Context, shopID, email string) (*claimdesk.Customer, error) {
	if email == "" {
		return nil, claimdesk.NotFound("customer", email)
	}
	return s.findOne(ctx, claimdesk.NotFound("customer", email), sqlFindCustomerByEmail, shopID, strings.ToLower(email))
}

func (s customerStore) findOne(ctx context.Context, nf error, query string, args ...any) (*claimdesk.Customer, error) {
	r := s.c.r()
	cu, err := scanCustomer(r.row(ctx, query, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nf
	}
	if err != nil {
		return nil, mapErr(err, "customer")
	}
	if err := loadAddresses(ctx, r, []*claimdesk.Customer{cu}); err != nil {
		return nil, err
	}
	return cu, nil
}

// FindCustomers lists customers ordered by id, with the cursor of the next
// page (0 at the end). Limit defaults to 50 and is at most 200.
func (s customerStore) FindCustomers(ctx context.Context, f claimdesk.CustomerFilter) ([]*claimdesk.Customer, int64, error) {
	limit := clampLimit(f.Limit)
	var where []string
	var args []any
	if f.ShopID != "" {
		where, args = append(where, "shop_id = ?"), append(args, f.ShopID)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		where, args = append(where, `search LIKE ? ESCAPE '\'`), append(args, likePattern(q))
	}
	if f.Kind != "" {
		where, args = append(where, "kind = ?"), append(args, string(f.Kind))
	}
	if f.After > 0 {
		where, args = append(where, "id > ?"), append(args, f.After)
	}
	if !f.InactiveBefore.IsZero() {
		where = append(where, "last_active_at < ?", "anonymized_at IS NULL")
		args = append(args, s.c.db.d.ts(f.InactiveBefore))
	}
	q := `SELECT ` + customerColumns + ` FROM customers`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += ` ORDER BY id LIMIT ?`
	args = append(args, limit+1)
	r := s.c.r()
	rows, err := r.query(ctx, q, args...)
	if err != nil {
		return nil, 0, mapErr(err, "customers")
	}
	out := []*claimdesk.Customer{}
	for rows.Next() {
		cu, err := scanCustomer(rows)
		if err != nil {
			rows.Close()
			return nil, 0, mapErr(err, "customers")
		}
		out = append(out, cu)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, mapErr(err, "customers")
	}
	var next int64
	if len(out) > limit {
		out = out[:limit]
		next = out[limit-1].ID
	}
	if err := loadAddresses(ctx, r, out); err != nil {
		return nil, 0, err
	}
	return out, next, nil
}

// clampLimit applies the default page size of 50 and the maximum of 200.
func clampLimit(n int) int {
	if n <= 0 {
		return 50
	}
	return min(n, 200)
}

func scanCustomer(r scanner) (*claimdesk.Customer, error) {
	var c claimdesk.Customer
	var kind, country, lang string
	err := r.Scan(&c.ID, &c.ShopID, &c.ExternalID, &kind, &c.Name, &c.Email, &c.Phone, &c.OrgNumber,
		&c.VATNumber, &country, &lang, timeCol{&c.CreatedAt}, timeCol{&c.UpdatedAt}, timeCol{&c.LastActiveAt},
		timePtrCol{&c.AnonymizedAt})
	if err != nil {
		return nil, err
	}
	c.Kind, c.Country, c.Lang = claimdesk.CustomerKind(kind), claimdesk.Country(country), claimdesk.Lang(lang)
	c.Addresses = []claimdesk.AddressEntry{}
	return &c, nil
}

// loadAddresses fills the address books of the customers in one query.
func loadAddresses(ctx context.Context, r run, cs []*claimdesk.Customer) error {
	if len(cs) == 0 {
		return nil
	}
	byID := make(map[int64]*claimdesk.Customer, len(cs))
	args := make([]any, 0, len(cs))
	for _, c := range cs {
		byID[c.ID] = c
		args = append(args, c.ID)
	}
	rows, err := r.query(ctx, `SELECT `+sqlAddressColumns+` FROM customer_addresses WHERE customer_id IN (`+
		placeholders(len(args))+`) ORDER BY customer_id, position, id`, args...)
	if err != nil {
		return mapErr(err, "addresses")
	}
	defer rows.Close()
	for rows.Next() {
		var a claimdesk.AddressEntry
		var kind, country string
		if err := rows.Scan(&a.ID, &a.CustomerID, &kind, &a.Label, &a.Default, &a.Address.Name,
			&a.Address.Attention, &a.Address.Street, &a.Address.Street2, &a.Address.PostalCode, &a.Address.City,
			&country); err != nil {
			return mapErr(err, "addresses")
		}
		a.Kind, a.Address.Country = claimdesk.AddressKind(kind), claimdesk.Country(country)
		if c := byID[a.CustomerID]; c != nil {
			c.Addresses = append(c.Addresses, a)
		}
	}
	return mapErr(rows.Err(), "addresses")
}
