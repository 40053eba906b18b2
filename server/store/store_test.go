package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"spacerr/server/store"
	"spacerr/server/store/storetest"
)

func TestDialectsHaveTheSameTablesAndColumns(t *testing.T) {
	sqlite := storetest.Columns(t, storetest.Open(t, store.SQLite))
	pg := storetest.Columns(t, storetest.Open(t, store.Postgres))
	if len(sqlite) < 10 {
		t.Fatalf("SQLite has only %d columns: %v", len(sqlite), sqlite)
	}
	if !slices.Equal(sqlite, pg) {
		t.Fatalf("dialects differ:\nsqlite:   %v\npostgres: %v", sqlite, pg)
	}
}

func TestMigrateTwiceIsANoOp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		applied, err := s.Migrate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(applied) != 0 {
			t.Fatalf("second migrate applied %v", applied)
		}
	})
}

func TestUniqueViolationIsRecognisedOnBothDialects(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		insert := func() error {
			_, err := s.DB.ExecContext(ctx, `INSERT INTO rate_limits (key, count, reset_at) VALUES ('k', 1, 0)`)
			return err
		}
		if err := insert(); err != nil {
			t.Fatal(err)
		}
		err := insert()
		if !store.IsUniqueViolation(err) {
			t.Fatalf("want a unique violation, got %v", err)
		}
		if store.IsUniqueViolation(errors.New("something else")) {
			t.Fatal("an unrelated error counted as a unique violation")
		}
	})
}

func TestUnreachablePostgresIsAClearErrorWithoutThePassword(t *testing.T) {
	_, err := store.Open(context.Background(), "postgres://bob:hunter2@127.0.0.1:1/db?sslmode=disable", "", store.Options{})
	if err == nil {
		t.Fatal("want an error")
	}
	if msg := err.Error(); strings.Contains(msg, "hunter2") {
		t.Fatalf("error leaks the password: %s", msg)
	}
}

func TestPostgresPoolIsCapped(t *testing.T) {
	for _, tc := range []struct{ opt, want int }{{0, store.DefaultMaxConns()}, {3, 3}} {
		s, err := store.Open(context.Background(), storetest.URLForSchema(t), "", store.Options{MaxConns: tc.opt})
		if err != nil {
			t.Fatal(err)
		}
		if got := s.DB.Stats().MaxOpenConnections; got != tc.want {
			t.Errorf("MaxConns %d: pool allows %d connections, want %d", tc.opt, got, tc.want)
		}
		s.Close()
	}
}
