package signin

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestPrerender(t *testing.T) {
	// What the server prerenders: OnInit has run, OnMount has not. (Encoding needs no DOM, so this
	// also runs under Node.)
	p := &Page{}
	p.OnInit()
	html := app.HTMLString(p)
	for _, want := range []string{
		`autocomplete="username webauthn"`,
		`autocomplete="current-password"`,
		`type="email"`,
		`type="password"`,
		`for="email"`,
		`for="password"`,
		`id="remember" name="remember" class="checkbox" checked`,
		`href="/sign-up"`,
		`novalidate`,
		`>Sign in</button>`,
		`id="passkey-sign-in"`,
		`type="button"`,
		`Sign in with a passkey`,
		`class="divider"`,
	} {
		if !containsAttrs(html, want) {
			t.Errorf("sign-in page lacks %s", want)
		}
	}
	if strings.Contains(html, "style=") || strings.Contains(html, "aria-invalid") {
		t.Errorf("sign-in page has an inline style or a premature error:\n%s", html)
	}
}

// containsAttrs reports whether html has every space-separated attribute of want, in any order
// (go-app writes attributes in map order).
func containsAttrs(html, want string) bool {
	for _, part := range strings.Fields(want) {
		if !strings.Contains(html, part) {
			return false
		}
	}
	return true
}
