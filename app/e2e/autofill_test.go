//go:build !js

package e2e

import (
	"testing"

	"spacerr/app/routes"
	"spacerr/server/servertest"
)

// A returning user picks their passkey from the email field's autofill (conditional mediation); the
// page signs them in without a click on the passkey button.
func TestSignInThroughPasskeyAutofill(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{WebDir: WebDir(t), Pages: routes.Paths})
	b := NewBrowser(t, env.URL)
	auth := b.AddAuthenticator(AuthenticatorOptions{})
	signUpWithPassword(b, "Ada Lovelace", "ada@example.com")
	b.Click("#add-passkey")
	auth.WaitAdded(1)
	waitPasskeyCount(b, 1)
	b.ClickButton("Sign out")
	b.WaitURL("/sign-in")

	// The sign-in page starts a conditional request when it opens; focusing the email field is where a
	// person would see their passkey offered.
	b.Visit("/sign-in")
	b.Click("#email")
	auth.WaitAsserted(1)
	b.WaitURL("/settings")
	b.WaitText(profile, "ada@example.com")
}
