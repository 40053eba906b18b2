-- Accounts, sessions, verifications and rate limits: the foundation every feature builds on.
CREATE TABLE users (
    id             text        PRIMARY KEY,
    name           text        NOT NULL,
    email          text        NOT NULL UNIQUE,
    email_verified boolean     NOT NULL DEFAULT false,
    image          text,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);

-- One row per way to sign in; provider_id 'credential' holds the argon2id password hash.
CREATE TABLE accounts (
    id          text        PRIMARY KEY,
    user_id     text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider_id text        NOT NULL,
    account_id  text        NOT NULL,
    password    text,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (provider_id, account_id)
);
CREATE INDEX accounts_user_id_idx ON accounts (user_id);

-- token_hash is the SHA-256 of the cookie's secret; the secret itself is never stored.
CREATE TABLE sessions (
    id           text        PRIMARY KEY,
    token_hash   text        NOT NULL UNIQUE,
    user_id      text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at   timestamptz NOT NULL,
    remember_me  boolean     NOT NULL,
    ip_address   text        NOT NULL DEFAULT '',
    user_agent   text        NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

-- Short-lived secrets (ceremonies, mailed links). identifier is a keyed hash of the public handle.
CREATE TABLE verifications (
    id         text        PRIMARY KEY,
    identifier text        NOT NULL UNIQUE,
    value      text        NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX verifications_expires_at_idx ON verifications (expires_at);

-- Fixed-window counters shared by every replica. reset_at is Unix milliseconds.
CREATE TABLE rate_limits (
    key      text    PRIMARY KEY,
    count    integer NOT NULL,
    reset_at bigint  NOT NULL
);
CREATE INDEX rate_limits_reset_at_idx ON rate_limits (reset_at);
