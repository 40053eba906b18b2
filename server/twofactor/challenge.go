package twofactor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"spacerr/server/verification"
)

const (
	// challengePurpose scopes the verifications this package creates.
	challengePurpose = "2fa-challenge"
	// challengeCookie holds the challenge's handle between the password and the second factor.
	challengeCookie = "spacerr.two_factor"
)

// challenge is a sign-in waiting for its second factor. It is a single-use verification record: each
// attempt consumes it, and a failed attempt stores it again under a new handle with one more attempt
// counted and the same expiry. Two concurrent attempts therefore cannot both use it.
type challenge struct {
	UserID     string    `json:"userId"`
	RememberMe bool      `json:"rememberMe"`
	Method     string    `json:"method"` // the first factor's sign-in method, recorded once the second passes
	Attempts   int       `json:"attempts"`
	ExpiresAt  time.Time `json:"expiresAt"`
}

// Challenge is called by a sign-in once the first factor is right. When the user has two-factor
// authentication on and this browser is not trusted for them, it stores a challenge, gives the browser
// its cookie and reports true: the caller must then answer {twoFactorRedirect:true} and create no
// session. Otherwise it reports false and the sign-in goes on (through a trusted device, whose cookie
// it renews).
func (s *Service) Challenge(w http.ResponseWriter, r *http.Request, userID string, remember bool, method string) (bool, error) {
	ctx := r.Context()
	rec, err := loadRecord(ctx, s.store.DB, userID)
	if err != nil {
		return false, err
	}
	if !rec.enabled() {
		return false, nil
	}
	trusted, err := s.redeemTrust(ctx, w, r, userID)
	if err != nil || trusted {
		return false, err
	}
	now := s.clock()
	if err := s.storeChallenge(ctx, w, &challenge{UserID: userID, RememberMe: remember, Method: method, ExpiresAt: now.Add(challengeTTL)}, now); err != nil {
		return false, err
	}
	slog.InfoContext(ctx, "second factor requested", "user_id", userID)
	return true, nil
}

// storeChallenge saves c for the rest of its life and sets the cookie to its new handle.
func (s *Service) storeChallenge(ctx context.Context, w http.ResponseWriter, c *challenge, now time.Time) error {
	left := c.ExpiresAt.Sub(now)
	if left <= 0 {
		return nil
	}
	value, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("encode two-factor challenge: %w", err)
	}
	handle, err := s.challenges.Create(ctx, s.store.DB, challengePurpose, value, left)
	if err != nil {
		return err
	}
	s.setCookie(w, challengeCookie, handle, left)
	return nil
}

// takeChallenge consumes the request's challenge. It returns nil, nil when the request has none that
// is still valid. An invalid cookie is not cleared: it may be a request that lost a race with another
// attempt, whose answer is setting the new handle right now.
func (s *Service) takeChallenge(ctx context.Context, r *http.Request) (*challenge, error) {
	handle := s.cookie(r, challengeCookie)
	if handle == "" {
		return nil, nil
	}
	value, err := s.challenges.Consume(ctx, s.store.DB, challengePurpose, handle)
	if errors.Is(err, verification.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	c := new(challenge)
	if err := json.Unmarshal(value, c); err != nil {
		return nil, fmt.Errorf("decode two-factor challenge: %w", err)
	}
	if c.UserID == "" {
		return nil, errors.New("decode two-factor challenge: no user")
	}
	return c, nil
}
