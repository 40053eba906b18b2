// Package oidc signs people in with Google (Better Auth's social sign-in), and links a Google account
// to a signed-in user. Underneath it is plain OpenID Connect on github.com/coreos/go-oidc and
// golang.org/x/oauth2, so the issuer can be any OpenID provider (OIDC_ISSUER).
//
// The flow is the authorization code flow with PKCE, a state and a nonce. All three live in the
// database (server/verification) for ten minutes and are used once; the browser holds only a random
// handle to them in an HttpOnly cookie scoped to the callback, so an answer from the provider is
// accepted only in the browser that began the flow. The ID token is verified (signature against the
// provider's published keys, issuer, audience, expiry, nonce) before anything is trusted.
//
// Provider tokens (access, refresh, the ID token itself) are never stored: a sign-in needs the
// verified claims once. The package must never log a code, a token, a state, a nonce or a handle.
package oidc

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/uptrace/bun"
	"golang.org/x/oauth2"

	"spacerr/server/httpapi"
	"spacerr/server/session"
	"spacerr/server/store"
	"spacerr/server/verification"
	"spacerr/shared/api"
)

const (
	// CallbackPath is the redirect URI to register with the provider, under BASE_URL.
	CallbackPath = "/api/auth/callback/" + api.ProviderGoogle
	// MethodGoogle is the last-used sign-in method a Google sign-in records (Better Auth: the provider id).
	MethodGoogle = api.ProviderGoogle
	// SignInPage is where a failed sign-in lands, with ?error=CODE.
	SignInPage = "/sign-in"
	// TwoFactorPage is where a user with a second factor lands, holding the challenge cookie.
	TwoFactorPage   = "/sign-in/two-factor"
	defaultCallback = "/settings"
	// requestTimeout bounds each call to the provider (discovery, code exchange, keys).
	requestTimeout = 15 * time.Second
)

// scopes are what the sign-in asks for: the ID token, the email and whether it is verified, the name
// and the picture. Nothing that needs the provider's tokens later.
var scopes = []string{oidc.ScopeOpenID, "email", "profile"}

// SecondFactor is what a Google sign-in needs from two-factor authentication (server/twofactor).
type SecondFactor interface {
	Challenge(w http.ResponseWriter, r *http.Request, userID string, remember bool, method string) (challenged bool, err error)
}

// Options configure the service. ClientID empty turns social sign-in off: the routes that start a flow
// refuse, GET /social-providers lists none, and list/unlink still work.
type Options struct {
	Store        *store.Store
	Sessions     *session.Manager
	Flows        *verification.Store
	SecondFactor SecondFactor // nil: no second factor
	// AccountSignIns counts the user's accounts rows that sign in (a password, linked social accounts),
	// leaving out exceptID (server/account.AccountSignIns): the rule server/passkey shares.
	AccountSignIns func(ctx context.Context, db bun.IDB, userID, exceptID string) (int, error)
	Meta           func(*http.Request) session.Meta
	Now            func() time.Time
	BaseURL        *url.URL
	TrustedOrigins []string
	SecureCookies  bool

	Issuer       string // OIDC_ISSUER, Google's by default
	ClientID     string
	ClientSecret string
	// HTTPClient talks to the provider; nil uses one with a timeout.
	HTTPClient *http.Client
}

// Service answers the social sign-in and connected-account routes.
type Service struct {
	opts Options

	mu       sync.Mutex
	provider *oidc.Provider // discovered on first use, so a provider that is down does not stop start-up
	verifier *oidc.IDTokenVerifier
}

// New returns the service.
func New(opts Options) *Service {
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{Timeout: requestTimeout}
	}
	return &Service{opts: opts}
}

// Enabled reports whether a provider is configured.
func (s *Service) Enabled() bool { return s.opts.ClientID != "" }

// Providers answers GET /social-providers (our addition) with the configured providers.
func (s *Service) Providers(w http.ResponseWriter, r *http.Request) error {
	out := api.SocialProviders{Providers: []string{}}
	if s.Enabled() {
		out.Providers = append(out.Providers, api.ProviderGoogle)
	}
	w.Header().Set("Cache-Control", "no-cache")
	httpapi.WriteJSON(w, http.StatusOK, out)
	return nil
}

// discover fetches the provider's metadata once and builds the ID token verifier. A failure is not
// cached: the next sign-in tries again.
func (s *Service) discover(ctx context.Context) (*oidc.Provider, *oidc.IDTokenVerifier, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.provider != nil {
		return s.provider, s.verifier, nil
	}
	dctx, cancel := context.WithTimeout(oidc.ClientContext(ctx, s.opts.HTTPClient), requestTimeout)
	defer cancel()
	p, err := oidc.NewProvider(dctx, s.opts.Issuer)
	if err != nil {
		return nil, nil, fmt.Errorf("discover OpenID provider %s: %w", s.opts.Issuer, err)
	}
	// The key set outlives this request: it refetches the provider's keys when a token names a new one.
	keys := oidc.ClientContext(context.Background(), s.opts.HTTPClient)
	s.provider = p
	s.verifier = p.VerifierContext(keys, &oidc.Config{ClientID: s.opts.ClientID, Now: s.opts.Now})
	return s.provider, s.verifier, nil
}

// oauth is the OAuth 2.0 client for p.
func (s *Service) oauth(p *oidc.Provider) *oauth2.Config {
	redirect := *s.opts.BaseURL
	redirect.Path = CallbackPath
	return &oauth2.Config{
		ClientID: s.opts.ClientID, ClientSecret: s.opts.ClientSecret, Endpoint: p.Endpoint(),
		RedirectURL: redirect.String(), Scopes: scopes,
	}
}

var (
	errProviderOff = api.FieldError(api.CodeValidation, "provider", "Sign-in with this provider is not available here.")
	errUnavailable = api.Errorf(api.CodeInternal, "Google sign-in is unavailable right now. Please try again later.")
)

// checkProvider refuses any provider but a configured Google.
func (s *Service) checkProvider(provider string) error {
	if provider != api.ProviderGoogle || !s.Enabled() {
		return errProviderOff
	}
	return nil
}

// randomToken is 256 random bits, base64url.
func randomToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("read random bytes: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// authURL begins f: it stores it, gives the browser its handle and returns the provider's consent URL.
func (s *Service) authURL(w http.ResponseWriter, r *http.Request, f *flow) (string, error) {
	ctx := r.Context()
	p, _, err := s.discover(ctx)
	if err != nil {
		slog.ErrorContext(ctx, "OpenID provider unavailable", "err", err)
		return "", errUnavailable
	}
	if f.State, err = randomToken(); err != nil {
		return "", err
	}
	if f.Nonce, err = randomToken(); err != nil {
		return "", err
	}
	f.Verifier = oauth2.GenerateVerifier()
	if err := s.beginFlow(w, r, f); err != nil {
		return "", err
	}
	opts := []oauth2.AuthCodeOption{oauth2.S256ChallengeOption(f.Verifier), oidc.Nonce(f.Nonce)}
	if f.Type == flowLink {
		// Someone linking is often signed in to several Google accounts: let them pick.
		opts = append(opts, oauth2.SetAuthURLParam("prompt", "select_account"))
	}
	return s.oauth(p).AuthCodeURL(f.State, opts...), nil
}

// errBadAnswer marks a provider answer that does not check out; the user sees SOCIAL_SIGN_IN_FAILED.
var errBadAnswer = errors.New("the provider's answer did not verify")
