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
// The statements are prepared on first use, not in NewManager, so a Manager can be built before the
// tables exist.
//
// On PostgreSQL, lookups that arrive while every connection the pool allows is busy with one are
// answered together: the next query reads all of them (token_hash = ANY($1)). Under load that turns
// a dozen round trips into one, and each round trip costs both sides system calls; a lone lookup
// still goes at once, alone. Every lookup still reads the database, so a revoked session or a ban
// takes effect on the next request, on every replica.
type lookup struct {
	one, many atomic.Pointer[sql.Stmt]
	prepare   sync.Mutex // held only while preparing, so concurrent first requests prepare once

	mu      sync.Mutex
	waiting []*lookupWait // lookups no query has taken yet
	running int           // batch queries in flight
}

// lookupWait is one lookup waiting for its batch; done gets exactly one answer.
type lookupWait struct {
	tokenHash string
	done      chan lookupAnswer
}

type lookupAnswer struct {
	row *Row
	err error
}

// batchTimeout bounds a batch query: it runs for many requests, so no single request's context ends it.
const batchTimeout = 10 * time.Second

func (l *lookup) statement(ctx context.Context, m *Manager, many bool) (*sql.Stmt, error) {
	p := &l.one
	if many {
		p = &l.many
	}
	if stmt := p.Load(); stmt != nil {
		return stmt, nil
	}
	l.prepare.Lock()
	defer l.prepare.Unlock()
	if stmt := p.Load(); stmt != nil {
		return stmt, nil
	}
	where := "s.token_hash = ?"
	switch {
	case many:
		where = "s.token_hash = ANY($1::text[])"
	case m.db.Dialect().Name() == dialect.PG:
		where = "s.token_hash = $1"
	}
	query := "SELECT " + lookupColumns + " FROM sessions AS s JOIN users AS u ON u.id = s.user_id WHERE " + where
	if !many {
		query += " LIMIT 1"
	}
	// The statement belongs to the pool, not to ctx: database/sql prepares it again on each connection
	// as needed, so one request's cancellation must not end it for the others.
	stmt, err := m.db.DB.PrepareContext(context.WithoutCancel(ctx), strings.ReplaceAll(query, "\n", " "))
	if err != nil {
		return nil, fmt.Errorf("prepare the session lookup: %w", err)
	}
	p.Store(stmt)
	return stmt, nil
}

// findByTokenHash reads the session whose secret hashes to tokenHash, with its user; sql.ErrNoRows
// when there is none.
func (m *Manager) findByTokenHash(ctx context.Context, tokenHash string) (*Row, error) {
	if m.db.Dialect().Name() != dialect.PG {
		return m.findOne(ctx, tokenHash) // SQLite is in the process: a round trip costs nothing to save
	}
	l := &m.lookup
	w := &lookupWait{tokenHash: tokenHash, done: make(chan lookupAnswer, 1)}
	l.mu.Lock()
	l.waiting = append(l.waiting, w)
	start := l.running < m.batchLimit
	if start {
		l.running++
	}
	l.mu.Unlock()
	if start {
		m.runBatches(ctx)
	}
	select {
	case a := <-w.done:
		return a.row, a.err
	case <-ctx.Done():
		return nil, context.Cause(ctx)
	}
}

// runBatches answers the lookups waiting now with one query. Its caller's own lookup is among them,
// so the caller's request goes on at once; lookups that arrived meanwhile get the next query from a
// goroutine that keeps this place, so no request waits on other people's. The place is given back
// when nothing waits. A lookup that arrives meanwhile either finds a free place or is left for a
// running query's follower: both decide under l.mu.
func (m *Manager) runBatches(ctx context.Context) {
	l := &m.lookup
	l.mu.Lock()
	batch := l.waiting
	l.waiting = nil
	if len(batch) == 0 {
		l.running--
		l.mu.Unlock()
		return
	}
	l.mu.Unlock()
	m.answer(ctx, batch)
	l.mu.Lock()
	if len(l.waiting) == 0 {
		l.running--
		l.mu.Unlock()
		return
	}
	l.mu.Unlock()
	go m.runBatches(context.WithoutCancel(ctx))
}

// answer runs one query for batch and gives each lookup its row, sql.ErrNoRows, or the query's error.
func (m *Manager) answer(ctx context.Context, batch []*lookupWait) {
	qctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), batchTimeout)
	defer cancel()
	if len(batch) == 1 {
		row, err := m.findOne(qctx, batch[0].tokenHash)
		batch[0].done <- lookupAnswer{row, err}
		return
	}
	found, err := m.findMany(qctx, batch)
	given := make(map[string]bool, len(batch))
	for _, w := range batch {
		switch row := found[w.tokenHash]; {
		case err != nil:
			w.done <- lookupAnswer{nil, err}
		case row == nil:
			w.done <- lookupAnswer{nil, sql.ErrNoRows}
		case given[w.tokenHash]:
			// The same session twice in a batch (two tabs at once): each caller updates its own copy.
			c, u := *row, *row.User
			c.User = &u
			w.done <- lookupAnswer{&c, nil}
		default:
			given[w.tokenHash] = true
			w.done <- lookupAnswer{row, nil}
		}
	}
}

func (m *Manager) findOne(ctx context.Context, tokenHash string) (*Row, error) {
	stmt, err := m.lookup.statement(ctx, m, false)
	if err != nil {
		return nil, err
	}
	row := &Row{User: new(user.Row)}
	if err := scanLookup(stmt.QueryRowContext(ctx, tokenHash), row); err != nil {
		return nil, err
	}
	return row, nil
}

// findMany reads the sessions of batch, keyed by token hash.
func (m *Manager) findMany(ctx context.Context, batch []*lookupWait) (map[string]*Row, error) {
	stmt, err := m.lookup.statement(ctx, m, true)
	if err != nil {
		return nil, err
	}
	// A text[] parameter in PostgreSQL's array syntax. The hashes are hex (hashToken), so none needs
	// quoting; the literal is a bound value, never part of the SQL.
	var array strings.Builder
	array.WriteByte('{')
	for i, w := range batch {
		if i > 0 {
			array.WriteByte(',')
		}
		array.WriteString(w.tokenHash)
	}
	array.WriteByte('}')
	rows, err := stmt.QueryContext(ctx, array.String())
	if err != nil {
		return nil, fmt.Errorf("look up %d sessions: %w", len(batch), err)
	}
	defer rows.Close()
	found := make(map[string]*Row, len(batch))
	for rows.Next() {
		row := &Row{User: new(user.Row)}
		if err := scanLookup(rows, row); err != nil {
			return nil, fmt.Errorf("read a session: %w", err)
		}
		found[row.TokenHash] = row
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("look up %d sessions: %w", len(batch), err)
	}
	return found, nil
}

// scanLookup reads one row of the lookup into s (whose User is set).
func scanLookup(r interface{ Scan(...any) error }, s *Row) error {
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
