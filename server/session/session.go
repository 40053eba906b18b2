// Package session issues, finds, refreshes and ends sign-in sessions. The browser holds a random
// 256-bit secret in an HttpOnly cookie; the database holds only its SHA-256, so a leaked database copy
// signs nobody in. Sessions live only in the database, so any replica can serve any request and a
// revoked session is refused on its very next request.
package session

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/uptrace/bun"

	"spacerr/server/store"
	"spacerr/server/user"
	"spacerr/shared/api"
)

// Lifetimes, as in Better Auth: 7 days, slid forward at most once a day; 1 day without "remember me".
const (
	ExpiresIn         = 7 * 24 * time.Hour
	UpdateAge         = 24 * time.Hour
	ShortExpiresIn    = 24 * time.Hour
	lastSeenEvery     = time.Minute // last-seen writes are throttled so reads stay reads
	maxUserAgentBytes = 512
)

// Row is one sessions row.
type Row struct {
	bun.BaseModel `bun:"table:sessions,alias:s"`

	ID         string    `bun:"id,pk"`
	TokenHash  string    `bun:"token_hash,notnull"`
	UserID     string    `bun:"user_id,notnull"`
	ExpiresAt  time.Time `bun:"expires_at,notnull"`
	RememberMe bool      `bun:"remember_me,notnull"`
	IPAddress  string    `bun:"ip_address,notnull"`
	UserAgent  string    `bun:"user_agent,notnull"`
	CreatedAt  time.Time `bun:"created_at,notnull"`
	UpdatedAt  time.Time `bun:"updated_at,notnull"`
	LastSeenAt time.Time `bun:"last_seen_at,notnull"`
	// AuthenticatedAt is when the user last proved who they are in this session: its sign-in, or a
	// re-authentication (verify-password, passkey re-auth). Sensitive actions need it recent.
	AuthenticatedAt time.Time `bun:"authenticated_at,notnull"`
	// ImpersonatedBy is the admin who opened this session as its user (see impersonation.go).
	ImpersonatedBy *string `bun:"impersonated_by"`

	User *user.Row `bun:"rel:belongs-to,join:user_id=id"`
}

// ToAPI is the public view; Token carries the public id, never the secret.
func (s *Row) ToAPI() api.Session {
	out := api.Session{
		ID: s.ID, Token: s.ID, UserID: s.UserID, ExpiresAt: api.Millis(s.ExpiresAt), CreatedAt: api.Millis(s.CreatedAt),
		UpdatedAt: api.Millis(s.UpdatedAt), IPAddress: s.IPAddress, UserAgent: s.UserAgent,
	}
	if s.ImpersonatedBy != nil {
		out.ImpersonatedBy = *s.ImpersonatedBy
	}
	return out
}

// Manager creates and resolves sessions and writes their cookie.
type Manager struct {
	db         *bun.DB
	now        func() time.Time
	cookieName string
	secure     bool
	// OnCreate, when set, runs inside Create's transaction after the ban check, before the session is
	// written (server/admin promotes ADMIN_EMAILS users with it). An error refuses the sign-in.
	OnCreate func(ctx context.Context, db bun.IDB, userID string) error
	// Meta reads the client's address and browser from a request for the audit log (server sets it to
	// the features' shared one, which knows the trusted proxies); nil uses the peer address.
	Meta func(*http.Request) Meta

	lookup     lookup // the prepared queries of Resolve, and its batches
	batchLimit int    // lookup queries in flight at most: the connections the pool may open
}

func (m *Manager) meta(r *http.Request) Meta {
	if m.Meta != nil {
		return m.Meta(r)
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return Meta{IP: host, UserAgent: r.UserAgent()}
}

// NewManager returns a manager. secure (an https BASE_URL) adds the Secure flag and __Secure- prefix.
func NewManager(db *bun.DB, now func() time.Time, secure bool) *Manager {
	name := "spacerr.session_token"
	if secure {
		name = "__Secure-" + name
	}
	limit := db.DB.Stats().MaxOpenConnections
	if limit <= 0 {
		limit = 4 // an unbounded pool; the store always bounds PostgreSQL's
	}
	return &Manager{db: db, now: now, cookieName: name, secure: secure, batchLimit: limit}
}

// CookieName is the session cookie's name.
func (m *Manager) CookieName() string { return m.cookieName }

// Meta is what a session records about the browser that made it.
type Meta struct {
	IP        string
	UserAgent string
}

// Create starts a session for userID inside db (often a transaction) and returns the cookie secret.
func (m *Manager) Create(ctx context.Context, db bun.IDB, userID string, remember bool, meta Meta) (string, *Row, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", nil, fmt.Errorf("read session secret: %w", err)
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	now := m.now().UTC().Truncate(time.Microsecond)
	if err := refuseBanned(ctx, db, userID, now); err != nil {
		return "", nil, err
	}
	if m.OnCreate != nil {
		if err := m.OnCreate(ctx, db, userID); err != nil {
			return "", nil, err
		}
	}
	life := ExpiresIn
	if !remember {
		life = ShortExpiresIn
	}
	ua := meta.UserAgent
	if len(ua) > maxUserAgentBytes {
		ua = ua[:maxUserAgentBytes]
	}
	row := &Row{
		ID: store.NewID(), TokenHash: hashToken(token), UserID: userID, ExpiresAt: now.Add(life),
		RememberMe: remember, IPAddress: meta.IP, UserAgent: ua, CreatedAt: now, UpdatedAt: now, LastSeenAt: now,
		AuthenticatedAt: now,
	}
	if _, err := db.NewInsert().Model(row).Exec(ctx); err != nil {
		return "", nil, fmt.Errorf("insert session for user %s: %w", userID, err)
	}
	return token, row, nil
}

// Current is a valid session with its user.
type Current struct {
	Session *Row
	User    *user.Row
}

// Actor is who acts through this session, for the audit log: the user, or the admin impersonating them.
func (c *Current) Actor() string {
	if c.Session.ImpersonatedBy != nil {
		return *c.Session.ImpersonatedBy
	}
	return c.User.ID
}

// Resolve finds the session of the request's cookie. It returns nil when there is none, or when it
// expired or was revoked (then it also clears the cookie). A remembered session older than a day is
// slid forward and its cookie re-set.
func (m *Manager) Resolve(w http.ResponseWriter, r *http.Request) (*Current, error) {
	c, err := r.Cookie(m.cookieName)
	if err != nil || c.Value == "" {
		return nil, nil
	}
	ctx := r.Context()
	row, err := m.findByTokenHash(ctx, hashToken(c.Value))
	if errors.Is(err, sql.ErrNoRows) {
		m.ClearCookie(w)
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find session: %w", err)
	}
	now := m.now().UTC().Truncate(time.Microsecond)
	if !now.Before(row.ExpiresAt) {
		m.ClearCookie(w)
		if _, err := m.db.NewDelete().Model((*Row)(nil)).Where("id = ?", row.ID).Exec(ctx); err != nil {
			return nil, fmt.Errorf("delete expired session %s: %w", row.ID, err)
		}
		return nil, nil
	}
	refresh := row.RememberMe && !now.Before(row.ExpiresAt.Add(-ExpiresIn).Add(UpdateAge))
	if refresh || now.Sub(row.LastSeenAt) >= lastSeenEvery {
		q := m.db.NewUpdate().Model((*Row)(nil)).Set("last_seen_at = ?", now).Where("id = ?", row.ID)
		row.LastSeenAt = now
		if refresh {
			row.ExpiresAt, row.UpdatedAt = now.Add(ExpiresIn), now
			q = q.Set("expires_at = ?", row.ExpiresAt).Set("updated_at = ?", now)
		}
		if _, err := q.Exec(ctx); err != nil {
			return nil, fmt.Errorf("touch session %s: %w", row.ID, err)
		}
		if refresh {
			m.SetCookie(w, c.Value, row)
		}
	}
	return &Current{Session: row, User: row.User}, nil
}

// RevokeByToken ends the session whose secret is token.
func (m *Manager) RevokeByToken(ctx context.Context, token string) error {
	_, err := m.db.NewDelete().Model((*Row)(nil)).Where("token_hash = ?", hashToken(token)).Exec(ctx)
	if err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// RevokeByID ends one session by its public id, inside db (often a transaction that creates its
// replacement).
func (m *Manager) RevokeByID(ctx context.Context, db bun.IDB, id string) error {
	if _, err := db.NewDelete().Model((*Row)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
		return fmt.Errorf("delete session %s: %w", id, err)
	}
	return nil
}

// RevokeAllOfUser ends every session of the user, inside db.
func (m *Manager) RevokeAllOfUser(ctx context.Context, db bun.IDB, userID string) error {
	if _, err := db.NewDelete().Model((*Row)(nil)).Where("user_id = ?", userID).Exec(ctx); err != nil {
		return fmt.Errorf("delete sessions of user %s: %w", userID, err)
	}
	return nil
}

// SweepExpired deletes sessions past their expiry.
func (m *Manager) SweepExpired(ctx context.Context) (int64, error) {
	res, err := m.db.NewDelete().Model((*Row)(nil)).Where("expires_at <= ?", m.now().UTC()).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("sweep expired sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// SetCookie writes the session cookie. A remembered session's cookie lasts as long as the session; a
// session without "remember me" gets a browser-session cookie that ends when the browser closes.
func (m *Manager) SetCookie(w http.ResponseWriter, token string, row *Row) {
	c := &http.Cookie{
		Name: m.cookieName, Value: token, Path: "/", HttpOnly: true, Secure: m.secure, SameSite: http.SameSiteLaxMode,
	}
	if row.RememberMe {
		c.MaxAge = int(row.ExpiresAt.Sub(m.now()).Round(time.Second).Seconds())
	}
	http.SetCookie(w, c)
}

// ClearCookie removes the session cookie from the browser.
func (m *Manager) ClearCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name: m.cookieName, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: m.secure, SameSite: http.SameSiteLaxMode,
	})
}

// TokenFromRequest is the session secret the request carries, if any.
func (m *Manager) TokenFromRequest(r *http.Request) string {
	if c, err := r.Cookie(m.cookieName); err == nil {
		return c.Value
	}
	return ""
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// refuseBanned is the one point every sign-in passes (email, passkey, magic link, second factor): a
// banned user gets 403 BANNED_USER, as in Better Auth's session-create hook. A ban whose end has passed
// lifts itself here.
func refuseBanned(ctx context.Context, db bun.IDB, userID string, now time.Time) error {
	u := new(user.Row)
	err := db.NewSelect().Model(u).Column("banned", "ban_reason", "ban_expires").Where("u.id = ?", userID).Limit(1).Scan(ctx)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil // the insert reports the missing user
		}
		return fmt.Errorf("check ban of user %s: %w", userID, err)
	}
	if !u.Banned {
		return nil
	}
	if u.BanExpires != nil && !now.Before(*u.BanExpires) {
		_, err := db.NewUpdate().Model((*user.Row)(nil)).Set("banned = ?", false).Set("ban_reason = NULL").
			Set("ban_expires = NULL").Set("updated_at = ?", now).Where("id = ?", userID).Exec(ctx)
		if err != nil {
			return fmt.Errorf("lift expired ban of user %s: %w", userID, err)
		}
		return nil
	}
	msg := "You have been banned from this application."
	if u.BanReason != nil && *u.BanReason != "" {
		msg += " Reason: " + *u.BanReason
	}
	return api.Errorf(api.CodeBannedUser, msg)
}
