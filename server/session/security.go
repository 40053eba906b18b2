package session

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/uptrace/bun"

	"spacerr/server/audit"
	"spacerr/server/httpapi"
	"spacerr/server/user"
	"spacerr/shared/api"
)

// Sign-in methods recorded as the last one used (Better Auth's lastLoginMethod values).
const (
	MethodEmail     = "email"
	MethodPasskey   = "passkey"
	MethodMagicLink = "magic-link"
)

// LastLoginMethodCookie is Better Auth's literal name, so its lastLoginMethodClient reads our cookie.
const LastLoginMethodCookie = "better-auth.last_used_login_method"

const lastLoginMethodMaxAge = 30 * 24 * time.Hour

// SignedIn finishes a sign-in that created a session for u: it writes the session cookie and records
// method in the user's row (and in u) and in a cookie the client can read. Only sign-ins call it;
// session rotations (two-factor on or off, password change) call SetCookie, so the method stays the
// one the user signed in with. It records the sign-in in the audit log with the session's address and
// browser. A failed record is only logged: the sign-in itself succeeded.
func (m *Manager) SignedIn(ctx context.Context, w http.ResponseWriter, token string, row *Row, u *user.Row, method string) {
	m.SetCookie(w, token, row)
	m.SetLastLoginMethodCookie(w, method)
	// One transaction, one commit to wait for: this runs on every sign-in.
	err := m.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := audit.Record(ctx, tx, audit.Entry{
			ActorID: row.UserID, Action: api.EventSignIn, TargetID: row.UserID, IP: row.IPAddress, UserAgent: row.UserAgent,
			Detail: method, At: m.now(),
		}); err != nil {
			return err
		}
		return user.SetLastLoginMethod(ctx, tx, row.UserID, method)
	})
	if err != nil {
		slog.WarnContext(ctx, "record the sign-in and its method", "user_id", row.UserID, "err", err)
		return
	}
	u.LastLoginMethod = &method // the answer shows the user as get-session will
}

// SetLastLoginMethodCookie writes the last-used sign-in method cookie. It is not HttpOnly on purpose:
// the client reads it to highlight the method, and it holds nothing secret.
func (m *Manager) SetLastLoginMethodCookie(w http.ResponseWriter, method string) {
	http.SetCookie(w, &http.Cookie{
		Name: LastLoginMethodCookie, Value: method, Path: "/", MaxAge: int(lastLoginMethodMaxAge.Seconds()),
		Secure: m.secure, SameSite: http.SameSiteLaxMode,
	})
}

// RecordLoginMethod stores method as the user's last sign-in method inside db, for sign-ins that set
// their cookies themselves.
func RecordLoginMethod(ctx context.Context, db bun.IDB, userID, method string) error {
	return user.SetLastLoginMethod(ctx, db, userID, method)
}

// IsFresh reports whether the session's user authenticated within maxAge; maxAge 0 turns the check off.
func (m *Manager) IsFresh(cur *Current, maxAge time.Duration) bool {
	return maxAge <= 0 || m.now().Sub(cur.Session.AuthenticatedAt) <= maxAge
}

// RequireFresh wraps a sensitive action: without a session it answers 401 UNAUTHORIZED, and when the
// session's last authentication is older than maxAge, 403 SESSION_NOT_FRESH, which the client turns
// into a re-authentication prompt (verify-password or passkey re-auth) before retrying.
func (m *Manager) RequireFresh(maxAge time.Duration, next httpapi.HandlerFunc) httpapi.HandlerFunc {
	return m.freshness(maxAge, true, next)
}

// RequireFreshIfSignedIn is RequireFresh for a route that also serves signed-out callers (passkey
// verify-registration finishes a passkey sign-up too): without a session, next decides.
func (m *Manager) RequireFreshIfSignedIn(maxAge time.Duration, next httpapi.HandlerFunc) httpapi.HandlerFunc {
	return m.freshness(maxAge, false, next)
}

func (m *Manager) freshness(maxAge time.Duration, needSession bool, next httpapi.HandlerFunc) httpapi.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		cur, err := m.Resolve(w, r)
		if err != nil {
			return err
		}
		if cur == nil {
			if needSession {
				return api.Errorf(api.CodeUnauthorized, "Sign in first.")
			}
			return next(w, r)
		}
		if !m.IsFresh(cur, maxAge) {
			return api.Errorf(api.CodeSessionNotFresh, "Please confirm it is you again before doing this.")
		}
		return next(w, r)
	}
}

// MarkAuthenticated records that the user of session id just proved who they are again, making the
// session fresh without replacing it.
func (m *Manager) MarkAuthenticated(ctx context.Context, id string) error {
	now := m.now().UTC().Truncate(time.Microsecond)
	if _, err := m.db.NewUpdate().Model((*Row)(nil)).Set("authenticated_at = ?", now).Where("id = ?", id).Exec(ctx); err != nil {
		return fmt.Errorf("mark session %s authenticated: %w", id, err)
	}
	return nil
}
