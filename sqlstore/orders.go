package sqlstore

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk"
)

type orderStore struct{ c *conn }

const orderColumns = `id, shop_id, external_id, customer_id, user_id, ordered_at, country, currency, lang,
	payment_method, delivery_fee, billing_address, delivery_address, created_at, updated_at`

const (
	sqlUpsertOrder = `INSERT INTO orders (shop_id, external_id, customer_id, user_id, ordered_at, country,
	currency, lang, payment_method, delivery_fee, billing_address, delivery_address, revision, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
	ON CONFLICT (shop_id, external_id) DO UPDATE SET customer_id = excluded.customer_id,
	user_id = excluded.user_id, ordered_at = excluded.ordered_at, country = excluded.country,
	currency = excluded.currency, lang = excluded.lang, payment_method = excluded.payment_method,
	delivery_fee = excluded.delivery_fee, billing_address = excluded.billing_address,
	delivery_address = excluded.delivery_address, revision = orders.revision + 1,
	updated_at = excluded.updated_at
	RETURNING id, revision, created_at`
	sqlDeleteOrderLines      = `DELETE FROM order_lines WHERE order_id = ?`
	sqlDeleteOrderFees       = `DELETE FROM order_fees WHERE order_id = ?`
	sqlDeleteOrderDeliveries = `DELETE FROM deliveries WHERE order_id = ?`
	sqlDeleteOrderInvoices   = `DELETE FROM invoices WHERE order_id = ?`
	sqlDeleteOrderPayments   = `DELETE FROM payments WHERE order_id = ?`
	sqlInsertOrderLine       = `INSERT INTO order_lines (order_id, position, line_no, sku, name, category,
	manufacturer, quantity, unit_price, vat_rate, custom_made, long_lived, handled_by_manufacturer,
	warranty_months, serial_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	sqlInsertOrderFee = `INSERT INTO order_fees (order_id, position, code, amount, vat_rate) VALUES (?, ?, ?, ?, ?)`
	sqlInsertDelivery = `INSERT INTO deliveries (order_id, position, number, shipped_on, delivered_on, carrier,
	tracking_number) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`
	sqlInsertDeliveryLine = `INSERT INTO delivery_lines (delivery_id, position, sku, quantity) VALUES (?, ?, ?, ?)`
	sqlInsertInvoice      = `INSERT INTO invoices (order_id, position, number, delivery, issued_on, due_on, amount, vat)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	sqlInsertPayment = `INSERT INTO payments (order_id, position, method, amount, paid_at, reference)
	VALUES (?, ?, ?, ?, ?, ?)`
)

// UpsertOrder stores an order by (shop, external id), replacing its lines,
// fees, deliveries, invoices and payments in the same transaction. It
// reports whether the order was created. A replaced order keeps its id and
// creation time.
func (s orderStore) UpsertOrder(ctx context.Context, o *claimdesk.Order) (bool, error) {
	if o.ExternalID == "" {
		return false, claimdesk.Errorf(claimdesk.CodeInvalid, "an order needs an external id")
	}
	now := time.Now()
	if o.CreatedAt.IsZero() {
		o.CreatedAt = now
	}
	if o.UpdatedAt.IsZero() {
		o.UpdatedAt = o.CreatedAt
	}
	o.CreatedAt, o.UpdatedAt, o.OrderedAt = normTime(o.CreatedAt), normTime(o.UpdatedAt), normTime(o.OrderedAt)
	bill, err := jsonVal(o.BillingAddress)
	if err != nil {
		return false, err
	}
	deliv, err := jsonVal(o.DeliveryAddress)
	if err != nil {
		return false, err
	}
	var created bool
	err = s.c.inTx(ctx, func(r run) error {
		d := r.d
		var rev int64
		err := r.row(ctx, sqlUpsertOrder, o.ShopID, o.ExternalID, o.CustomerID, idVal(o.UserID), d.ts(o.OrderedAt),
			string(o.Country), o.Currency, string(o.Lang), o.PaymentMethod, int64(o.DeliveryFee), bill, deliv,
			d.ts(o.CreatedAt), d.ts(o.UpdatedAt)).Scan(&o.ID, &rev, timeCol{&o.CreatedAt})
		if err != nil {
			return mapErr(err, "order "+o.ExternalID)
		}
		created = rev == 1
		if !created {
			for _, q := range []string{sqlDeleteOrderLines, sqlDeleteOrderFees, sqlDeleteOrderDeliveries,
				sqlDeleteOrderInvoices, sqlDeleteOrderPayments} {
				if _, err := r.exec(ctx, q, o.ID); err != nil {
					return mapErr(err, "order "+o.ExternalID)
				}
			}
		}
		return insertOrderChildren(ctx, r, o)
	})
	if err != nil {
		return false, err
	}
	return created, nil
}

func insertOrderChildren(ctx context.Context, r run, o *claimdesk.Order) error {
	d := r.d
	for i, l := range o.Lines {
		if _, err := r.exec(ctx, sqlInsertOrderLine, o.ID, i, l.LineNo, l.SKU, l.Name, l.Category, l.Manufacturer,
			l.Quantity, int64(l.UnitPrice), int64(l.VATRate), l.CustomMade, l.LongLived, l.HandledByManufacturer,
			l.WarrantyMonths, l.SerialNumber); err != nil {
			return mapErr(err, "order line "+l.SKU)
		}
	}
	for i, f := range o.Fees {
		if _, err := r.exec(ctx, sqlInsertOrderFee, o.ID, i, f.Code, int64(f.Amount), int64(f.VATRate)); err != nil {
			return mapErr(err, "order fee "+f.Code)
		}
	}
	for i, dl := range o.Deliveries {
		var id int64
		if err := r.row(ctx, sqlInsertDelivery, o.ID, i, dl.Number, dateVal(dl.ShippedOn), dateVal(dl.DeliveredOn),
			dl.Carrier, dl.TrackingNumber).Scan(&id); err != nil {
			return mapErr(err, "delivery "+dl.Number)
		}
		for j, l := range dl.Lines {
			if _, err := r.exec(ctx, sqlInsertDeliveryLine, id, j, l.SKU, l.Quantity); err != nil {
				return mapErr(err, "delivery line "+l.SKU)
			}
		}
	}
	for i, inv := range o.Invoices {
		if _, err := r.exec(ctx, sqlInsertInvoice, o.ID, i, inv.Number, inv.Delivery, dateVal(inv.IssuedOn),
			dateVal(inv.DueOn), int64(inv.Amount), int64(inv.VAT)); err != nil {
			return mapErr(err, "invoice "+inv.Number)
		}
	}
	for i, p := range o.Payments {
		p.PaidAt = normTime(p.PaidAt)
		o.Payments[i].PaidAt = p.PaidAt
		if _, err := r.exec(ctx, sqlInsertPayment, o.ID, i, p.Method, int64(p.Amount), d.ts(p.PaidAt),
			p.Reference); err != nil {
			return mapErr(err, "payment")
		}
	}
	return nil
}

// FindOrder returns an order with everything in it. Returns not_found.
func (s orderStore) FindOrder(ctx context.Context, id int64) (*claimdesk.Order, error) {
	os, err := s.list(ctx, `SELECT `+orderColumns+` FROM orders WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(os) == 0 {
		return nil, claimdesk.NotFound("order", id)
	}
	return os[0], nil
}

// FindOrderByExternalID returns the shop's order with that number. Returns not_found.
func (s orderStore) FindOrderByExternalID(ctx context.Context, shopID, externalID string) (*claimdesk.Order, error) {
	os, err := s.list(ctx, `SELECT `+orderColumns+` FROM orders WHERE shop_id = ? AND external_id = ?`, shopID, externalID)
	if err != nil {
		return nil, err
	}
	if len(os) == 0 {
		return nil, claimdesk.NotFound("order", externalID)
	}
	return os[0], nil
}

// FindOrders lists orders newest first (by id) with the cursor of the next
// page (0 at the end). Limit defaults to 50 and is at most 200.
func (s orderStore) FindOrders(ctx context.Context, f claimdesk.OrderFilter) ([]*claimdesk.Order, int64, error) {
	limit := clampLimit(f.Limit)
	var where []string
	var args []any
	if f.ShopID != "" {
		where, args = append(where, "shop_id = ?"), append(args, f.ShopID)
	}
	if len(f.CustomerIDs) > 0 {
		where = append(where, "customer_id IN ("+placeholders(len(f.CustomerIDs))+")")
		for _, id := range f.CustomerIDs {
			args = append(args, id)
		}
	}
	if f.UserID != 0 {
		where, args = append(where, "user_id = ?"), append(args, f.UserID)
	}
	if f.ExternalID != "" {
		where, args = append(where, "external_id = ?"), append(args, f.ExternalID)
	}
	if f.Before > 0 {
		where, args = append(where, "id < ?"), append(args, f.Before)
	}
	q := `SELECT ` + orderColumns + ` FROM orders`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += ` ORDER BY id DESC LIMIT ?`
	args = append(args, limit+1)
	out, err := s.list(ctx, q, args...)
	if err != nil {
		return nil, 0, err
	}
	var next int64
	if len(out) > limit {
		out = out[:limit]
		next = out[limit-1].ID
	}
	return out, next, nil
}

// list runs an order query and loads the children of every order found (one
// query per child table, not per order).
func (s orderStore) list(ctx context.Context, query string, args ...any) ([]*claimdesk.Order, error) {
	r := s.c.r()
	rows, err := r.query(ctx, query, args...)
	if err != nil {
		return nil, mapErr(err, "orders")
	}
	out := []*claimdesk.Order{}
	for rows.Next() {
		var o claimdesk.Order
		var country, lang string
		var fee int64
		if err := rows.Scan(&o.ID, &o.ShopID, &o.ExternalID, &o.CustomerID, idCol{&o.UserID}, timeCol{&o.OrderedAt},
			&country, &o.Currency, &lang, &o.PaymentMethod, &fee, jsonCol{&o.BillingAddress},
			jsonCol{&o.DeliveryAddress}, timeCol{&o.CreatedAt}, timeCol{&o.UpdatedAt}); err != nil {
			rows.Close()
			return nil, mapErr(err, "orders")
		}
		o.Country, o.Lang, o.DeliveryFee = claimdesk.Country(country), claimdesk.Lang(lang), claimdesk.Minor(fee)
		o.Fees, o.Lines, o.Deliveries = []claimdesk.Fee{}, []claimdesk.OrderLine{}, []claimdesk.Delivery{}
		o.Invoices, o.Payments = []claimdesk.Invoice{}, []claimdesk.Payment{}
		out = append(out, &o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapErr(err, "orders")
	}
	if err := loadOrderChildren(ctx, r, out); err != nil {
		return nil, err
	}
	return out, nil
}

// childRows runs a query over the children of the orders.
func childRows(ctx context.Context, r run, query string, ids []any, each func(rows *sql.Rows) error) error {
	rows, err := r.query(ctx, strings.Replace(query, "(?)", "("+placeholders(len(ids))+")", 1), ids...)
	if err != nil {
		return mapErr(err, "order details")
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return mapErr(err, "order details")
		}
	}
	return mapErr(rows.Err(), "order details")
}

func loadOrderChildren(ctx context.Context, r run, os []*claimdesk.Order) error {
	if len(os) == 0 {
		return nil
	}
	byID := make(map[int64]*claimdesk.Order, len(os))
	ids := make([]any, 0, len(os))
	for _, o := range os {
		byID[o.ID] = o
		ids = append(ids, o.ID)
	}
	var id int64
	err := childRows(ctx, r, `SELECT order_id, line_no, sku, name, category, manufacturer, quantity, unit_price,
	vat_rate, custom_made, long_lived, handled_by_manufacturer, warranty_months, serial_number
	FROM order_lines WHERE order_id IN (?) ORDER BY order_id, position`, ids, func(rows *sql.Rows) error {
		var l claimdesk.OrderLine
		var price, vat int64
		if err := rows.Scan(&id, &l.LineNo, &l.SKU, &l.Name, &l.Category, &l.Manufacturer, &l.Quantity, &price,
			&vat, &l.CustomMade, &l.LongLived, &l.HandledByManufacturer, &l.WarrantyMonths, &l.SerialNumber); err != nil {
			return err
		}
		l.UnitPrice, l.VATRate = claimdesk.Minor(price), claimdesk.VATRate(vat)
		byID[id].Lines = append(byID[id].Lines, l)
		return nil
	})
	if err != nil {
		return err
	}
	err = childRows(ctx, r, `SELECT order_id, code, amount, vat_rate FROM order_fees WHERE order_id IN (?)
	ORDER BY order_id, position`, ids, func(rows *sql.Rows) error {
		var f claimdesk.Fee
		var amount, vat int64
		if err := rows.Scan(&id, &f.Code, &amount, &vat); err != nil {
			return err
		}
		f.Amount, f.VATRate = claimdesk.Minor(amount), claimdesk.VATRate(vat)
		byID[id].Fees = append(byID[id].Fees, f)
		return nil
	})
	if err != nil {
		return err
	}
	type slot struct {
		o *claimdesk.Order
		i int
	}
	delivs := map[int64]slot{}
	var order []int64
	err = childRows(ctx, r, `SELECT order_id, id, number, shipped_on, delivered_on, carrier, tracking_number
	FROM deliveries WHERE order_id IN (?) ORDER BY order_id, position`, ids, func(rows *sql.Rows) error {
		var dl claimdesk.Delivery
		var did int64
		if err := rows.Scan(&id, &did, &dl.Number, dateCol{&dl.ShippedOn}, dateCol{&dl.DeliveredOn}, &dl.Carrier,
			&dl.TrackingNumber); err != nil {
			return err
		}
		dl.Lines = []claimdesk.DeliveryLine{}
		o := byID[id]
		o.Deliveries = append(o.Deliveries, dl)
		order = append(order, did)
		delivs[did] = slot{o, len(o.Deliveries) - 1}
		return nil
	})
	if err != nil {
		return err
	}
	if len(order) > 0 {
		dids := make([]any, len(order))
		for i, v := range order {
			dids[i] = v
		}
		err = childRows(ctx, r, `SELECT delivery_id, sku, quantity FROM delivery_lines WHERE delivery_id IN (?)
		ORDER BY delivery_id, position`, dids, func(rows *sql.Rows) error {
			var l claimdesk.DeliveryLine
			if err := rows.Scan(&id, &l.SKU, &l.Quantity); err != nil {
				return err
			}
			sl := delivs[id]
			sl.o.Deliveries[sl.i].Lines = append(sl.o.Deliveries[sl.i].Lines, l)
			return nil
		})
		if err != nil {
			return err
		}
	}
	err = childRows(ctx, r, `SELECT order_id, number, delivery, issued_on, due_on, amount, vat FROM invoices
	WHERE order_id IN (?) ORDER BY order_id, position`, ids, func(rows *sql.Rows) error {
		var inv claimdesk.Invoice
		var amount, vat int64
		if err := rows.Scan(&id, &inv.Number, &inv.Delivery, dateCol{&inv.IssuedOn}, dateCol{&inv.DueOn}, &amount,
			&vat); err != nil {
			return err
		}
		inv.Amount, inv.VAT = claimdesk.Minor(amount), claimdesk.Minor(vat)
		byID[id].Invoices = append(byID[id].Invoices, inv)
		return nil
	})
	if err != nil {
		return err
	}
	return childRows(ctx, r, `SELECT order_id, method, amount, paid_at, reference FROM payments
	WHERE order_id IN (?) ORDER BY order_id, position`, ids, func(rows *sql.Rows) error {
		var p claimdesk.Payment
		var amount int64
		if err := rows.Scan(&id, &p.Method, &amount, timeCol{&p.PaidAt}, &p.Reference); err != nil {
			return err
		}
		p.Amount = claimdesk.Minor(amount)
		byID[id].Payments = append(byID[id].Payments, p)
		return nil
	})
}
