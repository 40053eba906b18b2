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
	// Better Auth's codes, both 400: its clients tell these cases apart by code.
	errAccountNotFound = api.Errorf(api.CodeAccountNotFound, "No such account is connected.")
	errLastAccount     = api.Errorf(api.CodeFailedToUnlinkLastAccount,
		"This is your only way to sign in. Add a password or a passkey before disconnecting it.")
	errPasswordAccount = api.Errorf(api.CodeValidation, "A password cannot be removed here.")
)

// UnlinkAccount answers POST /unlink-account with {status:true}. The account is named as Better Auth
// 1.7 does, {accountId: its id}, or as older clients do, {providerId, accountId?: the provider's id}.
// It refuses to remove the user's last way to sign in (password, passkey or another account) with
// Better Auth's FAILED_TO_UNLINK_LAST_ACCOUNT; unlike Better Auth, a passkey counts as a way in, so a
// user with one may disconnect their last social account. The check and the delete hold the user's
// lock, so two concurrent removals cannot both pass it.
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
		return errPasswordAccount
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
		target := findAccount(rows, req)
		if target == nil {
			return errAccountNotFound
		}
		if target.ProviderID == "credential" {
			return errPasswordAccount
		}
		others, err := s.opts.AccountSignIns(ctx, tx, userID, target.ID)
		if err != nil {
			return err
		}
		if others == 0 {
			passkeys, err := passkeyCount(ctx, tx, userID)
			if err != nil {
				return err
			}
			if passkeys == 0 {
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

// findAccount is the account req names among the user's rows, or nil.
func findAccount(rows []accountRow, req api.UnlinkAccountRequest) *accountRow {
	for i := range rows {
		a := &rows[i]
		switch {
		case req.ProviderID == "":
			if a.ID == req.AccountID {
				return a
			}
		case a.ProviderID == req.ProviderID && (req.AccountID == "" || a.AccountID == req.AccountID || a.ID == req.AccountID):
			return a
		}
	}
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
