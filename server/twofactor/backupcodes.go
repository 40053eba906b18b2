package twofactor

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"spacerr/server/store"
	"spacerr/shared/api"
)

// backupCode is one backup_codes row. The code itself is never stored: code_hash is its HMAC-SHA256
// under a key derived from AUTH_SECRET, so the table alone does not reveal codes, and a code can still be
// found with one indexed lookup (a slow password hash per code would need a scan of every code).
// Fifty random bits per code, a per-IP rate limit and the account lockout leave guessing hopeless.
type backupCode struct {
	bun.BaseModel `bun:"table:backup_codes,alias:bc"`

	ID        string     `bun:"id,pk"`
	UserID    string     `bun:"user_id,notnull"`
	CodeHash  string     `bun:"code_hash,notnull"`
	Pending   bool       `bun:"pending,notnull"` // issued with a pending secret; active once it is verified
	UsedAt    *time.Time `bun:"used_at"`
	CreatedAt time.Time  `bun:"created_at,notnull"`
}

// newBackupCodes draws backupCodesPerUser distinct codes in canonical form (10 Crockford base32
// characters, 50 bits each).
func newBackupCodes() ([]string, error) {
	codes := make([]string, 0, backupCodesPerUser)
	seen := map[string]bool{}
	raw := make([]byte, api.BackupCodeChars)
	for len(codes) < backupCodesPerUser {
		if _, err := rand.Read(raw); err != nil {
			return nil, fmt.Errorf("read backup code: %w", err)
		}
		c := make([]byte, api.BackupCodeChars)
		for i, b := range raw {
			c[i] = api.BackupCodeAlphabet[b&31] // 256 is a multiple of 32: every character equally likely
		}
		if code := string(c); !seen[code] {
			seen[code] = true
			codes = append(codes, code)
		}
	}
	return codes, nil
}

// backupCodeHashes are the code's hashes under every key, current first: a code issued before
// AUTH_SECRET was rotated is still found while the old secret is in AUTH_SECRET_PREVIOUS.
func (s *Service) backupCodeHashes(canonical string) []string {
	out := make([]string, len(s.codeKeys))
	for i, k := range s.codeKeys {
		m := hmac.New(sha256.New, k)
		m.Write([]byte(canonical))
		out[i] = hex.EncodeToString(m.Sum(nil))
	}
	return out
}

// insertBackupCodes stores the codes' hashes for the user.
func (s *Service) insertBackupCodes(ctx context.Context, db bun.IDB, userID string, codes []string, pending bool, now time.Time) error {
	rows := make([]backupCode, len(codes))
	for i, c := range codes {
		rows[i] = backupCode{
			ID: store.NewID(), UserID: userID, CodeHash: s.backupCodeHashes(c)[0], Pending: pending, CreatedAt: now,
		}
	}
	if _, err := db.NewInsert().Model(&rows).Exec(ctx); err != nil {
		return fmt.Errorf("insert backup codes of user %s: %w", userID, err)
	}
	return nil
}

// spendBackupCode marks the user's unused active code as used in one conditional UPDATE: of two
// concurrent uses of one code, exactly one changes the row, and only it succeeds.
func (s *Service) spendBackupCode(ctx context.Context, db bun.IDB, userID, canonical string, now time.Time) (bool, error) {
	res, err := db.NewUpdate().Model((*backupCode)(nil)).Set("used_at = ?", now).
		Where("user_id = ? AND code_hash IN (?) AND used_at IS NULL AND pending = ?", userID, bun.In(s.backupCodeHashes(canonical)), false).
		Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("spend backup code of user %s: %w", userID, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// remainingBackupCodes counts the user's unused active codes.
func remainingBackupCodes(ctx context.Context, db bun.IDB, userID string) (int, error) {
	n, err := db.NewSelect().Model((*backupCode)(nil)).
		Where("bc.user_id = ? AND bc.used_at IS NULL AND bc.pending = ?", userID, false).Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("count backup codes of user %s: %w", userID, err)
	}
	return int(n), nil
}

// deleteBackupCodes removes the user's codes: only the pending ones, or all of them.
func deleteBackupCodes(ctx context.Context, db bun.IDB, userID string, onlyPending bool) error {
	q := db.NewDelete().Model((*backupCode)(nil)).Where("user_id = ?", userID)
	if onlyPending {
		q = q.Where("pending = ?", true)
	}
	if _, err := q.Exec(ctx); err != nil {
		return fmt.Errorf("delete backup codes of user %s: %w", userID, err)
	}
	return nil
}

// promotePendingBackupCodes replaces the active codes with the pending ones, if any are pending (a
// regeneration during the enrolment may have replaced them with active ones already).
func promotePendingBackupCodes(ctx context.Context, db bun.IDB, userID string) error {
	pending, err := db.NewSelect().Model((*backupCode)(nil)).Where("bc.user_id = ? AND bc.pending = ?", userID, true).Count(ctx)
	if err != nil {
		return fmt.Errorf("count pending backup codes of user %s: %w", userID, err)
	}
	if pending == 0 {
		return nil
	}
	if _, err := db.NewDelete().Model((*backupCode)(nil)).Where("user_id = ? AND pending = ?", userID, false).Exec(ctx); err != nil {
		return fmt.Errorf("delete replaced backup codes of user %s: %w", userID, err)
	}
	if _, err := db.NewUpdate().Model((*backupCode)(nil)).Set("pending = ?", false).Where("user_id = ?", userID).Exec(ctx); err != nil {
		return fmt.Errorf("activate backup codes of user %s: %w", userID, err)
	}
	return nil
}

// formatBackupCodes is how codes are shown: XXXXX-XXXXX.
func formatBackupCodes(codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = api.FormatBackupCode(c)
	}
	return out
}

// BackupCodesLeft is how many active backup codes the user has not used (0 without two-factor
// authentication), for the admin's view of a user (composed in server).
func BackupCodesLeft(ctx context.Context, db bun.IDB, userID string) (int, error) {
	return remainingBackupCodes(ctx, db, userID)
}
