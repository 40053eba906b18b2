//go:build !js

package e2e

import (
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"spacerr/app/routes"
	"spacerr/server/servertest"
)

// signUpWithPassword creates an account through the sign-up page and waits for settings.
func signUpWithPassword(b *Browser, name, email string) {
	b.t.Helper()
	b.Visit("/sign-up")
	b.Fill("#name", name)
	b.Fill("#email", email)
	b.Fill("#password", "analytical engine 1843")
	b.ClickButton("Create account")
	b.WaitURL("/settings")
	b.WaitVisible("#passkeys")
}

// signUpWithPasskey creates an account with a passkey alone and waits for settings.
func signUpWithPasskey(b *Browser, auth *Authenticator, name, email string) {
	b.t.Helper()
	b.Visit("/sign-up")
	b.Fill("#name", name)
	b.Fill("#email", email)
	before := auth.Added() // read before the click: the event may arrive before the next line runs
	b.Click("#passkey-sign-up")
	auth.WaitAdded(before + 1)
	b.WaitURL("/settings")
}

// passkeyIDs lists the ids of the passkeys settings shows, in order.
func passkeyIDs(b *Browser) []string {
	b.t.Helper()
	var ids []string
	b.Run("read the passkey list", chromedp.Evaluate(
		`[...document.querySelectorAll('#passkey-list > [role="listitem"]')].map((e) => e.id.slice("passkey-".length))`, &ids))
	return ids
}

// waitPasskeyCount waits until settings lists n passkeys.
func waitPasskeyCount(b *Browser, n int) {
	b.t.Helper()
	b.waitFor("the passkey list to show "+strconv.Itoa(n)+" passkey(s)",
		`(n) => document.querySelectorAll('#passkey-list > [role="listitem"]').length === n`, n)
}

// Someone with a password adds a passkey in settings, signs out, and signs back in with it alone.
func TestAddAPasskeyThenSignInWithIt(t *testing.T) {
	setup := servertest.Setup{WebDir: WebDir(t), Pages: routes.Paths}
	servertest.Each(t, setup, func(t *testing.T, env *servertest.Env) {
		b := NewBrowser(t, env.URL)
		auth := b.AddAuthenticator(AuthenticatorOptions{})
		signUpWithPassword(b, "Ada Lovelace", "ada@example.com")

		// No passkey yet: the card explains what one is.
		b.WaitGone("#passkey-list > [role=\"listitem\"]")
		b.Shot("no-passkeys")

		b.Click("#add-passkey")
		auth.WaitAdded(1)
		waitPasskeyCount(b, 1)
		b.WaitText("#passkey-list", "This device")
		b.Shot("passkey-added")

		b.ClickButton("Sign out")
		b.WaitURL("/sign-in")

		// Only the passkey: no email, no password.
		b.Click("#passkey-sign-in")
		auth.WaitAsserted(1)
		b.WaitURL("/settings")
		b.WaitText(profile, "ada@example.com")
		waitPasskeyCount(b, 1)
		b.WaitText("#passkey-list", "Last used")
		b.Shot("signed-in-with-passkey")
	})
}

// A passkey can be renamed in place and deleted after a confirmation.
func TestRenameAndDeleteAPasskey(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{WebDir: WebDir(t), Pages: routes.Paths})
	b := NewBrowser(t, env.URL)
	auth := b.AddAuthenticator(AuthenticatorOptions{Synced: true})
	signUpWithPassword(b, "Ada Lovelace", "ada@example.com")
	b.Click("#add-passkey")
	auth.WaitAdded(1)
	waitPasskeyCount(b, 1)
	b.WaitText("#passkey-list", "Synced")
	id := passkeyIDs(b)[0]

	b.Click("#rename-passkey-" + id)
	b.WaitVisible("#passkey-name-" + id)
	b.Fill("#passkey-name-"+id, "Work laptop")
	b.Run("press Enter", chromedp.SendKeys("#passkey-name-"+id, "\r"))
	b.WaitGone("#passkey-name-" + id)
	b.WaitText("#passkey-"+id, "Work laptop")
	b.Shot("renamed")

	// The name survives a reload: it was saved, not only drawn.
	b.Visit("/settings")
	b.WaitText("#passkey-"+id, "Work laptop")

	b.Click("#delete-passkey-" + id)
	b.WaitVisible("#confirm-delete-" + id)
	b.Shot("confirm-delete")
	b.Click("#confirm-delete-" + id)
	waitPasskeyCount(b, 0)
	b.Shot("deleted")
}

// Someone creates an account with a passkey alone, and cannot delete that passkey, their only way in.
func TestPasskeyOnlyAccount(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{WebDir: WebDir(t), Pages: routes.Paths})
	b := NewBrowser(t, env.URL)
	auth := b.AddAuthenticator(AuthenticatorOptions{})

	signUpWithPasskey(b, auth, "Grace Hopper", "grace@example.com")
	b.WaitText(profile, "grace@example.com")
	waitPasskeyCount(b, 1)
	b.Shot("passkey-only-account")

	id := passkeyIDs(b)[0]
	b.Click("#delete-passkey-" + id)
	b.Click("#confirm-delete-" + id)
	b.WaitVisible("#passkey-error")
	b.Shot("last-passkey-refused")
	waitPasskeyCount(b, 1)

	// And the passkey still signs them in.
	b.ClickButton("Sign out")
	b.WaitURL("/sign-in")
	b.Click("#passkey-sign-in")
	auth.WaitAsserted(1)
	b.WaitURL("/settings")
}

// When the browser has no passkey for the site, the ceremony ends without one and the page says so
// calmly, leaving the password form usable.
func TestCancelledPasskeySignInShowsAMessage(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{WebDir: WebDir(t), Pages: routes.Paths})
	b := NewBrowser(t, env.URL)
	b.AddAuthenticator(AuthenticatorOptions{}) // holds no credential for this site
	b.Visit("/sign-in")
	b.Click("#passkey-sign-in")
	b.WaitVisible("#passkey-error")
	b.Shot("cancelled")
	if p := b.Path(); p != "/sign-in" {
		t.Fatalf("a cancelled passkey sign-in left the page for %s", p)
	}
	b.WaitVisible("#email")
}
