package verification_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"spacerr/server/store"
	"spacerr/server/store/storetest"
	"spacerr/server/verification"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

var secret = []byte("test-secret-test-secret-test-secret-0123456789")

func TestConsumeReturnsTheValueOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := &clock{t: time.Now()}
		v := verification.New(s.DB, secret, c.now)
		handle, err := v.Create(ctx, s.DB, "passkey", []byte(`{"challenge":"abc"}`), 5*time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if len(handle) != 43 {
			t.Fatalf("handle %q is not 256 bits of base64url", handle)
		}
		if _, err := v.Consume(ctx, s.DB, "other-purpose", handle); !errors.Is(err, verification.ErrNotFound) {
			t.Fatalf("a handle was consumed under another purpose: %v", err)
		}
		got, err := v.Consume(ctx, s.DB, "passkey", handle)
		if err != nil || string(got) != `{"challenge":"abc"}` {
			t.Fatalf("consume = %q, %v", got, err)
		}
		if _, err := v.Consume(ctx, s.DB, "passkey", handle); !errors.Is(err, verification.ErrNotFound) {
			t.Fatalf("second consume: %v", err)
		}
		if _, err := v.Consume(ctx, s.DB, "passkey", ""); !errors.Is(err, verification.ErrNotFound) {
			t.Fatalf("empty handle: %v", err)
		}
	})
}

func TestTheDatabaseHoldsAKeyedHashNotTheHandle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := &clock{t: time.Now()}
		v := verification.New(s.DB, secret, c.now)
		handle, err := v.Create(ctx, s.DB, "passkey", []byte("x"), time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		var identifier string
		if err := s.DB.NewSelect().Table("verifications").Column("identifier").Scan(ctx, &identifier); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(identifier, handle) || len(identifier) != 64 {
			t.Fatalf("identifier %q reveals or is not a hash of the handle", identifier)
		}
		// Another secret (another deployment, or a reader of the table) cannot consume it.
		other := verification.New(s.DB, []byte("another-secret-another-secret-0123456789"), c.now)
		if _, err := other.Consume(ctx, s.DB, "passkey", handle); !errors.Is(err, verification.ErrNotFound) {
			t.Fatalf("consumed with another key: %v", err)
		}
		// A second instance with the same secret can (a flow begun on one replica ends on another).
		replica := verification.New(s.DB, secret, c.now)
		if _, err := replica.Consume(ctx, s.DB, "passkey", handle); err != nil {
			t.Fatalf("replica could not consume: %v", err)
		}
	})
}

func TestExpiredVerificationsAreRefusedAndSwept(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := &clock{t: time.Now()}
		v := verification.New(s.DB, secret, c.now)
		short, err := v.Create(ctx, s.DB, "p", []byte("short"), time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		long, err := v.Create(ctx, s.DB, "p", []byte("long"), 10*time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		c.advance(time.Minute) // expiry is exclusive: at expires_at the value is gone
		if _, err := v.Consume(ctx, s.DB, "p", short); !errors.Is(err, verification.ErrNotFound) {
			t.Fatalf("expired verification consumed: %v", err)
		}
		n, err := v.Sweep(ctx)
		if err != nil || n != 1 {
			t.Fatalf("sweep = %d, %v; want 1", n, err)
		}
		if got, err := v.Consume(ctx, s.DB, "p", long); err != nil || string(got) != "long" {
			t.Fatalf("sweep removed a live verification: %q %v", got, err)
		}
	})
}

func TestConcurrentConsumeHasExactlyOneWinner(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := &clock{t: time.Now()}
		v := verification.New(s.DB, secret, c.now)
		for round := range 5 {
			handle, err := v.Create(ctx, s.DB, "p", []byte("once"), time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			const racers = 8
			var wg sync.WaitGroup
			var mu sync.Mutex
			wins := 0
			start := make(chan struct{})
			for range racers {
				wg.Go(func() {
					<-start
					_, err := v.Consume(ctx, s.DB, "p", handle)
					mu.Lock()
					defer mu.Unlock()
					switch {
					case err == nil:
						wins++
					case !errors.Is(err, verification.ErrNotFound):
						t.Errorf("consume: %v", err)
					}
				})
			}
			close(start)
			wg.Wait()
			if wins != 1 {
				t.Fatalf("round %d: %d consumers got the value, want exactly 1", round, wins)
			}
		}
	})
}

func TestCreateInsideARolledBackTransactionLeavesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := &clock{t: time.Now()}
		v := verification.New(s.DB, secret, c.now)
		var handle string
		boom := errors.New("boom")
		err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			var err error
			handle, err = v.Create(ctx, tx, "p", []byte("x"), time.Minute)
			if err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		if _, err := v.Consume(ctx, s.DB, "p", handle); !errors.Is(err, verification.ErrNotFound) {
			t.Fatalf("a rolled-back verification survived: %v", err)
		}
	})
}

func TestCreateRefusesValuesTheColumnCannotHold(t *testing.T) {
	s := storetest.Open(t, store.SQLite)
	v := verification.New(s.DB, secret, time.Now)
	for _, bad := range [][]byte{{0xff, 0xfe}, []byte("a\x00b")} {
		if _, err := v.Create(context.Background(), s.DB, "p", bad, time.Minute); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
	if _, err := v.Create(context.Background(), s.DB, "p", []byte("x"), 0); err == nil {
		t.Error("accepted a zero ttl")
	}
}
