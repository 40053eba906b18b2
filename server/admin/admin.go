// Package admin is Better Auth's admin plugin: user management under /api/auth/admin/* for users whose
// role is "admin". Every route checks the caller's role on the server (requireAdmin) before it reads
// anything, and every change is written to the audit log in the same transaction. It must never let an
// admin ban, demote or remove themselves: the last admin would lock everyone out.
package admin

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/uptrace/bun"

	"spacerr/server/audit"
	"spacerr/server/httpapi"
	"spacerr/server/password"
	"spacerr/server/session"
	"spacerr/server/store"
	"spacerr/server/user"
	"spacerr/shared/api"
	"spacerr/shared/validate"
)

// Service holds what the admin routes need.
type Service struct {
	DB       *bun.DB
	Sessions *session.Manager
	Hasher   *password.Hasher
	// SetPassword stores a password hash for a user (server/account.SetCredential, composed in server).
	SetPassword func(ctx context.Context, db bun.IDB, userID, hash string, now time.Time) error
	Now         func() time.Time
	Meta        func(*http.Request) session.Meta
	// Passkeys lists a user's passkeys and BackupCodesLeft counts their unused backup codes, for
	// user-security (server/passkey.ListOfUser and server/twofactor.BackupCodesLeft, composed in server).
	Passkeys        func(ctx context.Context, db bun.IDB, userID string) ([]api.Passkey, error)
	BackupCodesLeft func(ctx context.Context, db bun.IDB, userID string) (int, error)
}

// adminRequest is the start of the admin routes that take a body: the caller must be an admin, and
// the body must decode into req (and validate, for request types that can).
func (s *Service) adminRequest(w http.ResponseWriter, r *http.Request, req any) (*session.Current, error) {
	cur, err := s.requireAdmin(w, r)
	if err != nil {
		return nil, err
	}
	if v, ok := req.(httpapi.Validator); ok {
		err = httpapi.DecodeValid(r, v)
	} else {
		err = httpapi.Decode(r, req)
	}
	if err != nil {
		return nil, err
	}
	return cur, nil
}

// requireAdmin is the role check of every admin route: 401 signed out, 403 FORBIDDEN for a non-admin.
func (s *Service) requireAdmin(w http.ResponseWriter, r *http.Request) (*session.Current, error) {
	cur, err := s.Sessions.Resolve(w, r)
	if err != nil {
		return nil, err
	}
	if cur == nil {
		return nil, api.Errorf(api.CodeUnauthorized, "Sign in first.")
	}
	if cur.User.Role != api.RoleAdmin {
		return nil, api.Errorf(api.CodeForbidden, "Only admins may do this.")
	}
	return cur, nil
}

// Grant makes the user with email an admin (the "admin grant EMAIL" command and ADMIN_EMAILS). It
// returns user.ErrNotFound when nobody has that email. A promotion is audited like an admin's
// set-role, by SystemActor; granting to an admin changes and records nothing, so start-ups with
// ADMIN_EMAILS do not fill the log.
func Grant(ctx context.Context, st *store.Store, email string, now time.Time) error {
	err := st.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		u := new(user.Row)
		err := tx.NewSelect().Model(u).Column("id", "role").Where("email = ?", validate.NormalizeEmail(email)).Limit(1).Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) {
			return user.ErrNotFound
		}
		if err != nil || u.Role == api.RoleAdmin {
			return err
		}
		return promote(ctx, tx, u.ID, now)
	})
	if err != nil {
		return fmt.Errorf("grant admin to %s: %w", email, err)
	}
	return nil
}

func (s *Service) now() time.Time { return s.Now().UTC().Truncate(time.Microsecond) }

func userNotFound() error { return api.Errorf(api.CodeUserNotFound, "No user has this id.") }

// SystemActor is the audit log's actor for what configuration or the command line did, not a person.
const SystemActor = "system"

func promote(ctx context.Context, db bun.IDB, userID string, now time.Time) error {
	res, err := db.NewUpdate().Model((*user.Row)(nil)).Set("role = ?", api.RoleAdmin).Set("updated_at = ?", now.UTC().Truncate(time.Microsecond)).
		Where("id = ?", userID).Where("role <> ?", api.RoleAdmin).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	return audit.Record(ctx, db, audit.Entry{ActorID: SystemActor, Action: "set-role", TargetID: userID, Detail: api.RoleAdmin, At: now.UTC().Truncate(time.Microsecond)})
}

// PromoteListed returns a session.Manager.OnCreate hook that makes a user whose email is in emails
// (ADMIN_EMAILS) an admin when they sign in or sign up; nil when the list is empty.
func PromoteListed(emails []string, clock func() time.Time) func(ctx context.Context, db bun.IDB, userID string) error {
	if len(emails) == 0 {
		return nil
	}
	return func(ctx context.Context, db bun.IDB, userID string) error {
		listed, err := db.NewSelect().Model((*user.Row)(nil)).Where("id = ?", userID).Where("email IN (?)", bun.In(emails)).Exists(ctx)
		if err != nil {
			return fmt.Errorf("promote listed admin %s: %w", userID, err)
		}
		if !listed {
			return nil
		}
		if err := promote(ctx, db, userID, clock()); err != nil {
			return fmt.Errorf("promote listed admin %s: %w", userID, err)
		}
		return nil
	}
}

// GrantListed makes the existing users among emails (ADMIN_EMAILS) admins at start-up; emails nobody
// has yet are promoted at their sign-up by PromoteListed.
func GrantListed(ctx context.Context, st *store.Store, emails []string, now time.Time) error {
	for _, e := range emails {
		if err := Grant(ctx, st, e, now); err != nil && !errors.Is(err, user.ErrNotFound) {
			return err
		}
	}
	return nil
}

// Only refuses non-admins before next runs: server wraps the freshness check in it, so a non-admin
// learns nothing more than FORBIDDEN.
func (s *Service) Only(next httpapi.HandlerFunc) httpapi.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if _, err := s.requireAdmin(w, r); err != nil {
			return err
		}
		return next(w, r)
	}
}
