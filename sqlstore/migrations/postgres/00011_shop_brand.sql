-- +goose Up
-- Each shop's portal branding: its accent colour ("#rrggbb"; empty for claimdesk's own).
ALTER TABLE shops ADD COLUMN brand TEXT NOT NULL DEFAULT '{}';

-- +goose Down
ALTER TABLE shops DROP COLUMN brand;
