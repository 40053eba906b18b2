-- Accounts, sessions, verifications and rate limits: the foundation every feature builds on.
-- Times are bun's UTC text form, which sorts in time order; booleans are 0/1.
CREATE TABLE users (
    id             TEXT      PRIMARY KEY,
    name           TEXT      NOT NULL,
    email          TEXT      NOT NULL UNIQUE,
    email_verified BOOLEAN   NOT NULL DEFAULT 0,
    image          TEXT,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);

CREATE TABLE accounts (
    id          TEXT      PRIMARY KEY,
    user_id     TEXT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider_id TEXT      NOT NULL,
    account_id  TEXT      NOT NULL,
    password    TEXT,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    UNIQUE (provider_id, account_id)
);
CREATE INDEX accounts_user_id_idx ON accounts (user_id);

CREATE TABLE sessions (
    id           TEXT      PRIMARY KEY,
    token_hash   TEXT      NOT NULL UNIQUE,
    user_id      TEXT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at   TIMESTAMP NOT NULL,
    remember_me  BOOLEAN   NOT NULL,
    ip_address   TEXT      NOT NULL DEFAULT '',
    user_agent   TEXT      NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

CREATE TABLE verifications (
    id         TEXT      PRIMARY KEY,
    identifier TEXT      NOT NULL UNIQUE,
    value      TEXT      NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX verifications_expires_at_idx ON verifications (expires_at);

CREATE TABLE rate_limits (
    key      TEXT    PRIMARY KEY,
    count    INTEGER NOT NULL,
    reset_at INTEGER NOT NULL
);
CREATE INDEX rate_limits_reset_at_idx ON rate_limits (reset_at);
