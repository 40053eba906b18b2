-- Admin: roles, bans (Better Auth's admin plugin user fields) and the audit log of admin actions.

-- role is "user" or "admin". banned users cannot sign in until ban_expires (NULL: never expires).
ALTER TABLE users ADD COLUMN role text NOT NULL DEFAULT 'user';
ALTER TABLE users ADD COLUMN banned boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN ban_reason text;
ALTER TABLE users ADD COLUMN ban_expires timestamptz;

-- One row per admin action. actor_id and target_id are plain text, not foreign keys: the record must
-- outlive a removed user.
CREATE TABLE audit_events (
    id         text        PRIMARY KEY,
    actor_id   text        NOT NULL,
    action     text        NOT NULL,
    target_id  text        NOT NULL DEFAULT '',
    ip         text        NOT NULL DEFAULT '',
    user_agent text        NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    detail     text        NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_target_id_idx ON audit_events (target_id, created_at);

-- impersonated_by is the admin who opened this session as its user (admin/impersonate-user); such
-- sessions last at most an hour and are hidden from the user's own session list.
ALTER TABLE sessions ADD COLUMN impersonated_by text;
