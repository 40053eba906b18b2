-- WebAuthn credentials (passkeys); see the PostgreSQL migration for the meaning of the columns.
CREATE TABLE passkeys (
    id                 TEXT      PRIMARY KEY,
    user_id            TEXT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name               TEXT      NOT NULL,
    credential_id      TEXT      NOT NULL UNIQUE,
    public_key         TEXT      NOT NULL,
    sign_count         INTEGER   NOT NULL DEFAULT 0,
    transports         TEXT      NOT NULL DEFAULT '',
    aaguid             TEXT      NOT NULL DEFAULT '',
    backup_eligible    BOOLEAN   NOT NULL DEFAULT 0,
    backed_up          BOOLEAN   NOT NULL DEFAULT 0,
    attestation_format TEXT      NOT NULL DEFAULT '',
    user_verified      BOOLEAN   NOT NULL DEFAULT 0,
    created_at         TIMESTAMP NOT NULL,
    last_used_at       TIMESTAMP
);
CREATE INDEX passkeys_user_id_idx ON passkeys (user_id);
