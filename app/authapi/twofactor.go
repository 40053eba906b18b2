package authapi

import (
	"context"

	"spacerr/shared/api"
)

// SignInResponse is the answer of POST /sign-in/email. It is an api.AuthResponse when the person is
// signed in; when the account has two-factor authentication, TwoFactorRedirect is set instead, no
// session exists yet, and the browser holds the challenge cookie that VerifyTOTP or
// VerifyBackupCode needs.
type SignInResponse struct {
	api.AuthResponse
	TwoFactorRedirect bool     `json:"twoFactorRedirect"`
	TwoFactorMethods  []string `json:"twoFactorMethods,omitempty"`
}

// VerifyTOTP ends a sign-in challenge (or confirms a new authenticator in settings) with a code
// from the authenticator app. A wrong code answers INVALID_CODE; a spent or expired challenge
// INVALID_TWO_FACTOR_COOKIE or TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE; a locked account
// ACCOUNT_TEMPORARILY_LOCKED.
func (c *Client) VerifyTOTP(ctx context.Context, req api.VerifyTOTPRequest) (api.AuthResponse, error) {
	var res api.AuthResponse
	err := c.call(ctx, "POST", "/two-factor/verify-totp", req, &res)
	return res, err
}

// VerifyBackupCode ends a sign-in challenge with one of the account's backup codes, which is then
// spent. A wrong or used code answers INVALID_BACKUP_CODE.
func (c *Client) VerifyBackupCode(ctx context.Context, req api.VerifyBackupCodeRequest) (api.AuthResponse, error) {
	var res api.AuthResponse
	err := c.call(ctx, "POST", "/two-factor/verify-backup-code", req, &res)
	return res, err
}

// TwoFactorStatus returns the signed-in account's two-factor state.
func (c *Client) TwoFactorStatus(ctx context.Context) (api.TwoFactorStatus, error) {
	var res api.TwoFactorStatus
	err := c.call(ctx, "GET", "/two-factor/status", nil, &res)
	return res, err
}

// EnableTwoFactor starts setting up an authenticator: a new secret (as an otpauth:// URI) and new
// backup codes, both pending until VerifyTOTP accepts a code of the new secret. A wrong password
// answers INVALID_PASSWORD; an account without a password PASSWORD_REQUIRED.
func (c *Client) EnableTwoFactor(ctx context.Context, password string) (api.EnableTwoFactorResponse, error) {
	var res api.EnableTwoFactorResponse
	err := c.call(ctx, "POST", "/two-factor/enable", api.EnableTwoFactorRequest{Password: password}, &res)
	return res, err
}

// GetTOTPURI returns the authenticator secret again, as an otpauth:// URI.
func (c *Client) GetTOTPURI(ctx context.Context, password string) (string, error) {
	var res api.TOTPURIResponse
	err := c.call(ctx, "POST", "/two-factor/get-totp-uri", api.TwoFactorPasswordRequest{Password: password}, &res)
	return res.TOTPURI, err
}

// GenerateBackupCodes replaces the account's backup codes and returns the new ones, in plain text
// this once. TWO_FACTOR_NOT_ENABLED when two-factor authentication is off.
func (c *Client) GenerateBackupCodes(ctx context.Context, password string) ([]string, error) {
	var res api.BackupCodesResponse
	err := c.call(ctx, "POST", "/two-factor/generate-backup-codes", api.TwoFactorPasswordRequest{Password: password}, &res)
	return res.BackupCodes, err
}

// DisableTwoFactor turns two-factor authentication off. The server rotates the session (its cookie
// comes with the answer).
func (c *Client) DisableTwoFactor(ctx context.Context, password string) error {
	var res api.StatusTrue
	return c.call(ctx, "POST", "/two-factor/disable", api.TwoFactorPasswordRequest{Password: password}, &res)
}

// ChangePassword replaces the password; a wrong current one answers INVALID_PASSWORD about the field
// currentPassword. With RevokeOtherSessions every other session ends and this browser gets a new one.
func (c *Client) ChangePassword(ctx context.Context, req api.ChangePasswordRequest) (api.ChangePasswordResponse, error) {
	var res api.ChangePasswordResponse
	err := c.call(ctx, "POST", "/change-password", req, &res)
	return res, err
}

// SetPassword gives a password to an account that has none (one created with a passkey).
// PASSWORD_ALREADY_SET when it has one.
func (c *Client) SetPassword(ctx context.Context, newPassword string) error {
	var res api.StatusTrue
	return c.call(ctx, "POST", "/set-password", api.SetPasswordRequest{NewPassword: newPassword}, &res)
}
