// Package settings is the /settings page: the signed-in person's profile, their passkeys (add,
// rename, delete), their password (change, or set a first one), two-factor authentication (turn
// on, new backup codes, turn off) and the way to sign out. It loads the session in the browser
// only (never during the server's prerender) and sends people who are not signed in to /sign-in.
package settings

import (
	"time"

	"spacerr/app/avatar"
)

// initials are the avatar's letters; page.go draws them. The admin area shows the same avatar, so
// the rule lives in app/avatar.
func initials(name, email string) string { return avatar.Initials(name, email) }

// memberSince is the account's creation day as people write it, "March 4, 2025".
func memberSince(created time.Time) string { return day(created) }

// day is t's day as people write it, "March 4, 2025", in the browser's time zone (Go's js/wasm
// runtime takes time.Local from the browser), or "—" for the zero time.
func day(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(time.Local).Format("January 2, 2006")
}
