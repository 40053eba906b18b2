-- Users' security events share audit_events with admin actions. A user's activity reads by target_id
-- (indexed in 0005); the admin view also reads by actor_id, and the janitor deletes by age.
CREATE INDEX audit_events_actor_id_idx ON audit_events (actor_id, created_at);
CREATE INDEX audit_events_created_at_idx ON audit_events (created_at);
