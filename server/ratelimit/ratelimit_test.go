package ratelimit_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"spacerr/server/config"
	"spacerr/server/ratelimit"
	"spacerr/server/store"
	"spacerr/server/store/storetest"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func TestFixedWindow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := &clock{t: time.Unix(1_800_000_000, 0)}
		l := ratelimit.New(s.DB, c.now)
		lim := config.RateLimit{Max: 3, Window: 10 * time.Second}
		for i := 1; i <= 3; i++ {
			d, err := l.Allow(ctx, "ip|/sign-in/email", lim)
			if err != nil || !d.Allowed || d.Count != i {
				t.Fatalf("request %d: %+v %v", i, d, err)
			}
		}
		c.advance(4 * time.Second)
		d, err := l.Allow(ctx, "ip|/sign-in/email", lim)
		if err != nil || d.Allowed || d.RetryAfter != 6*time.Second {
			t.Fatalf("4th request: want refused with 6s to wait, got %+v %v", d, err)
		}
		if d, _ := l.Allow(ctx, "other|/sign-in/email", lim); !d.Allowed {
			t.Fatal("another key shares the counter")
		}
		c.advance(6 * time.Second)
		if d, _ := l.Allow(ctx, "ip|/sign-in/email", lim); !d.Allowed || d.Count != 1 {
			t.Fatalf("after the window: want a fresh count, got %+v", d)
		}
		n, err := l.Sweep(ctx)
		if err != nil || n != 0 {
			t.Fatalf("sweep removed live windows: %d %v", n, err)
		}
		c.advance(time.Minute)
		if n, err := l.Sweep(ctx); err != nil || n != 2 {
			t.Fatalf("sweep: want 2 ended windows removed, got %d %v", n, err)
		}
	})
}

func TestConcurrentRequestsAreCountedExactly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		l := ratelimit.New(s.DB, time.Now)
		lim := config.RateLimit{Max: 10, Window: time.Minute}
		var wg sync.WaitGroup
		var mu sync.Mutex
		allowed := 0
		for range 30 {
			wg.Go(func() {
				d, err := l.Allow(context.Background(), "race", lim)
				if err != nil {
					t.Error(err)
					return
				}
				if d.Allowed {
					mu.Lock()
					allowed++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if allowed != 10 {
			t.Fatalf("want exactly 10 allowed, got %d", allowed)
		}
	})
}

func TestMiddlewareAnswers429WithRetryAfter(t *testing.T) {
	s := storetest.Open(t, store.SQLite)
	l := ratelimit.New(s.DB, time.Now)
	rule := func(*http.Request) (config.RateLimit, bool) {
		return config.RateLimit{Max: 1, Window: 10 * time.Second}, true
	}
	h := ratelimit.Middleware(l, rule, func(*http.Request) string { return "203.0.113.9" },
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) }))
	do := func() *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("POST", "/api/auth/sign-in/email", nil))
		return rec
	}
	if rec := do(); rec.Code != 204 {
		t.Fatalf("first: %d", rec.Code)
	}
	rec := do()
	if rec.Code != 429 || rec.Header().Get("X-Retry-After") != "10" {
		t.Fatalf("second: %d X-Retry-After=%q body=%s", rec.Code, rec.Header().Get("X-Retry-After"), rec.Body)
	}
}
