//go:build !js

package e2e

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"spacerr/app/routes"
	"spacerr/server/servertest"
)

const storyPassword = "analytical engine 1843"

// waitSessionCount waits until "Where you're signed in" lists n sessions.
func waitSessionCount(b *Browser, n int) {
	b.t.Helper()
	b.waitFor("the session list to show sessions", `(n) => document.querySelectorAll('#session-list > [role="listitem"], #session-list > li').length === n`, n)
}

// Someone signed in on two browsers signs the other one out from settings; the other browser is at
// the sign-in page on its very next action.
func TestSignOutAnotherBrowser(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{WebDir: WebDir(t), Pages: routes.Paths})
	laptop := NewBrowser(t, env.URL)
	signUpWithPassword(laptop, "Ada Lovelace", "ada@example.com")

	phone := NewBrowser(t, env.URL)
	signInWithPassword(phone, "ada@example.com", storyPassword)
	phone.WaitURL("/settings")

	laptop.Visit("/settings")
	laptop.WaitVisible("#sessions")
	waitSessionCount(laptop, 2)
	laptop.WaitText("#sessions", "This device")
	laptop.Shot("two-sessions")
	var ids []string
	laptop.Run("find the other session", chromedp.Evaluate(
		`[...document.querySelectorAll('[id^="revoke-session-"]')].map((e) => e.id)`, &ids))
	if len(ids) != 1 {
		t.Fatalf("want one other session to sign out, got %v", ids)
	}
	laptop.Click("#" + ids[0])
	waitSessionCount(laptop, 1)
	laptop.Shot("one-session")

	// The phone's next action finds its session gone.
	phone.Visit("/settings")
	phone.WaitURL("/sign-in")
}

// A session signed in long ago must confirm the password before changing it; the dialog asks in
// place and the change then goes through without retyping the form.
func TestStaleSessionConfirmsInPlace(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{WebDir: WebDir(t), Pages: routes.Paths})
	b := NewBrowser(t, env.URL)
	signUpWithPassword(b, "Ada Lovelace", "ada@example.com")
	env.Clock.Advance(16 * time.Minute)

	b.Visit("/settings")
	b.Fill("#current-password", storyPassword)
	b.Fill("#new-password", "difference engine 1822")
	b.ClickButton("Change password")
	b.WaitVisible("#stepup-password")
	b.WaitVisible(`[role="dialog"]`)
	b.Shot("confirm-its-you")
	b.Fill("#stepup-password", storyPassword)
	b.Click("#stepup-confirm")
	b.WaitGone("#stepup-password")
	b.WaitVisible("#password-status")
	if p := b.Path(); p != "/settings" {
		t.Fatalf("the step-up left settings for %s", p)
	}
	b.Shot("password-changed")

	b.ClickButton("Sign out")
	b.WaitURL("/sign-in")
	signInWithPassword(b, "ada@example.com", "difference engine 1822")
	b.WaitURL("/settings")
}

// The sign-in page marks the method used last: email after a password sign-in, the passkey button
// after a passkey sign-in. (Chromium's virtual authenticator answers the page's autofill request at
// once, so the passkey sign-in here is the autofill one, and the credential is removed before the
// page is looked at again.)
func TestLastUsedBadge(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{WebDir: WebDir(t), Pages: routes.Paths})
	b := NewBrowser(t, env.URL)
	signUpWithPassword(b, "Ada Lovelace", "ada@example.com")
	b.ClickButton("Sign out")
	b.WaitURL("/sign-in")
	b.WaitVisible(".last-used-badge")
	b.waitFor("the badge to sit with the email form, not the passkey button",
		`() => !!document.querySelector(".last-used-badge") && !document.querySelector(".last-used-option #passkey-sign-in")`)
	b.Shot("last-used-email")

	auth := b.AddAuthenticator(AuthenticatorOptions{})
	signInWithPassword(b, "ada@example.com", storyPassword)
	b.WaitURL("/settings")
	b.Click("#add-passkey")
	auth.WaitAdded(1)
	waitPasskeyCount(b, 1)
	b.ClickButton("Sign out")
	auth.WaitAsserted(1) // the sign-in page's autofill request, answered by the authenticator
	b.WaitURL("/settings")

	auth.Clear()
	b.ClickButton("Sign out")
	b.WaitURL("/sign-in")
	b.WaitVisible(".last-used-option #passkey-sign-in")
	b.Shot("last-used-passkey")
}

var link = regexp.MustCompile(`https?://[^\s"<>]+`)

// Someone who forgot their password asks for a link, follows it from the mail, chooses a new one and
// signs in with it.
func TestResetPasswordFromTheMailedLink(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{WebDir: WebDir(t), Pages: routes.Paths})
	b := NewBrowser(t, env.URL)
	signUpWithPassword(b, "Ada Lovelace", "ada@example.com")
	b.ClickButton("Sign out")
	b.WaitURL("/sign-in")

	b.Click("#forgot-password-link")
	b.WaitURL("/forgot-password")
	b.Fill("#forgot-email", "ada@example.com")
	b.ClickButton("Send reset link")
	b.WaitText("main", "Check your email")
	b.Shot("check-your-email")

	var reset string
	for _, m := range env.Mail.Messages("ada@example.com") {
		if u := link.FindString(m.Text); strings.Contains(u, "/reset-password/") {
			reset = u
		}
	}
	if reset == "" {
		t.Fatalf("no reset link mailed; mails: %+v", env.Mail.Messages("ada@example.com"))
	}
	b.Visit(strings.TrimPrefix(reset, env.URL))
	b.WaitURL("/reset-password")
	b.Fill("#reset-new-password", "difference engine 1822")
	b.ClickButton("Change password")
	b.WaitVisible("#reset-done")
	b.Shot("password-reset")

	signInWithPassword(b, "ada@example.com", "difference engine 1822")
	b.WaitURL("/settings")

	// The link worked once.
	b.Visit(strings.TrimPrefix(reset, env.URL))
	b.WaitVisible("#reset-expired")
}
