// Package audit owns the audit_events table: who did what to whose account, from where and when. It
// holds both admin actions (recorded by server/admin) and users' security events (sign-ins, factor
// changes, revoked sessions…, recorded by the feature that performs them). Ids are plain text, so a
// record outlives a removed user.
//
// It must never record a secret: no password, code, token or session secret goes into Detail.
package audit

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"spacerr/server/store"
	"spacerr/shared/api"
)

// Retention is how long events are kept; the janitor deletes older ones (Sweep).
const Retention = 400 * 24 * time.Hour

// maxUserAgentBytes bounds what a client can make us store, as session rows do.
const maxUserAgentBytes = 512

// Row is one audit_events row.
type Row struct {
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

// Entry is one event to record. A user's own security event has ActorID == TargetID; an admin's action,
// or a user's action done by an impersonating admin, has the admin as ActorID.
type Entry struct {
	ActorID   string
	Action    string
	TargetID  string
	IP        string
	UserAgent string
	Detail    string
	At        time.Time // the injected clock's time
}

// Record writes e inside db: pass the action's transaction so that there is no action without its
// record.
func Record(ctx context.Context, db bun.IDB, e Entry) error {
	ua := e.UserAgent
	if len(ua) > maxUserAgentBytes {
		// Cut on a character boundary: PostgreSQL refuses text that is not UTF-8.
		ua = strings.ToValidUTF8(ua[:maxUserAgentBytes], "")
	}
	row := &Row{
		ID: store.NewID(), ActorID: e.ActorID, Action: e.Action, TargetID: e.TargetID, IP: e.IP, UserAgent: ua,
		CreatedAt: e.At.UTC().Truncate(time.Microsecond), Detail: e.Detail,
	}
	if _, err := db.NewInsert().Model(row).Exec(ctx); err != nil {
		return fmt.Errorf("record audit event %s on %s: %w", e.Action, e.TargetID, err)
	}
	return nil
}

// RecordAfter writes e for an action that has already succeeded outside a transaction: a failure is
// logged, never returned, because the user's action must not fail for want of its record.
func RecordAfter(ctx context.Context, db bun.IDB, e Entry) {
	if err := Record(ctx, db, e); err != nil {
		slog.WarnContext(ctx, "security event not recorded", "action", e.Action, "user_id", e.TargetID, "err", err)
	}
}

// OfUser is the newest limit events whose target is userID: what the user sees of their account,
// admin actions on it included.
func OfUser(ctx context.Context, db bun.IDB, userID string, limit int) ([]Row, error) {
	var rows []Row
	err := db.NewSelect().Model(&rows).Where("ae.target_id = ?", userID).
		OrderExpr("ae.created_at DESC, ae.id DESC").Limit(int64(limit)).Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("list audit events of user %s: %w", userID, err)
	}
	return rows, nil
}

// Newest is the newest limit events, for the admin view; with userID, only those by or on that user.
func Newest(ctx context.Context, db bun.IDB, userID string, limit int) ([]Row, error) {
	var rows []Row
	q := db.NewSelect().Model(&rows).OrderExpr("ae.created_at DESC, ae.id").Limit(int64(limit))
	if userID != "" {
		q = q.Where("ae.target_id = ? OR ae.actor_id = ?", userID, userID)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("list audit events: %w", err)
	}
	return rows, nil
}

// Sweep deletes the events older than Retention at now.
func Sweep(ctx context.Context, db bun.IDB, now time.Time) (int64, error) {
	res, err := db.NewDelete().Model((*Row)(nil)).Where("created_at < ?", now.UTC().Add(-Retention)).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("sweep audit events: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// ToAdminAPI is the event as an admin sees it: everything.
func (a *Row) ToAdminAPI() api.AuditEvent {
	return api.AuditEvent{
		ID: a.ID, ActorID: a.ActorID, Action: a.Action, TargetID: a.TargetID, IP: a.IP, UserAgent: a.UserAgent,
		CreatedAt: api.Millis(a.CreatedAt), Detail: a.Detail,
	}
}

// ToActivity is the event as its user sees it. An admin's action shows as ByAdmin without the admin's
// id, address or browser: the user learns what was done to their account, not who the admin is.
func (a *Row) ToActivity() api.ActivityEvent {
	out := api.ActivityEvent{
		ID: a.ID, Action: a.Action, Detail: a.Detail, IP: a.IP, UserAgent: a.UserAgent,
		CreatedAt: api.Millis(a.CreatedAt), ByAdmin: a.ActorID != a.TargetID,
	}
	if out.ByAdmin {
		out.IP, out.UserAgent = "", ""
	}
	return out
}
