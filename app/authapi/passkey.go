package authapi

import (
	"bytes"
	"context"
	"encoding/json"

	"spacerr/shared/api"
)

// Attachment narrows which authenticators a new passkey may live on.
type Attachment string

const (
	// AttachmentAny lets the browser offer every kind.
	AttachmentAny Attachment = ""
	// AttachmentPlatform is the device's own authenticator (Touch ID, Windows Hello, a phone's
	// screen lock), usually synced by the platform's password manager.
	AttachmentPlatform Attachment = "platform"
	// AttachmentCrossPlatform is a security key, or a phone reached by QR code.
	AttachmentCrossPlatform Attachment = "cross-platform"
)

// The passkey routes return the WebAuthn options as JSON that the browser bridge converts itself,
// so those methods return the raw bytes; every other answer is a shared/api type.

// GeneratePasskeyRegisterOptions asks for the options to add a passkey to the signed-in account. It
// starts a single-use ceremony, held by an HttpOnly cookie, that VerifyPasskeyRegistration ends.
func (c *Client) GeneratePasskeyRegisterOptions(ctx context.Context, attachment Attachment) ([]byte, error) {
	path := "/passkey/generate-register-options"
	if attachment == AttachmentPlatform || attachment == AttachmentCrossPlatform {
		path += "?authenticatorAttachment=" + string(attachment)
	}
	return c.options(ctx, "GET", path, nil)
}

// VerifyPasskeyRegistration sends the browser's new credential (RegistrationResponseJSON) and returns
// the stored passkey. An empty name lets the server pick one (the authenticator's model name). It
// ends a registration started by GeneratePasskeyRegisterOptions, or an account creation started by
// GeneratePasskeySignUpOptions, which also signs the new account in.
func (c *Client) VerifyPasskeyRegistration(ctx context.Context, credential []byte, name string) (api.Passkey, error) {
	var res api.Passkey
	err := c.call(ctx, "POST", "/passkey/verify-registration",
		api.VerifyRegistrationRequest{Response: credential, Name: name}, &res)
	return res, err
}

// GeneratePasskeyAuthenticateOptions asks for the options to sign in with any passkey of this site
// (no allowCredentials: the authenticator offers its discoverable credentials).
func (c *Client) GeneratePasskeyAuthenticateOptions(ctx context.Context) ([]byte, error) {
	return c.options(ctx, "GET", "/passkey/generate-authenticate-options", nil)
}

// VerifyPasskeyAuthentication sends the browser's assertion (AuthenticationResponseJSON); on success
// the server sets the session cookie. A credential the server does not know answers
// PASSKEY_NOT_FOUND.
func (c *Client) VerifyPasskeyAuthentication(ctx context.Context, credential []byte) (api.SessionResponse, error) {
	var res api.SessionResponse
	err := c.call(ctx, "POST", "/passkey/verify-authentication",
		api.VerifyAuthenticationRequest{Response: credential}, &res)
	return res, err
}

// GeneratePasskeySignUpOptions starts creating an account with a passkey alone: the options to
// create its first passkey. An email that already has an account answers
// USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL.
func (c *Client) GeneratePasskeySignUpOptions(ctx context.Context, req api.PasskeySignUpRequest) ([]byte, error) {
	return c.options(ctx, "POST", "/passkey/sign-up/generate-options", req)
}

// ListPasskeys returns the signed-in account's passkeys.
func (c *Client) ListPasskeys(ctx context.Context) ([]api.Passkey, error) {
	var res []api.Passkey
	if err := c.call(ctx, "GET", "/passkey/list-user-passkeys", nil, &res); err != nil {
		return nil, err
	}
	if res == nil {
		res = []api.Passkey{}
	}
	return res, nil
}

// UpdatePasskey renames a passkey and returns it as stored.
func (c *Client) UpdatePasskey(ctx context.Context, req api.UpdatePasskeyRequest) (api.Passkey, error) {
	var res api.UpdatePasskeyResponse
	err := c.call(ctx, "POST", "/passkey/update-passkey", req, &res)
	return res.Passkey, err
}

// DeletePasskey deletes a passkey. The server refuses to delete the account's last way to sign in
// (CANNOT_DELETE_LAST_SIGN_IN_METHOD).
func (c *Client) DeletePasskey(ctx context.Context, id string) error {
	var res api.StatusTrue
	return c.call(ctx, "POST", "/passkey/delete-passkey", api.DeletePasskeyRequest{ID: id}, &res)
}

// GetPasskeyStatus returns the signed-in account's passkey summary.
func (c *Client) GetPasskeyStatus(ctx context.Context) (api.PasskeyStatus, error) {
	var res api.PasskeyStatus
	err := c.call(ctx, "GET", "/passkey/get-passkey-status", nil, &res)
	return res, err
}

// options fetches a WebAuthn options document and checks it is a JSON object; its content is the
// browser's business.
func (c *Client) options(ctx context.Context, method, path string, body any) ([]byte, error) {
	var raw json.RawMessage
	if err := c.call(ctx, method, path, body, &raw); err != nil {
		return nil, err
	}
	if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '{' {
		return nil, &api.Error{Code: api.CodeInternal, Message: msgUnexpected}
	}
	return raw, nil
}
