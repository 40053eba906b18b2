package settings

import (
	"testing"

	"spacerr/shared/api"
)

func TestChangePassword(t *testing.T) {
	m := newPasswordModel()
	if _, ok, focus := m.submitChange(); ok || focus != fieldCurrentPassword {
		t.Fatalf("empty form: ok %v focus %q", ok, focus)
	}
	if m.message(fieldCurrentPassword, true) != "Enter your current password." || m.message(fieldNewPassword, true) == "" {
		t.Errorf("messages: %q, %q", m.message(fieldCurrentPassword, true), m.message(fieldNewPassword, true))
	}

	m = newPasswordModel()
	m.current, m.next, m.revoke = "old password", "short", true
	if _, ok, focus := m.submitChange(); ok || focus != fieldNewPassword {
		t.Fatalf("short password: ok %v focus %q", ok, focus)
	}
	m.next = "a much longer password"
	m.edited(fieldNewPassword)
	req, ok, _ := m.submitChange()
	if !ok || req != (api.ChangePasswordRequest{CurrentPassword: "old password", NewPassword: "a much longer password", RevokeOtherSessions: true}) {
		t.Fatalf("submitChange = %+v, %v", req, ok)
	}
	if focus := m.done(api.FieldError(api.CodeInvalidPassword, fieldCurrentPassword, "Your current password is not correct."), false, true); focus != fieldCurrentPassword {
		t.Fatalf("wrong current password: focus %q", focus)
	}
	if m.message(fieldCurrentPassword, true) != "Your current password is not correct." || m.current == "" {
		t.Errorf("after a wrong password: %q, values %+v", m.message(fieldCurrentPassword, true), m)
	}

	m.submitChange()
	m.done(nil, false, true)
	if m.current != "" || m.next != "" || m.revoke || m.notice != "Your password was changed, and your other devices were signed out." {
		t.Errorf("after success: %+v", m)
	}
	if m.message(fieldNewPassword, true) != "" {
		t.Error("an emptied form shows errors")
	}
	m.edited(fieldCurrentPassword)
	if m.notice != "" {
		t.Error("the success message outlived typing")
	}
}

func TestSetPassword(t *testing.T) {
	m := newPasswordModel()
	m.next = "a much longer password"
	req, ok, _ := m.submitSet()
	if !ok || req.NewPassword != "a much longer password" {
		t.Fatalf("submitSet = %+v, %v", req, ok)
	}
	m.done(nil, true, false)
	if m.next != "" || m.notice != "Your password is set. You can now sign in with it." {
		t.Errorf("after set: %+v", m)
	}

	m = newPasswordModel()
	if _, ok, focus := m.submitSet(); ok || focus != fieldNewPassword {
		t.Errorf("empty set form: ok %v focus %q", ok, focus)
	}
	if m.message(fieldCurrentPassword, false) != "" {
		t.Error("the set form asks for a current password")
	}
}

func TestPasswordInputIDs(t *testing.T) {
	for _, tt := range []struct {
		field string
		has   bool
		want  string
	}{
		{fieldCurrentPassword, true, "current-password"},
		{fieldNewPassword, true, "new-password"},
		{fieldNewPassword, false, "set-new-password"},
		{"", true, ""},
	} {
		if got := passwordInputID(tt.field, tt.has); got != tt.want {
			t.Errorf("passwordInputID(%q, %v) = %q, want %q", tt.field, tt.has, got, tt.want)
		}
	}
}

func TestPasswordSubtitleNamesHowYouSignIn(t *testing.T) {
	for _, tc := range []struct {
		name       string
		known, has bool
		ways       signInWays
		want       string
	}{
		{name: "loading", want: "Sign in with your email and a password."},
		{name: "password", known: true, has: true, ways: signInWays{known: true, passkeys: 2, google: true},
			want: "Change the password you sign in with."},
		{name: "ways still loading", known: true, want: "You sign in without a password. A password is another way in."},
		{name: "one passkey", known: true, ways: signInWays{known: true, passkeys: 1},
			want: "You sign in with your passkey only. A password is a second way in."},
		{name: "passkeys", known: true, ways: signInWays{known: true, passkeys: 3},
			want: "You sign in with passkeys only. A password is a second way in."},
		{name: "Google only", known: true, ways: signInWays{known: true, google: true},
			want: "You sign in with Google only. A password is a second way in."},
		{name: "both", known: true, ways: signInWays{known: true, passkeys: 1, google: true},
			want: "You sign in with passkeys and Google. A password is another way in."},
		{name: "nothing", known: true, ways: signInWays{known: true},
			want: "You have no password yet. Set one to sign in with your email."},
	} {
		if got := passwordSubtitle(tc.known, tc.has, tc.ways); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestWaysOf(t *testing.T) {
	accs := []api.Account{{ProviderID: "credential"}, {ProviderID: api.ProviderGoogle}}
	if w := waysOf(api.PasskeyStatus{Count: 2, HasPasskey: true}, accs); w != (signInWays{known: true, passkeys: 2, google: true}) {
		t.Errorf("passkeys and Google: %+v", w)
	}
	if w := waysOf(api.PasskeyStatus{}, accs[:1]); w != (signInWays{known: true}) {
		t.Errorf("neither: %+v", w)
	}
}
