// Package authapi is the client's typed view of the server's /api/auth routes. It speaks only in
// shared/api types and turns every failure into an error a page can show: an *api.Error (what the
// server said, or INTERNAL_SERVER_ERROR when it said nothing useful), a *NetworkError when no answer
// came back, or the context's error when the caller gave up.
//
// It never touches JavaScript itself: the Transport does, and tests plug in a fake one.
package authapi

import (
	"context"
	"encoding/json"
	"errors"

	"spacerr/app/browser"
	"spacerr/shared/api"
)

// Base is where the server mounts the auth routes; the client is always same-origin.
const Base = "/api/auth"

// Transport sends one request and returns the raw answer. status and respBody describe any HTTP
// answer, 2xx or not; err is only for requests that got no answer. browser.Fetch is the real one.
type Transport func(ctx context.Context, method, path string, body []byte) (status int, respBody []byte, err error)

// Client calls the auth API through its Transport.
type Client struct {
	Transport Transport
}

// New returns a client that sends its requests through t.
func New(t Transport) *Client { return &Client{Transport: t} }

// Default is the client the pages use: it sends requests through the browser's fetch.
var Default = New(browser.Fetch)

// SignUpEmail creates an account and signs it in (the server sets the session cookie).
func (c *Client) SignUpEmail(ctx context.Context, req api.SignUpEmailRequest) (api.AuthResponse, error) {
	var res api.AuthResponse
	err := c.call(ctx, "POST", "/sign-up/email", req, &res)
	return res, err
}

// SignInEmail signs in with an email and password (the server sets the session cookie). For an
// account with two-factor authentication the answer has TwoFactorRedirect set and no session: the
// sign-in goes on at the two-factor challenge.
func (c *Client) SignInEmail(ctx context.Context, req api.SignInEmailRequest) (SignInResponse, error) {
	var res SignInResponse
	err := c.call(ctx, "POST", "/sign-in/email", req, &res)
	return res, err
}

// GetSession returns the browser's current session, or nil and no error when it is signed out
// (the server answers 200 with the body null).
func (c *Client) GetSession(ctx context.Context) (*api.SessionResponse, error) {
	var res *api.SessionResponse
	if err := c.call(ctx, "GET", "/get-session", nil, &res); err != nil {
		return nil, err
	}
	noteSession(res)
	return res, nil
}

// SignOut ends the browser's session. Signing out twice is not an error.
func (c *Client) SignOut(ctx context.Context) error {
	var res api.StatusResponse
	err := c.call(ctx, "POST", "/sign-out", struct{}{}, &res)
	if err == nil {
		noteSession(nil)
	}
	return err
}

// call sends body (as JSON unless nil) to Base+path and decodes a 2xx answer into out.
func (c *Client) call(ctx context.Context, method, path string, body, out any) error {
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return err
		}
	}

	status, respBody, err := c.Transport(ctx, method, Base+path, payload)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil && errors.Is(err, ctxErr) {
			return ctxErr
		}
		return &NetworkError{Err: err}
	}
	if status < 200 || status > 299 {
		return decodeError(respBody)
	}
	if err := json.Unmarshal(respBody, out); err != nil {
		// A 2xx that is not our JSON is most likely a proxy or captive portal page.
		return &api.Error{Code: api.CodeInternal, Message: msgUnexpected}
	}
	return nil
}
