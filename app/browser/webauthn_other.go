//go:build !js

package browser

import "context"

// The non-browser stubs of webauthn_js.go: no WebAuthn, no feature, every ceremony refused with
// ErrUnavailable, every signal unsent. The server prerenders the pages without calling them.

// WebAuthnSupported is the non-browser stub: false.
func WebAuthnSupported() bool { return false }

// PlatformAuthenticatorAvailable is the non-browser stub: false.
func PlatformAuthenticatorAvailable(ctx context.Context) bool { return false }

// ConditionalMediationAvailable is the non-browser stub: false.
func ConditionalMediationAvailable(ctx context.Context) bool { return false }

// CreateCredential is the non-browser stub: it returns ErrUnavailable.
func CreateCredential(ctx context.Context, optionsJSON []byte) ([]byte, error) {
	return nil, ErrUnavailable
}

// GetCredential is the non-browser stub: it returns ErrUnavailable.
func GetCredential(ctx context.Context, optionsJSON []byte, conditional bool) ([]byte, error) {
	return nil, ErrUnavailable
}

// AbortConditional is the non-browser stub: there is nothing to abort.
func AbortConditional() {}

// SignalUnknownCredential is the non-browser stub: false.
func SignalUnknownCredential(rpID, credentialID string) bool { return false }

// SignalAllAcceptedCredentials is the non-browser stub: false.
func SignalAllAcceptedCredentials(rpID, userID string, credentialIDs []string) bool { return false }

// SignalCurrentUserDetails is the non-browser stub: false.
func SignalCurrentUserDetails(rpID, userID, name, displayName string) bool { return false }
