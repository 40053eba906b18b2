package twofactor

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"spacerr/server/secretbox"
	"spacerr/server/store"
	"spacerr/server/store/storetest"
	"spacerr/server/user"
)

var (
	testSecret    = []byte("test-secret-test-secret-test-secret-0123456789")
	rotatedSecret = []byte("rotated-secret-rotated-secret-rotated-0123456789")
)

// newStoreService is a Service with only what the storage functions need.

func newStoreService(t *testing.T, st *store.Store, now time.Time, secrets ...[]byte) *Service {
	t.Helper()
	if len(secrets) == 0 {
		secrets = [][]byte{testSecret}
	}
	kr, err := secretbox.New(secrets[0], secrets[1:]...)
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Options{
		Store: st, Keyring: kr, Secrets: secrets, Now: func() time.Time { return now },
		CheckPassword: func(context.Context, string, string) error { return nil },
		HasPassword:   func(context.Context, bun.IDB, string) (bool, error) { return true, nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func insertUser(t *testing.T, st *store.Store, id string) {
	t.Helper()
	now := time.Now().UTC()
	if err := user.Insert(context.Background(), st.DB, &user.Row{ID: id, Name: id, Email: id + "@example.com", CreatedAt: now, UpdatedAt: now}); err != nil {
		t.Fatal(err)
	}
}

func TestSpendingATimeStepIsAtomicAndMonotonic(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		insertUser(t, st, "u1")
		now := time.Now().UTC().Truncate(time.Microsecond)
		s := newStoreService(t, st, now)
		var sealed string
		err := st.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
			rec, err := lockRecord(ctx, tx, "u1", now)
			if err != nil {
				return err
			}
			if sealed, err = s.keyring.Seal([]byte("secret"), table, columnSecret, rec.ID); err != nil {
				return err
			}
			_, err = tx.NewUpdate().Model((*record)(nil)).Set("secret = ?", sealed).Where("id = ?", rec.ID).Exec(ctx)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		var wins atomic.Int32
		var wg sync.WaitGroup
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, err := spendTimeStep(ctx, st.DB, "u1", sealed, 1000, now)
				if err != nil {
					t.Error(err)
				}
				if ok {
					wins.Add(1)
				}
			}()
		}
		wg.Wait()
		if wins.Load() != 1 {
			t.Fatalf("%d concurrent uses of one time step succeeded", wins.Load())
		}
		for step, want := range map[int64]bool{999: false, 1000: false, 1001: true} {
			if ok, err := spendTimeStep(ctx, st.DB, "u1", sealed, step, now); err != nil || ok != want {
				t.Errorf("step %d after 1000: %v, %v", step, ok, err)
			}
		}
		if ok, _ := spendTimeStep(ctx, st.DB, "u1", "v1:other", 2000, now); ok {
			t.Fatal("a step was spent for a secret the row no longer holds")
		}
	})
}

func TestTenFailuresLockForFifteenMinutes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		insertUser(t, st, "u1")
		now := time.Now().UTC().Truncate(time.Microsecond)
		if err := st.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
			_, err := lockRecord(ctx, tx, "u1", now)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		// Concurrent failures are all counted.
		var wg sync.WaitGroup
		var lockedCount atomic.Int32
		for i := 0; i < 9; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				locked, err := recordFailure(ctx, st.DB, "u1", now)
				if err != nil {
					t.Error(err)
				}
				if locked {
					lockedCount.Add(1)
				}
			}()
		}
		wg.Wait()
		if lockedCount.Load() != 0 {
			t.Fatal("locked before ten failures")
		}
		locked, err := recordFailure(ctx, st.DB, "u1", now)
		if err != nil || !locked {
			t.Fatalf("the tenth failure did not lock: %v, %v", locked, err)
		}
		rec, err := loadRecord(ctx, st.DB, "u1")
		if err != nil || !rec.lockedAt(now.Add(lockoutFor-time.Second)) || rec.lockedAt(now.Add(lockoutFor)) {
			t.Fatalf("lock %+v, %v", rec.LockedUntil, err)
		}
		// After the lock ends, counting starts again from zero.
		later := now.Add(lockoutFor)
		if locked, err := recordFailure(ctx, st.DB, "u1", later); locked || err != nil {
			t.Fatalf("one failure after the lock ended: %v, %v", locked, err)
		}
		if err := resetFailures(ctx, st.DB, "u1", later); err != nil {
			t.Fatal(err)
		}
		if rec, _ := loadRecord(ctx, st.DB, "u1"); rec.FailedCount != 0 || rec.LockedUntil != nil {
			t.Fatalf("after a success: %+v", rec)
		}
	})
}
