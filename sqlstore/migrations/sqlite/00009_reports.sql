-- +goose Up
-- The dashboard. first_due_at is the first-response due time a case was
-- opened with (due_at moves on as the case is worked); the store sets it
-- on insert. Cases opened before this migration keep theirs only while
-- unanswered. cases_report covers the volume and SLA reports; orders are
-- counted per shop by when they were placed.
ALTER TABLE cases ADD COLUMN first_due_at INTEGER;
UPDATE cases SET first_due_at = due_at WHERE first_response_at IS NULL AND closed_at IS NULL;
CREATE INDEX cases_report ON cases (shop_id, created_at, kind, first_due_at, first_response_at, closed_at, merged_into);
CREATE INDEX orders_shop_ordered ON orders (shop_id, ordered_at);

-- +goose Down
DROP INDEX orders_shop_ordered;
DROP INDEX cases_report;
ALTER TABLE cases DROP COLUMN first_due_at;
