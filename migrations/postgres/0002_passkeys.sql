-- WebAuthn credentials (passkeys). credential_id is the base64url credential id, public_key the base64
-- COSE key; sign_count is a uint32 from the authenticator; transports are comma-joined as in Better Auth.
CREATE TABLE passkeys (
    id                 text        PRIMARY KEY,
    user_id            text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name               text        NOT NULL,
    credential_id      text        NOT NULL UNIQUE,
    public_key         text        NOT NULL,
    sign_count         bigint      NOT NULL DEFAULT 0,
    transports         text        NOT NULL DEFAULT '',
    aaguid             text        NOT NULL DEFAULT '',
    backup_eligible    boolean     NOT NULL DEFAULT false,
    backed_up          boolean     NOT NULL DEFAULT false,
    attestation_format text        NOT NULL DEFAULT '',
    user_verified      boolean     NOT NULL DEFAULT false,
    created_at         timestamptz NOT NULL,
    last_used_at       timestamptz
);
CREATE INDEX passkeys_user_id_idx ON passkeys (user_id);
