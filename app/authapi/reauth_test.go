package authapi

import (
	"context"
	"errors"
	"testing"

	"spacerr/shared/api"
)

func TestReauthAndSessionRoutes(t *testing.T) {
	ctx := context.Background()
	for name, tc := range map[string]struct {
		call         func(c *Client) error
		body         string
		method, path string
	}{
		"verify-password": {func(c *Client) error { return c.VerifyPassword(ctx, "pw") }, `{"status":true}`, "POST", "/api/auth/verify-password"},
		"reauth options": {func(c *Client) error { _, err := c.GeneratePasskeyReauthOptions(ctx); return err },
			`{"challenge":"abc"}`, "GET", "/api/auth/passkey/generate-reauth-options"},
		"verify reauth": {func(c *Client) error { return c.VerifyPasskeyReauth(ctx, []byte(`{"id":"x"}`)) }, `{"status":true}`, "POST", "/api/auth/passkey/verify-reauth"},
		"list":          {func(c *Client) error { _, err := c.ListSessions(ctx); return err }, `[]`, "GET", "/api/auth/list-sessions"},
		"revoke":        {func(c *Client) error { return c.RevokeSession(ctx, "pub") }, `{"status":true}`, "POST", "/api/auth/revoke-session"},
		"revoke others": {func(c *Client) error { return c.RevokeOtherSessions(ctx) }, `{"status":true}`, "POST", "/api/auth/revoke-other-sessions"},
		"request reset": {func(c *Client) error {
			return c.RequestPasswordReset(ctx, api.RequestPasswordResetRequest{Email: "a@b.co"})
		}, `{"status":true,"message":"m"}`, "POST", "/api/auth/request-password-reset"},
		"reset password": {func(c *Client) error {
			return c.ResetPassword(ctx, api.ResetPasswordRequest{NewPassword: "12345678", Token: "t"})
		}, `{"status":true}`, "POST", "/api/auth/reset-password"},
	} {
		c, seen := fake(200, tc.body, nil)
		if err := tc.call(c); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if seen.method != tc.method || seen.path != tc.path {
			t.Errorf("%s: request %s %s", name, seen.method, seen.path)
		}
	}
}

func TestListSessionsDecodesCurrent(t *testing.T) {
	c, _ := fake(200, `[{"id":"s1","token":"pub1","current":true,"userAgent":"ua"},{"id":"s2","token":"pub2"}]`, nil)
	list, err := c.ListSessions(context.Background())
	if err != nil || len(list) != 2 || !list[0].Current || list[1].Current || list[0].Token != "pub1" {
		t.Fatalf("list %+v err %v", list, err)
	}
	c, _ = fake(200, `null`, nil)
	if list, err := c.ListSessions(context.Background()); err != nil || list == nil {
		t.Fatalf("null list: %v %v", list, err)
	}
}

func TestNotFreshIsAnAPIError(t *testing.T) {
	c, _ := fake(403, `{"code":"SESSION_NOT_FRESH","message":"Confirm it's you."}`, nil)
	err := c.RevokeOtherSessions(context.Background())
	var apiErr *api.Error
	if !errors.As(err, &apiErr) || apiErr.Code != api.CodeSessionNotFresh {
		t.Fatalf("got %v", err)
	}
}
