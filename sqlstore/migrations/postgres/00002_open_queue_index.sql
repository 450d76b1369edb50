-- +goose Up
-- The agent queue: open and waiting cases of a shop by due time. Partial,
-- so it stays small however many closed cases pile up.
CREATE INDEX cases_open_due ON cases (shop_id, due_at, id) WHERE status IN ('open', 'waiting');

-- +goose Down
DROP INDEX cases_open_due;
