package account

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"spacerr/server/audit"
	"spacerr/server/httpapi"
	"spacerr/server/password"
	"spacerr/server/session"
	"spacerr/server/store"
	"spacerr/server/user"
	"spacerr/shared/api"
	"spacerr/shared/validate"
)

// Service answers the email-and-password routes.
type Service struct {
	Store          *store.Store
	Sessions       *session.Manager
	Hasher         *password.Hasher
	Now            func() time.Time
	Meta           func(*http.Request) session.Meta
	TrustedOrigins []string
	// SecondFactor, when set, is asked after every right password whether the sign-in needs a second
	// factor first (server/twofactor); it also forgets trusted browsers when the password changes.
	SecondFactor SecondFactor
	// Mail sends reset and verification links (mailing.go); Notify mails security notices. Either
	// may be nil.
	Mail   *Mailing
	Notify Notify
}

// SecondFactor is what the password routes need from two-factor authentication.
type SecondFactor interface {
	// Challenge reports true when it has started a second-factor challenge for the user (and set its
	// cookie); the sign-in must then answer twoFactorRedirect and create no session.
	Challenge(w http.ResponseWriter, r *http.Request, userID string, remember bool, method string) (challenged bool, err error)
	// ForgetTrustedDevices makes every browser ask for the second factor again.
	ForgetTrustedDevices(ctx context.Context, db bun.IDB, userID string) error
}

var errInvalidCredentials = api.Errorf(api.CodeInvalidEmailOrPass, "Invalid email or password.")

// SignUpEmail answers POST /sign-up/email: it creates the user, the password account and a session in
// one transaction, then sets the session cookie.
func (s *Service) SignUpEmail(w http.ResponseWriter, r *http.Request) error {
	var req api.SignUpEmailRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return err
	}
	if err := s.checkCallback(req.CallbackURL); err != nil {
		return err
	}
	// Hash before looking the email up, so a taken email answers no faster than a free one.
	hash, err := s.Hasher.Hash(r.Context(), req.Password)
	if err != nil {
		return err
	}
	ctx := r.Context()
	now := s.Now().UTC().Truncate(time.Microsecond)
	u := &user.Row{
		ID: store.NewID(), Name: validate.NormalizeName(req.Name), Email: validate.NormalizeEmail(req.Email),
		Image: req.Image, CreatedAt: now, UpdatedAt: now,
	}
	remember := req.RememberMe == nil || *req.RememberMe
	var token string
	var sess *session.Row
	err = s.Store.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := user.Insert(ctx, tx, u); err != nil {
			if store.IsUniqueViolation(err) {
				return api.FieldError(api.CodeUserAlreadyExists, "email", "An account with this email already exists. Sign in instead, or use another email.")
			}
			return err
		}
		if err := insertCredential(ctx, tx, u.ID, hash, now); err != nil {
			return err
		}
		if s.Mail != nil && s.Mail.RequireEmailVerification {
			return nil // no session before the email is verified
		}
		token, sess, err = s.Sessions.Create(ctx, tx, u.ID, remember, s.Meta(r))
		return err
	})
	if err != nil {
		return err
	}
	if s.Mail != nil && (s.Mail.VerifyOnSignUp || s.Mail.RequireEmailVerification) {
		if err := s.sendVerificationMail(ctx, u, req.CallbackURL); err != nil {
			return err
		}
	}
	if sess == nil {
		httpapi.WriteJSON(w, http.StatusOK, api.SignUpPendingResponse{User: u.ToAPI()})
		return nil
	}
	s.Sessions.SignedIn(r.Context(), w, token, sess, u, session.MethodEmail)
	httpapi.WriteJSON(w, http.StatusOK, api.AuthResponse{Token: sess.ID, User: u.ToAPI()})
	return nil
}

// SignInEmail answers POST /sign-in/email. Unknown email, no password and wrong password get the same
// answer after the same amount of hashing work. A user with a second factor gets
// {twoFactorRedirect:true} and no session until /two-factor/verify-totp or verify-backup-code.
func (s *Service) SignInEmail(w http.ResponseWriter, r *http.Request) error {
	var req api.SignInEmailRequest
	if err := httpapi.Decode(r, &req); err != nil {
		return err
	}
	if err := req.Validate(); err != nil {
		var apiErr *api.Error
		if errors.As(err, &apiErr) && apiErr.Code == api.CodeInvalidEmailOrPass {
			s.Hasher.VerifyNothing(r.Context(), req.Password)
		}
		return err
	}
	if err := s.checkCallback(req.CallbackURL); err != nil {
		return err
	}
	ctx := r.Context()
	u, err := user.ByEmail(ctx, s.Store.DB, validate.NormalizeEmail(req.Email))
	if errors.Is(err, user.ErrNotFound) {
		s.Hasher.VerifyNothing(r.Context(), req.Password)
		return errInvalidCredentials
	}
	if err != nil {
		return err
	}
	hash, err := passwordHash(ctx, s.Store.DB, u.ID)
	if err != nil {
		return err
	}
	if hash == "" {
		s.Hasher.VerifyNothing(r.Context(), req.Password)
		return errInvalidCredentials
	}
	ok, err := s.Hasher.Verify(r.Context(), req.Password, hash)
	if err != nil {
		return err
	}
	if !ok {
		s.record(r, u.ID, u.ID, api.EventSignInFailed, session.MethodEmail)
		return errInvalidCredentials
	}
	if s.Mail != nil && s.Mail.RequireEmailVerification && !u.EmailVerified {
		if err := s.sendVerificationMail(ctx, u, req.CallbackURL); err != nil {
			return err
		}
		return api.Errorf(api.CodeEmailNotVerified, "Verify your email first: we have sent you a new link.")
	}
	if s.SecondFactor != nil {
		challenged, err := s.SecondFactor.Challenge(w, r, u.ID, req.Remember(), session.MethodEmail)
		if err != nil {
			return err
		}
		if challenged {
			httpapi.WriteJSON(w, http.StatusOK, api.TwoFactorRedirectResponse{
				TwoFactorRedirect: true, TwoFactorMethods: []string{api.TwoFactorMethodTOTP},
			})
			return nil
		}
	}
	token, sess, err := s.Sessions.Create(ctx, s.Store.DB, u.ID, req.Remember(), s.Meta(r))
	if err != nil {
		return err
	}
	s.Sessions.SignedIn(ctx, w, token, sess, u, session.MethodEmail)
	res := api.AuthResponse{Token: sess.ID, User: u.ToAPI()}
	if req.CallbackURL != "" {
		// As Better Auth: the client's redirect plugin moves the page when redirect and url are set.
		res.Redirect, res.URL = true, req.CallbackURL
		w.Header().Set("Location", req.CallbackURL)
	}
	httpapi.WriteJSON(w, http.StatusOK, res)
	return nil
}

// checkCallback refuses an absolute callback URL on an untrusted origin (an open redirect).
func (s *Service) checkCallback(raw string) error {
	if raw == "" || raw[0] == '/' {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || !slices.Contains(s.TrustedOrigins, u.Scheme+"://"+u.Host) {
		return api.FieldError(api.CodeValidation, "callbackURL", "The return address is not on a trusted site.")
	}
	return nil
}

// event is a security event of userID done by actorID (the user, or an admin impersonating them).
func (s *Service) event(r *http.Request, actorID, userID, action, detail string) audit.Entry {
	meta := s.Meta(r)
	return audit.Entry{
		ActorID: actorID, Action: action, TargetID: userID, IP: meta.IP, UserAgent: meta.UserAgent, Detail: detail,
		At: s.Now(),
	}
}

// record writes a security event after its action succeeded outside a transaction (see audit.RecordAfter).
func (s *Service) record(r *http.Request, actorID, userID, action, detail string) {
	audit.RecordAfter(r.Context(), s.Store.DB, s.event(r, actorID, userID, action, detail))
}
