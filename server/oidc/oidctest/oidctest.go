// Package oidctest runs a real OpenID provider (github.com/oauth2-proxy/mockoidc) in the test process,
// with its own signing keys, for the server's tests and the browser stories. Its authorize endpoint
// approves at once, as the next queued Person, so a browser or an HTTP client just follows redirects.
// Tests can also bend the provider's answers (claims, the signed ID token) to check what is refused.
// It is for tests only.
package oidctest

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/golang-jwt/jwt/v5"
	"github.com/oauth2-proxy/mockoidc"

	"spacerr/server/config"
)

// Person is who the provider says signed in.
type Person struct {
	Subject       string
	Email         string
	EmailVerified bool
	Name          string
	Picture       string
	// Edit, when set, changes the ID token's standard claims (audience, issuer, expiry, nonce) before
	// the provider signs it.
	Edit func(*mockoidc.IDTokenClaims)
}

// personClaims is the ID token of a Person.
type personClaims struct {
	*mockoidc.IDTokenClaims
	Email         string `json:"email,omitempty"`
	EmailVerified bool   `json:"email_verified"`
	Name          string `json:"name,omitempty"`
	Picture       string `json:"picture,omitempty"`
}

// ID is the subject.
func (p *Person) ID() string { return p.Subject }

// Userinfo is the userinfo answer (unused by the server, required by mockoidc).
func (p *Person) Userinfo(scope []string) ([]byte, error) {
	return json.Marshal(map[string]any{"sub": p.Subject, "email": p.Email, "name": p.Name})
}

// Claims builds the ID token's claims.
func (p *Person) Claims(scope []string, base *mockoidc.IDTokenClaims) (jwt.Claims, error) {
	if p.Edit != nil {
		p.Edit(base)
	}
	return &personClaims{IDTokenClaims: base, Email: p.Email, EmailVerified: p.EmailVerified, Name: p.Name, Picture: p.Picture}, nil
}

// Provider is a running OpenID provider.
type Provider struct {
	*mockoidc.MockOIDC

	mu     sync.Mutex
	tamper func(idToken string) string
}

// Start runs a provider until the test ends.
func Start(t testing.TB) *Provider {
	t.Helper()
	m, err := mockoidc.NewServer(nil)
	if err != nil {
		t.Fatal(err)
	}
	p := &Provider{MockOIDC: m}
	if err := m.AddMiddleware(p.tamperTokens); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Start(ln, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Shutdown() })
	return p
}

// Settings configure the server for this provider.
func (p *Provider) Settings() config.OIDC {
	return config.OIDC{Issuer: p.Issuer(), ClientID: p.ClientID, ClientSecret: p.ClientSecret}
}

// Queue makes person the next one to sign in.
func (p *Provider) Queue(person *Person) { p.QueueUser(person) }

// TamperIDToken rewrites the ID token of the next token answer with f (after it was signed).
func (p *Provider) TamperIDToken(f func(idToken string) string) {
	p.mu.Lock()
	p.tamper = f
	p.mu.Unlock()
}

func (p *Provider) tamperTokens(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		f := p.tamper
		p.mu.Unlock()
		if f == nil || r.URL.Path != mockoidc.TokenEndpoint {
			next.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		var body map[string]any
		// Only an answer with an ID token spends the tampering: golang.org/x/oauth2 first tries the
		// client secret in a header, which this provider refuses, then retries with it in the form.
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err == nil {
			if tok, ok := body["id_token"].(string); ok {
				body["id_token"] = f(tok)
				p.mu.Lock()
				p.tamper = nil
				p.mu.Unlock()
			}
		}
		var out bytes.Buffer
		json.NewEncoder(&out).Encode(body)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rec.Code)
		w.Write(out.Bytes())
	})
}

// SignWithForeignKey returns a tamper function that re-signs the ID token's claims with a key the
// provider never published.
func SignWithForeignKey(t testing.TB) func(string) string {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	kp, err := mockoidc.NewKeypair(key) // nil would be mockoidc's built-in key, the provider's own
	if err != nil {
		t.Fatal(err)
	}
	return func(tok string) string {
		var c jwt.MapClaims
		if _, _, err := jwt.NewParser().ParseUnverified(tok, &c); err != nil {
			t.Errorf("parse ID token: %v", err)
			return tok
		}
		signed, err := kp.SignJWT(c)
		if err != nil {
			t.Errorf("sign ID token: %v", err)
			return tok
		}
		return signed
	}
}
