package twofactor

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"spacerr/server/store"
)

// record is one two_factors row: a user's authenticator.
type record struct {
	bun.BaseModel `bun:"table:two_factors,alias:tf"`

	ID            string     `bun:"id,pk"`
	UserID        string     `bun:"user_id,notnull"`
	Secret        *string    `bun:"secret"`         // sealed; set only once a code from it was accepted
	PendingSecret *string    `bun:"pending_secret"` // sealed; from enable, waiting for its first code
	LastUsedStep  *int64     `bun:"last_used_step"`
	FailedCount   int        `bun:"failed_count,notnull"`
	LockedUntil   *time.Time `bun:"locked_until"`
	CreatedAt     time.Time  `bun:"created_at,notnull"`
	UpdatedAt     time.Time  `bun:"updated_at,notnull"`
}

// The places secrets are sealed for: a sealed value only opens in its own row and column.
const (
	table               = "two_factors"
	columnSecret        = "secret"
	columnPendingSecret = "pending_secret"
)

// enabled reports whether sign-in must ask this user for a second factor.
func (r *record) enabled() bool { return r != nil && r.Secret != nil }

// lockedAt reports whether the second factor is locked at now.
func (r *record) lockedAt(now time.Time) bool {
	return r.LockedUntil != nil && now.Before(*r.LockedUntil)
}

// loadRecord is the user's row, or nil when the user never enabled two-factor authentication.
func loadRecord(ctx context.Context, db bun.IDB, userID string) (*record, error) {
	rec := new(record)
	err := db.NewSelect().Model(rec).Where("tf.user_id = ?", userID).Limit(1).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load two-factor of user %s: %w", userID, err)
	}
	return rec, nil
}

// lockRecord returns the user's row, creating an empty one if needed, and holds it until tx ends:
// every change to a user's second factor goes through this row first, so two of them (two enables, an
// enable and a verify) run one after the other. SQLite transactions here are BEGIN IMMEDIATE, which
// already serialise writers.
func lockRecord(ctx context.Context, tx bun.Tx, userID string, now time.Time) (*record, error) {
	fresh := &record{ID: store.NewID(), UserID: userID, CreatedAt: now, UpdatedAt: now}
	if _, err := tx.NewInsert().Model(fresh).On("CONFLICT (user_id) DO NOTHING").Exec(ctx); err != nil {
		return nil, fmt.Errorf("create two-factor of user %s: %w", userID, err)
	}
	rec := new(record)
	q := tx.NewSelect().Model(rec).Where("tf.user_id = ?", userID)
	if tx.Dialect().Name() == dialect.PG {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("lock two-factor of user %s: %w", userID, err)
	}
	return rec, nil
}

// setPendingSecret stores a new secret waiting for its first code, replacing any earlier one.
func setPendingSecret(ctx context.Context, tx bun.IDB, id, sealed string, now time.Time) error {
	_, err := tx.NewUpdate().Model((*record)(nil)).Set("pending_secret = ?", sealed).Set("updated_at = ?", now).
		Where("id = ?", id).Exec(ctx)
	if err != nil {
		return fmt.Errorf("store pending two-factor secret %s: %w", id, err)
	}
	return nil
}

// promotePendingSecret makes the pending secret the one sign-in asks for, recording step (the enrolment
// code's) as used, provided the pending secret is still the one that was checked: a concurrent enable
// may have replaced it, and then nothing changes and it reports false.
func promotePendingSecret(ctx context.Context, tx bun.IDB, id, checkedPending, sealedSecret string, step int64, now time.Time) (bool, error) {
	res, err := tx.NewUpdate().Model((*record)(nil)).
		Set("secret = ?", sealedSecret).Set("pending_secret = NULL").Set("last_used_step = ?", step).
		Set("failed_count = 0").Set("locked_until = NULL").Set("updated_at = ?", now).
		Where("id = ? AND pending_secret = ?", id, checkedPending).Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("promote two-factor secret %s: %w", id, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// spendTimeStep records step as used for the secret that was checked, provided no step at or after it
// was used before: of two requests with one code, or a replayed code, only the first succeeds. It also
// ends the run of failures. It reports false for a replay (or when the secret changed meanwhile).
func spendTimeStep(ctx context.Context, db bun.IDB, userID, checkedSecret string, step int64, now time.Time) (bool, error) {
	res, err := db.NewUpdate().Model((*record)(nil)).
		Set("last_used_step = ?", step).Set("failed_count = 0").Set("locked_until = NULL").Set("updated_at = ?", now).
		Where("user_id = ? AND secret = ?", userID, checkedSecret).
		Where("(last_used_step IS NULL OR last_used_step < ?)", step).Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("spend TOTP step for user %s: %w", userID, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// recordFailure counts one failed second-factor attempt in one statement (so concurrent failures are
// all counted) and, at the limit, locks the second factor and starts the count again. It reports
// whether the second factor is now locked.
func recordFailure(ctx context.Context, db bun.IDB, userID string, now time.Time) (bool, error) {
	until := now.Add(lockoutFor)
	var lockedUntil []time.Time
	err := db.NewRaw(`UPDATE two_factors SET
			locked_until = CASE WHEN failed_count + 1 >= ? THEN ? ELSE locked_until END,
			failed_count = CASE WHEN failed_count + 1 >= ? THEN 0 ELSE failed_count + 1 END,
			updated_at = ?
		WHERE user_id = ?
		RETURNING COALESCE(locked_until, ?)`, lockoutAfter, until, lockoutAfter, now, userID, now).Scan(ctx, &lockedUntil)
	if err != nil {
		return false, fmt.Errorf("count failed two-factor attempt of user %s: %w", userID, err)
	}
	return len(lockedUntil) == 1 && now.Before(lockedUntil[0]), nil
}

// resetFailures ends a run of failures after a success.
func resetFailures(ctx context.Context, db bun.IDB, userID string, now time.Time) error {
	_, err := db.NewUpdate().Model((*record)(nil)).Set("failed_count = 0").Set("locked_until = NULL").
		Set("updated_at = ?", now).Where("user_id = ?", userID).Exec(ctx)
	if err != nil {
		return fmt.Errorf("reset two-factor failures of user %s: %w", userID, err)
	}
	return nil
}

// deleteRecord removes the user's authenticator and reports whether there was one.
func deleteRecord(ctx context.Context, db bun.IDB, userID string) (bool, error) {
	res, err := db.NewDelete().Model((*record)(nil)).Where("user_id = ?", userID).Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("delete two-factor of user %s: %w", userID, err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}
