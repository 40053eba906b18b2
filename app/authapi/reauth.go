package authapi

import (
	"context"

	"spacerr/shared/api"
)

// VerifyPassword checks the current password and makes the session fresh again, so the sensitive
// action that answered SESSION_NOT_FRESH can be retried. A wrong password answers INVALID_PASSWORD.
func (c *Client) VerifyPassword(ctx context.Context, password string) error {
	var res api.StatusTrue
	return c.call(ctx, "POST", "/verify-password", api.VerifyPasswordRequest{Password: password}, &res)
}

// GeneratePasskeyReauthOptions asks for the options to confirm it's you with one of the account's
// passkeys.
func (c *Client) GeneratePasskeyReauthOptions(ctx context.Context) ([]byte, error) {
	return c.options(ctx, "GET", "/passkey/generate-reauth-options", nil)
}

// VerifyPasskeyReauth sends the browser's assertion; on success the session is fresh again.
func (c *Client) VerifyPasskeyReauth(ctx context.Context, credential []byte) error {
	var res api.StatusTrue
	return c.call(ctx, "POST", "/passkey/verify-reauth", api.VerifyAuthenticationRequest{Response: credential}, &res)
}

// ListSessions returns the account's active sessions; Current marks this browser's.
func (c *Client) ListSessions(ctx context.Context) ([]api.Session, error) {
	var res []api.Session
	if err := c.call(ctx, "GET", "/list-sessions", nil, &res); err != nil {
		return nil, err
	}
	if res == nil {
		res = []api.Session{}
	}
	return res, nil
}

// RevokeSession signs out the session whose public id is token.
func (c *Client) RevokeSession(ctx context.Context, token string) error {
	var res api.StatusTrue
	return c.call(ctx, "POST", "/revoke-session", api.RevokeSessionRequest{Token: token}, &res)
}

// RevokeOtherSessions signs out every session but this browser's.
func (c *Client) RevokeOtherSessions(ctx context.Context) error {
	var res api.StatusTrue
	return c.call(ctx, "POST", "/revoke-other-sessions", struct{}{}, &res)
}

// RequestPasswordReset mails a reset link to the address if it has an account. The answer is the
// same either way, so the form cannot tell who has one.
func (c *Client) RequestPasswordReset(ctx context.Context, req api.RequestPasswordResetRequest) error {
	var res api.RequestPasswordResetResponse
	return c.call(ctx, "POST", "/request-password-reset", req, &res)
}

// ResetPassword sets a new password with the token from a mailed link. A used or expired token
// answers INVALID_TOKEN.
func (c *Client) ResetPassword(ctx context.Context, req api.ResetPasswordRequest) error {
	var res api.StatusTrue
	return c.call(ctx, "POST", "/reset-password", req, &res)
}
