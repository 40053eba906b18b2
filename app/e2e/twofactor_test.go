//go:build !js

package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"spacerr/app/routes"
	"spacerr/server/servertest"
)

// totpCode computes the code an authenticator app would show at the server's time.
func totpCode(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	code, err := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// signInWithPassword fills the sign-in form and submits it.
func signInWithPassword(b *Browser, email, password string) {
	b.t.Helper()
	b.Visit("/sign-in")
	b.Fill("#email", email)
	b.Fill("#password", password)
	b.ClickButton("Sign in")
}

// signOutAndUseBackupCode signs out, signs in with the password and answers the challenge with a
// backup code.
func signOutAndUseBackupCode(b *Browser, email, password, code string) {
	b.t.Helper()
	b.ClickButton("Sign out")
	b.WaitURL("/sign-in")
	signInWithPassword(b, email, password)
	b.WaitURL("/sign-in/two-factor")
	b.Click("#use-backup-code")
	b.Fill("#backup-code", code)
	b.ClickButton("Verify")
}

// Someone turns on two-factor authentication, saves their backup codes, and from then on signs in with
// a code from their app, or a backup code once, or not at all on a device they trust.
func TestTwoFactorAuthentication(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{WebDir: WebDir(t), Pages: routes.Paths})
	b := NewBrowser(t, env.URL)
	const email, password = "ada@example.com", "analytical engine 1843"
	signUpWithPassword(b, "Ada Lovelace", email)

	// Turn it on: confirm the password, scan (here: read) the secret, prove it with a code.
	b.WaitVisible("#two-factor")
	b.Click("#enable-2fa")
	b.Fill(`[id="2fa-password"]`, password)
	b.ClickButton("Continue")
	b.WaitVisible("#totp-secret")
	secret := strings.TrimSpace(b.Text("#totp-secret"))
	if len(secret) < 16 {
		t.Fatalf("secret shown is %q", secret)
	}
	b.Shot("scan-secret")
	b.Fill(`[id="2fa-verify-code"]`, totpCode(t, secret, env.Clock.Now()))
	b.ClickButton("Verify")

	// The backup codes are shown once; the download holds exactly them, one per line.
	b.WaitVisible("#backup-codes")
	var codes []string
	b.Run("read the backup codes", chromedp.Evaluate(
		`[...document.querySelectorAll("#backup-codes .backup-code")].map((e) => e.textContent.trim())`, &codes))
	if len(codes) != 10 {
		t.Fatalf("want 10 backup codes, got %v", codes)
	}
	var file string
	// The link holds the file as a data: URL (the CSP keeps fetch to our own origin, so read the link).
	b.Run("read the download", chromedp.Evaluate(`(() => {
		const a = document.getElementById("download-backup-codes");
		if (!a.hasAttribute("download")) return "not a download link";
		return decodeURIComponent(a.href.slice(a.href.indexOf(",") + 1));
	})()`, &file))
	if file != strings.Join(codes, "\n")+"\n" {
		t.Fatalf("downloaded file %q does not hold the codes shown %v", file, codes)
	}
	b.Shot("backup-codes")
	b.Click("#saved-codes")
	b.Click("#finish-2fa")
	b.WaitGone("#backup-codes")
	b.WaitText("#two-factor", "On")
	b.Shot("two-factor-on")

	// Next sign-in asks for a code. The enrolment code's time step is spent, so use the next one.
	b.ClickButton("Sign out")
	b.WaitURL("/sign-in")
	env.Clock.Advance(30 * time.Second)
	signInWithPassword(b, email, password)
	b.WaitURL("/sign-in/two-factor")
	b.Shot("challenge")
	b.Fill("#totp-code", totpCode(t, secret, env.Clock.Now()))
	b.ClickButton("Verify")
	b.WaitURL("/settings")

	// A backup code works once.
	signOutAndUseBackupCode(b, email, password, codes[0])
	b.WaitURL("/settings")
	b.WaitText("#backup-codes-remaining", "9")

	signOutAndUseBackupCode(b, email, password, codes[0])
	b.WaitVisible("#two-factor-error")
	b.Shot("used-backup-code")

	// With a fresh code and "trust this device", the next sign-in skips the challenge.
	b.Click("#use-backup-code") // back to the app code
	env.Clock.Advance(30 * time.Second)
	b.Fill("#totp-code", totpCode(t, secret, env.Clock.Now()))
	b.Click("#trust-device")
	b.ClickButton("Verify")
	b.WaitURL("/settings")
	b.ClickButton("Sign out")
	b.WaitURL("/sign-in")
	signInWithPassword(b, email, password)
	b.WaitURL("/settings")

	// Turning it off needs the password.
	b.Click("#disable-2fa")
	b.Fill(`[id="2fa-password"]`, password)
	b.ClickButton("Turn off")
	b.WaitText("#two-factor", "Off")
	b.Shot("two-factor-off")
}

// Someone who signed up with a passkey alone is asked to set a password before turning on two-factor
// authentication, and can then turn it on.
func TestPasswordlessUserSetsAPasswordBeforeTwoFactor(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{WebDir: WebDir(t), Pages: routes.Paths})
	b := NewBrowser(t, env.URL)
	auth := b.AddAuthenticator(AuthenticatorOptions{})
	signUpWithPasskey(b, auth, "Grace Hopper", "grace@example.com")

	b.WaitVisible("#set-password-first")
	b.WaitGone("#enable-2fa")
	b.Shot("set-password-first")
	b.Fill("#set-new-password", "cobol forever 1959")
	b.ClickButton("Set password")
	b.WaitVisible("#password-status")
	b.WaitVisible("#enable-2fa")
	b.Click("#enable-2fa")
	b.Fill(`[id="2fa-password"]`, "cobol forever 1959")
	b.ClickButton("Continue")
	b.WaitVisible("#totp-secret")
	b.WaitVisible("#totp-qr img")
	b.Shot("qr-code")
}
