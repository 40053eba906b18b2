package audit_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"spacerr/server/audit"
	"spacerr/server/store"
	"spacerr/server/store/storetest"
	"spacerr/shared/api"
)

func TestRecordQueryAndSweep(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
		record := func(actor, target, action string, at time.Time) {
			t.Helper()
			err := audit.Record(ctx, s.DB, audit.Entry{
				ActorID: actor, Action: action, TargetID: target, IP: "192.0.2.1", UserAgent: strings.Repeat("x", 600), At: at,
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		record("ada", "ada", api.EventSignIn, now.Add(-audit.Retention-time.Minute)) // past retention
		record("ada", "ada", api.EventSignIn, now.Add(-time.Hour))
		record("root", "ada", "ban-user", now)
		record("root", "bob", "ban-user", now.Add(time.Minute))

		rows, err := audit.OfUser(ctx, s.DB, "ada", 50)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 3 || rows[0].Action != "ban-user" || rows[2].CreatedAt.After(rows[1].CreatedAt) {
			t.Fatalf("ada's events: %+v", rows)
		}
		if len(rows[0].UserAgent) != 512 {
			t.Fatalf("the user agent was stored with %d bytes, want it cut to 512", len(rows[0].UserAgent))
		}
		if rows, _ := audit.Newest(ctx, s.DB, "root", 100); len(rows) != 2 {
			t.Fatalf("events by or on root: %+v", rows)
		}

		n, err := audit.Sweep(ctx, s.DB, now)
		if err != nil || n != 1 {
			t.Fatalf("sweep: %d, %v", n, err)
		}
		if rows, _ := audit.Newest(ctx, s.DB, "", 100); len(rows) != 3 {
			t.Fatalf("after the sweep: %+v", rows)
		}
	})
}

func TestToActivityHidesTheAdmin(t *testing.T) {
	own := (&audit.Row{ActorID: "ada", TargetID: "ada", Action: api.EventSignIn, IP: "192.0.2.1", UserAgent: "Firefox"}).ToActivity()
	if own.ByAdmin || own.IP != "192.0.2.1" || own.UserAgent != "Firefox" {
		t.Fatalf("own event: %+v", own)
	}
	byAdmin := (&audit.Row{ActorID: "root", TargetID: "ada", Action: "ban-user", IP: "198.51.100.7", UserAgent: "Chrome", Detail: "spam"}).ToActivity()
	if !byAdmin.ByAdmin || byAdmin.IP != "" || byAdmin.UserAgent != "" || byAdmin.Detail != "spam" {
		t.Fatalf("admin's event: %+v", byAdmin)
	}
}
