package passkey

import (
	"log/slog"
	"net/http"
	"time"

	"spacerr/server/httpapi"
	"spacerr/shared/api"
)

// GenerateReauthOptions answers GET /passkey/generate-reauth-options: the options of a discoverable,
// user-verified assertion with which the signed-in user proves it is them again before a sensitive
// action (Better Auth has no passkey step-up; issue better-auth#5099).
func (s *Service) GenerateReauthOptions(w http.ResponseWriter, r *http.Request) error {
	cur, err := s.currentUser(w, r)
	if err != nil {
		return err
	}
	assertion, sd, err := s.requestOptions()
	if err != nil {
		return err
	}
	if err := s.beginCeremony(w, r, &ceremony{Type: ceremonyReauth, UserID: cur.User.ID, WebAuthn: *sd}); err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, assertion.Response)
	return nil
}

// VerifyReauth answers POST /passkey/verify-reauth {response}: the assertion must come from one of the
// signed-in user's own passkeys (another user's, or an unknown one, is 401 AUTHENTICATION_FAILED) and
// carry user verification. The passkey's counter moves forward and the current session becomes fresh;
// no new session is made. Answers {status:true}.
func (s *Service) VerifyReauth(w http.ResponseWriter, r *http.Request) error {
	cur, err := s.currentUser(w, r)
	if err != nil {
		return err
	}
	var req api.VerifyAuthenticationRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return err
	}
	c, err := s.finishCeremony(w, r, ceremonyReauth)
	if err != nil {
		return err
	}
	if c.UserID != cur.User.ID { // options made for someone else, e.g. before switching accounts
		return errAuthenticationFailed
	}
	ctx := r.Context()
	rec, authData, err := s.verifyAssertion(ctx, c.WebAuthn, req.Response, cur.User.ID)
	if err != nil {
		return err
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	strict := !rec.BackupEligible && authData.Counter > 0
	updated, err := recordUse(ctx, s.store.DB, rec.ID, authData.Counter, authData.Flags.HasBackupState(), now, strict)
	if err != nil {
		return err
	}
	if !updated {
		slog.WarnContext(ctx, "passkey re-authentication refused: signature counter already used, the key may be cloned",
			"passkey_id", rec.ID, "user_id", rec.UserID, "received_counter", authData.Counter)
		return errAuthenticationFailed
	}
	if err := s.sessions.MarkAuthenticated(ctx, cur.Session.ID); err != nil {
		return err
	}
	slog.InfoContext(ctx, "re-authenticated", "user_id", cur.User.ID, "passkey_id", rec.ID, "method", MethodPasskey)
	httpapi.WriteJSON(w, http.StatusOK, api.StatusTrue{Status: true})
	return nil
}
