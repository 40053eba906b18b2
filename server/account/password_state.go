package account

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/uptrace/bun"

	"spacerr/server/audit"
	"spacerr/server/httpapi"
	"spacerr/server/session"
	"spacerr/server/store"
	"spacerr/shared/api"
)

var (
	errUnauthorized       = api.Errorf(api.CodeUnauthorized, "Sign in first.")
	errInvalidPassword    = api.FieldError(api.CodeInvalidPassword, "password", "The password is not correct.")
	errPasswordRequired   = api.Errorf(api.CodePasswordRequired, "Set a password first.")
	errPasswordAlreadySet = api.FieldError(api.CodePasswordAlreadySet, "newPassword",
		"You already have a password. Change it instead.")
	errNoCredential = api.Errorf(api.CodeCredentialAccountNotFound, "You have no password yet. Set one instead.")
)

// CheckPassword confirms the user's password before a sensitive change (other features receive it as
// a function). It answers INVALID_PASSWORD when it is wrong and PASSWORD_REQUIRED when the user has
// none, so a passkey-only user can be asked to set one first.
func (s *Service) CheckPassword(ctx context.Context, userID, password string) error {
	hash, err := passwordHash(ctx, s.Store.DB, userID)
	if err != nil {
		return err
	}
	if hash == "" {
		return errPasswordRequired
	}
	ok, err := s.Hasher.Verify(ctx, password, hash)
	if err != nil {
		return err
	}
	if !ok {
		return errInvalidPassword
	}
	return nil
}

func (s *Service) currentSession(w http.ResponseWriter, r *http.Request) (*session.Current, error) {
	cur, err := s.Sessions.Resolve(w, r)
	if err != nil {
		return nil, err
	}
	if cur == nil {
		return nil, errUnauthorized
	}
	return cur, nil
}

// ChangePassword answers POST /change-password {currentPassword, newPassword, revokeOtherSessions?}.
// Trusted browsers are forgotten (they must give the second factor again). With revokeOtherSessions
// every session of the user ends and a new one replaces the current one, as in Better Auth: the answer
// is {token: the new session's id, user}; otherwise {token: null, user}.
func (s *Service) ChangePassword(w http.ResponseWriter, r *http.Request) error {
	var req api.ChangePasswordRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return err
	}
	cur, err := s.currentSession(w, r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	userID := cur.User.ID
	oldHash, err := passwordHash(ctx, s.Store.DB, userID)
	if err != nil {
		return err
	}
	if oldHash == "" {
		s.Hasher.VerifyNothing(r.Context(), req.CurrentPassword)
		return errNoCredential
	}
	ok, err := s.Hasher.Verify(r.Context(), req.CurrentPassword, oldHash)
	if err != nil {
		return err
	}
	if !ok {
		return api.FieldError(api.CodeInvalidPassword, "currentPassword", "Your current password is not correct.")
	}
	newHash, err := s.Hasher.Hash(r.Context(), req.NewPassword)
	if err != nil {
		return err
	}
	now := s.Now().UTC().Truncate(time.Microsecond)
	var token string
	var sess *session.Row
	err = s.Store.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		// Only if the hash is still the one checked: of two concurrent changes, the second fails.
		changed, err := replacePassword(ctx, tx, userID, oldHash, newHash, now)
		if err != nil {
			return err
		}
		if !changed {
			return api.FieldError(api.CodeInvalidPassword, "currentPassword", "Your password was just changed elsewhere. Try again.")
		}
		if s.SecondFactor != nil {
			if err := s.SecondFactor.ForgetTrustedDevices(ctx, tx, userID); err != nil {
				return err
			}
		}
		if err := audit.Record(ctx, tx, s.event(r, cur.Actor(), userID, api.EventPasswordChanged, "")); err != nil {
			return err
		}
		if !req.RevokeOtherSessions {
			return nil
		}
		if err := s.Sessions.RevokeAllOfUser(ctx, tx, userID); err != nil {
			return err
		}
		token, sess, err = s.Sessions.Create(ctx, tx, userID, cur.Session.RememberMe, s.Meta(r))
		return err
	})
	if err != nil {
		return err
	}
	res := api.ChangePasswordResponse{User: cur.User.ToAPI()}
	if sess != nil {
		s.Sessions.SetCookie(w, token, sess)
		res.Token = &sess.ID
	}
	slog.InfoContext(ctx, "password changed", "user_id", userID, "other_sessions_revoked", req.RevokeOtherSessions)
	s.notify(ctx, userID, EventPasswordChanged, r)
	httpapi.WriteJSON(w, http.StatusOK, res)
	return nil
}

// SetPassword answers POST /set-password {newPassword} for a signed-in user without a password (who
// signed up with a passkey, say): 400 PASSWORD_ALREADY_SET otherwise. Answers {status:true}.
func (s *Service) SetPassword(w http.ResponseWriter, r *http.Request) error {
	var req api.SetPasswordRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return err
	}
	cur, err := s.currentSession(w, r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	userID := cur.User.ID
	if has, err := HasPassword(ctx, s.Store.DB, userID); err != nil {
		return err
	} else if has {
		return errPasswordAlreadySet
	}
	hash, err := s.Hasher.Hash(r.Context(), req.NewPassword)
	if err != nil {
		return err
	}
	now := s.Now().UTC().Truncate(time.Microsecond)
	err = s.Store.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		// A credential row without a password is filled; otherwise one is added, and the unique
		// (provider_id, account_id) makes the second of two concurrent set-passwords fail.
		filled, err := replacePassword(ctx, tx, userID, "", hash, now)
		if err != nil {
			return err
		}
		if !filled {
			if err := insertCredential(ctx, tx, userID, hash, now); err != nil {
				if store.IsUniqueViolation(err) {
					return errPasswordAlreadySet
				}
				return err
			}
		}
		if s.SecondFactor != nil {
			if err := s.SecondFactor.ForgetTrustedDevices(ctx, tx, userID); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, s.event(r, cur.Actor(), userID, api.EventPasswordSet, ""))
	})
	if err != nil {
		return err
	}
	slog.InfoContext(ctx, "password set", "user_id", userID)
	s.notify(ctx, userID, EventPasswordSet, r)
	httpapi.WriteJSON(w, http.StatusOK, api.StatusTrue{Status: true})
	return nil
}

// replacePassword writes newHash into the user's credential account if its password is still oldHash
// ("" matches an account without a password), and reports whether it did.
func replacePassword(ctx context.Context, db bun.IDB, userID, oldHash, newHash string, now time.Time) (bool, error) {
	q := db.NewUpdate().Model((*Row)(nil)).Set("password = ?", newHash).Set("updated_at = ?", now).
		Where("user_id = ? AND provider_id = ?", userID, ProviderCredential)
	if oldHash == "" {
		q = q.Where("password IS NULL")
	} else {
		q = q.Where("password = ?", oldHash)
	}
	res, err := q.Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("update password of user %s: %w", userID, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}
