package twofactor

import (
	"context"
	"fmt"
	"log/slog"
)

// SweepExpired deletes expired trusted devices and reports how many there were.
func (s *Service) SweepExpired(ctx context.Context) (int64, error) {
	res, err := s.store.DB.NewDelete().Model((*trustedDevice)(nil)).Where("expires_at <= ?", s.clock()).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("sweep expired trusted devices: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// ResealSecrets re-encrypts under the current AUTH_SECRET the secrets still sealed under a previous
// one, so that after a rotation the old secret can leave AUTH_SECRET_PREVIOUS once this has run. Each
// row is rewritten only if it still holds the value that was read, so it is safe beside live traffic
// and on every replica at once. It reports how many values it rewrote.
func (s *Service) ResealSecrets(ctx context.Context) (int, error) {
	var recs []record
	prefix := s.keyring.CurrentPrefix()
	err := s.store.DB.NewSelect().Model(&recs).
		Where("(tf.secret IS NOT NULL AND tf.secret NOT LIKE ?) OR (tf.pending_secret IS NOT NULL AND tf.pending_secret NOT LIKE ?)",
			prefix+"%", prefix+"%").
		Limit(1000).Scan(ctx)
	if err != nil {
		return 0, fmt.Errorf("find secrets sealed under a previous key: %w", err)
	}
	n := 0
	for _, rec := range recs {
		for _, col := range []struct {
			name  string
			value *string
		}{{columnSecret, rec.Secret}, {columnPendingSecret, rec.PendingSecret}} {
			if col.value == nil || s.keyring.IsCurrent(*col.value) {
				continue
			}
			plain, err := s.keyring.Open(*col.value, table, col.name, rec.ID)
			if err != nil {
				// Sealed under a secret that is no longer configured: the user must enrol again.
				slog.WarnContext(ctx, "a two-factor secret cannot be decrypted with the configured secrets",
					"user_id", rec.UserID, "column", col.name, "err", err)
				continue
			}
			sealed, err := s.keyring.Seal(plain, table, col.name, rec.ID)
			if err != nil {
				return n, err
			}
			res, err := s.store.DB.NewUpdate().Model((*record)(nil)).Set(col.name+" = ?", sealed).
				Where("id = ? AND "+col.name+" = ?", rec.ID, *col.value).Exec(ctx)
			if err != nil {
				return n, fmt.Errorf("reseal two-factor secret of user %s: %w", rec.UserID, err)
			}
			if k, _ := res.RowsAffected(); k == 1 {
				n++
			}
		}
	}
	return n, nil
}
