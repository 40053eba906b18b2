package emaillink

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func contains(t *testing.T, what string, ui app.UI, wants ...string) {
	t.Helper()
	html := app.HTMLString(ui)
	for _, want := range wants {
		if !strings.Contains(html, want) {
			t.Errorf("%s lacks %s:\n%s", what, want, html)
		}
	}
}

func TestMagicLinkPageRenders(t *testing.T) {
	p := &MagicLinkPage{}
	p.OnInit()
	contains(t, "note", p.Render(), "Check your email", `href="/sign-in"`)

	p.expired = true
	contains(t, "expired", p.Render(), "This sign-in link has expired or was already used",
		`id="magic-link-email"`, `id="magic-link-resend"`, "Send a new link")

	p.m.Email, p.m.Sent = "ada@example.com", true
	contains(t, "sent", p.Render(), `id="magic-link-sent"`, "ada@example.com", "Use another email")
}

func TestVerifyEmailPageRenders(t *testing.T) {
	p := &VerifyEmailPage{}
	p.OnInit()
	contains(t, "verified", p.Render(), "Your email is verified", `href="/settings"`)

	p.expired = true
	contains(t, "expired", p.Render(), "This verification link has expired or was already used",
		`id="verify-email-address"`, "Send a new link")

	p.m.Email, p.m.Sent = "ada@example.com", true
	contains(t, "sent", p.Render(), "Check your email", "ada@example.com")
}
