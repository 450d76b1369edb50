-- +goose Up
-- One-time tokens: sign-in links, password resets, invitations.
CREATE TABLE tokens (
    hash       BLOB PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    purpose    TEXT NOT NULL CHECK (purpose IN ('sign_in', 'password_reset', 'invitation')),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX tokens_user ON tokens (user_id);

-- +goose Down
DROP TABLE tokens;
