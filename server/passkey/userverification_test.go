package passkey

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"

	"spacerr/server/passkey/passkeytest"
)

// The handlers check the UV flag themselves too, so the HTTP tests cannot tell who refused. This test
// pins down that go-webauthn itself refuses a missing UV flag with the options this package makes,
// for both ceremonies, and accepts it when present.
func TestGoWebAuthnEnforcesUserVerification(t *testing.T) {
	const origin = "http://localhost:8080"
	s, err := New(Options{RPID: "localhost", RPName: "Spacerr", Origins: []string{origin}})
	if err != nil {
		t.Fatal(err)
	}
	owner := &webauthnUser{id: "user-1", name: "ada@example.com", displayName: "Ada"}
	isUVRefusal := func(err error) bool {
		var pe *protocol.Error
		return errors.As(err, &pe) && strings.Contains(pe.DevInfo, "User verification required")
	}

	register := func(uv bool) (*webauthn.Credential, *passkeytest.Credential, error) {
		creation, sd, err := s.creationOptions(owner, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		if sd.UserVerification != protocol.VerificationRequired {
			t.Fatalf("registration session data does not require UV: %q", sd.UserVerification)
		}
		options, _ := json.Marshal(creation.Response)
		a := passkeytest.New(origin)
		a.UserVerified = uv
		response, cred, err := a.Create(options)
		if err != nil {
			t.Fatal(err)
		}
		parsed, err := protocol.ParseCredentialCreationResponseBytes(response)
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.webauthn.CreateCredential(&webauthnUser{id: owner.id}, *sd, parsed)
		return c, cred, err
	}
	if _, _, err := register(false); !isUVRefusal(err) {
		t.Fatalf("registration without UV: want go-webauthn's UV refusal, got %v", err)
	}
	stored, cred, err := register(true)
	if err != nil {
		t.Fatalf("registration with UV: %v", err)
	}

	// Through the database form, as the handlers do.
	rec := newRecord(owner.id, "k", stored, time.Now())
	fromDB, err := rec.toWebAuthn()
	if err != nil {
		t.Fatal(err)
	}
	signIn := func(uv bool) error {
		assertion, sd, err := s.requestOptions()
		if err != nil {
			t.Fatal(err)
		}
		if sd.UserVerification != protocol.VerificationRequired || len(assertion.Response.AllowedCredentials) != 0 {
			t.Fatalf("sign-in options: %+v", assertion.Response)
		}
		options, _ := json.Marshal(assertion.Response)
		a := passkeytest.New(origin)
		a.UserVerified = uv
		response, err := a.Get(options, cred)
		if err != nil {
			t.Fatal(err)
		}
		parsed, err := protocol.ParseCredentialRequestResponseBytes(response)
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = s.webauthn.ValidatePasskeyLogin(func(_, _ []byte) (webauthn.User, error) {
			return &webauthnUser{id: owner.id, credentials: []webauthn.Credential{fromDB}}, nil
		}, *sd, parsed)
		return err
	}
	if err := signIn(false); !isUVRefusal(err) {
		t.Fatalf("sign-in without UV: want go-webauthn's UV refusal, got %v", err)
	}
	if err := signIn(true); err != nil {
		t.Fatalf("sign-in with UV: %v", err)
	}
}

func TestAuthenticatorNamesAndAAGUIDs(t *testing.T) {
	if n := authenticatorName("fbfc3007-154e-4ecc-8c0b-6e020557d7bd"); n != "iCloud Keychain" {
		t.Fatalf("iCloud Keychain: %q", n)
	}
	if n := authenticatorName("00000000-0000-0000-0000-000000000000"); n != "" {
		t.Fatalf("zero AAGUID named %q", n)
	}
	for id := range authenticatorNames {
		b, err := parseAAGUID(id)
		if err != nil || formatAAGUID(b) != id {
			t.Errorf("%s does not round-trip: %x %v", id, b, err)
		}
	}
	if formatAAGUID(nil) != "" {
		t.Error("no AAGUID should format as empty")
	}
	if _, err := parseAAGUID("not-a-uuid"); err == nil {
		t.Error("parsed a non-UUID")
	}
}
