package api

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalizeBackupCode(t *testing.T) {
	for in, want := range map[string]string{
		"ABCDE-12345":   "ABCDE12345",
		"abcde-12345":   "ABCDE12345",
		"abcde12345":    "ABCDE12345",
		" AbCdE 12345 ": "ABCDE12345",
		"OILOI-ZZZZZ":   "01101ZZZZZ", // Crockford: O is 0, I and L are 1
	} {
		if got, ok := NormalizeBackupCode(in); !ok || got != want {
			t.Errorf("%q: got %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "ABCDE-1234", "ABCDE-123456", "ABCDU-12345", "ABCDE_12345", "ſBCDE-12345",
		"ABCDE-1234\u0131", strings.Repeat("A", 65), "ÄBCDE-12345"} {
		if got, ok := NormalizeBackupCode(bad); ok {
			t.Errorf("%q accepted as %q", bad, got)
		}
	}
	if FormatBackupCode("ABCDE12345") != "ABCDE-12345" {
		t.Fatal(FormatBackupCode("ABCDE12345"))
	}
}

func TestNormalizeTOTPCode(t *testing.T) {
	for in, want := range map[string]string{"123456": "123456", " 123 456 ": "123456", "000000": "000000"} {
		if got, ok := NormalizeTOTPCode(in); !ok || got != want {
			t.Errorf("%q: got %q, %v", in, got, ok)
		}
	}
	for _, bad := range []string{"", "12345", "1234567", "12345a", "１２３４５６", "123-456"} {
		if _, ok := NormalizeTOTPCode(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestTwoFactorRequestsValidate(t *testing.T) {
	long := strings.Repeat("x", 2000)
	cases := []struct {
		req   interface{ Validate() error }
		field string
		code  Code
	}{
		{EnableTwoFactorRequest{}, "password", CodeValidation},
		{EnableTwoFactorRequest{Password: "x", Method: "otp"}, "method", CodeValidation},
		{EnableTwoFactorRequest{Password: long}, "password", CodeInvalidPassword},
		{TwoFactorPasswordRequest{}, "password", CodeValidation},
		{VerifyTOTPRequest{Code: "12345"}, "code", CodeValidation},
		{VerifyBackupCodeRequest{Code: "nope"}, "code", CodeValidation},
		{ChangePasswordRequest{NewPassword: "long enough"}, "currentPassword", CodeValidation},
		{ChangePasswordRequest{CurrentPassword: "x", NewPassword: "short"}, "newPassword", CodePasswordTooShort},
		{SetPasswordRequest{NewPassword: strings.Repeat("p", 129)}, "newPassword", CodePasswordTooLong},
	}
	for _, c := range cases {
		var e *Error
		if err := c.req.Validate(); !errors.As(err, &e) || e.Field != c.field || e.Code != c.code || e.Message == "" {
			t.Errorf("%T: got %v", c.req, err)
		}
	}
	for _, ok := range []interface{ Validate() error }{
		EnableTwoFactorRequest{Password: "x", Method: "totp"}, TwoFactorPasswordRequest{Password: "x"},
		VerifyTOTPRequest{Code: "123 456", TrustDevice: true}, VerifyBackupCodeRequest{Code: "abcde-12345"},
		ChangePasswordRequest{CurrentPassword: "x", NewPassword: "long enough", RevokeOtherSessions: true},
		SetPasswordRequest{NewPassword: "long enough"},
	} {
		if err := ok.Validate(); err != nil {
			t.Errorf("%T: %v", ok, err)
		}
	}
}
