package admin

import (
	"fmt"
	"net/http"
	"time"

	"github.com/uptrace/bun"

	"spacerr/server/httpapi"
	"spacerr/server/store"
	"spacerr/shared/api"
)

// auditRow is one audit_events row: who did what to whom, from where. Ids are plain text so the record
// outlives a removed user.
type auditRow struct {
	bun.BaseModel `bun:"table:audit_events,alias:ae"`

	ID        string    `bun:"id,pk"`
	ActorID   string    `bun:"actor_id,notnull"`
	Action    string    `bun:"action,notnull"`
	TargetID  string    `bun:"target_id,notnull"`
	IP        string    `bun:"ip,notnull"`
	UserAgent string    `bun:"user_agent,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
	Detail    string    `bun:"detail,notnull"`
}

func (a *auditRow) toAPI() api.AuditEvent {
	return api.AuditEvent{
		ID: a.ID, ActorID: a.ActorID, Action: a.Action, TargetID: a.TargetID, IP: a.IP, UserAgent: a.UserAgent,
		CreatedAt: api.Millis(a.CreatedAt), Detail: a.Detail,
	}
}

// maxAuditEvents caps one GET /admin/audit-events answer.
const maxAuditEvents = 100

// audit records an admin action inside db, the transaction of the action itself: no action without
// its record.
func (s *Service) audit(r *http.Request, db bun.IDB, actorID, action, targetID, detail string) error {
	meta := s.Meta(r)
	row := &auditRow{
		ID: store.NewID(), ActorID: actorID, Action: action, TargetID: targetID, IP: meta.IP,
		UserAgent: meta.UserAgent, CreatedAt: s.now(), Detail: detail,
	}
	if _, err := db.NewInsert().Model(row).Exec(r.Context()); err != nil {
		return fmt.Errorf("record audit event %s by %s: %w", action, actorID, err)
	}
	return nil
}

// AuditEvents answers GET /admin/audit-events?userId=: the newest admin actions, those by or on the
// user when userId is given.
func (s *Service) AuditEvents(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.requireAdmin(w, r); err != nil {
		return err
	}
	var rows []auditRow
	q := s.DB.NewSelect().Model(&rows).OrderExpr("ae.created_at DESC, ae.id").Limit(maxAuditEvents)
	if id := r.URL.Query().Get("userId"); id != "" {
		q = q.Where("ae.target_id = ? OR ae.actor_id = ?", id, id)
	}
	if err := q.Scan(r.Context()); err != nil {
		return fmt.Errorf("list audit events: %w", err)
	}
	out := api.AuditEventsResponse{Events: make([]api.AuditEvent, 0, len(rows))}
	for i := range rows {
		out.Events = append(out.Events, rows[i].toAPI())
	}
	httpapi.WriteJSON(w, http.StatusOK, out)
	return nil
}
