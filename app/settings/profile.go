// Package settings is the /settings page: the signed-in person's profile, their passkeys (add,
// rename, delete), their password (change, or set a first one), two-factor authentication (turn
// on, new backup codes, turn off) and the way to sign out. It loads the session in the browser
// only (never during the server's prerender) and sends people who are not signed in to /sign-in.
package settings

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// initials are the letters in the avatar: the first letter of the first and last words of the
// name ("Ada King Lovelace" → "AL"), or of the email when there is no name.
func initials(name, email string) string {
	words := strings.Fields(name)
	if len(words) == 0 {
		words = strings.Fields(email)
	}
	if len(words) == 0 {
		return "?"
	}
	first := firstLetter(words[0])
	if len(words) == 1 {
		return first
	}
	return first + firstLetter(words[len(words)-1])
}

// firstLetter is the first letter or digit of word, upper-cased; punctuation such as a quote or a
// parenthesis is skipped.
func firstLetter(word string) string {
	for _, r := range word {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return string(unicode.ToUpper(r))
		}
	}
	r, _ := utf8.DecodeRuneInString(word)
	return string(r)
}

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
