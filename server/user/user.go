// Package user stores account holders: the users table and its conversion to the API's User. Other
// features refer to users through it; it knows nothing about how anyone signs in.
package user

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"spacerr/shared/api"
)

// ErrNotFound means no user has that id or email.
var ErrNotFound = errors.New("user not found")

// Row is one users row.
type Row struct {
	bun.BaseModel `bun:"table:users,alias:u"`

	ID            string    `bun:"id,pk"`
	Name          string    `bun:"name,notnull"`
	Email         string    `bun:"email,notnull"`
	EmailVerified bool      `bun:"email_verified,notnull"`
	Image         *string   `bun:"image"`
	CreatedAt     time.Time `bun:"created_at,notnull"`
	UpdatedAt     time.Time `bun:"updated_at,notnull"`
	// TwoFactorEnabled mirrors whether server/twofactor holds a verified secret for the user; that
	// package changes it, in the same transaction as the secret.
	TwoFactorEnabled bool `bun:"two_factor_enabled,notnull"`
	// LastLoginMethod is how the user last signed in ("email", "passkey", "magic-link"); nil before the
	// first sign-in that recorded it.
	LastLoginMethod *string `bun:"last_login_method"`
	// Role is "user" or "admin" (server/admin); Banned users cannot sign in until BanExpires (nil: never).
	Role       string     `bun:"role,notnull"`
	Banned     bool       `bun:"banned,notnull"`
	BanReason  *string    `bun:"ban_reason"`
	BanExpires *time.Time `bun:"ban_expires"`
}

// ToAPI is the public view of the row.
func (u *Row) ToAPI() api.User {
	return api.User{
		ID: u.ID, Name: u.Name, Email: u.Email, EmailVerified: u.EmailVerified, Image: u.Image,
		CreatedAt: api.Millis(u.CreatedAt), UpdatedAt: api.Millis(u.UpdatedAt), TwoFactorEnabled: u.TwoFactorEnabled,
		LastLoginMethod: deref(u.LastLoginMethod), Role: u.Role, Banned: u.Banned, BanReason: deref(u.BanReason),
		BanExpires: millisPtr(u.BanExpires),
	}
}

func millisPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	m := api.Millis(*t)
	return &m
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// SetLastLoginMethod records how the user just signed in (Better Auth's user.lastLoginMethod).
func SetLastLoginMethod(ctx context.Context, db bun.IDB, id, method string) error {
	_, err := db.NewUpdate().Model((*Row)(nil)).Set("last_login_method = ?", method).Where("id = ?", id).Exec(ctx)
	if err != nil {
		return fmt.Errorf("set last login method of user %s: %w", id, err)
	}
	return nil
}

// Insert adds u; a taken email is reported by store.IsUniqueViolation.
func Insert(ctx context.Context, db bun.IDB, u *Row) error {
	if u.Role == "" {
		u.Role = api.RoleUser
	}
	if _, err := db.NewInsert().Model(u).Exec(ctx); err != nil {
		return fmt.Errorf("insert user: %w", err)
	}
	return nil
}

// SetTwoFactorEnabled records whether sign-in asks the user for a second factor.
func SetTwoFactorEnabled(ctx context.Context, db bun.IDB, id string, enabled bool, now time.Time) error {
	_, err := db.NewUpdate().Model((*Row)(nil)).Set("two_factor_enabled = ?", enabled).Set("updated_at = ?", now).
		Where("id = ?", id).Exec(ctx)
	if err != nil {
		return fmt.Errorf("set two-factor flag of user %s: %w", id, err)
	}
	return nil
}

// ByID finds a user by id.
func ByID(ctx context.Context, db bun.IDB, id string) (*Row, error) {
	return one(ctx, db.NewSelect().Model((*Row)(nil)).Where("u.id = ?", id))
}

// ByEmail finds a user by normalised email.
func ByEmail(ctx context.Context, db bun.IDB, email string) (*Row, error) {
	return one(ctx, db.NewSelect().Model((*Row)(nil)).Where("u.email = ?", email))
}

func one(ctx context.Context, q *bun.SelectQuery) (*Row, error) {
	u := new(Row)
	if err := q.Model(u).Limit(1).Scan(ctx); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, ErrNotFound
		}
		return nil, fmt.Errorf("find user: %w", err)
	}
	return u, nil
}
