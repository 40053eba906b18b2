package passkey

import (
	"context"
	"encoding/base64"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"
	"github.com/uptrace/bun"

	"spacerr/server/httpapi"
	"spacerr/server/session"
	"spacerr/server/user"
	"spacerr/shared/api"
)

var (
	errAuthenticationFailed = api.Errorf(api.CodeAuthenticationFailed,
		"Signing in with this passkey did not work. Please try again.")
	errPasskeyNotFound = api.Errorf(api.CodePasskeyNotFound,
		"This passkey is not registered here. It may have been removed; sign in another way.")
)

// GenerateAuthenticateOptions answers GET /passkey/generate-authenticate-options: the
// PublicKeyCredentialRequestOptions of a discoverable sign-in (no allowCredentials: the browser offers
// every passkey it holds for this site, and the answer says whose it is).
func (s *Service) GenerateAuthenticateOptions(w http.ResponseWriter, r *http.Request) error {
	assertion, sd, err := s.requestOptions()
	if err != nil {
		return err
	}
	if err := s.beginCeremony(w, r, &ceremony{Type: ceremonyAuthentication, WebAuthn: *sd}); err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, assertion.Response)
	return nil
}

// requestOptions are discoverable and require user verification, which the session data records so
// that ValidatePasskeyLogin refuses an assertion without the UV flag.
func (s *Service) requestOptions() (*protocol.CredentialAssertion, *webauthn.SessionData, error) {
	return s.webauthn.BeginDiscoverableLogin(webauthn.WithUserVerification(protocol.VerificationRequired))
}

// VerifyAuthentication answers POST /passkey/verify-authentication {response}: it verifies the assertion,
// moves the passkey's counter forward and starts a remembered session, answering {session, user}.
func (s *Service) VerifyAuthentication(w http.ResponseWriter, r *http.Request) error {
	var req api.VerifyAuthenticationRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return err
	}
	c, err := s.finishCeremony(w, r, ceremonyAuthentication)
	if err != nil {
		return err
	}
	ctx := r.Context()
	rec, authData, err := s.verifyAssertion(ctx, c.WebAuthn, req.Response, "")
	if err != nil {
		return err
	}

	u, err := user.ByID(ctx, s.store.DB, rec.UserID)
	if errors.Is(err, user.ErrNotFound) { // deleted since the lookup; its passkeys went with it
		return errPasskeyNotFound
	}
	if err != nil {
		return err
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	strict := !rec.BackupEligible && authData.Counter > 0
	var token string
	var sess *session.Row
	err = s.store.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		updated, err := recordUse(ctx, tx, rec.ID, authData.Counter, authData.Flags.HasBackupState(), now, strict)
		if err != nil {
			return err
		}
		if !updated {
			// Another sign-in with this device-bound credential moved the counter to or past this one since
			// we read it: the same cloned-key signal, caught atomically.
			slog.WarnContext(ctx, "passkey sign-in refused: signature counter already used, the key may be cloned",
				"passkey_id", rec.ID, "user_id", rec.UserID, "received_counter", authData.Counter)
			return errAuthenticationFailed
		}
		token, sess, err = s.sessions.Create(ctx, tx, u.ID, true, s.meta(r))
		return err
	})
	if err != nil {
		return err
	}
	s.sessions.SignedIn(r.Context(), w, token, sess, u, session.MethodPasskey)
	// Multi-factor: see MethodPasskey.
	slog.InfoContext(ctx, "signed in", "user_id", u.ID, "passkey_id", rec.ID, "method", MethodPasskey)
	httpapi.WriteJSON(w, http.StatusOK, api.SessionResponse{Session: sess.ToAPI(), User: u.ToAPI()})
	return nil
}

// verifyAssertion checks a passkey assertion against the ceremony's session data and the stored
// credential, and returns the credential's record and the authenticator data. With ownerID set (a
// re-authentication), the credential must belong to that user: any other answer is AUTHENTICATION_FAILED.
func (s *Service) verifyAssertion(ctx context.Context, sd webauthn.SessionData, response []byte, ownerID string) (*record, *protocol.AuthenticatorData, error) {
	parsed, err := protocol.ParseCredentialRequestResponseBytes(response)
	if err != nil {
		slog.InfoContext(ctx, "passkey sign-in refused", "reason", webauthnReason(err))
		return nil, nil, errAuthenticationFailed
	}
	rec, err := byCredentialID(ctx, s.store.DB, base64.RawURLEncoding.EncodeToString(parsed.RawID))
	if errors.Is(err, errNoRecord) {
		if ownerID != "" {
			return nil, nil, errAuthenticationFailed
		}
		return nil, nil, errPasskeyNotFound
	}
	if err != nil {
		return nil, nil, err
	}
	if ownerID != "" && rec.UserID != ownerID {
		slog.InfoContext(ctx, "passkey re-authentication refused: another user's passkey", "passkey_id", rec.ID)
		return nil, nil, errAuthenticationFailed
	}
	stored, err := rec.toWebAuthn()
	if err != nil {
		return nil, nil, err
	}
	owner := func(rawID, userHandle []byte) (webauthn.User, error) {
		// go-webauthn then checks that userHandle is this id and rawID is this credential.
		return &webauthnUser{id: rec.UserID, credentials: []webauthn.Credential{stored}}, nil
	}
	// ValidatePasskeyLogin checks the challenge, the origin against the configured ones, the RP ID hash,
	// the UP and UV flags (UV is required), the user handle, the signature with the stored key, and the
	// backup-eligibility flag against the stored one; it flags a counter that did not move forward.
	_, cred, err := s.webauthn.ValidatePasskeyLogin(owner, sd, parsed)
	if err != nil {
		slog.InfoContext(ctx, "passkey sign-in refused", "passkey_id", rec.ID, "reason", webauthnReason(err))
		return nil, nil, errAuthenticationFailed
	}
	authData := parsed.Response.AuthenticatorData
	if !authData.Flags.HasUserVerified() { // go-webauthn already refused this; kept against a library change
		return nil, nil, errAuthenticationFailed
	}

	// A counter that did not move forward means two copies of the private key may exist. Synced passkeys
	// (backup eligible) legitimately report 0 or jump around between devices, so only device-bound
	// credentials are refused, as Hanko and Authelia do; Kratos only records it.
	if cred.Authenticator.CloneWarning {
		if !rec.BackupEligible {
			slog.WarnContext(ctx, "passkey sign-in refused: signature counter went backwards, the key may be cloned",
				"passkey_id", rec.ID, "user_id", rec.UserID, "stored_counter", rec.SignCount, "received_counter", authData.Counter)
			return nil, nil, errAuthenticationFailed
		}
		slog.InfoContext(ctx, "synced passkey counter did not move forward; accepted",
			"passkey_id", rec.ID, "stored_counter", rec.SignCount, "received_counter", authData.Counter)
	}

	return rec, &authData, nil
}
