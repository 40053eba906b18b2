package session

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"spacerr/server/store"
	"spacerr/server/store/storetest"
	"spacerr/server/user"
)

// The prepared lookup must read exactly what bun's model query reads, nullable columns and times
// included, on both dialects.
func TestLookupReadsWhatBunReads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 3, 4, 5, 6, 7, 891011000, time.UTC)
		m := NewManager(s.DB, func() time.Time { return now }, false)
		bare := &user.Row{ID: store.NewID(), Name: "Ada", Email: "ada@example.com", CreatedAt: now, UpdatedAt: now}
		if err := user.Insert(ctx, s.DB, bare); err != nil {
			t.Fatal(err)
		}
		bareToken, _, err := m.Create(ctx, s.DB, bare.ID, false, Meta{IP: "192.0.2.1", UserAgent: "test"})
		if err != nil {
			t.Fatal(err)
		}
		full := &user.Row{ID: store.NewID(), Name: "Grace", Email: "grace@example.com", CreatedAt: now, UpdatedAt: now.Add(time.Second)}
		if err := user.Insert(ctx, s.DB, full); err != nil {
			t.Fatal(err)
		}
		fullToken, fullRow, err := m.Create(ctx, s.DB, full.ID, true, Meta{IP: "2001:db8::1", UserAgent: "other"})
		if err != nil {
			t.Fatal(err)
		}
		until := now.Add(48 * time.Hour)
		_, err = s.DB.NewUpdate().Model((*user.Row)(nil)).Set("image = ?", "https://example.com/a.png").
			Set("last_login_method = ?", "email").Set("banned = ?", true).Set("ban_reason = ?", "spam").
			Set("ban_expires = ?", until).Set("email_verified = ?", true).Set("two_factor_enabled = ?", true).
			Set("role = ?", "admin").Where("id = ?", full.ID).Exec(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.DB.NewUpdate().Model((*Row)(nil)).Set("impersonated_by = ?", bare.ID).Where("id = ?", fullRow.ID).Exec(ctx); err != nil {
			t.Fatal(err)
		}

		for _, token := range []string{bareToken, fullToken} {
			want := new(Row)
			if err := s.DB.NewSelect().Model(want).Relation("User").Where("s.token_hash = ?", hashToken(token)).Scan(ctx); err != nil {
				t.Fatal(err)
			}
			got, err := m.findByTokenHash(ctx, hashToken(token))
			if err != nil {
				t.Fatal(err)
			}
			inUTC(want)
			inUTC(got)
			if !reflect.DeepEqual(want, got) || !reflect.DeepEqual(want.User, got.User) {
				t.Errorf("prepared lookup differs from bun's:\nbun:      %s\nprepared: %s", show(want), show(got))
			}
		}
		if _, err := m.findByTokenHash(ctx, hashToken("no such token")); !errors.Is(err, sql.ErrNoRows) {
			t.Fatalf("unknown token: got %v, want sql.ErrNoRows", err)
		}
	})
}

// inUTC puts every time of r in UTC, so times equal as instants compare equal.
func inUTC(r *Row) {
	r.ExpiresAt, r.CreatedAt, r.UpdatedAt = r.ExpiresAt.UTC(), r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	r.LastSeenAt, r.AuthenticatedAt = r.LastSeenAt.UTC(), r.AuthenticatedAt.UTC()
	u := r.User
	u.CreatedAt, u.UpdatedAt = u.CreatedAt.UTC(), u.UpdatedAt.UTC()
	if u.BanExpires != nil {
		b := u.BanExpires.UTC()
		u.BanExpires = &b
	}
}

func show(r *Row) string {
	deref := func(p *string) string {
		if p == nil {
			return "<nil>"
		}
		return *p
	}
	u := r.User
	return fmt.Sprintf("%+v impersonated_by=%s user=%+v image=%s last_login=%s ban_reason=%s ban_expires=%v",
		*r, deref(r.ImpersonatedBy), *u, deref(u.Image), deref(u.LastLoginMethod), deref(u.BanReason), u.BanExpires)
}

// Lookups that arrive together are answered by one query on PostgreSQL, and each gets its own
// session, or sql.ErrNoRows; the same token twice gets two copies.
func TestConcurrentLookupsGetTheirOwnSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
		m := NewManager(s.DB, func() time.Time { return now }, false)
		var tokens []string
		for i := range 5 {
			u := &user.Row{ID: store.NewID(), Name: fmt.Sprint("User ", i), Email: fmt.Sprintf("u%d@example.com", i), CreatedAt: now, UpdatedAt: now}
			if err := user.Insert(ctx, s.DB, u); err != nil {
				t.Fatal(err)
			}
			token, _, err := m.Create(ctx, s.DB, u.ID, false, Meta{})
			if err != nil {
				t.Fatal(err)
			}
			tokens = append(tokens, token)
		}
		// Many rounds of every token (twice) and an unknown one at once, so batches form.
		for range 20 {
			var wg sync.WaitGroup
			errs := make(chan error, 2*len(tokens)+1)
			rows := make([]*Row, 2*len(tokens))
			for i := range 2 * len(tokens) {
				wg.Go(func() {
					row, err := m.findByTokenHash(ctx, hashToken(tokens[i%len(tokens)]))
					if err != nil {
						errs <- fmt.Errorf("token %d: %w", i%len(tokens), err)
						return
					}
					if want := fmt.Sprintf("u%d@example.com", i%len(tokens)); row.User.Email != want {
						errs <- fmt.Errorf("token %d answered %s, want %s", i%len(tokens), row.User.Email, want)
					}
					rows[i] = row
				})
			}
			wg.Go(func() {
				if _, err := m.findByTokenHash(ctx, hashToken("unknown")); !errors.Is(err, sql.ErrNoRows) {
					errs <- fmt.Errorf("unknown token: got %v, want sql.ErrNoRows", err)
				}
			})
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			for i := range tokens {
				if rows[i] == rows[i+len(tokens)] || rows[i].User == rows[i+len(tokens)].User {
					t.Fatalf("two lookups of token %d share one row", i)
				}
			}
		}
	})
}
