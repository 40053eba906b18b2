package session

import (
	"net/http"

	"spacerr/server/httpapi"
	"spacerr/shared/api"
)

// GetSession answers GET /get-session: {session,user}, or null when signed out.
func (m *Manager) GetSession(w http.ResponseWriter, r *http.Request) error {
	cur, err := m.Resolve(w, r)
	if err != nil {
		return err
	}
	if cur == nil {
		httpapi.WriteJSON(w, http.StatusOK, nil)
		return nil
	}
	httpapi.WriteJSON(w, http.StatusOK, api.SessionResponse{Session: cur.Session.ToAPI(), User: cur.User.ToAPI()})
	return nil
}

// SignOut answers POST /sign-out: the session ends in the database and its cookie is cleared. Signing
// out without a session succeeds too, so a stale tab can always sign out.
func (m *Manager) SignOut(w http.ResponseWriter, r *http.Request) error {
	if token := m.TokenFromRequest(r); token != "" {
		if err := m.RevokeByToken(r.Context(), token); err != nil {
			return err
		}
	}
	m.ClearCookie(w)
	httpapi.WriteJSON(w, http.StatusOK, api.StatusResponse{Success: true})
	return nil
}
