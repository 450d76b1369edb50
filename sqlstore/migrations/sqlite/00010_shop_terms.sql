-- +goose Up
-- Terms files uploaded by shop admins, one row per shop and version; at most
-- one active version per shop. The policy engine judges the shop's new cases
-- by the active one.
CREATE TABLE shop_terms (
    shop_id      TEXT NOT NULL REFERENCES shops (id),
    version      TEXT NOT NULL,
    terms_id     TEXT NOT NULL,
    source       TEXT NOT NULL,
    uploaded_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    active       INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
    activated_at INTEGER,
    PRIMARY KEY (shop_id, version)
);
CREATE UNIQUE INDEX shop_terms_active ON shop_terms (shop_id) WHERE active = 1;

-- +goose Down
DROP TABLE shop_terms;
