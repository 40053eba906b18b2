package account

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"
)

// AccountSignIns counts the user's accounts rows that are a way to sign in: the credential row when it
// holds a password, and every linked social account. exceptID leaves out one row (the account about to
// be unlinked); "" leaves out none. Passkeys live in their own table and are counted by their owner.
//
// It is the one rule behind "you cannot remove your last way in": server/passkey refuses deleting the
// last passkey and server/oidc refuses unlinking the last account only when this is 0 and nothing else
// is left. Callers pass a transaction that has locked the user's row, so the answer holds until commit.
func AccountSignIns(ctx context.Context, db bun.IDB, userID, exceptID string) (int, error) {
	q := db.NewSelect().Model((*Row)(nil)).
		Where("a.user_id = ?", userID).
		Where("(a.provider_id <> ? OR a.password IS NOT NULL)", ProviderCredential)
	if exceptID != "" {
		q = q.Where("a.id <> ?", exceptID)
	}
	n, err := q.Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("count sign-in accounts of user %s: %w", userID, err)
	}
	return int(n), nil
}
