package signin

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/browser"
)

// lastUsedCookie is Better Auth's last-login-method cookie. It is readable by JavaScript on purpose
// and says only how this browser last signed in, never who.
const lastUsedCookie = "better-auth.last_used_login_method"

// The login methods the cookie may name.
const (
	MethodEmail     = "email"
	MethodPasskey   = "passkey"
	MethodMagicLink = "magic-link"
	MethodGoogle    = "google"
)

// LastUsedLoginMethod is how this browser last signed in ("email", "passkey", "magic-link",
// "google"), or "" when it does not know or the cookie holds anything else.
func LastUsedLoginMethod() string { return knownMethod(browser.Cookie(lastUsedCookie)) }

func knownMethod(m string) string {
	switch m {
	case MethodEmail, MethodPasskey, MethodMagicLink, MethodGoogle:
		return m
	}
	return ""
}

// signInOrder is which option the page shows first and which one carries the "Last used" badge
// (badge is "" for none). The buttons (Google, passkey) lead unless email or a mailed link was used
// last, or there are no buttons; the badge only ever marks an option that is on the page.
func signInOrder(lastUsed string, webAuthn, google bool) (emailFirst bool, badge string) {
	switch {
	case lastUsed == MethodEmail, lastUsed == MethodMagicLink:
		// Both live in the email form: the password and the "email me a link" button.
		return true, lastUsed
	case lastUsed == MethodPasskey && webAuthn:
		return false, MethodPasskey
	case lastUsed == MethodGoogle && google:
		return false, MethodGoogle
	}
	return false, ""
}

// lastUsed wraps an option with the "Last used" badge when mark is true.
func lastUsed(mark bool, option app.UI) app.UI {
	if !mark {
		return option
	}
	return app.Div().Class("last-used-option").Body(
		option,
		app.Span().Class("last-used-badge").Text("Last used"),
	)
}
