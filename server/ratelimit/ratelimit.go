// Package ratelimit counts requests per key in fixed windows stored in the database, so a limit holds
// across every replica behind a load balancer. It never keeps counts only in process memory.
package ratelimit

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"spacerr/server/config"
	"spacerr/server/httpapi"
	"spacerr/shared/api"
)

// Limiter is the database-backed counter.
type Limiter struct {
	db  bun.IDB
	now func() time.Time
}

// New returns a limiter on db; now is the clock (time.Now in production).
func New(db bun.IDB, now func() time.Time) *Limiter { return &Limiter{db: db, now: now} }

// Decision is the outcome of one counted request.
type Decision struct {
	Allowed    bool
	Count      int
	RetryAfter time.Duration // until the window resets; meaningful when !Allowed
}

// Allow counts one request for key and says whether it is within lim. The upsert is one statement, so
// concurrent requests on any replica each see a distinct count.
func (l *Limiter) Allow(ctx context.Context, key string, lim config.RateLimit) (Decision, error) {
	if lim.Max <= 0 {
		return Decision{Allowed: true}, nil
	}
	now := l.now().UnixMilli()
	resetAt := now + lim.Window.Milliseconds()
	var row struct {
		Count   int   `bun:"count"`
		ResetAt int64 `bun:"reset_at"`
	}
	err := l.db.NewRaw(`INSERT INTO rate_limits (key, count, reset_at) VALUES (?, 1, ?)
		ON CONFLICT (key) DO UPDATE SET
			count = CASE WHEN rate_limits.reset_at <= ? THEN 1 ELSE rate_limits.count + 1 END,
			reset_at = CASE WHEN rate_limits.reset_at <= ? THEN excluded.reset_at ELSE rate_limits.reset_at END
		RETURNING count, reset_at`, key, resetAt, now, now).Scan(ctx, &row)
	if err != nil {
		return Decision{}, fmt.Errorf("count request for rate limit: %w", err)
	}
	d := Decision{Allowed: row.Count <= lim.Max, Count: row.Count}
	if !d.Allowed {
		d.RetryAfter = time.Duration(row.ResetAt-now) * time.Millisecond
	}
	return d, nil
}

// Sweep deletes windows that have ended; counters recreate themselves on the next request.
func (l *Limiter) Sweep(ctx context.Context) (int64, error) {
	res, err := l.db.NewDelete().Table("rate_limits").Where("reset_at <= ?", l.now().UnixMilli()).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("sweep rate limits: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// Rule picks the limit for a request; ok=false leaves the request unlimited.
type Rule func(r *http.Request) (lim config.RateLimit, ok bool)

// Middleware limits requests per client IP and path with the limit rule gives. Over the limit it
// answers 429 with X-Retry-After (Better Auth's header) and Retry-After, in whole seconds.
func Middleware(l *Limiter, rule Rule, clientIP func(*http.Request) string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lim, ok := rule(r)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		key := httpapi.RateLimitKeyIP(clientIP(r)) + "|" + r.URL.Path
		d, err := l.Allow(r.Context(), key, lim)
		if err != nil {
			httpapi.WriteError(w, r, err)
			return
		}
		if !d.Allowed {
			secs := strconv.Itoa(int(math.Ceil(d.RetryAfter.Seconds())))
			w.Header().Set("X-Retry-After", secs)
			w.Header().Set("Retry-After", secs)
			httpapi.WriteError(w, r, api.Errorf(api.CodeTooManyRequests, "Too many requests. Please try again later."))
			return
		}
		next.ServeHTTP(w, r)
	})
}
