package passkey

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/uptrace/bun"

	"spacerr/server/audit"
	"spacerr/server/httpapi"
	"spacerr/shared/api"
)

// errNotFound answers for a passkey id the caller does not own, whether or not it exists: nobody learns
// anything about other users' passkeys.
var errNotFound = api.Errorf(api.CodeNotFound, "There is no such passkey on your account.")

var errLastSignInMethod = api.Errorf(api.CodeCannotDeleteLastLogin,
	"This is the only way you can sign in. Add another passkey, set a password or connect an account before deleting it.")

// ListUserPasskeys answers GET /passkey/list-user-passkeys: the user's passkeys, newest first.
func (s *Service) ListUserPasskeys(w http.ResponseWriter, r *http.Request) error {
	cur, err := s.currentUser(w, r)
	if err != nil {
		return err
	}
	recs, err := listByUser(r.Context(), s.store.DB, cur.User.ID)
	if err != nil {
		return err
	}
	out := make([]api.Passkey, len(recs))
	for i := range recs {
		out[i] = recs[i].toAPI()
	}
	httpapi.WriteJSON(w, http.StatusOK, out)
	return nil
}

// GetPasskeyStatus answers GET /passkey/get-passkey-status: {count, hasPasskey, hasPassword}.
func (s *Service) GetPasskeyStatus(w http.ResponseWriter, r *http.Request) error {
	cur, err := s.currentUser(w, r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	n, err := countByUser(ctx, s.store.DB, cur.User.ID)
	if err != nil {
		return err
	}
	hasPassword, err := s.hasPassword(ctx, s.store.DB, cur.User.ID)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, api.PasskeyStatus{Count: n, HasPasskey: n > 0, HasPassword: hasPassword})
	return nil
}

// UpdatePasskey answers POST /passkey/update-passkey {id, name}: renames one of the user's passkeys and
// answers {passkey}.
func (s *Service) UpdatePasskey(w http.ResponseWriter, r *http.Request) error {
	cur, err := s.currentUser(w, r)
	if err != nil {
		return err
	}
	var req api.UpdatePasskeyRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return err
	}
	name, _ := api.NormalizePasskeyName(req.Name) // Validate accepted it
	id := strings.TrimSpace(req.ID)
	ctx := r.Context()
	if err := renameOfUser(ctx, s.store.DB, id, cur.User.ID, name); err != nil {
		if errors.Is(err, errNoRecord) {
			return errNotFound
		}
		return err
	}
	rec, err := byIDOfUser(ctx, s.store.DB, id, cur.User.ID)
	if errors.Is(err, errNoRecord) { // deleted in between
		return errNotFound
	}
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, api.UpdatePasskeyResponse{Passkey: rec.toAPI()})
	return nil
}

// DeletePasskey answers POST /passkey/delete-passkey {id} with {status:true}. It refuses only when the
// passkey is the user's last way in: no other passkey, no password, no linked social account (the rule
// server/oidc applies to unlinking). The check and the delete run in one transaction that holds the
// user's lock, so two concurrent deletes of a passwordless user's last two passkeys cannot both succeed.
func (s *Service) DeletePasskey(w http.ResponseWriter, r *http.Request) error {
	cur, err := s.currentUser(w, r)
	if err != nil {
		return err
	}
	var req api.DeletePasskeyRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return err
	}
	id, userID := strings.TrimSpace(req.ID), cur.User.ID
	err = s.store.InTx(r.Context(), func(ctx context.Context, tx bun.Tx) error {
		if err := lockUser(ctx, tx, userID); err != nil {
			return err
		}
		rec, err := byIDOfUser(ctx, tx, id, userID)
		if err != nil {
			if errors.Is(err, errNoRecord) {
				return errNotFound
			}
			return err
		}
		n, err := countByUser(ctx, tx, userID)
		if err != nil {
			return err
		}
		if n <= 1 {
			others, err := s.accountSignIns(ctx, tx, userID, "")
			if err != nil {
				return err
			}
			if others == 0 {
				return errLastSignInMethod
			}
		}
		if err := deleteOfUser(ctx, tx, id, userID); err != nil {
			if errors.Is(err, errNoRecord) {
				return errNotFound
			}
			return err
		}
		return audit.Record(ctx, tx, s.event(r, cur.Actor(), userID, api.EventPasskeyRemoved, rec.Name))
	})
	if err != nil {
		return err
	}
	slog.InfoContext(r.Context(), "passkey deleted", "user_id", userID, "passkey_id", id)
	httpapi.WriteJSON(w, http.StatusOK, api.StatusTrue{Status: true})
	return nil
}
