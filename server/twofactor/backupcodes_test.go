package twofactor

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"spacerr/server/store"
	"spacerr/server/store/storetest"
	"spacerr/shared/api"
)

func TestBackupCodesAreWellFormedAndDistinct(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 50; i++ {
		codes, err := newBackupCodes()
		if err != nil {
			t.Fatal(err)
		}
		if len(codes) != 10 {
			t.Fatalf("%d codes", len(codes))
		}
		for _, c := range codes {
			if n, ok := api.NormalizeBackupCode(c); !ok || n != c || seen[c] {
				t.Fatalf("code %q is malformed or repeated", c)
			}
			seen[c] = true
			shown := api.FormatBackupCode(c)
			if len(shown) != 11 || shown[5] != '-' {
				t.Fatalf("shown as %q", shown)
			}
		}
	}
	// Every character of the alphabet turns up: the codes use all 32 symbols (5 bits each).
	all := strings.Join(mapKeys(seen), "")
	for _, r := range api.BackupCodeAlphabet {
		if !strings.ContainsRune(all, r) {
			t.Fatalf("%q never drawn in %d codes", r, len(seen))
		}
	}
}

func mapKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestOnlyOneOfConcurrentUsesOfABackupCodeWins(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		insertUser(t, st, "u1")
		s := newStoreService(t, st, time.Now().UTC())
		codes, err := newBackupCodes()
		if err != nil {
			t.Fatal(err)
		}
		if err := s.insertBackupCodes(ctx, st.DB, "u1", codes, false, s.clock()); err != nil {
			t.Fatal(err)
		}
		for round := 0; round < 3; round++ {
			var wins atomic.Int32
			var wg sync.WaitGroup
			for i := 0; i < 8; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					ok, err := s.spendBackupCode(ctx, st.DB, "u1", codes[round], s.clock())
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
				t.Fatalf("round %d: %d concurrent uses of one code succeeded", round, wins.Load())
			}
		}
		if n, err := remainingBackupCodes(ctx, st.DB, "u1"); err != nil || n != 7 {
			t.Fatalf("remaining = %d, %v", n, err)
		}
		// The table holds no code, in any form.
		var hashes []string
		if err := st.DB.NewSelect().Table("backup_codes").Column("code_hash").Scan(ctx, &hashes); err != nil {
			t.Fatal(err)
		}
		for _, h := range hashes {
			for _, c := range codes {
				if strings.Contains(strings.ToUpper(h), c) || len(h) != 64 {
					t.Fatalf("hash %q reveals a code", h)
				}
			}
		}
		// A pending code (from an unverified enrolment) is not usable.
		pending, _ := newBackupCodes()
		if err := s.insertBackupCodes(ctx, st.DB, "u1", pending[:1], true, s.clock()); err != nil {
			t.Fatal(err)
		}
		if ok, err := s.spendBackupCode(ctx, st.DB, "u1", pending[0], s.clock()); ok || err != nil {
			t.Fatalf("a pending code was spent: %v, %v", ok, err)
		}
	})
}

func TestBackupCodesSurviveSecretRotation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		insertUser(t, st, "u1")
		before := newStoreService(t, st, time.Now().UTC(), testSecret)
		codes, _ := newBackupCodes()
		if err := before.insertBackupCodes(ctx, st.DB, "u1", codes, false, before.clock()); err != nil {
			t.Fatal(err)
		}
		withoutOld := newStoreService(t, st, time.Now().UTC(), rotatedSecret)
		if ok, _ := withoutOld.spendBackupCode(ctx, st.DB, "u1", codes[0], withoutOld.clock()); ok {
			t.Fatal("a code was found under a secret that never keyed it")
		}
		after := newStoreService(t, st, time.Now().UTC(), rotatedSecret, testSecret)
		if ok, err := after.spendBackupCode(ctx, st.DB, "u1", codes[0], after.clock()); !ok || err != nil {
			t.Fatalf("a code issued before the rotation: %v, %v", ok, err)
		}
	})
}
