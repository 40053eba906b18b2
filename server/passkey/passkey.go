// Package passkey registers WebAuthn credentials (passkeys) and signs people in with them, speaking
// Better Auth's passkey plugin on the wire (/api/auth/passkey/*) plus passkey-only sign-up.
//
// It is stricter than the plugin: credentials must be discoverable and user verification is required
// and checked on every ceremony; the expected origins are the configured trusted origins and never the
// request's; ceremony state lives in the database (server/verification), is bound to the browser by an
// HttpOnly cookie and is consumed exactly once; a signature counter that goes backwards on a
// device-bound credential is refused; and a user's last way to sign in cannot be deleted.
//
// It must never log a challenge, a ceremony handle or a credential's public key.
package passkey

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"
	"github.com/uptrace/bun"

	"spacerr/server/session"
	"spacerr/server/store"
	"spacerr/server/verification"
	"spacerr/shared/api"
)

// MethodPasskey names the sign-in method of sessions this package creates. A passkey sign-in here is
// multi-factor on its own: the passkey is something the person has, and the user verification this
// package requires and checks (biometrics or a device PIN) is something they are or know. The two-factor
// feature must therefore not ask a second factor of it, as Better Auth, Hanko and Zitadel do not.
const MethodPasskey = "passkey"

// Options configure the service; server.New fills them from config.Config.
type Options struct {
	Store       *store.Store
	Sessions    *session.Manager
	Ceremonies  *verification.Store
	Now         func() time.Time
	Meta        func(*http.Request) session.Meta
	HasPassword func(ctx context.Context, db bun.IDB, userID string) (bool, error)
	// AccountSignIns counts the user's other ways in held in the accounts table: a password and linked
	// social accounts (server/account.AccountSignIns). The last passkey may go only when it is not 0.
	AccountSignIns func(ctx context.Context, db bun.IDB, userID, exceptID string) (int, error)

	RPID          string   // config.PasskeyRPID
	RPName        string   // config.SiteName
	Origins       []string // config.TrustedOrigins: the only origins a browser's answer may name
	SecureCookies bool
}

// Service answers the passkey routes.
type Service struct {
	store          *store.Store
	sessions       *session.Manager
	ceremonies     *verification.Store
	now            func() time.Time
	meta           func(*http.Request) session.Meta
	hasPassword    func(ctx context.Context, db bun.IDB, userID string) (bool, error)
	accountSignIns func(ctx context.Context, db bun.IDB, userID, exceptID string) (int, error)
	webauthn       *webauthn.WebAuthn
	secure         bool

	// Notify, when set, mails the user a security notice (set by the server after New).
	Notify func(ctx context.Context, userID, event string, r *http.Request)
}

// New checks the relying party settings and returns the service.
func New(o Options) (*Service, error) {
	wa, err := webauthn.New(&webauthn.Config{
		RPID:          o.RPID,
		RPDisplayName: o.RPName,
		RPOrigins:     o.Origins,
		// No attestation: we trust no authenticator vendor more than another, and asking for it only
		// adds a privacy prompt in some browsers.
		AttestationPreference: protocol.PreferNoAttestation,
		AuthenticatorSelection: protocol.AuthenticatorSelection{
			RequireResidentKey: protocol.ResidentKeyRequired(),
			ResidentKey:        protocol.ResidentKeyRequirementRequired,
			UserVerification:   protocol.VerificationRequired,
		},
		// The browser's timeout matches the ceremony's life in the database, which is what is enforced
		// (with the server's clock, so tests can move it).
		Timeouts: webauthn.TimeoutsConfig{
			Login:        webauthn.TimeoutConfig{Timeout: ceremonyTTL, TimeoutUVD: ceremonyTTL},
			Registration: webauthn.TimeoutConfig{Timeout: ceremonyTTL, TimeoutUVD: ceremonyTTL},
		},
	})
	if err != nil {
		return nil, fmt.Errorf("passkeys: %w", err)
	}
	return &Service{
		store: o.Store, sessions: o.Sessions, ceremonies: o.Ceremonies, now: o.Now, meta: o.Meta,
		hasPassword: o.HasPassword, accountSignIns: o.AccountSignIns, webauthn: wa, secure: o.SecureCookies,
	}, nil
}

// webauthnUser is a user as go-webauthn sees it. The user handle is the user's id: a random identifier
// with no personal data in it, which is what the authenticator stores and returns at sign-in.
type webauthnUser struct {
	id          string
	name        string // the email: what the browser shows to pick an account
	displayName string
	credentials []webauthn.Credential
}

func (u *webauthnUser) WebAuthnID() []byte                         { return []byte(u.id) }
func (u *webauthnUser) WebAuthnName() string                       { return u.name }
func (u *webauthnUser) WebAuthnDisplayName() string                { return u.displayName }
func (u *webauthnUser) WebAuthnCredentials() []webauthn.Credential { return u.credentials }

var errUnauthorized = api.Errorf(api.CodeUnauthorized, "Sign in first.")

// currentUser is the request's session, or 401.
func (s *Service) currentUser(w http.ResponseWriter, r *http.Request) (*session.Current, error) {
	cur, err := s.sessions.Resolve(w, r)
	if err != nil {
		return nil, err
	}
	if cur == nil {
		return nil, errUnauthorized
	}
	return cur, nil
}

// webauthnReason is the short, secret-free description of why go-webauthn refused a response, for the
// log. Its DevInfo is left out: it can quote the expected challenge.
func webauthnReason(err error) string {
	var pe *protocol.Error
	if errors.As(err, &pe) {
		return pe.Type + ": " + pe.Details
	}
	return "unparseable response"
}
