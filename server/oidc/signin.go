package oidc

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"spacerr/server/httpapi"
	"spacerr/server/session"
	"spacerr/shared/api"
)

// SignInSocial answers POST /sign-in/social {provider, callbackURL?, errorCallbackURL?,
// newUserCallbackURL?, disableRedirect?} with {url, redirect}: the browser goes to url, the provider's
// consent page, and comes back to the callback.
func (s *Service) SignInSocial(w http.ResponseWriter, r *http.Request) error {
	var req api.SocialSignInRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return err
	}
	if err := s.checkProvider(req.Provider); err != nil {
		return err
	}
	f := &flow{Type: flowSignIn}
	for _, c := range [...]struct {
		field, raw string
		dst        *string
	}{
		{"callbackURL", req.CallbackURL, &f.CallbackURL},
		{"errorCallbackURL", req.ErrorCallbackURL, &f.ErrorCallbackURL},
		{"newUserCallbackURL", req.NewUserCallbackURL, &f.NewUserCallbackURL},
	} {
		if c.raw == "" {
			continue
		}
		if *c.dst = httpapi.SafeRedirect(c.raw, s.opts.TrustedOrigins, ""); *c.dst == "" {
			return api.FieldError(api.CodeValidation, c.field, "The return address is not on a trusted site.")
		}
	}
	if f.CallbackURL == "" {
		f.CallbackURL = defaultCallback
	}
	u, err := s.authURL(w, r, f)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, api.SocialRedirect{URL: u, Redirect: !req.DisableRedirect})
	return nil
}

// Callback answers GET /callback/google, where the provider sends the browser back. It spends the
// flow, checks the state, exchanges the code (with the PKCE verifier) for an ID token and verifies it,
// then signs in or links. Every failure is a redirect to a page that says what happened, with ?error=.
func (s *Service) Callback(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	f, err := s.takeFlow(w, r)
	if err != nil {
		return err
	}
	if f == nil {
		code := api.SocialErrorFlowExpired
		if q.Get("error") == "access_denied" {
			code = api.SocialErrorAccessDenied
		}
		slog.InfoContext(ctx, "social sign-in callback without a live flow")
		httpapi.Redirect(w, r, httpapi.WithQuery(SignInPage, "error", code))
		return nil
	}
	fail := func(code string) error {
		httpapi.Redirect(w, r, httpapi.WithQuery(f.errorTarget(), "error", code))
		return nil
	}
	if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(f.State)) != 1 {
		slog.WarnContext(ctx, "social sign-in callback with a state that is not the flow's")
		return fail(api.SocialErrorStateMismatch)
	}
	if e := q.Get("error"); e != "" {
		slog.InfoContext(ctx, "the provider refused the sign-in", "error", e)
		if e == "access_denied" {
			return fail(api.SocialErrorAccessDenied)
		}
		return fail(api.SocialErrorFailed)
	}
	c, err := s.exchange(ctx, f, q.Get("code"))
	if errors.Is(err, errBadAnswer) {
		slog.WarnContext(ctx, "social sign-in refused", "err", err)
		return fail(api.SocialErrorFailed)
	}
	if err != nil {
		return err
	}
	if f.Type == flowLink {
		return s.finishLink(w, r, f, c)
	}
	return s.finishSignIn(w, r, f, c)
}

// errorTarget is where a failed flow lands: its error callback, else settings for a link (the card
// shows the error) and the sign-in page for a sign-in.
func (f *flow) errorTarget() string {
	switch {
	case f.ErrorCallbackURL != "":
		return f.ErrorCallbackURL
	case f.Type == flowLink:
		return f.CallbackURL
	}
	return SignInPage
}

// exchange trades the code for tokens and returns the verified ID token's claims. Everything the
// provider says is checked: go-oidc verifies the signature against the provider's keys, the issuer,
// the audience (our client id) and the expiry; the nonce is compared here. The tokens are dropped.
func (s *Service) exchange(ctx context.Context, f *flow, code string) (*claims, error) {
	if code == "" {
		return nil, fmt.Errorf("%w: no code", errBadAnswer)
	}
	p, verifier, err := s.discover(ctx)
	if err != nil {
		return nil, err
	}
	cctx, cancel := context.WithTimeout(oidc.ClientContext(ctx, s.opts.HTTPClient), requestTimeout)
	defer cancel()
	tok, err := s.oauth(p).Exchange(cctx, code, oauth2.VerifierOption(f.Verifier))
	if err != nil {
		// The provider refusing the code (reused, wrong verifier) says nothing secret; keep only the kind.
		var re *oauth2.RetrieveError
		if errors.As(err, &re) {
			return nil, fmt.Errorf("%w: code exchange refused (%s)", errBadAnswer, re.ErrorCode)
		}
		return nil, fmt.Errorf("exchange the authorization code: %w", err)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return nil, fmt.Errorf("%w: no ID token", errBadAnswer)
	}
	idt, err := verifier.Verify(cctx, raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %s", errBadAnswer, verifyReason(err))
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(f.Nonce)) != 1 {
		return nil, fmt.Errorf("%w: the nonce is not the flow's", errBadAnswer)
	}
	c := new(claims)
	if err := idt.Claims(c); err != nil {
		return nil, fmt.Errorf("%w: decode claims: %v", errBadAnswer, err)
	}
	c.Subject = idt.Subject
	if c.Subject == "" || len(c.Subject) > 255 {
		return nil, fmt.Errorf("%w: no usable subject", errBadAnswer)
	}
	return c, nil
}

// verifyReason is a short, token-free description of why verification failed, for the log.
func verifyReason(err error) string {
	var expired *oidc.TokenExpiredError
	if errors.As(err, &expired) {
		return "the ID token has expired"
	}
	return err.Error() // go-oidc's messages name the check (issuer, audience, signature), not the token
}

// finishSignIn finds or creates the user of c, then either starts the second-factor challenge or
// signs in.
func (s *Service) finishSignIn(w http.ResponseWriter, r *http.Request, f *flow, c *claims) error {
	ctx := r.Context()
	u, created, refusal, err := s.findOrCreate(ctx, c)
	if err != nil {
		return err
	}
	if refusal != "" {
		slog.InfoContext(ctx, "social sign-in refused", "reason", refusal)
		httpapi.Redirect(w, r, httpapi.WithQuery(f.errorTarget(), "error", refusal))
		return nil
	}
	if s.opts.SecondFactor != nil {
		challenged, err := s.opts.SecondFactor.Challenge(w, r, u.ID, true, MethodGoogle)
		if err != nil {
			return err
		}
		if challenged {
			httpapi.Redirect(w, r, TwoFactorPage)
			return nil
		}
	}
	token, sess, err := s.opts.Sessions.Create(ctx, s.opts.Store.DB, u.ID, true, s.opts.Meta(r))
	var apiErr *api.Error
	if errors.As(err, &apiErr) {
		httpapi.Redirect(w, r, httpapi.WithQuery(f.errorTarget(), "error", string(apiErr.Code)))
		return nil
	}
	if err != nil {
		return err
	}
	s.opts.Sessions.SignedIn(ctx, w, token, sess, u, MethodGoogle)
	slog.InfoContext(ctx, "signed in with Google", "user_id", u.ID, "new_user", created)
	next := f.CallbackURL
	if created && f.NewUserCallbackURL != "" {
		next = f.NewUserCallbackURL
	}
	httpapi.Redirect(w, r, next)
	return nil
}

// LinkSocial answers POST /link-social {provider, callbackURL?, errorCallbackURL?, disableRedirect?}
// with {url, redirect}: the signed-in user goes to the provider, and the callback connects the account it names to them.
func (s *Service) LinkSocial(w http.ResponseWriter, r *http.Request) error {
	cur, err := s.currentUser(w, r)
	if err != nil {
		return err
	}
	var req api.LinkSocialRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return err
	}
	if err := s.checkProvider(req.Provider); err != nil {
		return err
	}
	f := &flow{Type: flowLink, UserID: cur.User.ID, CallbackURL: defaultCallback}
	for _, c := range [...]struct {
		field, raw string
		dst        *string
	}{
		{"callbackURL", req.CallbackURL, &f.CallbackURL},
		{"errorCallbackURL", req.ErrorCallbackURL, &f.ErrorCallbackURL},
	} {
		if c.raw == "" {
			continue
		}
		if *c.dst = httpapi.SafeRedirect(c.raw, s.opts.TrustedOrigins, ""); *c.dst == "" {
			return api.FieldError(api.CodeValidation, c.field, "The return address is not on a trusted site.")
		}
	}
	u, err := s.authURL(w, r, f)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, api.SocialRedirect{URL: u, Redirect: !req.DisableRedirect})
	return nil
}

// finishLink connects c's account to the user who began the flow, who must still be the one signed in
// in this browser. The Google account's email may differ from the user's: the user proved both.
func (s *Service) finishLink(w http.ResponseWriter, r *http.Request, f *flow, c *claims) error {
	ctx := r.Context()
	cur, err := s.opts.Sessions.Resolve(w, r)
	if err != nil {
		return err
	}
	if cur == nil || cur.User.ID != f.UserID {
		httpapi.Redirect(w, r, httpapi.WithQuery(f.errorTarget(), "error", api.SocialErrorSignedOut))
		return nil
	}
	refusal, err := s.link(ctx, f.UserID, c, s.event(r, cur.Actor(), f.UserID, api.EventAccountLinked, api.ProviderGoogle))
	if err != nil {
		return err
	}
	if refusal != "" {
		slog.InfoContext(ctx, "Google account not linked", "user_id", f.UserID, "reason", refusal)
		httpapi.Redirect(w, r, httpapi.WithQuery(f.errorTarget(), "error", refusal))
		return nil
	}
	slog.InfoContext(ctx, "Google account linked", "user_id", f.UserID)
	httpapi.Redirect(w, r, httpapi.WithQuery(f.CallbackURL, "linked", api.ProviderGoogle))
	return nil
}

var errUnauthorized = api.Errorf(api.CodeUnauthorized, "Sign in first.")

// currentUser is the request's session, or 401.
func (s *Service) currentUser(w http.ResponseWriter, r *http.Request) (*session.Current, error) {
	cur, err := s.opts.Sessions.Resolve(w, r)
	if err != nil {
		return nil, err
	}
	if cur == nil {
		return nil, errUnauthorized
	}
	return cur, nil
}
