package api

import (
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxPasskeyNameChars bounds a passkey's label.
const MaxPasskeyNameChars = 64

// Passkey is one registered WebAuthn credential, in the shape of Better Auth's passkey plugin plus the
// fields a security page needs (last use, whether it is synced, the authenticator's model name).
type Passkey struct {
	ID                string     `json:"id"`
	Name              string     `json:"name"`
	UserID            string     `json:"userId"`
	CredentialID      string     `json:"credentialID"` // base64url
	PublicKey         string     `json:"publicKey"`    // base64 of the COSE key
	Counter           uint32     `json:"counter"`
	DeviceType        string     `json:"deviceType"` // "singleDevice" or "multiDevice"
	BackedUp          bool       `json:"backedUp"`
	Transports        string     `json:"transports,omitempty"` // comma-joined, as Better Auth
	AAGUID            string     `json:"aaguid,omitempty"`
	AuthenticatorName string     `json:"authenticatorName,omitempty"`
	CreatedAt         time.Time  `json:"createdAt"`
	LastUsedAt        *time.Time `json:"lastUsedAt"`
}

// PasskeyStatus is the signed-in user's passkey summary, cached by the client for offline display.
type PasskeyStatus struct {
	Count       int  `json:"count"`
	HasPasskey  bool `json:"hasPasskey"`
	HasPassword bool `json:"hasPassword"`
}

// VerifyRegistrationRequest is the body of POST /passkey/verify-registration. Response is the
// browser's PublicKeyCredential.toJSON(), passed through to the verifier untouched.
type VerifyRegistrationRequest struct {
	Response json.RawMessage `json:"response"`
	Name     string          `json:"name,omitempty"`
}

// Validate checks the envelope; the WebAuthn verifier checks the credential itself.
func (r VerifyRegistrationRequest) Validate() error {
	if len(r.Response) == 0 || string(r.Response) == "null" {
		return FieldError(CodeValidation, "response", "The passkey response is missing.")
	}
	if r.Name != "" {
		if _, err := NormalizePasskeyName(r.Name); err != nil {
			return err
		}
	}
	return nil
}

// VerifyAuthenticationRequest is the body of POST /passkey/verify-authentication.
type VerifyAuthenticationRequest struct {
	Response json.RawMessage `json:"response"`
}

// Validate checks the envelope.
func (r VerifyAuthenticationRequest) Validate() error {
	if len(r.Response) == 0 || string(r.Response) == "null" {
		return FieldError(CodeValidation, "response", "The passkey response is missing.")
	}
	return nil
}

// PasskeySignUpRequest starts creating an account with a passkey alone: POST /passkey/sign-up/generate-options.
type PasskeySignUpRequest struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// Validate applies the same name and email rules as sign-up with a password.
func (r PasskeySignUpRequest) Validate() error {
	return SignUpEmailRequest{Name: r.Name, Email: r.Email, Password: "placeholder-long-enough"}.Validate()
}

// UpdatePasskeyRequest is the body of POST /passkey/update-passkey.
type UpdatePasskeyRequest struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Validate checks the id and the new name.
func (r UpdatePasskeyRequest) Validate() error {
	if strings.TrimSpace(r.ID) == "" {
		return FieldError(CodeValidation, "id", "Say which passkey to rename.")
	}
	_, err := NormalizePasskeyName(r.Name)
	return err
}

// UpdatePasskeyResponse is the answer of update-passkey.
type UpdatePasskeyResponse struct {
	Passkey Passkey `json:"passkey"`
}

// DeletePasskeyRequest is the body of POST /passkey/delete-passkey.
type DeletePasskeyRequest struct {
	ID string `json:"id"`
}

// Validate checks the id.
func (r DeletePasskeyRequest) Validate() error {
	if strings.TrimSpace(r.ID) == "" {
		return FieldError(CodeValidation, "id", "Say which passkey to delete.")
	}
	return nil
}

// StatusTrue is Better Auth's {"status":true}.
type StatusTrue struct {
	Status bool `json:"status"`
}

// NormalizePasskeyName trims a passkey label and checks it is 1 to 64 characters without control
// characters.
func NormalizePasskeyName(name string) (string, error) {
	n := strings.TrimSpace(name)
	if n == "" {
		return "", FieldError(CodeValidation, "name", "Give the passkey a name.")
	}
	if !utf8.ValidString(n) || utf8.RuneCountInString(n) > MaxPasskeyNameChars {
		return "", FieldError(CodeValidation, "name", "Use at most 64 characters for the passkey's name.")
	}
	for _, r := range n {
		if r < 0x20 || r == 0x7f {
			return "", FieldError(CodeValidation, "name", "The name contains characters that are not allowed.")
		}
	}
	return n, nil
}
