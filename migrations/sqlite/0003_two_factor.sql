-- Two-factor authentication; see the PostgreSQL migration for the meaning of the columns.
ALTER TABLE users ADD COLUMN two_factor_enabled BOOLEAN NOT NULL DEFAULT 0;

CREATE TABLE two_factors (
    id             TEXT      PRIMARY KEY,
    user_id        TEXT      NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    secret         TEXT,
    pending_secret TEXT,
    last_used_step INTEGER,
    failed_count   INTEGER   NOT NULL DEFAULT 0,
    locked_until   TIMESTAMP,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);

CREATE TABLE backup_codes (
    id         TEXT      PRIMARY KEY,
    user_id    TEXT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  TEXT      NOT NULL,
    pending    BOOLEAN   NOT NULL DEFAULT 0,
    used_at    TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (user_id, code_hash)
);

CREATE TABLE trusted_devices (
    id         TEXT      PRIMARY KEY,
    user_id    TEXT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX trusted_devices_user_id_idx ON trusted_devices (user_id);
CREATE INDEX trusted_devices_expires_at_idx ON trusted_devices (expires_at);
