-- Session security: re-authentication for sensitive actions, and the last sign-in method.

-- authenticated_at is when the session's user last proved who they are (sign-in, or a re-authentication
-- with verify-password or a passkey). Sensitive actions need it to be recent (FRESH_AGE). Existing
-- sessions were authenticated when they were created.
ALTER TABLE sessions ADD COLUMN authenticated_at timestamptz;
UPDATE sessions SET authenticated_at = created_at;
ALTER TABLE sessions ALTER COLUMN authenticated_at SET NOT NULL;

-- last_login_method is Better Auth's user.lastLoginMethod: "email", "passkey", "magic-link"; NULL until
-- the user's next sign-in.
ALTER TABLE users ADD COLUMN last_login_method text;
