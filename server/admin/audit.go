package admin

import (
	"net/http"

	"github.com/uptrace/bun"

	"spacerr/server/audit"
	"spacerr/server/httpapi"
	"spacerr/shared/api"
)

// maxAuditEvents caps one GET /admin/audit-events answer.
const maxAuditEvents = 100

// audit records an admin action inside db, the transaction of the action itself: no action without
// its record.
func (s *Service) audit(r *http.Request, db bun.IDB, actorID, action, targetID, detail string) error {
	meta := s.Meta(r)
	return audit.Record(r.Context(), db, audit.Entry{
		ActorID: actorID, Action: action, TargetID: targetID, IP: meta.IP, UserAgent: meta.UserAgent,
		Detail: detail, At: s.now(),
	})
}

// AuditEvents answers GET /admin/audit-events?userId=: the newest events, those by or on the user when
// userId is given.
func (s *Service) AuditEvents(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.requireAdmin(w, r); err != nil {
		return err
	}
	rows, err := audit.Newest(r.Context(), s.DB, r.URL.Query().Get("userId"), maxAuditEvents)
	if err != nil {
		return err
	}
	out := api.AuditEventsResponse{Events: make([]api.AuditEvent, 0, len(rows))}
	for i := range rows {
		out.Events = append(out.Events, rows[i].ToAdminAPI())
	}
	httpapi.WriteJSON(w, http.StatusOK, out)
	return nil
}
