package oidc

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/uptrace/bun"

	"spacerr/server/audit"
	"spacerr/server/store"
	"spacerr/server/user"
	"spacerr/shared/api"
	"spacerr/shared/validate"
)

// accountRow is an accounts row of a social provider. The table is server/account's; this package
// reads and writes only rows whose provider_id is a social provider, plus the email column it added.
type accountRow struct {
	bun.BaseModel `bun:"table:accounts,alias:a"`

	ID         string    `bun:"id,pk"`
	UserID     string    `bun:"user_id,notnull"`
	ProviderID string    `bun:"provider_id,notnull"`
	AccountID  string    `bun:"account_id,notnull"`
	Password   *string   `bun:"password"`
	Email      *string   `bun:"email"`
	CreatedAt  time.Time `bun:"created_at,notnull"`
	UpdatedAt  time.Time `bun:"updated_at,notnull"`
}

// toAPI is the public view: never the password hash.
func (a *accountRow) toAPI() api.Account {
	out := api.Account{
		ID: a.ID, ProviderID: a.ProviderID, AccountID: a.AccountID, UserID: a.UserID, Scopes: []string{},
		CreatedAt: api.Millis(a.CreatedAt), UpdatedAt: api.Millis(a.UpdatedAt),
	}
	if a.ProviderID == api.ProviderGoogle {
		out.Scopes = append(out.Scopes, scopes...)
	}
	if a.Email != nil {
		out.Email = *a.Email
	}
	return out
}

// accountBySubject is the Google account whose ID token subject is sub, or nil.
func accountBySubject(ctx context.Context, db bun.IDB, sub string) (*accountRow, error) {
	a := new(accountRow)
	err := db.NewSelect().Model(a).Where("a.provider_id = ? AND a.account_id = ?", api.ProviderGoogle, sub).Limit(1).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find Google account: %w", err)
	}
	return a, nil
}

// accountsOfUser are the user's accounts rows, oldest first.
func accountsOfUser(ctx context.Context, db bun.IDB, userID string) ([]accountRow, error) {
	var rows []accountRow
	if err := db.NewSelect().Model(&rows).Where("a.user_id = ?", userID).Order("a.created_at", "a.id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("list accounts of user %s: %w", userID, err)
	}
	return rows, nil
}

// insertAccount connects the Google account of c to userID.
func insertAccount(ctx context.Context, db bun.IDB, userID string, c *claims, now time.Time) error {
	a := &accountRow{
		ID: store.NewID(), UserID: userID, ProviderID: api.ProviderGoogle, AccountID: c.Subject,
		Email: emailOf(c), CreatedAt: now, UpdatedAt: now,
	}
	if _, err := db.NewInsert().Model(a).Exec(ctx); err != nil {
		return fmt.Errorf("insert Google account for user %s: %w", userID, err)
	}
	return nil
}

// emailOf is the normalised email of c, or nil when it has none.
func emailOf(c *claims) *string {
	e := validate.NormalizeEmail(c.Email)
	if e == "" {
		return nil
	}
	return &e
}

// touchEmail records the email the provider now gives for an account, if it changed.
func touchEmail(ctx context.Context, db bun.IDB, a *accountRow, c *claims, now time.Time) error {
	e := emailOf(c)
	if e == nil || (a.Email != nil && *a.Email == *e) {
		return nil
	}
	if _, err := db.NewUpdate().Model((*accountRow)(nil)).Set("email = ?", *e).Set("updated_at = ?", now).
		Where("id = ?", a.ID).Exec(ctx); err != nil {
		return fmt.Errorf("update email of account %s: %w", a.ID, err)
	}
	return nil
}

// findOrCreate returns the user c signs in: the one its account is linked to; else the user of its
// email, linking the account, but only when that is safe; else a new user. refusal is the callback
// error code when the sign-in must not go on.
//
// Linking by email needs the provider to vouch for the address (email_verified) AND the local account's
// address to be verified: otherwise someone could sign up with a victim's address and a password of
// their own before the victim first uses Google, and keep a way into the victim's account
// ("pre-account hijacking"). Refused users sign in another way and link from settings.
func (s *Service) findOrCreate(ctx context.Context, c *claims) (u *user.Row, created bool, refusal string, err error) {
	now := s.opts.Now().UTC().Truncate(time.Microsecond)
	err = s.opts.Store.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		created, refusal = false, ""
		a, err := accountBySubject(ctx, tx, c.Subject)
		if err != nil {
			return err
		}
		if a != nil {
			if err := touchEmail(ctx, tx, a, c, now); err != nil {
				return err
			}
			u, err = user.ByID(ctx, tx, a.UserID)
			return err
		}
		email := validate.NormalizeEmail(c.Email)
		if validate.Email(email) != nil {
			refusal = api.SocialErrorEmailMissing
			return nil
		}
		u, err = user.ByEmail(ctx, tx, email)
		if err == nil {
			if !bool(c.EmailVerified) || !u.EmailVerified {
				refusal = api.SocialErrorNotLinked
				return nil
			}
			return insertAccount(ctx, tx, u.ID, c, now)
		}
		if !errors.Is(err, user.ErrNotFound) {
			return err
		}
		u = &user.Row{
			ID: store.NewID(), Name: nameOf(c, email), Email: email, EmailVerified: bool(c.EmailVerified),
			Image: pictureOf(c), CreatedAt: now, UpdatedAt: now,
		}
		if err := user.Insert(ctx, tx, u); err != nil {
			return err
		}
		created = true
		return insertAccount(ctx, tx, u.ID, c, now)
	})
	if err != nil {
		return nil, false, "", fmt.Errorf("sign in with Google: %w", err)
	}
	if created {
		slog.InfoContext(ctx, "signed up with Google", "user_id", u.ID)
	}
	return u, created, refusal, nil
}

// link connects c's account to userID and records it in the audit log (event), in one transaction.
// refusal is the callback error code when it must not.
func (s *Service) link(ctx context.Context, userID string, c *claims, event audit.Entry) (refusal string, err error) {
	now := s.opts.Now().UTC().Truncate(time.Microsecond)
	err = s.opts.Store.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		refusal = ""
		if err := lockUser(ctx, tx, userID); err != nil {
			return err
		}
		a, err := accountBySubject(ctx, tx, c.Subject)
		if err != nil {
			return err
		}
		if a != nil {
			if a.UserID != userID {
				refusal = api.SocialErrorAlreadyLinked
				return nil
			}
			return touchEmail(ctx, tx, a, c, now) // linked already: nothing to do
		}
		rows, err := accountsOfUser(ctx, tx, userID)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if r.ProviderID == api.ProviderGoogle {
				refusal = api.SocialErrorOtherConnected
				return nil
			}
		}
		if err := insertAccount(ctx, tx, userID, c, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, event)
	})
	if store.IsUniqueViolation(err) {
		// The same Google account linked to someone else at this very moment.
		return api.SocialErrorAlreadyLinked, nil
	}
	if err != nil {
		return "", fmt.Errorf("link Google account to user %s: %w", userID, err)
	}
	return refusal, nil
}
