package admin

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"

	"github.com/uptrace/bun"

	"spacerr/server/httpapi"
	"spacerr/server/session"
	"spacerr/shared/api"
)

// maxListedSessions caps list-user-sessions, as Better Auth's findMany default does.
const maxListedSessions = 100

// ListUserSessions answers POST /admin/list-user-sessions: the user's unexpired sessions, by public id.
func (s *Service) ListUserSessions(w http.ResponseWriter, r *http.Request) error {
	var req api.UserIDRequest
	if _, err := s.adminRequest(w, r, &req); err != nil {
		return err
	}
	var rows []session.Row
	err := s.DB.NewSelect().Model(&rows).Where("s.user_id = ?", req.UserID).Where("s.expires_at > ?", s.now()).
		OrderExpr("s.last_seen_at DESC, s.id").Limit(maxListedSessions).Scan(r.Context())
	if err != nil {
		return fmt.Errorf("list sessions of user %s: %w", req.UserID, err)
	}
	out := api.AdminSessionsResponse{Sessions: make([]api.Session, 0, len(rows))}
	for i := range rows {
		out.Sessions = append(out.Sessions, rows[i].ToAPI())
	}
	httpapi.WriteJSON(w, http.StatusOK, out)
	return nil
}

// RevokeUserSession answers POST /admin/revoke-user-session {sessionToken}, the session's public id.
func (s *Service) RevokeUserSession(w http.ResponseWriter, r *http.Request) error {
	var req api.RevokeUserSessionRequest
	cur, err := s.adminRequest(w, r, &req)
	if err != nil {
		return err
	}
	err = s.DB.RunInTx(r.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
		row := new(session.Row)
		err := tx.NewSelect().Model(row).Column("id", "user_id").Where("s.id = ?", req.SessionToken).Limit(1).Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // already gone: the admin's goal is reached
		}
		if err != nil {
			return fmt.Errorf("find session %s: %w", req.SessionToken, err)
		}
		if err := s.Sessions.RevokeByID(ctx, tx, row.ID); err != nil {
			return err
		}
		return s.audit(r, tx, cur.User.ID, "revoke-user-session", row.UserID, row.ID)
	})
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, api.StatusResponse{Success: true})
	return nil
}

// RevokeUserSessions answers POST /admin/revoke-user-sessions: every session of the user ends.
func (s *Service) RevokeUserSessions(w http.ResponseWriter, r *http.Request) error {
	var req api.UserIDRequest
	cur, err := s.adminRequest(w, r, &req)
	if err != nil {
		return err
	}
	err = s.DB.RunInTx(r.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.Sessions.RevokeAllOfUser(ctx, tx, req.UserID); err != nil {
			return err
		}
		return s.audit(r, tx, cur.User.ID, "revoke-user-sessions", req.UserID, "")
	})
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, api.StatusResponse{Success: true})
	return nil
}
