-- Session security; see the PostgreSQL migration for the meaning of the columns. SQLite cannot add a
-- NOT NULL column without a default, so the default is a placeholder that the UPDATE replaces.
ALTER TABLE sessions ADD COLUMN authenticated_at TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00';
UPDATE sessions SET authenticated_at = created_at;

ALTER TABLE users ADD COLUMN last_login_method TEXT;
