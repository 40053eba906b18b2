package authapi

import (
	"context"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/shared/api"
)

// SocialProviders lists the providers the server is configured for (our GET /social-providers), so
// pages show only buttons that work.
func (c *Client) SocialProviders(ctx context.Context) ([]string, error) {
	var res api.SocialProviders
	if err := c.call(ctx, "GET", "/social-providers", nil, &res); err != nil {
		return nil, err
	}
	return res.Providers, nil
}

// SignInSocial begins a sign-in with a provider; the answer's URL is the provider's consent page,
// which FollowRedirect opens.
func (c *Client) SignInSocial(ctx context.Context, req api.SocialSignInRequest) (api.SocialRedirect, error) {
	var res api.SocialRedirect
	err := c.call(ctx, "POST", "/sign-in/social", req, &res)
	return res, err
}

// LinkSocial begins connecting a provider's account to the signed-in user (a sensitive action: it may
// answer SESSION_NOT_FRESH).
func (c *Client) LinkSocial(ctx context.Context, req api.LinkSocialRequest) (api.SocialRedirect, error) {
	var res api.SocialRedirect
	err := c.call(ctx, "POST", "/link-social", req, &res)
	return res, err
}

// ListAccounts is the user's ways of signing in that live in accounts: the password and linked providers.
func (c *Client) ListAccounts(ctx context.Context) ([]api.Account, error) {
	var res []api.Account
	err := c.call(ctx, "GET", "/list-accounts", nil, &res)
	return res, err
}

// UnlinkAccount disconnects a provider's account (sensitive, like LinkSocial).
func (c *Client) UnlinkAccount(ctx context.Context, req api.UnlinkAccountRequest) error {
	var res api.StatusTrue
	return c.call(ctx, "POST", "/unlink-account", req, &res)
}

// FollowRedirect leaves the app for the provider's page, as Better Auth's client does with a social
// answer. It replaces the whole page: go-app's Navigate would open an outside URL in a new tab.
func FollowRedirect(r api.SocialRedirect) {
	if r.Redirect && r.URL != "" {
		app.Window().Get("location").Call("assign", r.URL)
	}
}
