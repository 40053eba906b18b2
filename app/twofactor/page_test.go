package twofactor

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/shared/api"
)

func TestPagePrerender(t *testing.T) {
	html := app.HTMLString(&Page{})
	for _, want := range []string{
		`id="totp-code"`,
		`autocomplete="one-time-code"`,
		`inputmode="numeric"`,
		`pattern="[0-9]{6}"`,
		`maxlength="6"`,
		`for="totp-code"`,
		`id="use-backup-code"`,
		`Use a backup code instead`,
		`id="trust-device"`,
		`Trust this device for 30 days`,
		`>Verify</button>`,
		`href="/sign-in"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("challenge page lacks %s", want)
		}
	}
	for _, bad := range []string{"style=", "aria-invalid", `id="backup-code"`, `id="two-factor-error"`, "checked"} {
		if strings.Contains(html, bad) {
			t.Errorf("challenge page has %s:\n%s", bad, html)
		}
	}
}

func TestPageBackupCodeAndErrors(t *testing.T) {
	p := &Page{m: ChallengeModel{UseBackup: true, Backup: "x"}}
	p.m.Submit()
	html := app.HTMLString(p)
	for _, want := range []string{`id="backup-code"`, `maxlength="11"`, `Use your authenticator app instead`,
		`id="two-factor-error"`, `aria-invalid`, `aria-describedby="two-factor-error"`} {
		if !strings.Contains(html, want) {
			t.Errorf("backup code form lacks %s:\n%s", want, html)
		}
	}
	if strings.Contains(html, `id="totp-code"`) || strings.Contains(html, "Sign in again") {
		t.Errorf("backup code form:\n%s", html)
	}

	p = &Page{m: ChallengeModel{TOTP: "123456"}}
	p.m.Submit()
	p.m.Done(api.Errorf(api.CodeInvalidTwoFactorCookie, "This sign-in has expired. Please sign in again."))
	html = app.HTMLString(p)
	if !strings.Contains(html, "Sign in again</a>") || strings.Contains(html, "aria-invalid") {
		t.Errorf("expired challenge:\n%s", html)
	}
}
