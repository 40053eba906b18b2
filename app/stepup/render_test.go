package stepup

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestClosedDialogDrawsNothing(t *testing.T) {
	if html := app.HTMLString(&Dialog{}); strings.Contains(html, "dialog") && strings.Contains(html, `role="dialog"`) {
		t.Fatalf("closed dialog: %s", html)
	}
}

func TestOpenDialogIsAnAccessibleModal(t *testing.T) {
	d := &Dialog{}
	d.m.show()
	html := app.HTMLString(d.Render())
	for _, want := range []string{`role="dialog"`, `aria-modal`, `aria-labelledby="stepup-title"`,
		`Confirm it&#39;s you`, `id="stepup-password"`, `id="stepup-confirm"`, `id="stepup-cancel"`} {
		if !strings.Contains(html, want) {
			t.Errorf("lacks %s:\n%s", want, html)
		}
	}
	if strings.Contains(html, `id="stepup-passkey"`) || strings.Contains(html, "style=") {
		t.Errorf("passkey button without a passkey, or inline style:\n%s", html)
	}
	d.m.passkey = true
	if html := app.HTMLString(d.Render()); !strings.Contains(html, `id="stepup-passkey"`) {
		t.Errorf("no passkey button:\n%s", html)
	}
}

func TestPasskeyOnlyAccountHasNoPasswordField(t *testing.T) {
	d := &Dialog{}
	d.m.show()
	d.m.passkey, d.m.passkeyOnly = true, true
	html := app.HTMLString(d.Render())
	if strings.Contains(html, `id="stepup-password"`) || strings.Contains(html, `id="stepup-confirm"`) ||
		!strings.Contains(html, `id="stepup-passkey"`) || !strings.Contains(html, "use your passkey") {
		t.Fatalf("passkey-only dialog:\n%s", html)
	}
}
