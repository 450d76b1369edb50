-- +goose Up
-- Times are INTEGER microseconds since the Unix epoch (UTC); dates are TEXT
-- 'YYYY-MM-DD'; money is INTEGER minor units; VAT rates are basis points.

CREATE TABLE shops (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    legal_name      TEXT NOT NULL DEFAULT '',
    org_number      TEXT NOT NULL DEFAULT '',
    country         TEXT NOT NULL,
    lang            TEXT NOT NULL,
    time_zone       TEXT NOT NULL DEFAULT '',
    case_prefix     TEXT NOT NULL DEFAULT '',
    business_only   INTEGER NOT NULL DEFAULT 0 CHECK (business_only IN (0, 1)),
    markets         TEXT NOT NULL DEFAULT '[]',
    return_address  TEXT NOT NULL DEFAULT '{}',
    support_email   TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    website         TEXT NOT NULL DEFAULT '',
    opening_hours   TEXT NOT NULL DEFAULT '{}',
    sla             TEXT NOT NULL DEFAULT '{}',
    terms_id        TEXT NOT NULL DEFAULT '',
    retention_years INTEGER NOT NULL DEFAULT 0 CHECK (retention_years >= 0),
    demo            INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX shops_case_prefix ON shops (case_prefix) WHERE case_prefix <> '';

CREATE TABLE customers (
    id             INTEGER PRIMARY KEY,
    shop_id        TEXT NOT NULL REFERENCES shops (id),
    external_id    TEXT NOT NULL DEFAULT '',
    kind           TEXT NOT NULL CHECK (kind IN ('consumer', 'company')),
    name           TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    email_lower    TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    org_number     TEXT NOT NULL DEFAULT '',
    vat_number     TEXT NOT NULL DEFAULT '',
    country        TEXT NOT NULL DEFAULT '',
    lang           TEXT NOT NULL DEFAULT '',
    search         TEXT NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    last_active_at INTEGER NOT NULL,
    anonymized_at  INTEGER
);
CREATE UNIQUE INDEX customers_external_id ON customers (shop_id, external_id) WHERE external_id <> '';
CREATE INDEX customers_email ON customers (shop_id, email_lower);
CREATE INDEX customers_shop ON customers (shop_id, id);

CREATE TABLE customer_addresses (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('business', 'billing', 'delivery')),
    label       TEXT NOT NULL DEFAULT '',
    is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    name        TEXT NOT NULL DEFAULT '',
    attention   TEXT NOT NULL DEFAULT '',
    street      TEXT NOT NULL DEFAULT '',
    street2     TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    country     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX customer_addresses_customer ON customer_addresses (customer_id, position);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('agent', 'customer')),
    shop_id       TEXT REFERENCES shops (id),
    email         TEXT NOT NULL,
    email_lower   TEXT NOT NULL,
    name          TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    lang          TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL DEFAULT '',
    customer_id   INTEGER REFERENCES customers (id),
    company_role  TEXT NOT NULL DEFAULT '' CHECK (company_role IN ('', 'admin', 'buyer', 'viewer')),
    created_at    INTEGER NOT NULL,
    last_login_at INTEGER,
    disabled_at   INTEGER,
    CHECK (kind = 'agent' OR shop_id IS NOT NULL)
);
CREATE UNIQUE INDEX users_agent_email ON users (email_lower) WHERE kind = 'agent';
CREATE UNIQUE INDEX users_customer_email ON users (shop_id, email_lower) WHERE kind = 'customer';
CREATE INDEX users_customer ON users (customer_id);

CREATE TABLE user_memberships (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    shop_id TEXT NOT NULL REFERENCES shops (id),
    role    TEXT NOT NULL CHECK (role IN ('agent', 'lead', 'admin', 'ombudsman')),
    PRIMARY KEY (user_id, shop_id)
);
CREATE INDEX user_memberships_shop ON user_memberships (shop_id, user_id);

CREATE TABLE orders (
    id               INTEGER PRIMARY KEY,
    shop_id          TEXT NOT NULL REFERENCES shops (id),
    external_id      TEXT NOT NULL,
    customer_id      INTEGER NOT NULL REFERENCES customers (id),
    user_id          INTEGER REFERENCES users (id),
    ordered_at       INTEGER NOT NULL,
    country          TEXT NOT NULL DEFAULT '',
    currency         TEXT NOT NULL DEFAULT '',
    lang             TEXT NOT NULL DEFAULT '',
    payment_method   TEXT NOT NULL DEFAULT '',
    delivery_fee     INTEGER NOT NULL DEFAULT 0,
    billing_address  TEXT NOT NULL DEFAULT '{}',
    delivery_address TEXT NOT NULL DEFAULT '{}',
    revision         INTEGER NOT NULL DEFAULT 1,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    UNIQUE (shop_id, external_id)
);
CREATE INDEX orders_customer ON orders (customer_id, id);
CREATE INDEX orders_shop ON orders (shop_id, id);

CREATE TABLE order_lines (
    order_id                INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position                INTEGER NOT NULL,
    line_no                 INTEGER NOT NULL,
    sku                     TEXT NOT NULL,
    name                    TEXT NOT NULL DEFAULT '',
    category                TEXT NOT NULL DEFAULT '',
    manufacturer            TEXT NOT NULL DEFAULT '',
    quantity                INTEGER NOT NULL CHECK (quantity > 0),
    unit_price              INTEGER NOT NULL,
    vat_rate                INTEGER NOT NULL CHECK (vat_rate >= 0),
    custom_made             INTEGER NOT NULL DEFAULT 0 CHECK (custom_made IN (0, 1)),
    long_lived              INTEGER NOT NULL DEFAULT 0 CHECK (long_lived IN (0, 1)),
    handled_by_manufacturer INTEGER NOT NULL DEFAULT 0 CHECK (handled_by_manufacturer IN (0, 1)),
    warranty_months         INTEGER NOT NULL DEFAULT 0 CHECK (warranty_months >= 0),
    serial_number           TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (order_id, position)
);

CREATE TABLE order_fees (
    order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code     TEXT NOT NULL,
    amount   INTEGER NOT NULL,
    vat_rate INTEGER NOT NULL CHECK (vat_rate >= 0),
    PRIMARY KEY (order_id, position)
);

CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY,
    order_id        INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    number          TEXT NOT NULL DEFAULT '',
    shipped_on      TEXT,
    delivered_on    TEXT,
    carrier         TEXT NOT NULL DEFAULT '',
    tracking_number TEXT NOT NULL DEFAULT '',
    UNIQUE (order_id, position)
);

CREATE TABLE delivery_lines (
    delivery_id INTEGER NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    sku         TEXT NOT NULL,
    quantity    INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (delivery_id, position)
);

CREATE TABLE invoices (
    order_id  INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    number    TEXT NOT NULL DEFAULT '',
    delivery  TEXT NOT NULL DEFAULT '',
    issued_on TEXT,
    due_on    TEXT,
    amount    INTEGER NOT NULL,
    vat       INTEGER NOT NULL,
    PRIMARY KEY (order_id, position)
);

CREATE TABLE payments (
    order_id  INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    method    TEXT NOT NULL DEFAULT '',
    amount    INTEGER NOT NULL,
    paid_at   INTEGER NOT NULL,
    reference TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (order_id, position)
);

CREATE TABLE cases (
    id                INTEGER PRIMARY KEY,
    number            TEXT NOT NULL UNIQUE,
    shop_id           TEXT NOT NULL REFERENCES shops (id),
    kind              TEXT NOT NULL CHECK (kind IN ('withdrawal', 'return', 'defect', 'warranty', 'doa', 'transport_damage', 'wrong_item', 'missing_item', 'lost_parcel', 'cancellation', 'general', 'complaint')),
    channel           TEXT NOT NULL DEFAULT '',
    customer_id       INTEGER NOT NULL REFERENCES customers (id),
    user_id           INTEGER REFERENCES users (id),
    order_id          INTEGER REFERENCES orders (id),
    order_external_id TEXT NOT NULL DEFAULT '',
    subject           TEXT NOT NULL DEFAULT '',
    description       TEXT NOT NULL DEFAULT '',
    search            TEXT NOT NULL DEFAULT '',
    facts             TEXT NOT NULL DEFAULT '{}',
    country           TEXT NOT NULL DEFAULT '',
    lang              TEXT NOT NULL DEFAULT '',
    currency          TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL CHECK (status IN ('open', 'waiting', 'resolved', 'closed')),
    decision          TEXT NOT NULL DEFAULT '' CHECK (decision IN ('', 'requested', 'approved', 'partly_approved', 'rejected')),
    remedy            TEXT NOT NULL DEFAULT '' CHECK (remedy IN ('', 'repair', 'replacement', 'refund', 'price_reduction')),
    logistics         TEXT NOT NULL DEFAULT '' CHECK (logistics IN ('', 'none', 'awaiting_goods', 'in_transit', 'partly_received', 'received', 'returned_to_customer')),
    money             TEXT NOT NULL DEFAULT '' CHECK (money IN ('', 'none', 'fee_due', 'refund_due', 'refunded', 'settled')),
    waiting_on        TEXT NOT NULL DEFAULT '' CHECK (waiting_on IN ('', 'customer', 'carrier', 'manufacturer')),
    ladder            TEXT NOT NULL DEFAULT '' CHECK (ladder IN ('', 'customer_service', 'ombudsman', 'national_body')),
    eligible          INTEGER CHECK (eligible IN (0, 1)),
    route             TEXT NOT NULL DEFAULT '',
    deadline          TEXT,
    goods_due         TEXT,
    fees              TEXT NOT NULL DEFAULT '[]',
    refund            INTEGER,
    refunded          INTEGER NOT NULL DEFAULT 0,
    assessment        TEXT,
    terms_version     TEXT NOT NULL DEFAULT '',
    assignee_id       INTEGER REFERENCES users (id),
    queue             TEXT NOT NULL DEFAULT '',
    priority          INTEGER NOT NULL DEFAULT 0,
    due_at            INTEGER,
    first_response_at INTEGER,
    merged_into       INTEGER REFERENCES cases (id),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    closed_at         INTEGER,
    version           INTEGER NOT NULL CHECK (version > 0),
    event_seq         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX cases_queue ON cases (shop_id, status, due_at, id);
CREATE INDEX cases_shop_newest ON cases (shop_id, created_at, id);
CREATE INDEX cases_customer ON cases (customer_id, created_at, id);
CREATE INDEX cases_order ON cases (order_id);
CREATE INDEX cases_assignee ON cases (assignee_id, status);

CREATE TABLE case_lines (
    case_id  INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    sku      TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (case_id, position)
);

CREATE TABLE case_events (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL CHECK (seq > 0),
    type       TEXT NOT NULL,
    actor_kind TEXT NOT NULL DEFAULT '',
    actor_id   INTEGER NOT NULL DEFAULT 0,
    actor_name TEXT NOT NULL DEFAULT '',
    at         INTEGER NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    data       TEXT,
    UNIQUE (case_id, seq)
);

CREATE TABLE case_counters (
    shop_id TEXT NOT NULL REFERENCES shops (id),
    year    INTEGER NOT NULL,
    next    INTEGER NOT NULL,
    PRIMARY KEY (shop_id, year)
);

CREATE TABLE case_messages (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    direction   TEXT NOT NULL CHECK (direction IN ('in', 'out', 'note')),
    author_kind TEXT NOT NULL DEFAULT '',
    author_id   INTEGER NOT NULL DEFAULT 0,
    author_name TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT '',
    email_id    TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
CREATE INDEX case_messages_case ON case_messages (case_id, id);

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    message_id   INTEGER REFERENCES case_messages (id) ON DELETE CASCADE,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL DEFAULT '',
    size         INTEGER NOT NULL CHECK (size >= 0),
    sha256       TEXT NOT NULL DEFAULT '',
    data         BLOB NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX attachments_case ON attachments (case_id, message_id);

CREATE TABLE api_keys (
    id           INTEGER PRIMARY KEY,
    shop_id      TEXT NOT NULL REFERENCES shops (id),
    name         TEXT NOT NULL DEFAULT '',
    prefix       TEXT NOT NULL DEFAULT '',
    hash         BLOB NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
);
CREATE INDEX api_keys_shop ON api_keys (shop_id, id);

CREATE TABLE idempotency_responses (
    scope        TEXT NOT NULL,
    idem_key     TEXT NOT NULL,
    request_hash BLOB NOT NULL,
    status       INTEGER NOT NULL,
    body         BLOB NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (scope, idem_key)
);
CREATE INDEX idempotency_responses_created ON idempotency_responses (created_at);

CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE articles (
    id         INTEGER PRIMARY KEY,
    shop_id    TEXT REFERENCES shops (id),
    slug       TEXT NOT NULL,
    title      TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL DEFAULT '',
    lang       TEXT NOT NULL DEFAULT '',
    source     TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX articles_slug ON articles (COALESCE(shop_id, ''), slug);
CREATE INDEX articles_shop ON articles (shop_id, position, id);

CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- +goose Down
DROP TABLE settings;
DROP TABLE counters;
DROP TABLE articles;
DROP TABLE sessions;
DROP TABLE idempotency_responses;
DROP TABLE api_keys;
DROP TABLE attachments;
DROP TABLE case_messages;
DROP TABLE case_counters;
DROP TABLE case_events;
DROP TABLE case_lines;
DROP TABLE cases;
DROP TABLE payments;
DROP TABLE invoices;
DROP TABLE delivery_lines;
DROP TABLE deliveries;
DROP TABLE order_fees;
DROP TABLE order_lines;
DROP TABLE orders;
DROP TABLE user_memberships;
DROP TABLE users;
DROP TABLE customer_addresses;
DROP TABLE customers;
DROP TABLE shops;
