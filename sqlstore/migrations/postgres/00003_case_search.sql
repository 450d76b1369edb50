-- +goose Up
-- SQLite gets a trigram index for case search in this version; PostgreSQL
-- searches with LIKE on cases.search (pg_trgm would need an extension the
-- database role may not be allowed to create).
SELECT 1;

-- +goose Down
SELECT 1;
