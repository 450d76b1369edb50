-- +goose Up
-- The case lifecycle: the finding on a case, durable jobs, webhook
-- endpoints and their delivery log, the mail outbox and the inbound log.
ALTER TABLE cases ADD COLUMN finding TEXT NOT NULL DEFAULT '';

CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    key          TEXT NOT NULL UNIQUE,
    payload      TEXT NOT NULL DEFAULT '{}',
    run_at       INTEGER NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 10 CHECK (max_attempts > 0),
    locked_by    TEXT NOT NULL DEFAULT '',
    locked_until INTEGER,
    last_error   TEXT NOT NULL DEFAULT '',
    done_at      INTEGER,
    outcome      TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'done', 'cancelled', 'failed')),
    created_at   INTEGER NOT NULL
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE done_at IS NULL;

CREATE TABLE webhook_endpoints (
    id          INTEGER PRIMARY KEY,
    shop_id     TEXT NOT NULL REFERENCES shops (id),
    url         TEXT NOT NULL,
    secret      TEXT NOT NULL,
    events      TEXT NOT NULL DEFAULT '[]',
    description TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    disabled_at INTEGER
);
CREATE INDEX webhook_endpoints_shop ON webhook_endpoints (shop_id);

CREATE TABLE webhook_deliveries (
    id          INTEGER PRIMARY KEY,
    endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints (id),
    message_id  TEXT NOT NULL,
    event_type  TEXT NOT NULL,
    payload     TEXT NOT NULL,
    attempt     INTEGER NOT NULL,
    status      INTEGER NOT NULL DEFAULT 0,
    response    TEXT NOT NULL DEFAULT '',
    error       TEXT NOT NULL DEFAULT '',
    succeeded   INTEGER NOT NULL DEFAULT 0,
    duration_ms INTEGER NOT NULL DEFAULT 0,
    at          INTEGER NOT NULL
);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);

CREATE TABLE outbound_mail (
    id         INTEGER PRIMARY KEY,
    shop_id    TEXT NOT NULL REFERENCES shops (id),
    case_id    INTEGER REFERENCES cases (id),
    kind       TEXT NOT NULL,
    from_addr  TEXT NOT NULL,
    to_addr    TEXT NOT NULL,
    subject    TEXT NOT NULL DEFAULT '',
    message_id TEXT NOT NULL UNIQUE,
    raw        BLOB NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    sent_at    INTEGER
);
CREATE INDEX outbound_mail_case ON outbound_mail (case_id, id);

CREATE TABLE inbound_mail (
    id         INTEGER PRIMARY KEY,
    shop_id    TEXT NOT NULL REFERENCES shops (id),
    message_id TEXT NOT NULL,
    case_id    INTEGER REFERENCES cases (id),
    rule       TEXT NOT NULL DEFAULT '',
    from_addr  TEXT NOT NULL DEFAULT '',
    subject    TEXT NOT NULL DEFAULT '',
    at         INTEGER NOT NULL,
    UNIQUE (shop_id, message_id)
);
CREATE INDEX inbound_mail_message ON inbound_mail (message_id);

-- +goose Down
DROP TABLE inbound_mail;
DROP TABLE outbound_mail;
DROP TABLE webhook_deliveries;
DROP TABLE webhook_endpoints;
DROP TABLE jobs;
ALTER TABLE cases DROP COLUMN finding;
