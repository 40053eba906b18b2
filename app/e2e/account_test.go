//go:build !js

package e2e

import (
	"slices"
	"testing"

	"spacerr/app/routes"
	"spacerr/server/servertest"
)

// profile is the Profile card of /settings, found by its heading as a screen reader finds it.
const profile = `section[aria-labelledby="profile-heading"]`

// A newcomer creates an account, signs out, mistypes their password and signs in again, on each
// database the server supports.
func TestNewcomerCreatesAnAccountSignsOutAndSignsBackIn(t *testing.T) {
	setup := servertest.Setup{WebDir: WebDir(t), Pages: routes.Paths}
	servertest.Each(t, setup, func(t *testing.T, env *servertest.Env) {
		const (
			name     = "Ada Lovelace"
			email    = "ada@example.com"
			password = "analytical engine 1843"
		)
		b := NewBrowser(t, env.URL)

		// Someone new opens the site. Nobody is signed in, so they are sent to sign in.
		b.Visit("/")
		b.WaitURL("/sign-in")
		b.WaitVisible("#email")
		b.Shot("sign-in")

		// They have no account yet, so they follow the link to create one.
		b.ClickLink("Create an account")
		b.WaitURL("/sign-up")
		b.Fill("#name", name)
		b.Fill("#email", email)
		b.Fill("#password", password)
		b.Shot("sign-up-filled")
		b.ClickButton("Create account")

		// The account is made and they are signed in: settings shows who they are.
		b.WaitURL("/settings")
		b.WaitText(profile, name)
		b.WaitText(profile, email)
		b.Shot("settings")

		// They sign out and are back at the sign-in page.
		b.ClickButton("Sign out")
		b.WaitURL("/sign-in")
		b.WaitVisible("#email")

		// They mistype their password: the form says so, and they stay where they are.
		b.Fill("#email", email)
		b.Fill("#password", "analytical engine 1842")
		b.ClickButton("Sign in")
		b.WaitText(`.form-alert [role="alert"]`, "Invalid email or password")
		b.Shot("wrong-password")
		if p := b.Path(); p != "/sign-in" {
			t.Fatalf("after a wrong password the page is %s, want /sign-in", p)
		}

		// With the right password they are in again.
		b.Fill("#password", password)
		b.ClickButton("Sign in")
		b.WaitURL("/settings")
		b.WaitText(profile, name)
		b.WaitText(profile, email)
		b.Shot("settings-again")
	})
}

// The sign-up form tells someone their email is not an address as soon as they leave the field, and
// takes the message away as they fix it, without asking the server.
func TestSignUpFlagsAnInvalidEmailWithoutSendingIt(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{WebDir: WebDir(t), Pages: routes.Paths})
	b := NewBrowser(t, env.URL)

	b.Visit("/sign-up")
	b.Fill("#name", "Ada Lovelace")
	b.Fill("#email", "ada@example")
	// Still typing: the form does not judge an address they have not finished.
	b.WaitGone("#email-error")

	// They move on to the password: now the form says what is wrong, next to the field.
	b.Tab()
	b.WaitText("#email-error", "Enter a valid email address")
	b.WaitVisible(`#email[aria-invalid="true"][aria-describedby~="email-error"]`)
	b.Shot("invalid-email")

	// Trying to send it anyway keeps them on the form, with the email field focused.
	b.Fill("#password", "analytical engine 1843")
	b.ClickButton("Create account")
	b.WaitFocused("#email")
	b.WaitText("#email-error", "Enter a valid email address")

	// They finish the address and the message goes away while they type.
	b.Fill("#email", "ada@example.com")
	b.WaitGone("#email-error")
	b.Shot("email-fixed")

	if sent := b.APIRequests(); slices.Contains(sent, "POST /api/auth/sign-up/email") {
		t.Errorf("the form sent a sign-up with an invalid email; API requests: %v", sent)
	}
}
