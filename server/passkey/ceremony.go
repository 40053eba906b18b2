package passkey

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"time"

	"github.com/go-webauthn/webauthn/webauthn"

	"spacerr/server/verification"
	"spacerr/shared/api"
)

const (
	// ceremonyTTL is how long a browser has between asking for options and answering, as in Better Auth.
	ceremonyTTL = 5 * time.Minute
	// ceremonyPurpose scopes the verifications this package creates.
	ceremonyPurpose = "passkey-ceremony"
	// ceremonyCookie holds the ceremony's handle, only ever sent to the passkey routes.
	ceremonyCookie     = "spacerr.passkey_ceremony"
	ceremonyCookiePath = "/api/auth/passkey/"
)

// ceremonyType says what a ceremony was begun for; each verify endpoint accepts only its own types.
type ceremonyType string

const (
	ceremonyRegistration   ceremonyType = "registration"   // a signed-in user adds a passkey
	ceremonySignUp         ceremonyType = "sign-up"        // a new user signs up with a passkey alone
	ceremonyAuthentication ceremonyType = "authentication" // anyone signs in with a discoverable passkey
	ceremonyReauth         ceremonyType = "reauth"         // a signed-in user proves it is them again
)

// ceremony is what the database keeps between the options and the browser's answer.
type ceremony struct {
	Type ceremonyType `json:"type"`
	// UserID is the user the credential is for (registration: the signed-in user; sign-up: the id the
	// new user will get). It is the WebAuthn user handle. Empty for authentication.
	UserID string `json:"userId,omitempty"`
	// Name and Email are the pending user of a sign-up; nothing is created until the passkey verifies.
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	// PasskeyName is the ?name= given with the registration options, used if the verify body has none.
	PasskeyName string               `json:"passkeyName,omitempty"`
	WebAuthn    webauthn.SessionData `json:"webauthn"`
}

var errChallengeNotFound = api.Errorf(api.CodeChallengeNotFound,
	"This passkey request has expired or was already used. Please start again.")

// cookieName is the ceremony cookie's name; __Secure- on https, like the session cookie.
func (s *Service) cookieName() string {
	if s.secure {
		return "__Secure-" + ceremonyCookie
	}
	return ceremonyCookie
}

// beginCeremony stores c for ceremonyTTL and gives the browser its handle in an HttpOnly cookie. The
// challenge never leaves the server except inside the options the browser must sign.
func (s *Service) beginCeremony(w http.ResponseWriter, r *http.Request, c *ceremony) error {
	value, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("encode passkey ceremony: %w", err)
	}
	handle, err := s.ceremonies.Create(r.Context(), s.store.DB, ceremonyPurpose, value, ceremonyTTL)
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{
		Name: s.cookieName(), Value: handle, Path: ceremonyCookiePath, MaxAge: int(ceremonyTTL.Seconds()),
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode,
	})
	return nil
}

// finishCeremony consumes the request's ceremony, whatever happens next: a ceremony is verified at most
// once, so a replayed or failed answer always needs new options. It clears the cookie and refuses a
// ceremony of another type than the endpoint's.
func (s *Service) finishCeremony(w http.ResponseWriter, r *http.Request, accept ...ceremonyType) (*ceremony, error) {
	ck, err := r.Cookie(s.cookieName())
	if err != nil || ck.Value == "" {
		return nil, errChallengeNotFound
	}
	http.SetCookie(w, &http.Cookie{
		Name: s.cookieName(), Value: "", Path: ceremonyCookiePath, MaxAge: -1,
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode,
	})
	value, err := s.ceremonies.Consume(r.Context(), s.store.DB, ceremonyPurpose, ck.Value)
	if errors.Is(err, verification.ErrNotFound) {
		return nil, errChallengeNotFound
	}
	if err != nil {
		return nil, err
	}
	c := new(ceremony)
	if err := json.Unmarshal(value, c); err != nil {
		return nil, fmt.Errorf("decode passkey ceremony: %w", err)
	}
	if !slices.Contains(accept, c.Type) {
		slog.InfoContext(r.Context(), "passkey ceremony used at the wrong endpoint", "type", c.Type, "path", r.URL.Path)
		return nil, errChallengeNotFound
	}
	return c, nil
}
