package twofactor

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/uptrace/bun"

	"spacerr/server/audit"
	"spacerr/server/httpapi"
	"spacerr/server/session"
	"spacerr/server/user"
	"spacerr/shared/api"
)

// attempt is one try at the second factor: either the end of a sign-in (a challenge, consumed when
// the attempt began) or a signed-in user proving the factor again (enrolment, or a step-up).
type attempt struct {
	user *user.Row
	chal *challenge       // during a sign-in
	cur  *session.Current // signed in
	// settled is set once the challenge's fate is decided (spent, counted, or dropped); until then a
	// deferred restore stores it back unchanged, so an error or a lockout costs the user no attempt.
	settled bool
}

// beginAttempt finds who is proving a second factor. A valid challenge cookie wins, so signing in as
// someone else from a signed-in browser works; a challenge for the user already signed in is moot and
// dropped (a stale cookie must not turn an enrolment into a sign-in).
func (s *Service) beginAttempt(w http.ResponseWriter, r *http.Request) (*attempt, error) {
	ctx := r.Context()
	cur, err := s.sessions.Resolve(w, r)
	if err != nil {
		return nil, err
	}
	c, err := s.takeChallenge(ctx, r)
	if err != nil {
		return nil, err
	}
	if c != nil && (cur == nil || cur.User.ID != c.UserID) {
		u, err := user.ByID(ctx, s.store.DB, c.UserID)
		if errors.Is(err, user.ErrNotFound) {
			s.clearCookie(w, challengeCookie)
			return nil, errInvalidChallenge
		}
		if err != nil {
			_ = s.storeChallenge(ctx, w, c, s.clock())
			return nil, err
		}
		return &attempt{user: u, chal: c}, nil
	}
	if c != nil {
		s.clearCookie(w, challengeCookie)
	}
	if cur == nil {
		return nil, errInvalidChallenge
	}
	return &attempt{user: cur.User, cur: cur, settled: true}, nil
}

// actor is who makes the attempt, for the audit log: the user, or an admin impersonating them.
func (a *attempt) actor() string {
	if a.cur != nil {
		return a.cur.Actor()
	}
	return a.user.ID
}

// restore stores an unsettled challenge back as it was. Handlers defer it.
func (s *Service) restore(ctx context.Context, w http.ResponseWriter, a *attempt) {
	if a.chal == nil || a.settled {
		return
	}
	a.settled = true
	if err := s.storeChallenge(ctx, w, a.chal, s.clock()); err != nil {
		slog.WarnContext(ctx, "could not restore a two-factor challenge", "user_id", a.user.ID, "err", err)
	}
}

// notEnabled ends an attempt for a user without the factor. During a sign-in this means it was turned
// off since the password was checked: that sign-in must start again.
func (s *Service) notEnabled(w http.ResponseWriter, a *attempt, err error) error {
	if a.chal != nil {
		a.settled = true
		s.clearCookie(w, challengeCookie)
		return errInvalidChallenge
	}
	return err
}

// fail counts a wrong code toward the account lockout and the challenge's attempts, and answers wrong
// (or the lockout, or the end of the challenge).
func (s *Service) fail(w http.ResponseWriter, r *http.Request, a *attempt, wrong error) error {
	ctx := r.Context()
	now := s.clock()
	locked, err := recordFailure(ctx, s.store.DB, a.user.ID, now)
	if err != nil {
		return err
	}
	if a.chal != nil {
		// Only a failed sign-in is a security event; a mistyped code while enrolling is not.
		method := "totp"
		if errors.Is(wrong, errInvalidBackupCode) {
			method = "backup-code"
		}
		audit.RecordAfter(ctx, s.store.DB, s.event(r, a.user.ID, a.user.ID, api.EventSignInFailed, method))
	}
	slog.InfoContext(ctx, "wrong second factor", "user_id", a.user.ID, "locked", locked, "during_sign_in", a.chal != nil)
	if a.chal != nil {
		a.settled = true
		a.chal.Attempts++
		if a.chal.Attempts >= challengeAttempts {
			s.clearCookie(w, challengeCookie)
			if !locked {
				return errTooManyAttempts
			}
		} else if err := s.storeChallenge(ctx, w, a.chal, now); err != nil {
			return err
		}
	}
	if locked {
		return errLocked
	}
	return wrong
}

// succeed finishes an attempt whose code was right. spend runs first in the transaction and reports
// whether the code was still unspent (another request, or a replay, may have used it): if not, this is
// a failure after all. During a sign-in the session is created in the same transaction, and so is the
// record of event when it is not "".
func (s *Service) succeed(w http.ResponseWriter, r *http.Request, a *attempt, trust bool,
	spend func(ctx context.Context, tx bun.Tx) (bool, error), wrong error, event string) error {
	ctx := r.Context()
	now := s.clock()
	var (
		spent   bool
		token   string
		sess    *session.Row
		trusted *http.Cookie
	)
	err := s.store.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		ok, err := spend(ctx, tx)
		if err != nil || !ok {
			return err
		}
		spent = true
		if err := resetFailures(ctx, tx, a.user.ID, now); err != nil {
			return err
		}
		if event != "" {
			if err := audit.Record(ctx, tx, s.event(r, a.actor(), a.user.ID, event, "")); err != nil {
				return err
			}
		}
		if a.chal != nil {
			if token, sess, err = s.sessions.Create(ctx, tx, a.user.ID, a.chal.RememberMe, s.meta(r)); err != nil {
				return err
			}
		}
		if trust {
			trusted, err = s.trustDevice(ctx, tx, a.user.ID, now)
		}
		return err
	})
	if err != nil {
		return err
	}
	if !spent {
		return s.fail(w, r, a, wrong)
	}
	a.settled = true
	if trusted != nil {
		http.SetCookie(w, trusted)
	}
	res := api.AuthResponse{User: a.user.ToAPI()}
	if a.chal != nil {
		s.clearCookie(w, challengeCookie)
		method := a.chal.Method
		if method == "" {
			method = session.MethodEmail // a challenge stored before the method was recorded
		}
		s.sessions.SignedIn(ctx, w, token, sess, a.user, method)
		res.Token = sess.ID
		slog.InfoContext(ctx, "signed in", "user_id", a.user.ID, "second_factor", true)
	} else {
		res.Token = a.cur.Session.ID
	}
	httpapi.WriteJSON(w, http.StatusOK, res)
	return nil
}

// VerifyTOTP answers POST /two-factor/verify-totp {code, trustDevice?}. During a sign-in it checks the
// code against the user's secret and starts the session ({token, user}). Signed in with an enrolment
// pending, it checks the code against the new secret and turns two-factor authentication on, in one
// transaction, replacing the session. Signed in otherwise, it only checks (and spends) the code.
func (s *Service) VerifyTOTP(w http.ResponseWriter, r *http.Request) error {
	var req api.VerifyTOTPRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return err
	}
	code, _ := api.NormalizeTOTPCode(req.Code)
	a, err := s.beginAttempt(w, r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	defer s.restore(ctx, w, a)
	rec, err := loadRecord(ctx, s.store.DB, a.user.ID)
	if err != nil {
		return err
	}
	if a.cur != nil && rec != nil && rec.PendingSecret != nil {
		return s.finishEnrolment(w, r, a, rec, code, req.TrustDevice)
	}
	if !rec.enabled() {
		return s.notEnabled(w, a, errTOTPNotEnabled)
	}
	now := s.clock()
	if rec.lockedAt(now) {
		return errLocked
	}
	secret, err := s.keyring.Open(*rec.Secret, table, columnSecret, rec.ID)
	if err != nil {
		return err
	}
	step, ok, err := matchTOTP(secret, code, now)
	if err != nil {
		return err
	}
	if !ok {
		return s.fail(w, r, a, errInvalidCode)
	}
	return s.succeed(w, r, a, req.TrustDevice, func(ctx context.Context, tx bun.Tx) (bool, error) {
		return spendTimeStep(ctx, tx, a.user.ID, *rec.Secret, step, now)
	}, errInvalidCode, "")
}

// VerifyBackupCode answers POST /two-factor/verify-backup-code {code, trustDevice?}: like verify-totp,
// with a backup code, which is spent.
func (s *Service) VerifyBackupCode(w http.ResponseWriter, r *http.Request) error {
	var req api.VerifyBackupCodeRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return err
	}
	code, _ := api.NormalizeBackupCode(req.Code)
	a, err := s.beginAttempt(w, r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	defer s.restore(ctx, w, a)
	rec, err := loadRecord(ctx, s.store.DB, a.user.ID)
	if err != nil {
		return err
	}
	if !rec.enabled() {
		return s.notEnabled(w, a, errTwoFactorNotEnabled)
	}
	now := s.clock()
	if rec.lockedAt(now) {
		return errLocked
	}
	// The code's rightness is only known by spending it: one UPDATE both checks and uses it.
	err = s.succeed(w, r, a, req.TrustDevice, func(ctx context.Context, tx bun.Tx) (bool, error) {
		return s.spendBackupCode(ctx, tx, a.user.ID, code, now)
	}, errInvalidBackupCode, api.EventBackupCodeUsed)
	if err == nil {
		s.notify(ctx, a.user.ID, EventBackupCodeUsed, r)
	}
	return err
}

// finishEnrolment checks a code of the pending secret and, when it is right, makes that secret (and the
// backup codes issued with it) the user's, turns two-factor authentication on and replaces the session,
// all in one transaction. The enrolment code's time step is spent: it cannot sign anyone in.
func (s *Service) finishEnrolment(w http.ResponseWriter, r *http.Request, a *attempt, rec *record, code string, trust bool) error {
	ctx := r.Context()
	now := s.clock()
	if rec.lockedAt(now) {
		return errLocked
	}
	pending := *rec.PendingSecret
	secret, err := s.keyring.Open(pending, table, columnPendingSecret, rec.ID)
	if err != nil {
		return err
	}
	step, ok, err := matchTOTP(secret, code, now)
	if err != nil {
		return err
	}
	if !ok {
		return s.fail(w, r, a, errInvalidCode)
	}
	sealed, err := s.keyring.Seal(secret, table, columnSecret, rec.ID)
	if err != nil {
		return err
	}
	var (
		promoted bool
		token    string
		sess     *session.Row
		trusted  *http.Cookie
	)
	err = s.store.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		ok, err := promotePendingSecret(ctx, tx, rec.ID, pending, sealed, step, now)
		if err != nil || !ok {
			return err
		}
		promoted = true
		if err := promotePendingBackupCodes(ctx, tx, a.user.ID); err != nil {
			return err
		}
		if err := user.SetTwoFactorEnabled(ctx, tx, a.user.ID, true, now); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, s.event(r, a.actor(), a.user.ID, api.EventTwoFactorEnabled, "")); err != nil {
			return err
		}
		if token, sess, err = s.rotateSession(ctx, tx, r, a.cur); err != nil {
			return err
		}
		if trust {
			trusted, err = s.trustDevice(ctx, tx, a.user.ID, now)
		}
		return err
	})
	if err != nil {
		return err
	}
	if !promoted {
		// Another enable replaced the pending secret after we read it.
		return s.fail(w, r, a, errInvalidCode)
	}
	s.sessions.SetCookie(w, token, sess)
	if trusted != nil {
		http.SetCookie(w, trusted)
	}
	u := a.user.ToAPI()
	u.TwoFactorEnabled, u.UpdatedAt = true, api.Millis(now)
	slog.InfoContext(ctx, "two-factor authentication turned on", "user_id", a.user.ID)
	s.notify(ctx, a.user.ID, EventTwoFactorOn, r)
	httpapi.WriteJSON(w, http.StatusOK, api.AuthResponse{Token: sess.ID, User: u})
	return nil
}

// rotateSession replaces the current session by a new one with the same "remember me", inside tx: a
// change of how the account signs in must not keep a session id that may have leaked before it.
func (s *Service) rotateSession(ctx context.Context, tx bun.IDB, r *http.Request, cur *session.Current) (string, *session.Row, error) {
	if err := s.sessions.RevokeByID(ctx, tx, cur.Session.ID); err != nil {
		return "", nil, err
	}
	return s.sessions.Create(ctx, tx, cur.User.ID, cur.Session.RememberMe, s.meta(r))
}
