package signup

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
		`autocomplete="name"`,
		`autocomplete="email"`,
		`autocomplete="new-password"`,
		`aria-describedby="password-hint"`,
		`href="/sign-in"`,
		`>Create account</button>`,
		`At least 8 characters.`,
		`id="passkey-sign-up"`,
		`Create account with a passkey`,
		`class="divider"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("sign-up page lacks %s", want)
		}
	}
	if strings.Contains(html, "style=") || strings.Contains(html, "aria-invalid") {
		t.Errorf("sign-up page has an inline style or a premature error:\n%s", html)
	}
}
