-- Admin: roles, bans and the audit log; see the PostgreSQL migration for the meaning of the columns.
ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'user';
ALTER TABLE users ADD COLUMN banned BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN ban_reason TEXT;
ALTER TABLE users ADD COLUMN ban_expires TIMESTAMP;

CREATE TABLE audit_events (
    id         TEXT      PRIMARY KEY,
    actor_id   TEXT      NOT NULL,
    action     TEXT      NOT NULL,
    target_id  TEXT      NOT NULL DEFAULT '',
    ip         TEXT      NOT NULL DEFAULT '',
    user_agent TEXT      NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    detail     TEXT      NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_target_id_idx ON audit_events (target_id, created_at);

ALTER TABLE sessions ADD COLUMN impersonated_by TEXT;
