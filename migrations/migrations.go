// Package migrations embeds the SQL migrations, one folder per dialect. Files are applied in name order,
// each once, by server/store at start-up. A migration is never edited after it has landed: add a new file.
// Both folders must describe the same tables and columns; a test in server/store compares them.
package migrations

import "embed"

// FS holds postgres/*.sql and sqlite/*.sql.
//
//go:embed postgres/*.sql sqlite/*.sql
var FS embed.FS
