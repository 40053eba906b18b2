//go:build !js

package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp"

	"spacerr/app/routes"
	"spacerr/server/servertest"
	"spacerr/shared/api"
)

// mailedLink returns the path of the newest link containing part in the mails to address.
func mailedLink(t *testing.T, env *servertest.Env, address, part string) string {
	t.Helper()
	var found string
	for _, m := range env.Mail.Messages(address) {
		for _, u := range link.FindAllString(m.Text, -1) {
			if strings.Contains(u, part) {
				found = u
			}
		}
	}
	if found == "" {
		t.Fatalf("no mail to %s with a %s link", address, part)
	}
	return strings.TrimPrefix(found, env.URL)
}

// requestMagicLink asks for a sign-in link on the sign-in page and waits for "Check your email".
func requestMagicLink(b *Browser, email string) {
	b.t.Helper()
	b.Visit("/sign-in")
	b.Fill("#email", email)
	b.Click("#magic-link-button")
	b.WaitVisible("#magic-link-sent")
}

// Someone new asks for a sign-in link, opens it from the mail and is signed in to a new account.
func TestMagicLinkSignIn(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{WebDir: WebDir(t), Pages: routes.Paths})
	b := NewBrowser(t, env.URL)
	requestMagicLink(b, "grace@example.com")
	b.Shot("check-your-email")
	path := mailedLink(t, env, "grace@example.com", "/magic-link/verify")
	b.Visit(path)
	b.WaitURL("/settings")
	b.WaitText(profile, "grace@example.com")

	// Signed out again, the sign-in page marks the link as the way in used last.
	b.ClickButton("Sign out")
	b.WaitURL("/sign-in")
	b.WaitVisible(".last-used-option #magic-link-button")
	b.Shot("last-used-magic-link")

	// A link works once: opened again it lands on the page that offers a new one.
	b.Visit(path)
	b.WaitURL("/magic-link")
	b.WaitVisible("#magic-link-resend")
	b.Shot("link-used")
}

// With two-factor authentication on, a sign-in link is only the first factor: the code is asked next.
func TestMagicLinkAsksForTheSecondFactor(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{WebDir: WebDir(t), Pages: routes.Paths})
	const email, password = "ada@example.com", "analytical engine 1843"
	api1 := env.NewClient(t)
	if res := api1.Do("POST", "/api/auth/sign-up/email", map[string]any{"name": "Ada", "email": email, "password": password}); res.Status != 200 {
		t.Fatalf("sign-up: %d %s", res.Status, res.Body)
	}
	var en api.EnableTwoFactorResponse
	api1.Do("POST", "/api/auth/two-factor/enable", map[string]any{"password": password}).JSON(t, &en)
	key, err := otp.NewKeyFromURL(en.TOTPURI)
	if err != nil {
		t.Fatalf("enable: %v", err)
	}
	if res := api1.Do("POST", "/api/auth/two-factor/verify-totp", map[string]any{"code": totpCode(t, key.Secret(), env.Clock.Now())}); res.Status != 200 {
		t.Fatalf("enrol: %d %s", res.Status, res.Body)
	}

	b := NewBrowser(t, env.URL)
	requestMagicLink(b, email)
	b.Visit(mailedLink(t, env, email, "/magic-link/verify"))
	b.WaitURL("/sign-in/two-factor")
	env.Clock.Advance(30 * time.Second)
	b.Fill("#totp-code", totpCode(t, key.Secret(), env.Clock.Now()))
	b.ClickButton("Verify")
	b.WaitURL("/settings")
	b.WaitText(profile, email)
}

// Someone verifies their email from settings: the mailed link marks it verified, and settings stops
// asking.
func TestVerifyEmailFromSettings(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{WebDir: WebDir(t), Pages: routes.Paths})
	b := NewBrowser(t, env.URL)
	signUpWithPassword(b, "Ada Lovelace", "ada@example.com")
	b.WaitVisible("#email-unverified")
	b.Click("#send-verification")
	b.WaitVisible("#send-verification-status")
	b.Shot("verification-sent")

	b.Visit(mailedLink(t, env, "ada@example.com", "/verify-email"))
	b.WaitVisible("#verify-email-done")
	b.Shot("email-verified")
	b.Visit("/settings")
	b.WaitText(profile, "ada@example.com")
	b.WaitGone("#email-unverified")
}
