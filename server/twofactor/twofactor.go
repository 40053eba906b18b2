// Package twofactor adds a second factor to sign-in: an authenticator app (TOTP, RFC 6238) with
// single-use backup codes, speaking Better Auth's twoFactor plugin on the wire (/api/auth/two-factor/*).
//
// It is stricter than the plugin: every accepted time step is spent atomically, so no code works twice
// (the enrolment code included); the secret is sealed at rest by server/secretbox and bound to its row;
// a re-enrolment keeps the current secret until the new one has been proven, so an abandoned or
// concurrent enrolment never leaves a user who must give a second factor without one; backup codes are
// stored only as keyed hashes, one row each, spent by a single conditional UPDATE; and the sign-in
// challenge is a single-use database record whose attempts are counted (5 per challenge, 10 failures in
// a row lock the second factor for 15 minutes).
//
// Sign-in methods call Challenge after checking the first factor. A passkey sign-in with user
// verification is already multi-factor and does not (see server/passkey.MethodPasskey).
//
// The package must never log a code, a secret, an otpauth URI, a challenge handle or a trust cookie.
package twofactor

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/uptrace/bun"
	"golang.org/x/crypto/hkdf"

	"spacerr/server/secretbox"
	"spacerr/server/session"
	"spacerr/server/store"
	"spacerr/server/verification"
	"spacerr/shared/api"
)

// The limits, as in Better Auth.
const (
	challengeTTL       = 10 * time.Minute
	challengeAttempts  = 5  // code attempts per sign-in challenge, TOTP and backup codes together
	lockoutAfter       = 10 // consecutive failures that lock the second factor
	lockoutFor         = 15 * time.Minute
	trustDeviceFor     = 30 * 24 * time.Hour
	backupCodesPerUser = 10
)

// Options configure the service; server.New fills them.
type Options struct {
	Store      *store.Store
	Sessions   *session.Manager
	Challenges *verification.Store
	Keyring    *secretbox.Keyring // seals the TOTP secrets
	// Secrets are AUTH_SECRET then AUTH_SECRET_PREVIOUS. Backup-code hashes and trust cookies are keyed
	// by keys derived from them; the first one keys what is written, all of them are accepted.
	Secrets [][]byte
	Now     func() time.Time
	Meta    func(*http.Request) session.Meta
	// CheckPassword confirms the user's password: nil when right, an *api.Error (INVALID_PASSWORD, or
	// PASSWORD_REQUIRED for a user without one) otherwise.
	CheckPassword func(ctx context.Context, userID, password string) error
	HasPassword   func(ctx context.Context, db bun.IDB, userID string) (bool, error)
	Issuer        string // the authenticator app's label: config.SiteName
	SecureCookies bool
}

// Service answers the two-factor routes and challenges sign-ins.
type Service struct {
	store         *store.Store
	sessions      *session.Manager
	challenges    *verification.Store
	keyring       *secretbox.Keyring
	codeKeys      [][]byte // HMAC keys of backup codes, current first
	trustKeys     [][]byte // HMAC keys of trust cookies, current first
	now           func() time.Time
	meta          func(*http.Request) session.Meta
	checkPassword func(ctx context.Context, userID, password string) error
	hasPassword   func(ctx context.Context, db bun.IDB, userID string) (bool, error)
	issuer        string
	secure        bool

	// Notify, when set, mails the user a security notice (set by the server after New).
	Notify func(ctx context.Context, userID, event string, r *http.Request)
}

// New returns the service.
func New(o Options) (*Service, error) {
	if len(o.Secrets) == 0 || o.Keyring == nil || o.CheckPassword == nil || o.HasPassword == nil {
		return nil, fmt.Errorf("twofactor: secrets, keyring and password checks are required")
	}
	s := &Service{
		store: o.Store, sessions: o.Sessions, challenges: o.Challenges, keyring: o.Keyring, now: o.Now,
		meta: o.Meta, checkPassword: o.CheckPassword, hasPassword: o.HasPassword, issuer: o.Issuer,
		secure: o.SecureCookies,
	}
	for _, secret := range o.Secrets {
		s.codeKeys = append(s.codeKeys, deriveKey(secret, "spacerr backup codes v1"))
		s.trustKeys = append(s.trustKeys, deriveKey(secret, "spacerr trusted devices v1"))
	}
	return s, nil
}

func deriveKey(secret []byte, info string) []byte {
	key := make([]byte, 32)
	if _, err := io.ReadFull(hkdf.New(sha256.New, secret, nil, []byte(info)), key); err != nil {
		panic("twofactor: derive key: " + err.Error()) // HKDF cannot fail for 32 bytes
	}
	return key
}

// clock is the service's time, in UTC at the database's precision.
func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

var (
	errUnauthorized        = api.Errorf(api.CodeUnauthorized, "Sign in first.")
	errTOTPNotEnabled      = api.Errorf(api.CodeTOTPNotEnabled, "Two-factor authentication is not set up. Set it up first.")
	errTwoFactorNotEnabled = api.Errorf(api.CodeTwoFactorNotEnabled, "Two-factor authentication is not turned on.")
	errInvalidCode         = api.FieldError(api.CodeInvalidCode, "code", "That code is not right. Check your authenticator app and try again.")
	errInvalidBackupCode   = api.FieldError(api.CodeInvalidBackupCode, "code", "That backup code is not right or was already used.")
	errInvalidChallenge    = api.Errorf(api.CodeInvalidTwoFactorCookie, "This sign-in has expired. Please sign in again.")
	errTooManyAttempts     = api.Errorf(api.CodeTooManyAttempts, "Too many wrong codes. Please sign in again.")
	errLocked              = api.Errorf(api.CodeAccountTemporarilyLocked,
		"Too many wrong codes. Two-factor sign-in is locked for 15 minutes; please try again later.")
)

// currentSession is the request's session, or 401.
func (s *Service) currentSession(w http.ResponseWriter, r *http.Request) (*session.Current, error) {
	cur, err := s.sessions.Resolve(w, r)
	if err != nil {
		return nil, err
	}
	if cur == nil {
		return nil, errUnauthorized
	}
	return cur, nil
}

// cookieName adds the __Secure- prefix on https, like the session cookie.
func (s *Service) cookieName(name string) string {
	if s.secure {
		return "__Secure-" + name
	}
	return name
}

// cookiePath keeps the two-factor cookies off every request but the auth API's.
const cookiePath = "/api/auth/"

func (s *Service) setCookie(w http.ResponseWriter, name, value string, maxAge time.Duration) {
	http.SetCookie(w, &http.Cookie{
		Name: s.cookieName(name), Value: value, Path: cookiePath, MaxAge: int(maxAge.Round(time.Second).Seconds()),
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode,
	})
}

func (s *Service) clearCookie(w http.ResponseWriter, name string) {
	http.SetCookie(w, &http.Cookie{
		Name: s.cookieName(name), Value: "", Path: cookiePath, MaxAge: -1,
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode,
	})
}

func (s *Service) cookie(r *http.Request, name string) string {
	if c, err := r.Cookie(s.cookieName(name)); err == nil {
		return c.Value
	}
	return ""
}
