//go:build !js

package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"

	"spacerr/app/routes"
	"spacerr/server/config"
	"spacerr/server/oidc/oidctest"
	"spacerr/server/servertest"
)

const connectedCard = "#connected-accounts"

// startWithGoogle runs a real OpenID provider in the test (it approves at once, as the person queued)
// and a server configured for it.
func startWithGoogle(t *testing.T) (*servertest.Env, *oidctest.Provider) {
	idp := oidctest.Start(t)
	env := servertest.Start(t, servertest.Setup{WebDir: WebDir(t), Pages: routes.Paths,
		Config: func(c *config.Config) { c.OIDC = idp.Settings() }})
	return env, idp
}

// Grace continues with Google, lands signed in to a new account, and finds Google marked as her last
// way in when she comes back. A callback that went wrong lands on the sign-in page with a friendly
// alert and the buttons to try again.
func TestGoogleSignInStory(t *testing.T) {
	env, idp := startWithGoogle(t)
	grace := &oidctest.Person{Subject: "g-grace", Email: "grace@example.com", EmailVerified: true, Name: "Grace Hopper"}

	b := NewBrowser(t, env.URL)
	b.Visit("/sign-in")
	b.WaitVisible("#google-sign-in")
	b.Shot("sign-in-with-google")
	idp.Queue(grace)
	b.Click("#google-sign-in")
	b.WaitURL("/settings")
	b.WaitText(profile, "Grace Hopper")
	b.WaitText(profile, "grace@example.com")
	// Google is her only way in, so it cannot be disconnected.
	b.WaitText(connectedCard, "grace@example.com")
	b.Shot("signed-in-with-google")
	b.Click("#disconnect-google")
	b.WaitText("#connected-error", "only way to sign in")
	b.WaitVisible("#disconnect-google")
	b.Shot("last-way-in-kept")

	// Back on the sign-in page, the Google button carries the "Last used" badge.
	b.ClickButton("Sign out")
	b.WaitURL("/sign-in")
	b.WaitVisible(".last-used-option #google-sign-in")
	b.Shot("last-used-google")
	b.Run("narrow the window to a phone's", chromedp.EmulateViewport(375, 812))
	b.Shot("last-used-google-phone")
	b.Run("widen the window again", chromedp.EmulateViewport(1280, 900))

	// A callback that is not part of a flow this browser began lands back here, with the way on.
	b.Visit("/api/auth/callback/google?state=forged&code=forged")
	b.WaitURL("/sign-in")
	b.WaitText("#social-error", "expired or was already used")
	b.WaitVisible("#google-sign-in")
	b.Shot("callback-error")

	// Signing up offers the same button.
	b.Visit("/sign-up")
	b.WaitVisible("#google-sign-up")
	b.Shot("sign-up-with-google")

}

// Ada signs in with a password, connects Google in settings, then disconnects it again.
func TestConnectGoogleInSettingsStory(t *testing.T) {
	env, idp := startWithGoogle(t)
	const email, password = "ada@example.com", "analytical engine 1843"
	if res := env.NewClient(t).Do("POST", "/api/auth/sign-up/email", map[string]any{"name": "Ada Lovelace", "email": email, "password": password}); res.Status != 200 {
		t.Fatalf("sign-up: %d %s", res.Status, res.Body)
	}
	ada := NewBrowser(t, env.URL)
	signInWithPassword(ada, email, password)
	ada.WaitURL("/settings")
	ada.WaitText(connectedCard, "Not connected")
	ada.Shot("connected-accounts-empty")
	idp.Queue(&oidctest.Person{Subject: "g-ada", Email: "ada.lovelace@gmail.example", EmailVerified: true})
	ada.Click("#connect-google")
	ada.WaitText("#connected-status", "Google is connected")
	ada.WaitText(connectedCard, "ada.lovelace@gmail.example")
	ada.Shot("google-connected")
	ada.Run("narrow the window to a phone's", chromedp.EmulateViewport(375, 812))
	ada.Run("show the card", chromedp.ScrollIntoView(connectedCard, chromedp.ByQuery))
	ada.Shot("google-connected-phone")
	ada.Run("widen the window again", chromedp.EmulateViewport(1280, 900))
	ada.Click("#disconnect-google")
	ada.WaitText("#connected-status", "disconnected")
	ada.WaitVisible("#connect-google")
	ada.WaitText(connectedCard, "Not connected")
	ada.Shot("google-disconnected")
}
