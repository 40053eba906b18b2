package session

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/uptrace/bun/dialect"

	"spacerr/server/user"
)

// lookupColumns are the session and its user, in the order scanLookup reads them.
const lookupColumns = `s.id, s.token_hash, s.user_id, s.expires_at, s.remember_me, s.ip_address, s.user_agent,
s.created_at, s.updated_at, s.last_seen_at, s.authenticated_at, s.impersonated_by,
u.id, u.name, u.email, u.email_verified, u.image, u.created_at, u.updated_at, u.two_factor_enabled,
u.last_login_method, u.role, u.banned, u.ban_reason, u.ban_expires`

// lookup is the one query every signed-in request runs. bun's pgdriver sends a query with its values
// written into the text, so PostgreSQL parses and plans it on every request; a prepared statement is
// planned once per connection and roughly doubles how many lookups the database answers per second.
// It is prepared on first use, not in NewManager, so a Manager can be built before the tables exist.
type lookup struct {
	stmt atomic.Pointer[sql.Stmt]
	mu   sync.Mutex // held only while preparing, so concurrent first requests prepare once
}

func (l *lookup) prepared(ctx context.Context, m *Manager) (*sql.Stmt, error) {
	if stmt := l.stmt.Load(); stmt != nil {
		return stmt, nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if stmt := l.stmt.Load(); stmt != nil {
		return stmt, nil
	}
	placeholder := "?"
	if m.db.Dialect().Name() == dialect.PG {
		placeholder = "$1"
	}
	query := "SELECT " + lookupColumns + " FROM sessions AS s JOIN users AS u ON u.id = s.user_id WHERE s.token_hash = " +
		placeholder + " LIMIT 1"
	// The statement belongs to the pool, not to ctx: database/sql prepares it again on each connection
	// as needed, so one request's cancellation must not end it for the others.
	stmt, err := m.db.DB.PrepareContext(context.WithoutCancel(ctx), strings.ReplaceAll(query, "\n", " "))
	if err != nil {
		return nil, fmt.Errorf("prepare the session lookup: %w", err)
	}
	l.stmt.Store(stmt)
	return stmt, nil
}

// findByTokenHash reads the session whose secret hashes to tokenHash, with its user; sql.ErrNoRows
// when there is none.
func (m *Manager) findByTokenHash(ctx context.Context, tokenHash string) (*Row, error) {
	stmt, err := m.lookup.prepared(ctx, m)
	if err != nil {
		return nil, err
	}
	row := &Row{User: new(user.Row)}
	if err := scanLookup(stmt.QueryRowContext(ctx, tokenHash), row); err != nil {
		return nil, err
	}
	return row, nil
}

func scanLookup(r *sql.Row, s *Row) error {
	u := s.User
	var impersonatedBy, image, lastLoginMethod, banReason sql.NullString
	var banExpires dbTime
	expiresAt, createdAt, updatedAt := dbTime{}, dbTime{}, dbTime{}
	lastSeenAt, authenticatedAt, userCreatedAt, userUpdatedAt := dbTime{}, dbTime{}, dbTime{}, dbTime{}
	err := r.Scan(&s.ID, &s.TokenHash, &s.UserID, &expiresAt, &s.RememberMe, &s.IPAddress, &s.UserAgent,
		&createdAt, &updatedAt, &lastSeenAt, &authenticatedAt, &impersonatedBy,
		&u.ID, &u.Name, &u.Email, &u.EmailVerified, &image, &userCreatedAt, &userUpdatedAt, &u.TwoFactorEnabled,
		&lastLoginMethod, &u.Role, &u.Banned, &banReason, &banExpires)
	if err != nil {
		return err
	}
	s.ExpiresAt, s.CreatedAt, s.UpdatedAt = expiresAt.t, createdAt.t, updatedAt.t
	s.LastSeenAt, s.AuthenticatedAt, s.ImpersonatedBy = lastSeenAt.t, authenticatedAt.t, stringPtr(impersonatedBy)
	u.CreatedAt, u.UpdatedAt = userCreatedAt.t, userUpdatedAt.t
	u.Image, u.LastLoginMethod, u.BanReason = stringPtr(image), stringPtr(lastLoginMethod), stringPtr(banReason)
	if banExpires.valid {
		u.BanExpires = &banExpires.t
	}
	return nil
}

func stringPtr(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	return &s.String
}

// dbTime reads a timestamp as bun writes it: PostgreSQL's driver hands over a time.Time, SQLite's a
// time.Time when it recognises the text, else the text itself.
type dbTime struct {
	t     time.Time
	valid bool
}

// The text forms bun's SQLite dialect and SQLite's own functions write.
var dbTimeLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999-07",
	"2006-01-02 15:04:05.999999999-07:00:00",
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999",
}

func (d *dbTime) Scan(src any) error {
	var text string
	switch v := src.(type) {
	case nil:
		*d = dbTime{}
		return nil
	case time.Time:
		*d = dbTime{t: v, valid: true}
		return nil
	case string:
		text = v
	case []byte:
		text = string(v)
	default:
		return fmt.Errorf("scan a timestamp from %T", src)
	}
	for _, layout := range dbTimeLayouts {
		if t, err := time.Parse(layout, text); err == nil {
			*d = dbTime{t: t, valid: true}
			return nil
		}
	}
	return fmt.Errorf("scan a timestamp from %q: unknown format", text)
}
