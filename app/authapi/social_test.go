package authapi

import (
	"context"
	"errors"
	"testing"

	"spacerr/shared/api"
)

func TestSocialRoutes(t *testing.T) {
	ctx := context.Background()
	c, seen := fake(200, `{"providers":["google"]}`, nil)
	if p, err := c.SocialProviders(ctx); err != nil || len(p) != 1 || p[0] != "google" || seen.method != "GET" || seen.path != "/api/auth/social-providers" {
		t.Fatalf("providers: %v %v %s %s", p, err, seen.method, seen.path)
	}

	c, seen = fake(200, `{"url":"https://accounts.google.com/o/oauth2/auth?x=1","redirect":true}`, nil)
	r, err := c.SignInSocial(ctx, api.SocialSignInRequest{Provider: "google", CallbackURL: "/settings"})
	if err != nil || !r.Redirect || r.URL == "" || seen.path != "/api/auth/sign-in/social" ||
		string(seen.body) != `{"provider":"google","callbackURL":"/settings"}` {
		t.Fatalf("sign-in/social: %+v %v %s %s", r, err, seen.path, seen.body)
	}

	c, seen = fake(200, `{"url":"https://idp.example.com/auth","redirect":true}`, nil)
	if r, err := c.LinkSocial(ctx, api.LinkSocialRequest{Provider: "google"}); err != nil || r.URL != "https://idp.example.com/auth" || seen.path != "/api/auth/link-social" {
		t.Fatalf("link-social: %+v %v %s", r, err, seen.path)
	}

	c, seen = fake(200, `[{"id":"a1","providerId":"google","accountId":"123","userId":"u1","scopes":["openid"],"createdAt":"2025-03-04T10:00:00Z","updatedAt":"2025-03-04T10:00:00Z","email":"ada@gmail.com"}]`, nil)
	if accs, err := c.ListAccounts(ctx); err != nil || len(accs) != 1 || accs[0].Email != "ada@gmail.com" || seen.path != "/api/auth/list-accounts" {
		t.Fatalf("list-accounts: %+v %v", accs, err)
	}

	c, seen = fake(400, `{"code":"FAILED_TO_UNLINK_LAST_ACCOUNT","message":"This is your only way to sign in."}`, nil)
	err = c.UnlinkAccount(ctx, api.UnlinkAccountRequest{ProviderID: "google"})
	var apiErr *api.Error
	if !errors.As(err, &apiErr) || apiErr.Code != api.CodeFailedToUnlinkLastAccount || string(seen.body) != `{"providerId":"google"}` {
		t.Fatalf("unlink: %v %s", err, seen.body)
	}
	FollowRedirect(api.SocialRedirect{}) // nothing to follow, and no browser: must not panic
}
