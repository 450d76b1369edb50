-- +goose Up
-- Saved queue views of agents, private or shared with a shop's agents.
CREATE TABLE saved_views (
    id         INTEGER PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (name <> ''),
    shared     INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
    shop       TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL DEFAULT '',
    queue      TEXT NOT NULL DEFAULT '',
    query      TEXT NOT NULL DEFAULT '',
    sort       TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (shared = 0 OR shop <> '')
);
CREATE UNIQUE INDEX saved_views_name ON saved_views (user_id, name);
CREATE INDEX saved_views_shared ON saved_views (shop) WHERE shared = 1;

-- Macros: a shop's saved replies, a body per language (JSON object).
CREATE TABLE macros (
    id         INTEGER PRIMARY KEY,
    shop_id    TEXT NOT NULL REFERENCES shops (id),
    title      TEXT NOT NULL CHECK (title <> ''),
    bodies     TEXT NOT NULL DEFAULT '{}',
    action     TEXT NOT NULL DEFAULT '' CHECK (action IN ('', 'wait_customer')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX macros_title ON macros (shop_id, title);

-- Satisfaction survey answers, one per case.
CREATE TABLE csat_answers (
    case_id    BIGINT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    shop_id    TEXT NOT NULL REFERENCES shops (id),
    rating     INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment    TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX csat_answers_shop ON csat_answers (shop_id, created_at);

-- +goose Down
DROP TABLE csat_answers;
DROP TABLE macros;
DROP TABLE saved_views;
