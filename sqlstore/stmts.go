package sqlstore

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps prepared statements of one SQLite pool, so hot queries
// are parsed once per connection instead of once per call. (pgx caches
// prepared statements itself, so PostgreSQL needs none.)
type stmtCache struct {
	pool *sql.DB
	mu   sync.Mutex
	m    map[string]*sql.Stmt
}

// maxCachedStmts bounds the cache: queries built from filters vary.
const maxCachedStmts = 256

func newStmtCache(pool *sql.DB) *stmtCache {
	return &stmtCache{pool: pool, m: map[string]*sql.Stmt{}}
}

// get returns the prepared statement of query, preparing it when prepare is
// set (never inside a write transaction: the writer's one connection is
// busy there). It returns nil when the statement is not to be had.
func (c *stmtCache) get(ctx context.Context, query string, prepare bool) *sql.Stmt {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	s, ok := c.m[query]
	full := len(c.m) >= maxCachedStmts
	c.mu.Unlock()
	if ok {
		return s
	}
	if !prepare || full {
		return nil
	}
	// Prepare without holding the lock: on the SQLite writer, preparing
	// waits for the one connection, which a transaction may hold while it
	// looks up statements here.
	s, err := c.pool.PrepareContext(ctx, query)
	if err != nil {
		return nil // run the query unprepared; its error shows there
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.m[query]; ok {
		s.Close()
		return old
	}
	c.m[query] = s
	return s
}

// close closes every cached statement.
func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, s := range c.m {
		s.Close()
		delete(c.m, q)
	}
}

// hotTxQueries are prepared on the SQLite writer when the database opens,
// because inside a transaction nothing new can be prepared on it.
var hotTxQueries = []string{
	sqlInsertCustomer, sqlUpdateCustomer, sqlInsertAddress, sqlUpdateAddress, sqlDeleteAddressesOf,
	sqlInsertUser, sqlUpdateUser, sqlInsertMembership, sqlDeleteMemberships,
	sqlUpsertOrder, sqlDeleteOrderLines, sqlDeleteOrderFees, sqlDeleteOrderDeliveries, sqlDeleteOrderInvoices,
	sqlDeleteOrderPayments, sqlInsertOrderLine, sqlInsertOrderFee, sqlInsertDelivery, sqlInsertDeliveryLine,
	sqlInsertInvoice, sqlInsertPayment,
	sqlNextCaseSeq, sqlInsertCase, sqlUpdateCase, sqlCaseVersion, sqlDeleteCaseLine, sqlInsertCaseLine,
	sqlBumpEventSeq, sqlInsertEvent, sqlInsertMessage, sqlInsertAttachment, sqlFindCaseByID, sqlFindCaseByNumber,
	sqlInsertArticle, sqlUpdateArticle, sqlDeleteArticle, sqlBumpCounter,
	sqlSetting, sqlSetSetting, sqlInsertShop, sqlUpdateShop, sqlFindShop,
	sqlFindCustomer, sqlFindUser, sqlInsertAPIKey, sqlInsertIdem, sqlInsertSession,
}

// prepareHot prepares hotTxQueries on the writer; failures (a database not
// migrated yet) just leave a query unprepared.
func (db *DB) prepareHot(ctx context.Context) {
	if db.wstmts == nil {
		return
	}
	for _, q := range hotTxQueries {
		db.wstmts.get(ctx, q, true)
	}
}
