package settings

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/shared/api"
)

// render draws the cards as they stand (Render without mounting, so OnInit leaves the state alone).
func render(c *securityCards) string { return app.HTMLString(c.Render()) }

func newCards(st *api.TwoFactorStatus) *securityCards {
	c := &securityCards{}
	c.OnInit()
	if st != nil {
		c.tf.statusLoaded(*st, nil)
	}
	return c
}

func checkHTML(t *testing.T, name, html string, want, unwanted []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(html, w) {
			t.Errorf("%s lacks %s", name, w)
		}
	}
	for _, u := range unwanted {
		if strings.Contains(html, u) {
			t.Errorf("%s has %s", name, u)
		}
	}
	if strings.Contains(html, "style=") || strings.Contains(html, `disabled="false"`) || strings.Contains(html, `checked="false"`) {
		t.Errorf("%s has an inline style or a false boolean:\n%s", name, html)
	}
	if t.Failed() {
		t.Logf("%s:\n%s", name, html)
	}
}

func TestSecurityCardsLoading(t *testing.T) {
	html := app.HTMLString(&securityCards{})
	checkHTML(t, "loading cards", html,
		[]string{`id="password"`, `id="two-factor"`, `aria-busy`},
		[]string{`id="two-factor-badge"`, `id="enable-2fa"`, `id="current-password"`, `id="set-new-password"`})
}

func TestSecurityCardsWithoutPassword(t *testing.T) {
	html := render(newCards(&api.TwoFactorStatus{}))
	checkHTML(t, "no password", html,
		[]string{`id="set-new-password"`, `>Set password</button>`, `href="#password"`, `Set a password first`, `>Off</span>`,
			`id="password-status"`, `role="status"`},
		[]string{`id="enable-2fa"`, `id="current-password"`, `id="password-revoke-others"`})
}

func TestSecurityCardsOff(t *testing.T) {
	c := newCards(&api.TwoFactorStatus{HasPassword: true})
	checkHTML(t, "two-factor off", render(c),
		[]string{`id="current-password"`, `id="new-password"`, `id="password-revoke-others"`, `Sign out of other devices`,
			`>Change password</button>`, `id="enable-2fa"`, `>Off</span>`},
		[]string{`id="set-new-password"`, `id="disable-2fa"`, `id="backup-codes-remaining"`})

	c.tf.start(tfEnable)
	checkHTML(t, "password step", render(c),
		[]string{`id="2fa-password"`, `autocomplete="current-password"`, `>Continue</button>`, `id="cancel-2fa"`},
		[]string{`id="enable-2fa"`})

	c.tf.password = "pw"
	c.tf.submitPassword()
	c.tf.passwordDone(api.EnableTwoFactorResponse{TOTPURI: testURI, BackupCodes: testCodes}, nil, nil)
	checkHTML(t, "scan step", render(c),
		[]string{`id="totp-qr"`, `id="totp-secret"`, `>JBSWY3DPEHPK3PXP</span>`, `id="copy-totp-secret"`,
			`id="totp-uri-link"`, `href="otpauth://totp/`, `id="2fa-verify-code"`, `inputmode="numeric"`,
			`autocomplete="one-time-code"`, `maxlength="6"`, `>Verify</button>`},
		[]string{`id="2fa-password"`, "ABCDE-12345", "<img", "scan the QR code"})
	c.tf.qr = testQR
	checkHTML(t, "scan step with a QR code", render(c),
		[]string{`<img`, `src="` + testQR + `"`, `alt="QR code`, "scan the QR code"}, nil)

	c.tf.code = "123456"
	c.tf.submitCode()
	c.tf.codeDone(nil)
	html := render(c)
	checkHTML(t, "codes step", html,
		[]string{`id="backup-codes"`, `class="backup-code">ABCDE-12345<`, `class="backup-code">MNPQR-23456<`,
			`id="download-backup-codes"`, `download="spacerr-backup-codes.txt"`,
			`href="data:text/plain;charset=utf-8,ABCDE-12345%0AFGHJK-67890%0AMNPQR-23456%0A"`,
			`id="copy-backup-codes"`, `id="saved-codes"`, `I have saved these codes`, `id="finish-2fa"`, `disabled`, `>On</span>`},
		[]string{`id="totp-secret"`, `id="cancel-2fa"`})
	if strings.Count(html, `class="backup-code"`) != 3 {
		t.Errorf("want 3 codes:\n%s", html)
	}

	c.tf.toggleSaved()
	if html := render(c); strings.Contains(html, "disabled") {
		t.Errorf("Done stays disabled after the codes were saved:\n%s", html)
	}
	c.tf.finish()
	checkHTML(t, "after finish", render(c),
		[]string{`id="regenerate-codes"`, `id="disable-2fa"`, `id="backup-codes-remaining"`, `Two-factor authentication is on.`},
		[]string{"ABCDE-12345", `id="backup-codes"`})
}

func TestSecurityCardsFewCodes(t *testing.T) {
	html := render(newCards(&api.TwoFactorStatus{Enabled: true, HasPassword: true, BackupCodesRemaining: 2}))
	checkHTML(t, "few codes", html,
		[]string{`security-warning`, `2 backup codes left`, `>On</span>`},
		[]string{`id="enable-2fa"`})
	html = render(newCards(&api.TwoFactorStatus{Enabled: true, HasPassword: true, BackupCodesRemaining: 9}))
	checkHTML(t, "many codes", html, []string{`9 backup codes left.`}, []string{`security-warning`})
}

func TestSecurityCardsPendingSetup(t *testing.T) {
	html := render(newCards(&api.TwoFactorStatus{PendingVerification: true, HasPassword: true}))
	checkHTML(t, "pending setup", html, []string{`id="enable-2fa"`, `Finish setup`}, nil)
}
