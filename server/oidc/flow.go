package oidc

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"spacerr/server/verification"
)

const (
	// flowTTL is how long a browser has between leaving for the provider and coming back.
	flowTTL = 10 * time.Minute
	// flowPurpose scopes the verifications this package creates.
	flowPurpose = "oidc-flow"
	// flowCookie holds the flow's handle, only ever sent to the callback. SameSite=Lax still sends it on
	// the provider's top-level redirect back, which is a cross-site GET navigation.
	flowCookie     = "spacerr.oidc_flow"
	flowCookiePath = "/api/auth/callback/"
)

// flowType says what a flow was begun for.
type flowType string

const (
	flowSignIn flowType = "sign-in" // anyone signs in (or up) with the provider
	flowLink   flowType = "link"    // a signed-in user connects a provider account
)

// flow is what the database keeps while the browser is at the provider.
type flow struct {
	Type flowType `json:"type"`
	// UserID is the signed-in user who began a link; the callback must come from their session.
	UserID   string `json:"userId,omitempty"`
	State    string `json:"state"`
	Nonce    string `json:"nonce"`
	Verifier string `json:"verifier"` // the PKCE code verifier; only its S256 hash left the server
	// Where to go: after success, after a new account was made, and after a failure.
	CallbackURL        string `json:"callbackURL"`
	NewUserCallbackURL string `json:"newUserCallbackURL,omitempty"`
	ErrorCallbackURL   string `json:"errorCallbackURL,omitempty"`
}

// cookieName is the flow cookie's name; __Secure- on https, like the session cookie.
func (s *Service) cookieName() string {
	if s.opts.SecureCookies {
		return "__Secure-" + flowCookie
	}
	return flowCookie
}

func (s *Service) setFlowCookie(w http.ResponseWriter, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name: s.cookieName(), Value: value, Path: flowCookiePath, MaxAge: maxAge,
		HttpOnly: true, Secure: s.opts.SecureCookies, SameSite: http.SameSiteLaxMode,
	})
}

// beginFlow stores f for flowTTL and gives the browser its handle. A flow begun later in the same
// browser replaces the cookie, so only the newest one can finish.
func (s *Service) beginFlow(w http.ResponseWriter, r *http.Request, f *flow) error {
	value, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("encode sign-in flow: %w", err)
	}
	handle, err := s.opts.Flows.Create(r.Context(), s.opts.Store.DB, flowPurpose, value, flowTTL)
	if err != nil {
		return err
	}
	s.setFlowCookie(w, handle, int(flowTTL.Seconds()))
	return nil
}

// takeFlow consumes the request's flow, whatever happens next: a replayed or failed callback always
// needs a new flow. It clears the cookie, and returns nil, nil when there is no live flow (no cookie,
// expired, or already used; the three are deliberately alike).
func (s *Service) takeFlow(w http.ResponseWriter, r *http.Request) (*flow, error) {
	ck, err := r.Cookie(s.cookieName())
	if err != nil || ck.Value == "" {
		return nil, nil
	}
	s.setFlowCookie(w, "", -1)
	value, err := s.opts.Flows.Consume(r.Context(), s.opts.Store.DB, flowPurpose, ck.Value)
	if errors.Is(err, verification.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	f := new(flow)
	if err := json.Unmarshal(value, f); err != nil {
		return nil, fmt.Errorf("decode sign-in flow: %w", err)
	}
	return f, nil
}
