package authapi

import (
	"context"

	"spacerr/shared/api"
)

// SignInMagicLink mails a one-time sign-in link to the address. The answer is {status:true}
// whether or not the address has an account, so the form cannot tell who has one; asking too often
// answers TOO_MANY_REQUESTS.
func (c *Client) SignInMagicLink(ctx context.Context, req api.MagicLinkRequest) error {
	var res api.StatusTrue
	return c.call(ctx, "POST", "/sign-in/magic-link", req, &res)
}

// SendVerificationEmail mails a new link that verifies the address. Like SignInMagicLink it answers
// the same for any address.
func (c *Client) SendVerificationEmail(ctx context.Context, req api.SendVerificationEmailRequest) error {
	var res api.StatusTrue
	return c.call(ctx, "POST", "/send-verification-email", req, &res)
}
