package admin

import (
	"context"
	"errors"
	"net/http"

	"github.com/uptrace/bun"

	"spacerr/server/httpapi"
	"spacerr/server/session"
	"spacerr/server/user"
	"spacerr/shared/api"
)

// ImpersonateUser answers POST /admin/impersonate-user {userId}: the admin's browser switches to a
// one-hour session of the user, and the admin's own session secret is kept aside in a second cookie
// for stop-impersonating. Admins cannot be impersonated (Better Auth's admin role lacks
// impersonate-admins).
func (s *Service) ImpersonateUser(w http.ResponseWriter, r *http.Request) error {
	var req api.UserIDRequest
	cur, err := s.adminRequest(w, r, &req)
	if err != nil {
		return err
	}
	var token string
	var row *session.Row
	var target *user.Row
	err = s.DB.RunInTx(r.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
		target, err = user.ByID(ctx, tx, req.UserID)
		if errors.Is(err, user.ErrNotFound) {
			return userNotFound()
		}
		if err != nil {
			return err
		}
		if target.Role == api.RoleAdmin {
			return api.Errorf(api.CodeCannotImpersonateAdmins, "Admins cannot be impersonated.")
		}
		token, row, err = s.Sessions.CreateImpersonation(ctx, tx, target.ID, cur.User.ID, s.Meta(r))
		if err != nil {
			return err
		}
		return s.audit(r, tx, cur.User.ID, "impersonate-user", target.ID, row.ID)
	})
	if err != nil {
		return err
	}
	s.Sessions.SetAdminCookie(w, s.Sessions.TokenFromRequest(r))
	s.Sessions.SetCookie(w, token, row)
	httpapi.WriteJSON(w, http.StatusOK, api.ImpersonationResponse{Session: row.ToAPI(), User: target.ToAPI()})
	return nil
}

// StopImpersonating answers POST /admin/stop-impersonating: the impersonation session ends and the
// admin's own session, kept aside, is back in the cookie. It checks that the kept session belongs to
// the admin who opened the impersonation, so a stale or swapped cookie restores nothing.
func (s *Service) StopImpersonating(w http.ResponseWriter, r *http.Request) error {
	cur, err := s.Sessions.Resolve(w, r)
	if err != nil {
		return err
	}
	if cur == nil {
		return api.Errorf(api.CodeUnauthorized, "Sign in first.")
	}
	if cur.Session.ImpersonatedBy == nil {
		return api.Errorf(api.CodeNotImpersonating, "You are not impersonating anyone.")
	}
	adminToken := s.Sessions.AdminToken(r)
	adminSession, err := s.Sessions.Lookup(r.Context(), adminToken)
	if err != nil {
		return err
	}
	err = s.DB.RunInTx(r.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.Sessions.RevokeByID(ctx, tx, cur.Session.ID); err != nil {
			return err
		}
		return s.audit(r, tx, *cur.Session.ImpersonatedBy, "stop-impersonating", cur.User.ID, cur.Session.ID)
	})
	if err != nil {
		return err
	}
	s.Sessions.ClearAdminCookie(w)
	if adminSession == nil || adminSession.UserID != *cur.Session.ImpersonatedBy {
		s.Sessions.ClearCookie(w)
		return api.Errorf(api.CodeUnauthorized, "Your admin session has ended; sign in again.")
	}
	s.Sessions.SetCookie(w, adminToken, adminSession)
	httpapi.WriteJSON(w, http.StatusOK, api.ImpersonationResponse{Session: adminSession.ToAPI(), User: adminSession.User.ToAPI()})
	return nil
}
