package twofactor

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/uptrace/bun"

	"spacerr/server/audit"
	"spacerr/server/httpapi"
	"spacerr/server/session"
	"spacerr/server/user"
	"spacerr/shared/api"
)

// confirmPasswordRequest reads the {password} body of the routes that need only the password again
// (get-totp-uri, generate-backup-codes, disable) and confirms it.
func (s *Service) confirmPasswordRequest(w http.ResponseWriter, r *http.Request) (*session.Current, error) {
	var req api.TwoFactorPasswordRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return nil, err
	}
	return s.confirmPassword(w, r, req.Password)
}

// confirmPassword is the start of every route that changes the second factor: a signed-in user who
// types the password again.
func (s *Service) confirmPassword(w http.ResponseWriter, r *http.Request, password string) (*session.Current, error) {
	cur, err := s.currentSession(w, r)
	if err != nil {
		return nil, err
	}
	if err := s.checkPassword(r.Context(), cur.User.ID, password); err != nil {
		return nil, err
	}
	return cur, nil
}

// Enable answers POST /two-factor/enable {password}: a new secret and new backup codes, both pending.
// Nothing changes for sign-in until verify-totp accepts a code of the new secret; a user who already
// has two-factor authentication keeps the current secret and codes until then. Calling it again
// replaces the pending secret: only the newest can be verified.
func (s *Service) Enable(w http.ResponseWriter, r *http.Request) error {
	var req api.EnableTwoFactorRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return err
	}
	cur, err := s.confirmPassword(w, r, req.Password)
	if err != nil {
		return err
	}
	secret, err := newTOTPSecret()
	if err != nil {
		return err
	}
	codes, err := newBackupCodes()
	if err != nil {
		return err
	}
	uri, qr, err := totpURI(s.issuer, cur.User.Email, secret)
	if err != nil {
		return err
	}
	ctx := r.Context()
	now := s.clock()
	err = s.store.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		rec, err := lockRecord(ctx, tx, cur.User.ID, now)
		if err != nil {
			return err
		}
		sealed, err := s.keyring.Seal(secret, table, columnPendingSecret, rec.ID)
		if err != nil {
			return err
		}
		if err := setPendingSecret(ctx, tx, rec.ID, sealed, now); err != nil {
			return err
		}
		if err := deleteBackupCodes(ctx, tx, cur.User.ID, true); err != nil {
			return err
		}
		return s.insertBackupCodes(ctx, tx, cur.User.ID, codes, true, now)
	})
	if err != nil {
		return err
	}
	slog.InfoContext(ctx, "two-factor enrolment started", "user_id", cur.User.ID)
	httpapi.WriteJSON(w, http.StatusOK, api.EnableTwoFactorResponse{
		Method: api.TwoFactorMethodTOTP, TOTPURI: uri, QRCode: qr, BackupCodes: formatBackupCodes(codes),
	})
	return nil
}

// GetTOTPURI answers POST /two-factor/get-totp-uri {password}: the otpauth URI of the secret being
// enrolled, or else of the active one, to add it to another authenticator.
func (s *Service) GetTOTPURI(w http.ResponseWriter, r *http.Request) error {
	cur, err := s.confirmPasswordRequest(w, r)
	if err != nil {
		return err
	}
	rec, err := loadRecord(r.Context(), s.store.DB, cur.User.ID)
	if err != nil {
		return err
	}
	var sealed, column string
	switch {
	case rec != nil && rec.PendingSecret != nil:
		sealed, column = *rec.PendingSecret, columnPendingSecret
	case rec.enabled():
		sealed, column = *rec.Secret, columnSecret
	default:
		return errTOTPNotEnabled
	}
	secret, err := s.keyring.Open(sealed, table, column, rec.ID)
	if err != nil {
		return err
	}
	uri, qr, err := totpURI(s.issuer, cur.User.Email, secret)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, api.TOTPURIResponse{TOTPURI: uri, QRCode: qr})
	return nil
}

// GenerateBackupCodes answers POST /two-factor/generate-backup-codes {password}: ten new codes replace
// all the previous ones, used or not, in one transaction.
func (s *Service) GenerateBackupCodes(w http.ResponseWriter, r *http.Request) error {
	cur, err := s.confirmPasswordRequest(w, r)
	if err != nil {
		return err
	}
	codes, err := newBackupCodes()
	if err != nil {
		return err
	}
	ctx := r.Context()
	now := s.clock()
	err = s.store.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		rec, err := lockRecord(ctx, tx, cur.User.ID, now)
		if err != nil {
			return err
		}
		if !rec.enabled() {
			return errTwoFactorNotEnabled // rolls back the empty row lockRecord may have made
		}
		if err := deleteBackupCodes(ctx, tx, cur.User.ID, false); err != nil {
			return err
		}
		if err := s.insertBackupCodes(ctx, tx, cur.User.ID, codes, false, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.event(r, cur.Actor(), cur.User.ID, api.EventBackupCodesNew, ""))
	})
	if err != nil {
		return err
	}
	slog.InfoContext(ctx, "backup codes replaced", "user_id", cur.User.ID)
	httpapi.WriteJSON(w, http.StatusOK, api.BackupCodesResponse{Status: true, BackupCodes: formatBackupCodes(codes)})
	return nil
}

// Disable answers POST /two-factor/disable {password}: the secret, the backup codes and the trusted
// browsers are deleted, and the session is replaced, in one transaction. It also cancels an enrolment
// that was never verified.
func (s *Service) Disable(w http.ResponseWriter, r *http.Request) error {
	cur, err := s.confirmPasswordRequest(w, r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	now := s.clock()
	var token string
	var sess *session.Row
	err = s.store.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		existed, err := deleteRecord(ctx, tx, cur.User.ID)
		if err != nil {
			return err
		}
		if !existed {
			return errTwoFactorNotEnabled
		}
		if err := deleteBackupCodes(ctx, tx, cur.User.ID, false); err != nil {
			return err
		}
		if err := s.ForgetTrustedDevices(ctx, tx, cur.User.ID); err != nil {
			return err
		}
		if err := user.SetTwoFactorEnabled(ctx, tx, cur.User.ID, false, now); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, s.event(r, cur.Actor(), cur.User.ID, api.EventTwoFactorOff, "")); err != nil {
			return err
		}
		token, sess, err = s.rotateSession(ctx, tx, r, cur)
		return err
	})
	if err != nil {
		return err
	}
	s.sessions.SetCookie(w, token, sess)
	s.clearCookie(w, trustCookie)
	slog.InfoContext(ctx, "two-factor authentication turned off", "user_id", cur.User.ID)
	s.notify(ctx, cur.User.ID, EventTwoFactorOff, r)
	httpapi.WriteJSON(w, http.StatusOK, api.StatusTrue{Status: true})
	return nil
}

// Status answers GET /two-factor/status: whether the second factor is on or being set up, whether the
// user has a password (the routes above need one), and how many backup codes are left.
func (s *Service) Status(w http.ResponseWriter, r *http.Request) error {
	cur, err := s.currentSession(w, r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	rec, err := loadRecord(ctx, s.store.DB, cur.User.ID)
	if err != nil {
		return err
	}
	hasPassword, err := s.hasPassword(ctx, s.store.DB, cur.User.ID)
	if err != nil {
		return err
	}
	st := api.TwoFactorStatus{Enabled: rec.enabled(), PendingVerification: rec != nil && rec.PendingSecret != nil, HasPassword: hasPassword}
	if st.Enabled {
		if st.BackupCodesRemaining, err = remainingBackupCodes(ctx, s.store.DB, cur.User.ID); err != nil {
			return err
		}
	}
	httpapi.WriteJSON(w, http.StatusOK, st)
	return nil
}
