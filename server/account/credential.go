// Package account signs people up and in with an email and a password. The password lives, hashed with
// argon2id, in the accounts row whose provider_id is "credential" (Better Auth's model), so later sign-in
// methods add rows beside it rather than columns to users.
package account

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"spacerr/server/store"
)

// ProviderCredential marks the accounts row that holds a password.
const ProviderCredential = "credential"

// Row is one accounts row.
type Row struct {
	bun.BaseModel `bun:"table:accounts,alias:a"`

	ID         string    `bun:"id,pk"`
	UserID     string    `bun:"user_id,notnull"`
	ProviderID string    `bun:"provider_id,notnull"`
	AccountID  string    `bun:"account_id,notnull"`
	Password   *string   `bun:"password"`
	CreatedAt  time.Time `bun:"created_at,notnull"`
	UpdatedAt  time.Time `bun:"updated_at,notnull"`
}

// insertCredential adds the password account of a user.
func insertCredential(ctx context.Context, db bun.IDB, userID, hash string, now time.Time) error {
	row := &Row{
		ID: store.NewID(), UserID: userID, ProviderID: ProviderCredential, AccountID: userID,
		Password: &hash, CreatedAt: now, UpdatedAt: now,
	}
	if _, err := db.NewInsert().Model(row).Exec(ctx); err != nil {
		return fmt.Errorf("insert credential account for user %s: %w", userID, err)
	}
	return nil
}

// passwordHash is the user's stored hash, or "" when the user has no password.
func passwordHash(ctx context.Context, db bun.IDB, userID string) (string, error) {
	row := new(Row)
	err := db.NewSelect().Model(row).
		Where("a.user_id = ? AND a.provider_id = ?", userID, ProviderCredential).Limit(1).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && row.Password == nil) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("find credential of user %s: %w", userID, err)
	}
	return *row.Password, nil
}

// HasPassword reports whether the user can sign in with a password. Other sign-in methods use it to
// refuse removing a user's last way in; they pass a transaction that has locked the user's row.
func HasPassword(ctx context.Context, db bun.IDB, userID string) (bool, error) {
	hash, err := passwordHash(ctx, db, userID)
	return hash != "", err
}

// SetCredential stores hash as the user's password, replacing the one there or adding the credential
// account (the admin's set-user-password and create-user use it). It does not end any session.
func SetCredential(ctx context.Context, db bun.IDB, userID, hash string, now time.Time) error {
	res, err := db.NewUpdate().Model((*Row)(nil)).Set("password = ?", hash).Set("updated_at = ?", now).
		Where("user_id = ? AND provider_id = ?", userID, ProviderCredential).Exec(ctx)
	if err != nil {
		return fmt.Errorf("update credential of user %s: %w", userID, err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	return insertCredential(ctx, db, userID, hash, now)
}
