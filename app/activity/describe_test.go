package activity

import (
	"testing"
	"time"

	"spacerr/shared/api"
)

func TestDescribeForEachReader(t *testing.T) {
	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = time.UTC
	tests := []struct {
		action, detail string
		r              Reader
		text, shown    string
	}{
		{api.EventSignIn, "passkey", Holder, "Signed in with a passkey", ""},
		{api.EventSignIn, "email", Holder, "Signed in with your password", ""},
		{api.EventSignIn, "credential", Admin, "Signed in with a password", ""},
		{api.EventSignIn, "google", Admin, "Signed in with Google", ""},
		{api.EventSignIn, "magic-link", Holder, "Signed in with an email link", ""},
		{api.EventSignIn, "", Holder, "Signed in", ""},
		{api.EventSignInFailed, "bad password", Holder, "Failed sign-in attempt", ""},
		{api.EventSignInFailed, "bad password", Admin, "Failed sign-in attempt", "bad password"},
		{api.EventTwoFactorEnabled, "", Holder, "Two-factor authentication turned on", ""},
		{api.EventPasskeyAdded, "iCloud Keychain", Holder, "Passkey added", "iCloud Keychain"},
		{"set-user-password", "", Holder, "Password set", ""},
		{api.EventSessionRevoked, "3", Holder, "Signed out of 3 sessions", ""},
		{api.EventSessionRevoked, "1", Admin, "Signed out of a session", ""},
		{api.EventAccountLinked, "github", Holder, "Account connected", "GitHub"},
		{api.EventAccountUnlinked, "google", Admin, "Account disconnected", "Google"},
		{"set-role", api.RoleAdmin, Admin, "Made an administrator", ""},
		{"set-role", api.RoleUser, Holder, "Administrator role removed", ""},
		{"ban-user", "spam (until 2026-03-11T12:00:00Z)", Admin, "Banned", "spam · until Mar 11, 2026"},
		{"ban-user", "spam (until 2026-03-11T12:00:00Z)", Holder, "Account suspended", ""},
		{"ban-user", "spam (until never)", Admin, "Banned", "spam (until never)"},
		{"unban-user", "", Admin, "Ban lifted", ""},
		{"unban-user", "", Holder, "Suspension lifted", ""},
		{"create-user", "ada@example.com", Admin, "Account created", "ada@example.com"},
		{"create-user", "ada@example.com", Holder, "Account created", ""},
		{"impersonate-user", "", Holder, "Account viewed as you", ""},
		{"stop-impersonating", "", Admin, "Impersonation ended", ""},
	}
	for _, tt := range tests {
		text, shown, known := Describe(tt.action, tt.detail, tt.r)
		if text != tt.text || shown != tt.shown || !known {
			t.Errorf("Describe(%q, %q, %v) = %q, %q, %v; want %q, %q", tt.action, tt.detail, tt.r, text, shown, known, tt.text, tt.shown)
		}
	}
	if text, _, known := Describe("brand-new-thing", "x", Admin); known || text != "" {
		t.Errorf("an unknown action: %q, %v", text, known)
	}
}

func TestProvider(t *testing.T) {
	for id, want := range map[string]string{
		"credential": "Email and password", "google": "Google", "github": "GitHub", "": "Unknown", "gitlab": "Gitlab",
	} {
		if got := Provider(id); got != want {
			t.Errorf("Provider(%q) = %q, want %q", id, got, want)
		}
	}
}
