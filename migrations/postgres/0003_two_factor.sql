-- Two-factor authentication: one authenticator (TOTP) per user, backup codes, trusted browsers.

-- users.two_factor_enabled is Better Auth's user.twoFactorEnabled, kept in the same transaction as
-- two_factors.secret (true exactly when a verified secret exists), so every view of a user can show it
-- without a join.
ALTER TABLE users ADD COLUMN two_factor_enabled boolean NOT NULL DEFAULT false;

-- secret is the verified TOTP secret, sealed by server/secretbox (AES-256-GCM, bound to this row and
-- column); NULL until a first code has been accepted. pending_secret is a secret from /two-factor/enable
-- waiting for its first code: a re-enrolment leaves secret working until then. last_used_step is the
-- last accepted 30-second time step, so no code is accepted twice. failed_count counts consecutive
-- failed second-factor attempts; locked_until is set when it reaches the limit.
CREATE TABLE two_factors (
    id             text        PRIMARY KEY,
    user_id        text        NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    secret         text,
    pending_secret text,
    last_used_step bigint,
    failed_count   integer     NOT NULL DEFAULT 0,
    locked_until   timestamptz,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);

-- One row per backup code; code_hash is HMAC-SHA256 of the code under a key derived from AUTH_SECRET,
-- never the code. pending codes were issued with a pending secret and replace the active ones when it is
-- verified. used_at marks a spent code.
CREATE TABLE backup_codes (
    id         text        PRIMARY KEY,
    user_id    text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  text        NOT NULL,
    pending    boolean     NOT NULL DEFAULT false,
    used_at    timestamptz,
    created_at timestamptz NOT NULL,
    UNIQUE (user_id, code_hash)
);

-- Browsers that may skip the second factor until expires_at; the browser holds id and an HMAC of it.
CREATE TABLE trusted_devices (
    id         text        PRIMARY KEY,
    user_id    text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX trusted_devices_user_id_idx ON trusted_devices (user_id);
CREATE INDEX trusted_devices_expires_at_idx ON trusted_devices (expires_at);
