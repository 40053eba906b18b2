package session

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/uptrace/bun"
)

// ImpersonationLife is how long an admin's impersonation session lasts (Better Auth's default).
const ImpersonationLife = time.Hour

// CreateImpersonation starts a session for userID opened by adminID: it lasts ImpersonationLife, is
// never remembered, is hidden from the user's own session list, and is never fresh, so the admin
// cannot change the user's password, passkeys or second factor through it.
func (m *Manager) CreateImpersonation(ctx context.Context, db bun.IDB, userID, adminID string, meta Meta) (string, *Row, error) {
	token, row, err := m.Create(ctx, db, userID, false, meta)
	if err != nil {
		return "", nil, err
	}
	row.ExpiresAt = row.CreatedAt.Add(ImpersonationLife)
	row.ImpersonatedBy = &adminID
	row.AuthenticatedAt = time.Unix(0, 0).UTC()
	_, err = db.NewUpdate().Model(row).Column("expires_at", "impersonated_by", "authenticated_at").WherePK().Exec(ctx)
	if err != nil {
		return "", nil, fmt.Errorf("mark session %s as impersonated by %s: %w", row.ID, adminID, err)
	}
	return token, row, nil
}

// Lookup finds the unexpired session whose secret is token; nil when there is none.
func (m *Manager) Lookup(ctx context.Context, token string) (*Row, error) {
	if token == "" {
		return nil, nil
	}
	row := new(Row)
	err := m.db.NewSelect().Model(row).Relation("User").Where("s.token_hash = ?", hashToken(token)).
		Where("s.expires_at > ?", m.now().UTC()).Limit(1).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find session: %w", err)
	}
	return row, nil
}

// adminCookieName holds the admin's own session secret while they impersonate someone (Better Auth's
// admin_session). It is as secret as the session cookie and kept the same way: HttpOnly, Lax.
func (m *Manager) adminCookieName() string {
	return m.cookieName[:len(m.cookieName)-len("session_token")] + "admin_session"
}

// SetAdminCookie keeps the admin's session secret aside for stop-impersonating.
func (m *Manager) SetAdminCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{
		Name: m.adminCookieName(), Value: token, Path: "/", HttpOnly: true, Secure: m.secure, SameSite: http.SameSiteLaxMode,
	})
}

// AdminToken is the admin's session secret kept aside by SetAdminCookie, if any.
func (m *Manager) AdminToken(r *http.Request) string {
	if c, err := r.Cookie(m.adminCookieName()); err == nil {
		return c.Value
	}
	return ""
}

// ClearAdminCookie forgets the admin's kept-aside session secret.
func (m *Manager) ClearAdminCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name: m.adminCookieName(), Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: m.secure, SameSite: http.SameSiteLaxMode,
	})
}
