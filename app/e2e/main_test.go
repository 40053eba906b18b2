//go:build !js

package e2e

import (
	"os"
	"testing"

	"spacerr/app/routes"
)

// TestMain registers the client's pages, as main does: the server half of go-app prerenders only
// registered routes and answers 404 for the rest. It builds nothing; the Makefile builds web/app.wasm
// before the browser tests run (see WebDir).
func TestMain(m *testing.M) {
	routes.Register()
	os.Exit(m.Run())
}
