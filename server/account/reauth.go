package account

import (
	"net/http"

	"spacerr/server/httpapi"
	"spacerr/shared/api"
)

// VerifyPassword answers POST /verify-password {password}: the signed-in user confirms their password
// and the current session becomes fresh again (no new session), so sensitive actions are allowed for
// another FRESH_AGE. The password alone suffices even when the user has a second factor: the session
// already passed that factor at sign-in, and re-authentication only proves the person at the keyboard
// still knows the first one. A wrong password gets 400 INVALID_PASSWORD and leaves the session stale.
func (s *Service) VerifyPassword(w http.ResponseWriter, r *http.Request) error {
	cur, err := s.currentSession(w, r)
	if err != nil {
		return err
	}
	var req api.VerifyPasswordRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return err
	}
	if err := s.CheckPassword(r.Context(), cur.User.ID, req.Password); err != nil {
		return err
	}
	if err := s.Sessions.MarkAuthenticated(r.Context(), cur.Session.ID); err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, api.StatusTrue{Status: true})
	return nil
}
