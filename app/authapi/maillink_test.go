package authapi

import (
	"context"
	"errors"
	"testing"

	"spacerr/shared/api"
)

func TestMailLinkRoutes(t *testing.T) {
	ctx := context.Background()
	c, seen := fake(200, `{"status":true}`, nil)
	if err := c.SignInMagicLink(ctx, api.MagicLinkRequest{Email: "ada@example.com", CallbackURL: "/settings"}); err != nil {
		t.Fatal(err)
	}
	if seen.method != "POST" || seen.path != "/api/auth/sign-in/magic-link" ||
		string(seen.body) != `{"email":"ada@example.com","callbackURL":"/settings"}` {
		t.Fatalf("magic link request %s %s %s", seen.method, seen.path, seen.body)
	}

	c, seen = fake(200, `{"status":true}`, nil)
	if err := c.SendVerificationEmail(ctx, api.SendVerificationEmailRequest{Email: "ada@example.com"}); err != nil {
		t.Fatal(err)
	}
	if seen.method != "POST" || seen.path != "/api/auth/send-verification-email" || string(seen.body) != `{"email":"ada@example.com"}` {
		t.Fatalf("verification request %s %s %s", seen.method, seen.path, seen.body)
	}
}

func TestMagicLinkRateLimitIsAnAPIError(t *testing.T) {
	c, _ := fake(429, `{"code":"TOO_MANY_REQUESTS","message":"Too many requests. Try again later."}`, nil)
	err := c.SignInMagicLink(context.Background(), api.MagicLinkRequest{Email: "ada@example.com"})
	var apiErr *api.Error
	if !errors.As(err, &apiErr) || apiErr.Code != api.CodeTooManyRequests {
		t.Fatalf("got %v", err)
	}
}
