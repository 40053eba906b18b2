package twofactor

import (
	"context"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"spacerr/server/store"
	"spacerr/server/store/storetest"
)

func TestResealSecretsMovesThemToTheCurrentKey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		insertUser(t, st, "u1")
		now := time.Now().UTC().Truncate(time.Microsecond)
		old := newStoreService(t, st, now, testSecret)
		var id string
		if err := st.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
			rec, err := lockRecord(ctx, tx, "u1", now)
			if err != nil {
				return err
			}
			id = rec.ID
			a, _ := old.keyring.Seal([]byte("active"), table, columnSecret, rec.ID)
			p, _ := old.keyring.Seal([]byte("pending"), table, columnPendingSecret, rec.ID)
			_, err = tx.NewUpdate().Model((*record)(nil)).Set("secret = ?", a).Set("pending_secret = ?", p).Where("id = ?", rec.ID).Exec(ctx)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		rotated := newStoreService(t, st, now, rotatedSecret, testSecret)
		n, err := rotated.ResealSecrets(ctx)
		if err != nil || n != 2 {
			t.Fatalf("resealed %d, %v", n, err)
		}
		if n, err := rotated.ResealSecrets(ctx); err != nil || n != 0 {
			t.Fatalf("second run resealed %d, %v", n, err)
		}
		only := newStoreService(t, st, now, rotatedSecret)
		rec, err := loadRecord(ctx, st.DB, "u1")
		if err != nil {
			t.Fatal(err)
		}
		a, errA := only.keyring.Open(*rec.Secret, table, columnSecret, id)
		p, errP := only.keyring.Open(*rec.PendingSecret, table, columnPendingSecret, id)
		if string(a) != "active" || string(p) != "pending" || errA != nil || errP != nil {
			t.Fatalf("after resealing: %q %v, %q %v", a, errA, p, errP)
		}
	})
}
