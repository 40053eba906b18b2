package oidc

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"spacerr/server/audit"
	"spacerr/server/httpapi"
	"spacerr/shared/api"
)

// ListAccounts answers GET /list-accounts with the user's accounts: the password one (without its
// hash) and each linked provider with the email it carries.
func (s *Service) ListAccounts(w http.ResponseWriter, r *http.Request) error {
	cur, err := s.currentUser(w, r)
	if err != nil {
		return err
	}
	rows, err := accountsOfUser(r.Context(), s.opts.Store.DB, cur.User.ID)
	if err != nil {
		return err
	}
	out := make([]api.Account, 0, len(rows))
	for i := range rows {
		out = append(out, rows[i].toAPI())
	}
	httpapi.WriteJSON(w, http.StatusOK, out)
	return nil
}

var (
	errAccountNotFound = api.FieldError(api.CodeNotFound, "providerId", "No account of that provider is connected.")
	errLastAccount     = api.Errorf(api.CodeCannotDeleteLastLogin,
		"This is your only way to sign in. Add a password or a passkey before disconnecting it.")
)

// UnlinkAccount answers POST /unlink-account {providerId, accountId?} with {status:true}. It refuses to
// remove the user's last way to sign in (password, passkey or another account); the check and the
// delete hold the user's lock, so two concurrent removals cannot both pass it.
func (s *Service) UnlinkAccount(w http.ResponseWriter, r *http.Request) error {
	cur, err := s.currentUser(w, r)
	if err != nil {
		return err
	}
	var req api.UnlinkAccountRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return err
	}
	if req.ProviderID == "credential" {
		// The password has its own routes (change, set); removing it is not offered.
		return api.FieldError(api.CodeValidation, "providerId", "A password cannot be removed here.")
	}
	userID := cur.User.ID
	err = s.opts.Store.InTx(r.Context(), func(ctx context.Context, tx bun.Tx) error {
		if err := lockUser(ctx, tx, userID); err != nil {
			return err
		}
		rows, err := accountsOfUser(ctx, tx, userID)
		if err != nil {
			return err
		}
		var target *accountRow
		others := 0 // other accounts that sign in: other providers, or the credential with a password
		for i := range rows {
			a := &rows[i]
			if target == nil && a.ProviderID == req.ProviderID && (req.AccountID == "" || a.AccountID == req.AccountID) {
				target = a
				continue
			}
			if a.ProviderID != "credential" || a.Password != nil {
				others++
			}
		}
		if target == nil {
			return errAccountNotFound
		}
		if others == 0 {
			hasPassword, err := s.opts.HasPassword(ctx, tx, userID)
			if err != nil {
				return err
			}
			passkeys, err := passkeyCount(ctx, tx, userID)
			if err != nil {
				return err
			}
			if !hasPassword && passkeys == 0 {
				return errLastAccount
			}
		}
		if _, err := tx.NewDelete().Model((*accountRow)(nil)).Where("id = ? AND user_id = ?", target.ID, userID).Exec(ctx); err != nil {
			return fmt.Errorf("delete account %s: %w", target.ID, err)
		}
		return audit.Record(ctx, tx, s.event(r, cur.Actor(), userID, api.EventAccountUnlinked, req.ProviderID))
	})
	if err != nil {
		return err
	}
	slog.InfoContext(r.Context(), "account unlinked", "user_id", userID, "provider", req.ProviderID)
	httpapi.WriteJSON(w, http.StatusOK, api.StatusTrue{Status: true})
	return nil
}

// passkeyCount is how many passkeys the user has (a read of server/passkey's table: a passkey is a way
// to sign in that keeps the last account removable).
func passkeyCount(ctx context.Context, db bun.IDB, userID string) (int64, error) {
	n, err := db.NewSelect().Table("passkeys").Where("user_id = ?", userID).Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("count passkeys of user %s: %w", userID, err)
	}
	return n, nil
}

// lockUser serialises changes to one user's ways of signing in until the transaction ends (the same
// lock server/passkey takes): PostgreSQL locks the users row; SQLite transactions here already hold
// the database's single write lock.
func lockUser(ctx context.Context, tx bun.Tx, userID string) error {
	if tx.Dialect().Name() != dialect.PG {
		return nil
	}
	var id string
	if err := tx.NewRaw("SELECT id FROM users WHERE id = ? FOR UPDATE", userID).Scan(ctx, &id); err != nil {
		return fmt.Errorf("lock user %s: %w", userID, err)
	}
	return nil
}

// event is a security event of userID done by actorID (the user, or an admin impersonating them).
func (s *Service) event(r *http.Request, actorID, userID, action, detail string) audit.Entry {
	meta := s.opts.Meta(r)
	return audit.Entry{
		ActorID: actorID, Action: action, TargetID: userID, IP: meta.IP, UserAgent: meta.UserAgent, Detail: detail,
		At: s.opts.Now(),
	}
}
