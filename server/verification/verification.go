// Package verification keeps short-lived, single-use secrets in the database: WebAuthn ceremonies
// today, and later 2FA challenges, mailed links and OIDC state. The browser (or a mail) holds a random
// 256-bit handle; the verifications table holds only a keyed hash of it, so someone who can read the
// database cannot turn a row back into a usable handle. Every replica shares the table, so a flow begun
// on one instance can finish on another.
//
// A value is consumed exactly once: Consume deletes and returns the row in one statement, so of two
// concurrent attempts exactly one gets the value. The package must never log a handle or a value.
package verification

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"
	"golang.org/x/crypto/hkdf"

	"spacerr/server/store"
)

// ErrNotFound means the handle is unknown for that purpose, has expired, or was already consumed. The
// three are deliberately indistinguishable to the caller.
var ErrNotFound = errors.New("verification not found, expired or already used")

// hkdfInfo separates this key from anything else derived from AUTH_SECRET. Changing it invalidates
// every pending verification, which is harmless: they live minutes.
const hkdfInfo = "spacerr verification v1"

// row is one verifications row.
type row struct {
	bun.BaseModel `bun:"table:verifications,alias:v"`

	ID         string    `bun:"id,pk"`
	Identifier string    `bun:"identifier,notnull"`
	Value      string    `bun:"value,notnull"`
	ExpiresAt  time.Time `bun:"expires_at,notnull"`
	CreatedAt  time.Time `bun:"created_at,notnull"`
	UpdatedAt  time.Time `bun:"updated_at,notnull"`
}

// Store creates and consumes verifications.
type Store struct {
	db  *bun.DB
	key []byte
	now func() time.Time
}

// New returns a store whose identifiers are keyed by a key derived from authSecret with HKDF-SHA256.
// Every replica must share authSecret, as they do for sessions.
func New(db *bun.DB, authSecret []byte, now func() time.Time) *Store {
	key := make([]byte, 32)
	if _, err := io.ReadFull(hkdf.New(sha256.New, authSecret, nil, []byte(hkdfInfo)), key); err != nil {
		panic("verification: derive key: " + err.Error()) // HKDF cannot fail for 32 bytes
	}
	return &Store{db: db, key: key, now: now}
}

// Create stores value for purpose until ttl from now, inside db (the store's database or a
// transaction), and returns the random handle to give the browser. value must be UTF-8 text (JSON, say)
// because the column is text on both dialects.
func (s *Store) Create(ctx context.Context, db bun.IDB, purpose string, value []byte, ttl time.Duration) (string, error) {
	if !utf8.Valid(value) || bytes.IndexByte(value, 0) >= 0 {
		return "", fmt.Errorf("verification %s: the value must be UTF-8 text without NUL", purpose)
	}
	if ttl <= 0 {
		return "", fmt.Errorf("verification %s: ttl must be positive", purpose)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("read verification handle: %w", err)
	}
	handle := base64.RawURLEncoding.EncodeToString(raw)
	now := s.now().UTC().Truncate(time.Microsecond)
	r := &row{
		ID: store.NewID(), Identifier: s.identifier(purpose, handle), Value: string(value),
		ExpiresAt: now.Add(ttl), CreatedAt: now, UpdatedAt: now,
	}
	if _, err := db.NewInsert().Model(r).Exec(ctx); err != nil {
		return "", fmt.Errorf("insert verification %s: %w", purpose, err)
	}
	return handle, nil
}

// Consume deletes the verification of purpose and handle and returns its value, or ErrNotFound. The
// delete and the read are one statement (DELETE … RETURNING, on PostgreSQL and SQLite alike), so a
// value can never be returned twice, even to two concurrent requests.
func (s *Store) Consume(ctx context.Context, db bun.IDB, purpose, handle string) ([]byte, error) {
	if handle == "" {
		return nil, ErrNotFound
	}
	var value string
	err := db.QueryRowContext(ctx, "DELETE FROM verifications WHERE identifier = ? AND expires_at > ? RETURNING value",
		s.identifier(purpose, handle), s.now().UTC()).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("consume verification %s: %w", purpose, err)
	}
	return []byte(value), nil
}

// Sweep deletes expired verifications and reports how many there were.
func (s *Store) Sweep(ctx context.Context) (int64, error) {
	res, err := s.db.NewDelete().Model((*row)(nil)).Where("expires_at <= ?", s.now().UTC()).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("sweep expired verifications: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// identifier is the hex HMAC-SHA256 of purpose:handle. The purpose is inside the MAC, so a handle issued
// for one flow can never be consumed by another.
func (s *Store) identifier(purpose, handle string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(purpose + ":" + handle))
	return hex.EncodeToString(m.Sum(nil))
}

// Valid reports whether handle is a live verification of purpose, without consuming it (a mailed
// link's GET checks its token before the page that will spend it opens).
func (s *Store) Valid(ctx context.Context, db bun.IDB, purpose, handle string) (bool, error) {
	if handle == "" {
		return false, nil
	}
	n, err := db.NewSelect().Model((*row)(nil)).
		Where("identifier = ? AND expires_at > ?", s.identifier(purpose, handle), s.now().UTC()).Count(ctx)
	if err != nil {
		return false, fmt.Errorf("look verification %s up: %w", purpose, err)
	}
	return n > 0, nil
}
