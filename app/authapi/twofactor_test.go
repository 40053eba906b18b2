package authapi

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"spacerr/shared/api"
)

func TestSignInEmailTwoFactorRedirect(t *testing.T) {
	c, _ := fake(200, `{"twoFactorRedirect":true,"twoFactorMethods":["totp"]}`, nil)
	res, err := c.SignInEmail(context.Background(), api.SignInEmailRequest{Email: "a@b.co", Password: "x"})
	if err != nil {
		t.Fatalf("SignInEmail: %v", err)
	}
	if !res.TwoFactorRedirect || len(res.TwoFactorMethods) != 1 || res.TwoFactorMethods[0] != api.TwoFactorMethodTOTP {
		t.Errorf("res = %+v, want a two-factor redirect", res)
	}
	if res.User.ID != "" {
		t.Errorf("a two-factor redirect carries user %+v", res.User)
	}

	c, _ = fake(200, authBody, nil)
	res, err = c.SignInEmail(context.Background(), api.SignInEmailRequest{Email: "a@b.co", Password: "x"})
	if err != nil || res.TwoFactorRedirect || res.User.ID != "u1" || res.Token != "tok" {
		t.Errorf("plain sign-in = %+v, %v", res, err)
	}
}

func TestTwoFactorRoutes(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		answer   string
		call     func(c *Client) error
		path     string
		wantBody map[string]any // nil: no body
	}{
		{"verify totp", authBody, func(c *Client) error {
			res, err := c.VerifyTOTP(ctx, api.VerifyTOTPRequest{Code: "123456", TrustDevice: true})
			if err == nil && res.User.ID != "u1" {
				return errors.New("user not decoded")
			}
			return err
		}, "/api/auth/two-factor/verify-totp", map[string]any{"code": "123456", "trustDevice": true}},
		{"verify backup code", authBody, func(c *Client) error {
			_, err := c.VerifyBackupCode(ctx, api.VerifyBackupCodeRequest{Code: "ABCDE-12345"})
			return err
		}, "/api/auth/two-factor/verify-backup-code", map[string]any{"code": "ABCDE-12345"}},
		{"status", `{"enabled":true,"pendingVerification":false,"hasPassword":true,"backupCodesRemaining":7}`, func(c *Client) error {
			st, err := c.TwoFactorStatus(ctx)
			if err == nil && st != (api.TwoFactorStatus{Enabled: true, HasPassword: true, BackupCodesRemaining: 7}) {
				return errors.New("status not decoded")
			}
			return err
		}, "/api/auth/two-factor/status", nil},
		{"enable", `{"method":"totp","totpURI":"otpauth://totp/Spacerr:a?secret=ABC","backupCodes":["AAAAA-BBBBB"]}`, func(c *Client) error {
			res, err := c.EnableTwoFactor(ctx, "pw")
			if err == nil && (res.TOTPURI != "otpauth://totp/Spacerr:a?secret=ABC" || len(res.BackupCodes) != 1) {
				return errors.New("enable not decoded")
			}
			return err
		}, "/api/auth/two-factor/enable", map[string]any{"password": "pw"}},
		{"totp uri", `{"totpURI":"otpauth://x"}`, func(c *Client) error {
			uri, err := c.GetTOTPURI(ctx, "pw")
			if err == nil && uri != "otpauth://x" {
				return errors.New("uri not decoded")
			}
			return err
		}, "/api/auth/two-factor/get-totp-uri", map[string]any{"password": "pw"}},
		{"backup codes", `{"status":true,"backupCodes":["AAAAA-BBBBB","CCCCC-DDDDD"]}`, func(c *Client) error {
			codes, err := c.GenerateBackupCodes(ctx, "pw")
			if err == nil && len(codes) != 2 {
				return errors.New("codes not decoded")
			}
			return err
		}, "/api/auth/two-factor/generate-backup-codes", map[string]any{"password": "pw"}},
		{"disable", `{"status":true}`, func(c *Client) error { return c.DisableTwoFactor(ctx, "pw") },
			"/api/auth/two-factor/disable", map[string]any{"password": "pw"}},
		{"change password", `{"token":null,"user":{"id":"u1","name":"Ada","email":"a@b.co","emailVerified":false,"image":null,
			"createdAt":"2025-03-04T10:00:00Z","updatedAt":"2025-03-04T10:00:00Z"}}`, func(c *Client) error {
			res, err := c.ChangePassword(ctx, api.ChangePasswordRequest{CurrentPassword: "old", NewPassword: "new password", RevokeOtherSessions: true})
			if err == nil && (res.Token != nil || res.User.ID != "u1") {
				return errors.New("change not decoded")
			}
			return err
		}, "/api/auth/change-password", map[string]any{"currentPassword": "old", "newPassword": "new password", "revokeOtherSessions": true}},
		{"set password", `{"status":true}`, func(c *Client) error { return c.SetPassword(ctx, "new password") },
			"/api/auth/set-password", map[string]any{"newPassword": "new password"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, seen := fake(200, tt.answer, nil)
			if err := tt.call(c); err != nil {
				t.Fatalf("call: %v", err)
			}
			if seen.path != tt.path {
				t.Errorf("path = %s, want %s", seen.path, tt.path)
			}
			if tt.wantBody == nil {
				if seen.method != "GET" || seen.body != nil {
					t.Errorf("request = %s with body %q, want a GET without body", seen.method, seen.body)
				}
				return
			}
			if seen.method != "POST" {
				t.Errorf("method = %s", seen.method)
			}
			var sent map[string]any
			if err := json.Unmarshal(seen.body, &sent); err != nil {
				t.Fatalf("body %q: %v", seen.body, err)
			}
			if len(sent) != len(tt.wantBody) {
				t.Errorf("body = %s, want %v", seen.body, tt.wantBody)
			}
			for k, v := range tt.wantBody {
				if sent[k] != v {
					t.Errorf("body[%s] = %v, want %v", k, sent[k], v)
				}
			}
		})
	}
}

func TestTwoFactorErrorsDecode(t *testing.T) {
	c, _ := fake(429, `{"code":"ACCOUNT_TEMPORARILY_LOCKED","message":"Too many wrong codes. Try again in 15 minutes."}`, nil)
	_, err := c.VerifyTOTP(context.Background(), api.VerifyTOTPRequest{Code: "000000"})
	var apiErr *api.Error
	if !errors.As(err, &apiErr) || apiErr.Code != api.CodeAccountTemporarilyLocked {
		t.Fatalf("err = %v", err)
	}
	c, _ = fake(401, `{"code":"INVALID_CODE","message":"That code is not right.","field":"code"}`, nil)
	_, err = c.VerifyTOTP(context.Background(), api.VerifyTOTPRequest{Code: "000000"})
	if !errors.As(err, &apiErr) || apiErr.Code != api.CodeInvalidCode || apiErr.Field != "code" {
		t.Fatalf("err = %v", err)
	}
}
