package httpapi

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"spacerr/shared/api"
)

func TestDecodeBytes(t *testing.T) {
	var req api.SignInEmailRequest
	if err := DecodeBytes([]byte(`{"email":"a@b.co","password":"x","rememberMe":false}`), &req); err != nil {
		t.Fatal(err)
	}
	if req.Remember() {
		t.Fatal("rememberMe:false ignored")
	}
	for body, field := range map[string]string{
		`{"email":"a@b.co","admin":true}`: "admin",
		`{"email":5}`:                     "email",
	} {
		err := DecodeBytes([]byte(body), &req)
		var e *api.Error
		if !errors.As(err, &e) || e.Code != api.CodeValidation || e.Field != field {
			t.Errorf("%s: want a VALIDATION_ERROR on %q, got %v", body, field, err)
		}
	}
	for _, body := range []string{``, `{`, `[]`, `{} {}`, `{}x`, `null x`} {
		var e *api.Error
		if err := DecodeBytes([]byte(body), &req); !errors.As(err, &e) || e.Code != api.CodeValidation {
			t.Errorf("%q: want VALIDATION_ERROR, got %v", body, err)
		}
	}
}

// fuzzDecoder checks, for one request type, that any body either decodes or is refused with a
// VALIDATION_ERROR, never a panic; and that what decodes and validates survives a JSON round trip.
func fuzzDecoder[T interface{ Validate() error }](f *testing.F, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var req T
		err := DecodeBytes(body, &req)
		if err != nil {
			var e *api.Error
			if !errors.As(err, &e) || e.Code != api.CodeValidation || e.Message == "" {
				t.Fatalf("decode error is not a VALIDATION_ERROR: %v", err)
			}
			return
		}
		if err := req.Validate(); err != nil {
			var e *api.Error
			if !errors.As(err, &e) || e.Code.Status() >= 500 || e.Message == "" {
				t.Fatalf("validation error is not a client error: %v", err)
			}
			return
		}
		again, _ := json.Marshal(req)
		var back T
		if err := DecodeBytes(again, &back); err != nil || !reflect.DeepEqual(req, back) {
			t.Fatalf("round trip changed %+v into %+v (%v)", req, back, err)
		}
	})
}

func FuzzDecodeSignUpEmail(f *testing.F) {
	fuzzDecoder[api.SignUpEmailRequest](f,
		`{"name":"Ada","email":"ada@example.com","password":"correct horse"}`,
		`{"name":"Ada","email":"ada@example.com","password":"correct horse","image":null,"callbackURL":"/settings","rememberMe":true}`,
		`{"name":"","email":"x","password":""}`, `{"name":"Ada","extra":1}`, `[]`, strings.Repeat(`{"a":`, 50))
}

func FuzzDecodeSignInEmail(f *testing.F) {
	fuzzDecoder[api.SignInEmailRequest](f,
		`{"email":"ada@example.com","password":"correct horse"}`,
		`{"email":"ada@example.com","password":"x","rememberMe":false,"callbackURL":"https://a.b/"}`,
		`{"email":1}`, `{"password":"\u0000"}`)
}

// FuzzDecodeVerifyRegistration is fuzzDecoder for a body whose "response" member is raw JSON passed
// through to the WebAuthn verifier untouched. Encoding compacts raw JSON, so the round trip compares it
// compacted; everything else is checked as fuzzDecoder does.
func FuzzDecodeVerifyRegistration(f *testing.F) {
	for _, s := range []string{
		`{"response":{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{"clientDataJSON":"e30","attestationObject":"oA"}}}`,
		`{"response": { "a" : [1, 2] },"name":"  My phone  "}`, `{"response":null}`, `{"response":"x","name":""}`,
		`{"response":[1,2],"name":"\u0007"}`, `{"name":"x"}`, `{"response":{"a":`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var req api.VerifyRegistrationRequest
		if err := DecodeBytes(body, &req); err != nil {
			var e *api.Error
			if !errors.As(err, &e) || e.Code != api.CodeValidation || e.Message == "" {
				t.Fatalf("decode error is not a VALIDATION_ERROR: %v", err)
			}
			return
		}
		if err := req.Validate(); err != nil {
			var e *api.Error
			if !errors.As(err, &e) || e.Code.Status() >= 500 || e.Message == "" {
				t.Fatalf("validation error is not a client error: %v", err)
			}
			return
		}
		again, _ := json.Marshal(req)
		var back api.VerifyRegistrationRequest
		if err := DecodeBytes(again, &back); err != nil {
			t.Fatalf("round trip of %+v failed: %v", req, err)
		}
		want, err := json.Marshal(req.Response) // compacted
		if err != nil {
			t.Fatalf("decoded response is not JSON: %v", err)
		}
		if back.Name != req.Name || string(back.Response) != string(want) {
			t.Fatalf("round trip changed %+v into %+v", req, back)
		}
	})
}

func FuzzDecodeUpdatePasskey(f *testing.F) {
	fuzzDecoder[api.UpdatePasskeyRequest](f,
		`{"id":"abc","name":"Work laptop"}`, `{"id":" ","name":"x"}`, `{"id":"abc","name":"`+strings.Repeat("é", 65)+`"}`,
		`{"id":"abc","name":"tab\there"}`, `{"id":1}`, `{"id":"abc","name":"x","userId":"u"}`)
}

func FuzzDecodePasskeySignUp(f *testing.F) {
	fuzzDecoder[api.PasskeySignUpRequest](f,
		`{"name":"Grace Hopper","email":"grace@example.com"}`, `{"name":"","email":"x"}`,
		`{"name":"Grace","email":"grace@example.com","password":"x"}`, `{"email":["a"]}`)
}

func FuzzDecodeEnableTwoFactor(f *testing.F) {
	fuzzDecoder[api.EnableTwoFactorRequest](f,
		`{"password":"correct horse"}`, `{"password":"x","method":"totp"}`, `{"password":"x","method":"otp"}`,
		`{"password":""}`, `{"password":"x","issuer":"Evil"}`, `{"password":"`+strings.Repeat("p", 600)+`"}`)
}

func FuzzDecodeTwoFactorPassword(f *testing.F) {
	fuzzDecoder[api.TwoFactorPasswordRequest](f,
		`{"password":"correct horse"}`, `{"password":""}`, `{"password":null}`, `{"password":1}`, `{}`)
}

func FuzzDecodeVerifyTOTP(f *testing.F) {
	fuzzDecoder[api.VerifyTOTPRequest](f,
		`{"code":"123456"}`, `{"code":"123 456","trustDevice":true}`, `{"code":"12345"}`, `{"code":"１２３４５６"}`,
		`{"code":123456}`, `{"code":"123456","trustDevice":"yes"}`)
}

func FuzzDecodeVerifyBackupCode(f *testing.F) {
	fuzzDecoder[api.VerifyBackupCodeRequest](f,
		`{"code":"ABCDE-12345"}`, `{"code":"abcde12345","trustDevice":true}`, `{"code":"OILOI-ZZZZZ"}`,
		`{"code":"ABCDU-12345"}`, `{"code":"ſBCDE-12345"}`, `{"code":"`+strings.Repeat("-", 70)+`"}`)
}

func FuzzDecodeChangePassword(f *testing.F) {
	fuzzDecoder[api.ChangePasswordRequest](f,
		`{"currentPassword":"old one","newPassword":"new password","revokeOtherSessions":true}`,
		`{"currentPassword":"","newPassword":"new password"}`, `{"currentPassword":"x","newPassword":"short"}`,
		`{"currentPassword":"x","newPassword":"`+strings.Repeat("é", 129)+`"}`, `{"revokeOtherSessions":1}`)
}

func FuzzDecodeSetPassword(f *testing.F) {
	fuzzDecoder[api.SetPasswordRequest](f,
		`{"newPassword":"brand new password"}`, `{"newPassword":"short"}`, `{"newPassword":"\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000"}`,
		`{"password":"x"}`)
}

func FuzzDecodeRequestPasswordReset(f *testing.F) {
	fuzzDecoder[api.RequestPasswordResetRequest](f, `{"email":"a@b.co"}`, `{"email":"a@b.co","redirectTo":"/reset-password"}`,
		`{"email":"a@b.co","redirectTo":"//evil"}`)
}

func FuzzDecodeResetPassword(f *testing.F) {
	fuzzDecoder[api.ResetPasswordRequest](f, `{"newPassword":"correct horse","token":"abc"}`, `{"newPassword":"x","token":""}`)
}

func FuzzDecodeMagicLink(f *testing.F) {
	fuzzDecoder[api.MagicLinkRequest](f, `{"email":"a@b.co"}`, `{"email":"a@b.co","name":"Ada","callbackURL":"/settings"}`,
		`{"email":"a@b.co","callbackURL":"https://x.example/y"}`)
}

func FuzzDecodeSendVerificationEmail(f *testing.F) {
	fuzzDecoder[api.SendVerificationEmailRequest](f, `{"email":"a@b.co"}`, `{"email":"a@b.co","callbackURL":"/settings"}`)
}

func FuzzDecodeRevokeSession(f *testing.F) {
	fuzzDecoder[api.RevokeSessionRequest](f, `{"token":"npuq6ae5jf3f3ps74lw7ywex33"}`, `{"token":""}`, `{"token":1}`, `{}`, `{"token":"a","x":1}`)
}

func FuzzDecodeVerifyPassword(f *testing.F) {
	fuzzDecoder[api.VerifyPasswordRequest](f, `{"password":"correct horse battery"}`, `{"password":""}`, `{"password":null}`, `{"password":"\u0000"}`)
}
