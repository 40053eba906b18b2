// Package benchmark measures the whole product against the goals of docs/benchmarks.md: the client's
// size next to go-app's hello world, start-up in Chromium, get-session against pgbench's select-only
// floor, sign-in against bare argon2id, the server's memory, and the Go benchmarks of the costly
// calls. It is a test built only with the `bench` tag (`make bench`), so none of it is in the server
// binary or the WASM client, and `go test ./...` never runs it.
//
// It builds its own release server and client into a temporary directory, starts the server on a fresh
// PostgreSQL database with the rate limits off, drives it with wrk and Chromium, prints one table and
// rewrites docs/benchmarks.md. A missing wrk, pgbench, Chromium or PostgreSQL fails the run.
package benchmark
