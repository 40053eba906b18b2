package api

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestSocialRequestsValidate(t *testing.T) {
	for _, tc := range []struct {
		req   interface{ Validate() error }
		field string
	}{
		{SocialSignInRequest{}, "provider"},
		{SocialSignInRequest{Provider: "Google"}, "provider"},
		{SocialSignInRequest{Provider: strings.Repeat("g", 33)}, "provider"},
		{SocialSignInRequest{Provider: "google", CallbackURL: "//evil.example.com"}, "callbackURL"},
		{SocialSignInRequest{Provider: "google", ErrorCallbackURL: "javascript:alert(1)"}, "errorCallbackURL"},
		{SocialSignInRequest{Provider: "google", NewUserCallbackURL: "/\\evil"}, "newUserCallbackURL"},
		{LinkSocialRequest{Provider: "goo gle"}, "provider"},
		{LinkSocialRequest{Provider: "google", CallbackURL: "/%2fevil"}, "callbackURL"},
		{UnlinkAccountRequest{}, "providerId"},
		{UnlinkAccountRequest{ProviderID: "google", AccountID: strings.Repeat("1", 256)}, "accountId"},
	} {
		var e *Error
		if err := tc.req.Validate(); !errors.As(err, &e) || e.Field != tc.field || e.Code.Status() != 400 {
			t.Errorf("%+v: got %v, want a 400 on %s", tc.req, err, tc.field)
		}
	}
	for _, ok := range []interface{ Validate() error }{
		SocialSignInRequest{Provider: "google", CallbackURL: "/settings", ErrorCallbackURL: "/sign-in", NewUserCallbackURL: "https://app.example.com/welcome"},
		LinkSocialRequest{Provider: "google", CallbackURL: "/settings"},
		UnlinkAccountRequest{ProviderID: "google", AccountID: "1234567890"},
		UnlinkAccountRequest{AccountID: "acc_1"},
	} {
		if err := ok.Validate(); err != nil {
			t.Errorf("%+v: %v", ok, err)
		}
	}
}

func TestSocialErrorMessages(t *testing.T) {
	for _, code := range []string{SocialErrorAccessDenied, SocialErrorFlowExpired, SocialErrorStateMismatch, SocialErrorFailed,
		SocialErrorEmailMissing, SocialErrorNotLinked, SocialErrorAlreadyLinked, SocialErrorOtherConnected, SocialErrorSignedOut,
		string(CodeBannedUser), "<script>"} {
		if m := SocialErrorMessage(code); m == "" || strings.Contains(m, "<") {
			t.Errorf("%q: %q", code, m)
		}
	}
	if SocialErrorMessage("") != "" {
		t.Error("no code, yet a message")
	}
	if !strings.Contains(SocialErrorMessage(SocialErrorNotLinked), "Settings") {
		t.Error("the not-linked message does not say where to link")
	}
}

// FuzzSocialRequests decodes arbitrary bodies into the social requests and validates them: nothing
// may panic, and whatever validates has a well-formed provider.
func FuzzSocialRequests(f *testing.F) {
	for _, s := range []string{
		`{"provider":"google","callbackURL":"/settings"}`,
		`{"provider":"google","errorCallbackURL":"//evil"}`,
		`{"providerId":"google","accountId":"1"}`,
		`{"accountId":"acc_1"}`,
		`{"provider":"","disableRedirect":true}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var a SocialSignInRequest
		if json.Unmarshal(body, &a) == nil && a.Validate() == nil && validProvider("provider", a.Provider) != nil {
			t.Fatalf("%q validated with a bad provider", a.Provider)
		}
		var b LinkSocialRequest
		if json.Unmarshal(body, &b) == nil {
			_ = b.Validate()
		}
		var c UnlinkAccountRequest
		if json.Unmarshal(body, &c) == nil && c.Validate() == nil && (c.ProviderID == "" && c.AccountID == "" || len(c.AccountID) > 255) {
			t.Fatalf("%+v validated", c)
		}
	})
}
