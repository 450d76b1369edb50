-- +goose Up
-- Guest sessions: a customer without an account signs in with an order
-- number and the order's email address and sees that one order. A session
-- belongs to a user, or to a guest (a customer and one of its orders),
-- never both.
ALTER TABLE sessions ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE sessions ADD COLUMN customer_id BIGINT REFERENCES customers (id) ON DELETE CASCADE;
ALTER TABLE sessions ADD COLUMN order_id BIGINT REFERENCES orders (id) ON DELETE CASCADE;
ALTER TABLE sessions ADD CONSTRAINT sessions_user_or_guest
    CHECK ((user_id IS NULL) = (order_id IS NOT NULL) AND (order_id IS NULL) = (customer_id IS NULL));
CREATE INDEX sessions_customer ON sessions (customer_id);

-- +goose Down
DELETE FROM sessions WHERE user_id IS NULL;
DROP INDEX sessions_customer;
ALTER TABLE sessions DROP CONSTRAINT sessions_user_or_guest;
ALTER TABLE sessions DROP COLUMN order_id;
ALTER TABLE sessions DROP COLUMN customer_id;
ALTER TABLE sessions ALTER COLUMN user_id SET NOT NULL;
