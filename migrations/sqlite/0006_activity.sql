-- Users' security events: see the PostgreSQL migration for the indexes' purpose.
CREATE INDEX audit_events_actor_id_idx ON audit_events (actor_id, created_at);
CREATE INDEX audit_events_created_at_idx ON audit_events (created_at);
