// Package validate holds the input rules that both the server and the WASM client apply, so a form can
// say at once what the server would say later. It imports only the standard library; the server still
// re-validates everything it receives.
package validate

import (
	"errors"
	"net/mail"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Password limits, in characters (Unicode code points), as in Better Auth.
const (
	MinPasswordChars = 8
	MaxPasswordChars = 128
	// MaxPasswordBytes bounds the work a sign-in attempt can ask of the hasher.
	MaxPasswordBytes = MaxPasswordChars * utf8.UTFMax
	MaxNameChars     = 100
	MaxEmailBytes    = 254
)

// The errors the validators return; Message gives the sentence a person reads.
var (
	ErrEmailInvalid      = errors.New("email is not a valid address")
	ErrNameEmpty         = errors.New("name is empty")
	ErrNameTooLong       = errors.New("name is too long")
	ErrNameInvalid       = errors.New("name has control characters")
	ErrPasswordTooShort  = errors.New("password is too short")
	ErrPasswordTooLong   = errors.New("password is too long")
	ErrPasswordInvalid   = errors.New("password is not valid UTF-8")
	ErrCallbackURLUnsafe = errors.New("callback URL is not a safe path or URL")
)

var messages = map[error]string{
	ErrEmailInvalid:      "Enter a valid email address, like name@example.com.",
	ErrNameEmpty:         "Enter your name.",
	ErrNameTooLong:       "Use at most 100 characters for your name.",
	ErrNameInvalid:       "Your name contains characters that are not allowed.",
	ErrPasswordTooShort:  "Use at least 8 characters for your password.",
	ErrPasswordTooLong:   "Use at most 128 characters for your password.",
	ErrPasswordInvalid:   "Your password contains characters that are not allowed.",
	ErrCallbackURLUnsafe: "The return address is not allowed.",
}

// Message is the user-facing sentence for a validator error.
func Message(err error) string {
	if m, ok := messages[err]; ok {
		return m
	}
	return "Check this field."
}

// NormalizeEmail is the form in which emails are stored and compared: trimmed and lower-cased.
func NormalizeEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// Email accepts a plain address (no display name) with a dotted domain, at most 254 bytes.
func Email(email string) error {
	e := NormalizeEmail(email)
	if e == "" || len(e) > MaxEmailBytes || !utf8.ValidString(e) {
		return ErrEmailInvalid
	}
	addr, err := mail.ParseAddress(e)
	if err != nil || addr.Address != e || addr.Name != "" {
		return ErrEmailInvalid
	}
	at := strings.LastIndexByte(e, '@')
	local, domain := e[:at], e[at+1:]
	if local == "" || strings.ContainsAny(e, " \"\\") {
		return ErrEmailInvalid
	}
	if !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") ||
		strings.Contains(domain, "..") || strings.HasPrefix(domain, "[") {
		return ErrEmailInvalid
	}
	return nil
}

// NormalizeName trims the name; inner spaces are kept as typed.
func NormalizeName(name string) string { return strings.TrimSpace(name) }

// Name accepts 1 to 100 characters, without control characters.
func Name(name string) error {
	n := NormalizeName(name)
	if !utf8.ValidString(n) {
		return ErrNameInvalid
	}
	if n == "" {
		return ErrNameEmpty
	}
	if utf8.RuneCountInString(n) > MaxNameChars {
		return ErrNameTooLong
	}
	for _, r := range n {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ErrNameInvalid
		}
	}
	return nil
}

// Password accepts 8 to 128 characters of valid UTF-8. Spaces and every script are allowed: a long
// passphrase is the best password, and composition rules only make people write them down.
func Password(pw string) error {
	if !utf8.ValidString(pw) {
		return ErrPasswordInvalid
	}
	n := utf8.RuneCountInString(pw)
	if n < MinPasswordChars {
		return ErrPasswordTooShort
	}
	if n > MaxPasswordChars {
		return ErrPasswordTooLong
	}
	return nil
}

// CallbackURL accepts a same-site absolute path ("/settings", but not "//evil" or "/\evil") or an
// absolute http(s) URL; the server further checks that such a URL's origin is trusted.
func CallbackURL(raw string) error {
	if raw == "" || len(raw) > 2048 || strings.ContainsAny(raw, "\x00\r\n\t\\") {
		return ErrCallbackURLUnsafe
	}
	if strings.HasPrefix(raw, "/") {
		lower := strings.ToLower(raw)
		if strings.HasPrefix(lower, "//") || strings.HasPrefix(lower, "/%2f") || strings.HasPrefix(lower, "/%5c") {
			return ErrCallbackURLUnsafe
		}
		u, err := url.Parse(raw)
		if err != nil || u.Host != "" || u.Scheme != "" {
			return ErrCallbackURLUnsafe
		}
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return ErrCallbackURLUnsafe
	}
	return nil
}
