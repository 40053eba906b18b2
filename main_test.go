//go:build !js

package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestClientImportsNoServerOnlyPackage keeps the WASM lean and keeps server secrets' code out of the
// browser: the js/wasm build of this command must not depend on any of these.
func TestClientImportsNoServerOnlyPackage(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 50 || !contains(deps, "spacerr/app/routes") || !contains(deps, "spacerr/shared/api") {
		t.Fatalf("implausible dependency list (%d packages): the test would prove nothing", len(deps))
	}
	// Whole module trees, and single packages (database/sql/driver is only interfaces, which
	// go-app's uuid dependency uses; database/sql itself would be a mistake).
	forbiddenTrees := []string{
		"spacerr/server", "spacerr/migrations", "github.com/uptrace/bun", "github.com/go-webauthn/",
		"github.com/pquerna/otp", "golang.org/x/crypto/", "modernc.org/", "github.com/chromedp/",
	}
	forbiddenPackages := []string{"database/sql", "text/template", "html/template"}
	for _, d := range deps {
		for _, f := range forbiddenTrees {
			if d == f || strings.HasPrefix(d, strings.TrimSuffix(f, "/")+"/") {
				t.Errorf("the WASM client imports %s", d)
			}
		}
		if contains(forbiddenPackages, d) {
			t.Errorf("the WASM client imports %s", d)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
