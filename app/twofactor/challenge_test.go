package twofactor

import (
	"errors"
	"testing"

	"spacerr/app/authapi"
	"spacerr/shared/api"
)

func TestChallengeSendsCanonicalTOTP(t *testing.T) {
	m := ChallengeModel{TOTP: " 123 456 ", Trust: true}
	req, ok := m.Submit()
	if !ok {
		t.Fatalf("Submit refused: %s", m.Error())
	}
	if r, isTOTP := req.(api.VerifyTOTPRequest); !isTOTP || r != (api.VerifyTOTPRequest{Code: "123456", TrustDevice: true}) {
		t.Errorf("req = %#v", req)
	}
	if !m.Pending() {
		t.Error("not pending after submit")
	}
	if _, again := m.Submit(); again {
		t.Error("a second submit while pending was accepted")
	}
}

func TestChallengeSendsCanonicalBackupCode(t *testing.T) {
	m := ChallengeModel{Backup: "abcde 1234o", UseBackup: true}
	req, ok := m.Submit()
	if !ok {
		t.Fatalf("Submit refused: %s", m.Error())
	}
	if r, isBackup := req.(api.VerifyBackupCodeRequest); !isBackup || r.Code != "ABCDE-12340" || r.TrustDevice {
		t.Errorf("req = %#v", req)
	}
}

func TestChallengeRefusesMalformedCodes(t *testing.T) {
	for _, m := range []ChallengeModel{
		{TOTP: ""},
		{TOTP: "12345"},
		{TOTP: "12345a"},
		{Backup: "ABCDE-1234", UseBackup: true},
		{Backup: "ABCDE-1234U", UseBackup: true}, // U is not in Crockford's alphabet
		{TOTP: "123456", Backup: "", UseBackup: true},
	} {
		if req, ok := m.Submit(); ok {
			t.Errorf("%+v: sent %#v", m, req)
			continue
		}
		if m.Error() == "" || !m.CodeInvalid() || m.Pending() || m.Over() {
			t.Errorf("%+v: error %q, codeInvalid %v, pending %v", m, m.Error(), m.CodeInvalid(), m.Pending())
		}
	}
}

func TestChallengeServerAnswers(t *testing.T) {
	tests := []struct {
		err         error
		codeInvalid bool
		over        bool
		message     string
	}{
		{api.FieldError(api.CodeInvalidCode, "code", "That code is not right."), true, false, "That code is not right."},
		{api.FieldError(api.CodeInvalidBackupCode, "code", "Used."), true, false, "Used."},
		{api.Errorf(api.CodeInvalidTwoFactorCookie, "This sign-in has expired."), false, true, "This sign-in has expired."},
		{api.Errorf(api.CodeTooManyAttempts, "Too many wrong codes. Please sign in again."), false, true, "Too many wrong codes. Please sign in again."},
		{api.Errorf(api.CodeAccountTemporarilyLocked, "Locked."), false, false, "Too many wrong codes. Try again in 15 minutes."},
		{&authapi.NetworkError{Err: errors.New("offline")}, false, false, "Can't reach the server. Check your connection."},
	}
	for _, tt := range tests {
		m := ChallengeModel{TOTP: "123456"}
		if _, ok := m.Submit(); !ok {
			t.Fatal("Submit refused")
		}
		m.Done(tt.err)
		if m.Pending() || m.Error() != tt.message || m.CodeInvalid() != tt.codeInvalid || m.Over() != tt.over {
			t.Errorf("%v: error %q, codeInvalid %v, over %v", tt.err, m.Error(), m.CodeInvalid(), m.Over())
		}
	}
}

func TestChallengeEditingClearsCodeErrorOnly(t *testing.T) {
	m := ChallengeModel{TOTP: "123456"}
	m.Submit()
	m.Done(api.FieldError(api.CodeInvalidCode, "code", "Wrong."))
	m.Edited()
	if m.Error() != "" {
		t.Errorf("error %q survives typing", m.Error())
	}

	m.Submit()
	m.Done(api.Errorf(api.CodeInvalidTwoFactorCookie, "Expired."))
	m.Edited()
	m.ToggleBackup()
	if !m.Over() || m.Error() == "" {
		t.Error("an expired challenge was forgotten by typing")
	}
}

func TestChallengeToggleKeepsWhatWasTyped(t *testing.T) {
	m := ChallengeModel{TOTP: "12"}
	m.Submit()
	m.ToggleBackup()
	if !m.UseBackup || m.Error() != "" || m.TOTP != "12" {
		t.Errorf("after toggle: %+v", m)
	}
	m.ToggleBackup()
	if m.UseBackup {
		t.Error("toggle does not switch back")
	}
}
