-- +goose Up
-- Guest sessions: a customer without an account signs in with an order
-- number and the order's email address and sees that one order. A session
-- belongs to a user, or to a guest (a customer and one of its orders),
-- never both. SQLite cannot drop NOT NULL in place, so the table is rebuilt
-- (its indexes with it); every signed-in browser stays signed in.
CREATE TABLE sessions_new (
    token_hash  BLOB PRIMARY KEY,
    user_id     INTEGER REFERENCES users (id) ON DELETE CASCADE,
    customer_id INTEGER REFERENCES customers (id) ON DELETE CASCADE,
    order_id    INTEGER REFERENCES orders (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    CHECK ((user_id IS NULL) = (order_id IS NOT NULL) AND (order_id IS NULL) = (customer_id IS NULL))
);
INSERT INTO sessions_new (token_hash, user_id, created_at, expires_at)
    SELECT token_hash, user_id, created_at, expires_at FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_customer ON sessions (customer_id);

-- +goose Down
CREATE TABLE sessions_old (
    token_hash BLOB PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
INSERT INTO sessions_old (token_hash, user_id, created_at, expires_at)
    SELECT token_hash, user_id, created_at, expires_at FROM sessions WHERE user_id IS NOT NULL;
DROP TABLE sessions;
ALTER TABLE sessions_old RENAME TO sessions;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
