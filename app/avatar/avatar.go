// Package avatar is the letters in a person's avatar, the same on the settings page and in the admin
// area. It only computes text; the pages draw the circle (web/app.css .avatar).
package avatar

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Initials are the letters in the avatar: the first letter of the first and last words of the
// name ("Ada King Lovelace" → "AL"), or of the email when there is no name; "?" with neither.
func Initials(name, email string) string {
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
