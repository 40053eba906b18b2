package store

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"sort"
	"time"

	"github.com/uptrace/bun"

	"spacerr/migrations"
)

// migrationLockID serialises migrations across replicas starting together on one PostgreSQL.
const migrationLockID = 727_100_2026

// Migrate applies, in name order, every migration of the dialect not yet recorded in
// schema_migrations. Each file runs in its own transaction together with its record, so a failed
// migration leaves no trace and a second start is a no-op.
func (s *Store) Migrate(ctx context.Context) ([]string, error) {
	if _, err := s.DB.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}
	files, err := fs.Glob(migrations.FS, path.Join(string(s.Dialect), "*.sql"))
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(files)
	var applied []string
	for _, f := range files {
		version := path.Base(f)
		body, err := fs.ReadFile(migrations.FS, f)
		if err != nil {
			return applied, fmt.Errorf("read migration %s: %w", f, err)
		}
		done := false
		err = s.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
			if s.Dialect == Postgres {
				if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", migrationLockID); err != nil {
					return fmt.Errorf("take the migration lock: %w", err)
				}
			}
			n, err := tx.NewSelect().Table("schema_migrations").Where("version = ?", version).Count(ctx)
			if err != nil {
				return fmt.Errorf("check migration %s: %w", version, err)
			}
			if n > 0 {
				done = true
				return nil
			}
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return fmt.Errorf("apply migration %s: %w", version, err)
			}
			_, err = tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
				version, time.Now().UTC().Format(time.RFC3339))
			if err != nil {
				return fmt.Errorf("record migration %s: %w", version, err)
			}
			return nil
		})
		if err != nil {
			return applied, err
		}
		if !done {
			slog.InfoContext(ctx, "applied migration", "version", version, "dialect", s.Dialect)
			applied = append(applied, version)
		}
	}
	return applied, nil
}
