package authapi

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"spacerr/shared/api"
)

const passkeyBody = `{"id":"pk1","name":"iCloud Keychain","userId":"u1","credentialID":"q80","publicKey":"pQ==",
	"counter":0,"deviceType":"multiDevice","backedUp":true,"transports":"internal,hybrid",
	"aaguid":"fbfc3007-154e-4ecc-8c0b-6e020557d7bd","authenticatorName":"iCloud Keychain",
	"createdAt":"2025-03-04T10:00:00.000Z","lastUsedAt":null}`

const optionsBody = `{"challenge":"AAEC","rp":{"id":"localhost","name":"Spacerr"},"user":{"id":"dTE","name":"ada@example.com","displayName":"Ada"}}`

func TestGeneratePasskeyRegisterOptions(t *testing.T) {
	for attachment, wantPath := range map[Attachment]string{
		AttachmentPlatform:      "/api/auth/passkey/generate-register-options?authenticatorAttachment=platform",
		AttachmentCrossPlatform: "/api/auth/passkey/generate-register-options?authenticatorAttachment=cross-platform",
		AttachmentAny:           "/api/auth/passkey/generate-register-options",
		"bogus&x=1":             "/api/auth/passkey/generate-register-options",
	} {
		c, seen := fake(200, optionsBody, nil)
		got, err := c.GeneratePasskeyRegisterOptions(context.Background(), attachment)
		if err != nil {
			t.Fatalf("%q: %v", attachment, err)
		}
		if seen.method != "GET" || seen.path != wantPath || seen.body != nil {
			t.Errorf("%q: request = %s %s %q", attachment, seen.method, seen.path, seen.body)
		}
		if string(got) != optionsBody {
			t.Errorf("%q: options = %s; they must reach the browser unchanged", attachment, got)
		}
	}
}

func TestOptionsMustBeAnObject(t *testing.T) {
	for _, body := range []string{`null`, `[]`, `"x"`, `<html>`} {
		c, _ := fake(200, body, nil)
		_, err := c.GeneratePasskeyAuthenticateOptions(context.Background())
		var apiErr *api.Error
		if !errors.As(err, &apiErr) || apiErr.Code != api.CodeInternal {
			t.Errorf("body %s: error = %v, want INTERNAL_SERVER_ERROR", body, err)
		}
	}
}

func TestGeneratePasskeyAuthenticateOptions(t *testing.T) {
	c, seen := fake(200, `{"challenge":"AAEC","rpId":"localhost","allowCredentials":[],"userVerification":"required"}`, nil)
	got, err := c.GeneratePasskeyAuthenticateOptions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if seen.method != "GET" || seen.path != "/api/auth/passkey/generate-authenticate-options" {
		t.Errorf("request = %s %s", seen.method, seen.path)
	}
	if !json.Valid(got) {
		t.Errorf("options = %s", got)
	}
}

func TestGeneratePasskeySignUpOptions(t *testing.T) {
	c, seen := fake(200, optionsBody, nil)
	if _, err := c.GeneratePasskeySignUpOptions(context.Background(), api.PasskeySignUpRequest{Name: "Ada", Email: "ada@example.com"}); err != nil {
		t.Fatal(err)
	}
	if seen.method != "POST" || seen.path != "/api/auth/passkey/sign-up/generate-options" ||
		string(seen.body) != `{"name":"Ada","email":"ada@example.com"}` {
		t.Errorf("request = %s %s %s", seen.method, seen.path, seen.body)
	}

	c, _ = fake(422, `{"code":"USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL","message":"User already exists. Use another email."}`, nil)
	_, err := c.GeneratePasskeySignUpOptions(context.Background(), api.PasskeySignUpRequest{Name: "Ada", Email: "ada@example.com"})
	var apiErr *api.Error
	if !errors.As(err, &apiErr) || apiErr.Code != api.CodeUserAlreadyExists {
		t.Errorf("error = %v, want USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", err)
	}
}

func TestVerifyPasskeyRegistration(t *testing.T) {
	c, seen := fake(200, passkeyBody, nil)
	cred := []byte(`{"id":"q80","rawId":"q80","type":"public-key","response":{"clientDataJSON":"e30","attestationObject":"AQID"},"clientExtensionResults":{}}`)
	pk, err := c.VerifyPasskeyRegistration(context.Background(), cred, "")
	if err != nil {
		t.Fatal(err)
	}
	if seen.method != "POST" || seen.path != "/api/auth/passkey/verify-registration" {
		t.Errorf("request = %s %s", seen.method, seen.path)
	}
	// The credential goes out as a JSON object, byte for byte, and no name means no name field.
	if want := `{"response":` + string(cred) + `}`; string(seen.body) != want {
		t.Errorf("body =\n%s\nwant\n%s", seen.body, want)
	}
	if pk.ID != "pk1" || pk.DeviceType != "multiDevice" || !pk.BackedUp || pk.AuthenticatorName != "iCloud Keychain" ||
		pk.LastUsedAt != nil || !pk.CreatedAt.Equal(time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("passkey = %+v", pk)
	}

	c, seen = fake(200, passkeyBody, nil)
	c.VerifyPasskeyRegistration(context.Background(), cred, "Work laptop")
	var sent api.VerifyRegistrationRequest
	if err := json.Unmarshal(seen.body, &sent); err != nil || sent.Name != "Work laptop" {
		t.Errorf("body = %s", seen.body)
	}

	c, _ = fake(400, `{"code":"FAILED_TO_VERIFY_REGISTRATION","message":"Failed to verify registration."}`, nil)
	_, err = c.VerifyPasskeyRegistration(context.Background(), cred, "")
	var apiErr *api.Error
	if !errors.As(err, &apiErr) || apiErr.Code != api.CodeFailedToVerifyReg {
		t.Errorf("error = %v", err)
	}
}

func TestVerifyPasskeyAuthentication(t *testing.T) {
	c, seen := fake(200, `{"session":{"id":"s1","token":"t","userId":"u1","expiresAt":"2025-04-01T00:00:00Z",
		"createdAt":"2025-03-04T10:00:00Z","updatedAt":"2025-03-04T10:00:00Z","ipAddress":"","userAgent":""},
		"user":{"id":"u1","name":"Ada","email":"ada@example.com","emailVerified":true,"image":null,
		"createdAt":"2025-03-04T10:00:00Z","updatedAt":"2025-03-04T10:00:00Z"}}`, nil)
	s, err := c.VerifyPasskeyAuthentication(context.Background(), []byte(`{"id":"q80"}`))
	if err != nil {
		t.Fatal(err)
	}
	if seen.method != "POST" || seen.path != "/api/auth/passkey/verify-authentication" || string(seen.body) != `{"response":{"id":"q80"}}` {
		t.Errorf("request = %s %s %s", seen.method, seen.path, seen.body)
	}
	if s.User.Email != "ada@example.com" || s.Session.ID != "s1" {
		t.Errorf("session = %+v", s)
	}

	c, _ = fake(401, `{"code":"PASSKEY_NOT_FOUND","message":"Passkey not found."}`, nil)
	_, err = c.VerifyPasskeyAuthentication(context.Background(), []byte(`{"id":"q80"}`))
	var apiErr *api.Error
	if !errors.As(err, &apiErr) || apiErr.Code != api.CodePasskeyNotFound {
		t.Errorf("error = %v, want PASSKEY_NOT_FOUND", err)
	}
}

func TestListPasskeys(t *testing.T) {
	c, seen := fake(200, `[`+passkeyBody+`]`, nil)
	list, err := c.ListPasskeys(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if seen.method != "GET" || seen.path != "/api/auth/passkey/list-user-passkeys" {
		t.Errorf("request = %s %s", seen.method, seen.path)
	}
	if len(list) != 1 || list[0].CredentialID != "q80" {
		t.Errorf("list = %+v", list)
	}

	c, _ = fake(200, `null`, nil)
	if list, err := c.ListPasskeys(context.Background()); err != nil || list == nil || len(list) != 0 {
		t.Errorf("null list = %#v, %v; want an empty list", list, err)
	}
}

func TestUpdatePasskey(t *testing.T) {
	c, seen := fake(200, `{"passkey":`+passkeyBody+`}`, nil)
	pk, err := c.UpdatePasskey(context.Background(), api.UpdatePasskeyRequest{ID: "pk1", Name: "iCloud Keychain"})
	if err != nil {
		t.Fatal(err)
	}
	if seen.method != "POST" || seen.path != "/api/auth/passkey/update-passkey" || string(seen.body) != `{"id":"pk1","name":"iCloud Keychain"}` {
		t.Errorf("request = %s %s %s", seen.method, seen.path, seen.body)
	}
	if pk.ID != "pk1" || pk.Name != "iCloud Keychain" {
		t.Errorf("passkey = %+v", pk)
	}
}

func TestDeletePasskey(t *testing.T) {
	c, seen := fake(200, `{"status":true}`, nil)
	if err := c.DeletePasskey(context.Background(), "pk1"); err != nil {
		t.Fatal(err)
	}
	if seen.method != "POST" || seen.path != "/api/auth/passkey/delete-passkey" || string(seen.body) != `{"id":"pk1"}` {
		t.Errorf("request = %s %s %s", seen.method, seen.path, seen.body)
	}

	c, _ = fake(400, `{"code":"CANNOT_DELETE_LAST_SIGN_IN_METHOD","message":"You can't delete your only way to sign in."}`, nil)
	err := c.DeletePasskey(context.Background(), "pk1")
	var apiErr *api.Error
	if !errors.As(err, &apiErr) || apiErr.Code != api.CodeCannotDeleteLastLogin || Message(err) != "You can't delete your only way to sign in." {
		t.Errorf("error = %v", err)
	}
}

func TestGetPasskeyStatus(t *testing.T) {
	c, seen := fake(200, `{"count":2,"hasPasskey":true,"hasPassword":false}`, nil)
	st, err := c.GetPasskeyStatus(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if seen.method != "GET" || seen.path != "/api/auth/passkey/get-passkey-status" {
		t.Errorf("request = %s %s", seen.method, seen.path)
	}
	if st != (api.PasskeyStatus{Count: 2, HasPasskey: true}) {
		t.Errorf("status = %+v", st)
	}
}
