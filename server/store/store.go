// Package store opens the database (PostgreSQL through pgdriver, or an embedded SQLite file through
// sqliteshim's pure-Go driver), applies the migrations and reports database errors in dialect-neutral
// terms. Feature packages own their queries; dialect differences stay here.
package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/driver/pgdriver"
	"github.com/uptrace/bun/driver/sqliteshim"
)

// Dialect names the database in use.
type Dialect string

// The two supported dialects.
const (
	Postgres Dialect = "postgres"
	SQLite   Dialect = "sqlite"
)

// Store is an open database.
type Store struct {
	DB      *bun.DB
	Dialect Dialect
}

// Options tune Open; the zero value is right for production.
type Options struct {
	// PostgresSearchPath, when set, confines a PostgreSQL connection to one schema (tests use it so
	// each test has its own tables).
	PostgresSearchPath string
	// MaxConns caps PostgreSQL connections; 0 is DefaultMaxConns. SQLite ignores it.
	MaxConns int
}

// DefaultMaxConns is two PostgreSQL connections per core the server may use, and at least four. Each
// connection is a backend process on the database: with many more queries in flight than cores to run
// them, they queue inside PostgreSQL and the slowest requests wait behind all of them. Measured on 2
// cores shared with PostgreSQL, 32 connections against get-session: 4 connections gave the best
// throughput and a p99 of 11–31 ms, 8 gave 29–145 ms and 32 over 100 ms. A database on its own, larger
// machine may want more (DB_MAX_CONNS).
func DefaultMaxConns() int { return max(4, 2*runtime.GOMAXPROCS(0)) }

// Open connects to databaseURL (a postgres:// URL) or, when it is empty, to the SQLite file at
// sqlitePath, and checks that the database answers.
func Open(ctx context.Context, databaseURL, sqlitePath string, opts Options) (*Store, error) {
	var s *Store
	if databaseURL != "" {
		connOpts := []pgdriver.Option{pgdriver.WithDSN(databaseURL), pgdriver.WithTimeout(5 * time.Second)}
		if opts.PostgresSearchPath != "" {
			connOpts = append(connOpts, pgdriver.WithConnParams(map[string]any{"search_path": opts.PostgresSearchPath}))
		}
		sqldb := sql.OpenDB(pgdriver.NewConnector(connOpts...))
		maxConns := opts.MaxConns
		if maxConns <= 0 {
			maxConns = DefaultMaxConns()
		}
		sqldb.SetMaxOpenConns(maxConns)
		sqldb.SetMaxIdleConns(maxConns)
		sqldb.SetConnMaxIdleTime(5 * time.Minute)
		s = &Store{DB: bun.NewDB(sqldb, pgdialect.New()), Dialect: Postgres}
	} else {
		if err := os.MkdirAll(filepath.Dir(sqlitePath), 0o700); err != nil {
			return nil, fmt.Errorf("create the SQLite directory: %w", err)
		}
		// WAL lets readers and one writer work together; immediate transactions take the write lock up
		// front, so two writers wait (busy_timeout) instead of failing on a lock upgrade.
		dsn := "file:" + sqlitePath + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)" +
			"&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate"
		sqldb, err := sql.Open(sqliteshim.ShimName, dsn)
		if err != nil {
			return nil, fmt.Errorf("open SQLite at %s: %w", sqlitePath, err)
		}
		s = &Store{DB: bun.NewDB(sqldb, sqlitedialect.New()), Dialect: SQLite}
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := s.DB.PingContext(pingCtx); err != nil {
		s.DB.Close()
		return nil, fmt.Errorf("the %s database is not reachable: %w", s.Dialect, redact(err, databaseURL))
	}
	return s, nil
}

// Close releases the connections.
func (s *Store) Close() error { return s.DB.Close() }

// Ping reports whether the database answers; /readyz uses it.
func (s *Store) Ping(ctx context.Context) error { return s.DB.PingContext(ctx) }

// IsUniqueViolation reports whether err is a unique-constraint failure, on either dialect.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	var pgErr pgdriver.Error
	if errors.As(err, &pgErr) {
		return pgErr.Field('C') == "23505"
	}
	return strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// InTx runs fn in one transaction, committed when fn returns nil and rolled back otherwise.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context, tx bun.Tx) error) error {
	return s.DB.RunInTx(ctx, nil, fn)
}

// redact keeps a password in the URL out of an error message that may be logged.
func redact(err error, databaseURL string) error {
	if databaseURL == "" {
		return err
	}
	msg := err.Error()
	if i := strings.Index(databaseURL, "@"); i > 0 {
		msg = strings.ReplaceAll(msg, databaseURL[:i], "postgres://***")
	}
	return errors.New(msg)
}

// NewID returns a random 128-bit identifier in lower-case base32 (26 characters).
func NewID() string { return strings.ToLower(rand.Text()) }
