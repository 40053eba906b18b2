// Package storetest gives tests a real, migrated, private database: a temporary SQLite file, or a fresh
// schema on the PostgreSQL at TEST_DATABASE_URL. There is no mock: every storage test runs on both.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uptrace/bun/driver/pgdriver"

	"spacerr/server/store"
)

// DefaultPostgresURL is used when TEST_DATABASE_URL is not set.
const DefaultPostgresURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// PostgresURL is the server tests use.
func PostgresURL() string {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		return u
	}
	return DefaultPostgresURL
}

// Dialects lists the dialects every storage test runs on.
var Dialects = []store.Dialect{store.SQLite, store.Postgres}

// Each runs fn once per dialect as a subtest, each with its own fresh database.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, d := range Dialects {
		t.Run(string(d), func(t *testing.T) {
			fn(t, Open(t, d))
		})
	}
}

// Open returns a migrated database of the dialect, removed when the test ends. Without PostgreSQL the
// test is skipped, except under CI=true, where it fails: CI must never pass by skipping.
func Open(t testing.TB, d store.Dialect) *store.Store {
	t.Helper()
	ctx := context.Background()
	var s *store.Store
	switch d {
	case store.SQLite:
		var err error
		s, err = store.Open(ctx, "", filepath.Join(t.TempDir(), "test.db"), store.Options{})
		if err != nil {
			t.Fatalf("open SQLite: %v", err)
		}
	case store.Postgres:
		schema := createSchema(t)
		var err error
		s, err = store.Open(ctx, PostgresURL(), "", store.Options{PostgresSearchPath: schema})
		if err != nil {
			t.Fatalf("open PostgreSQL schema %s: %v", schema, err)
		}
	default:
		t.Fatalf("unknown dialect %q", d)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", d, err)
	}
	return s
}

// URLForSchema returns a DATABASE_URL confined to a new private schema, for tests that start a whole
// server from configuration.
func URLForSchema(t testing.TB) string {
	t.Helper()
	schema := createSchema(t)
	u := PostgresURL()
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + "search_path=" + schema
}

// createSchema makes an empty schema and drops it (with everything in it) after the test.
func createSchema(t testing.TB) string {
	t.Helper()
	admin := sql.OpenDB(pgdriver.NewConnector(pgdriver.WithDSN(PostgresURL())))
	if err := admin.PingContext(context.Background()); err != nil {
		admin.Close()
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL at %s is required under CI=true: %v", PostgresURL(), err)
		}
		t.Skipf("PostgreSQL not reachable at %s (start it or set TEST_DATABASE_URL): %v", PostgresURL(), err)
	}
	schema := "t_" + strings.ToLower(rand.Text()[:16])
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return schema
}

// Columns lists "table.column" for every user table, for comparing dialects.
func Columns(t testing.TB, s *store.Store) []string {
	t.Helper()
	var q string
	switch s.Dialect {
	case store.Postgres:
		q = `SELECT table_name || '.' || column_name FROM information_schema.columns
		     WHERE table_schema = current_schema() ORDER BY 1`
	case store.SQLite:
		q = `SELECT m.name || '.' || p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
		     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY 1`
	}
	rows, err := s.DB.QueryContext(context.Background(), q)
	if err != nil {
		t.Fatalf("list columns: %v", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			t.Fatalf("scan column: %v", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(fmt.Errorf("list columns: %w", err))
	}
	return out
}
