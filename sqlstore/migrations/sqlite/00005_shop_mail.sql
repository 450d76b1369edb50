-- +goose Up
-- Each shop's mail settings: sender, per-case reply domain, mail servers.
ALTER TABLE shops ADD COLUMN mail TEXT NOT NULL DEFAULT '{}';

-- +goose Down
ALTER TABLE shops DROP COLUMN mail;
