// Package magiclink signs people in with a link mailed to their address (Better Auth's magicLink
// plugin). The link carries a random 256-bit token that lives five minutes and works once; the
// database holds only its keyed hash (server/verification). Following the link proves the address, so
// it also marks the email verified and, when sign-up by link is allowed, creates the account of a new
// address. A user with a second factor still has to give it. The package must never log a token.
package magiclink

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"spacerr/server/audit"
	"spacerr/server/httpapi"
	"spacerr/server/mail"
	"spacerr/server/session"
	"spacerr/server/store"
	"spacerr/server/user"
	"spacerr/server/verification"
	"spacerr/shared/api"
	"spacerr/shared/validate"
)

const (
	purpose = "magic-link"
	// TTL is how long a link works (Better Auth: 5 minutes).
	TTL = 5 * time.Minute
	// InvalidPage is where a dead link lands.
	InvalidPage = "/magic-link?error=INVALID_TOKEN"
	// TwoFactorPage is where a user with a second factor lands, holding the challenge cookie.
	TwoFactorPage   = "/sign-in/two-factor"
	defaultCallback = "/settings"
)

// SecondFactor is what a link sign-in needs from two-factor authentication (server/twofactor).
type SecondFactor interface {
	Challenge(w http.ResponseWriter, r *http.Request, userID string, remember bool, method string) (challenged bool, err error)
}

// Service answers the magic-link routes.
type Service struct {
	Store          *store.Store
	Sessions       *session.Manager
	Tokens         *verification.Store
	Mailer         mail.Mailer
	SecondFactor   SecondFactor // nil: no second factor
	Meta           func(*http.Request) session.Meta
	Now            func() time.Time
	BaseURL        *url.URL
	SiteName       string
	TrustedOrigins []string
	SignUp         bool // a link to an unknown address creates the account
}

// pending is the token's value.
type pending struct {
	Email string `json:"email"`
	Name  string `json:"name,omitempty"`
}

// SendLink answers POST /sign-in/magic-link {email, name?, callbackURL?} with {status:true} in every
// case, so it tells no one whether the address has an account.
func (s *Service) SendLink(w http.ResponseWriter, r *http.Request) error {
	var req api.MagicLinkRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return err
	}
	if req.CallbackURL != "" && httpapi.SafeRedirect(req.CallbackURL, s.TrustedOrigins, "") == "" {
		return api.FieldError(api.CodeValidation, "callbackURL", "The return address is not on a trusted site.")
	}
	ctx := r.Context()
	email := validate.NormalizeEmail(req.Email)
	send := s.SignUp
	if !send {
		_, err := user.ByEmail(ctx, s.Store.DB, email)
		if err != nil && !errors.Is(err, user.ErrNotFound) {
			return err
		}
		send = err == nil
	}
	if send {
		v, _ := json.Marshal(pending{Email: email, Name: validate.NormalizeName(req.Name)})
		token, err := s.Tokens.Create(ctx, s.Store.DB, purpose, v, TTL)
		if err != nil {
			return err
		}
		callback := req.CallbackURL
		if callback == "" {
			callback = defaultCallback
		}
		u := *s.BaseURL
		u.Path = "/api/auth/magic-link/verify"
		u.RawQuery = url.Values{"token": {token}, "callbackURL": {callback}}.Encode()
		s.Mailer.Send(ctx, mail.Link(s.SiteName, email, s.SiteName+": your sign-in link",
			"Follow this link within 5 minutes to sign in to "+s.SiteName+".",
			"Sign in", u.String(),
			"The link works once. If you did not ask for it, ignore this mail."))
	}
	httpapi.WriteJSON(w, http.StatusOK, api.StatusTrue{Status: true})
	return nil
}

// Verify answers GET /magic-link/verify?token=&callbackURL=, the mailed link. It spends the token,
// finds or creates the user, marks the email verified, then either starts the second-factor challenge
// (302 to /sign-in/two-factor) or signs in (302 to callbackURL, default /settings).
func (s *Service) Verify(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	callback := httpapi.SafeRedirect(q.Get("callbackURL"), s.TrustedOrigins, defaultCallback)
	v, err := s.Tokens.Consume(ctx, s.Store.DB, purpose, q.Get("token"))
	if errors.Is(err, verification.ErrNotFound) {
		httpapi.Redirect(w, r, InvalidPage)
		return nil
	}
	if err != nil {
		return err
	}
	var p pending
	if err := json.Unmarshal(v, &p); err != nil {
		return fmt.Errorf("decode magic link: %w", err)
	}
	u, err := s.findOrCreate(r, p)
	if err != nil {
		return err
	}
	if u == nil {
		httpapi.Redirect(w, r, InvalidPage)
		return nil
	}
	if s.SecondFactor != nil {
		challenged, err := s.SecondFactor.Challenge(w, r, u.ID, true, session.MethodMagicLink)
		if err != nil {
			return err
		}
		if challenged {
			httpapi.Redirect(w, r, TwoFactorPage)
			return nil
		}
	}
	token, sess, err := s.Sessions.Create(ctx, s.Store.DB, u.ID, true, s.Meta(r))
	if err != nil {
		return err
	}
	s.Sessions.SignedIn(ctx, w, token, sess, u, session.MethodMagicLink)
	slog.InfoContext(ctx, "signed in with a magic link", "user_id", u.ID)
	httpapi.Redirect(w, r, callback)
	return nil
}

// findOrCreate returns the user of p.Email with the email marked verified, creating them when sign-up
// is allowed; nil when the address is unknown and sign-up is off.
func (s *Service) findOrCreate(r *http.Request, p pending) (*user.Row, error) {
	ctx := r.Context()
	now := s.Now().UTC().Truncate(time.Microsecond)
	u, err := user.ByEmail(ctx, s.Store.DB, p.Email)
	if err == nil {
		if !u.EmailVerified {
			if _, err := s.Store.DB.NewUpdate().Model((*user.Row)(nil)).Set("email_verified = ?", true).
				Set("updated_at = ?", now).Where("id = ?", u.ID).Exec(ctx); err != nil {
				return nil, fmt.Errorf("mark email of user %s verified: %w", u.ID, err)
			}
			u.EmailVerified = true
			meta := s.Meta(r)
			audit.RecordAfter(ctx, s.Store.DB, audit.Entry{
				ActorID: u.ID, Action: api.EventEmailVerified, TargetID: u.ID, IP: meta.IP, UserAgent: meta.UserAgent,
				Detail: session.MethodMagicLink, At: now,
			})
		}
		return u, nil
	}
	if !errors.Is(err, user.ErrNotFound) {
		return nil, err
	}
	if !s.SignUp {
		return nil, nil
	}
	name := p.Name
	if name == "" || validate.Name(name) != nil {
		name = nameFromEmail(p.Email)
	}
	u = &user.Row{ID: store.NewID(), Name: name, Email: p.Email, EmailVerified: true, CreatedAt: now, UpdatedAt: now}
	err = s.Store.InTx(ctx, func(ctx context.Context, tx bun.Tx) error { return user.Insert(ctx, tx, u) })
	if store.IsUniqueViolation(err) {
		// Two links for one new address followed at once: the other created the user.
		return user.ByEmail(ctx, s.Store.DB, p.Email)
	}
	if err != nil {
		return nil, err
	}
	slog.InfoContext(ctx, "signed up with a magic link", "user_id", u.ID)
	return u, nil
}

// nameFromEmail is the local part of the address, the name of a user who gave none.
func nameFromEmail(email string) string {
	local, _, _ := strings.Cut(email, "@")
	if validate.Name(local) != nil {
		return "New user"
	}
	return local
}
