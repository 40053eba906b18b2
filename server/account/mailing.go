package account

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/uptrace/bun"

	"spacerr/server/audit"
	"spacerr/server/httpapi"
	"spacerr/server/mail"
	"spacerr/server/user"
	"spacerr/server/verification"
	"spacerr/shared/api"
	"spacerr/shared/validate"
)

// Mailed-link purposes and lifetimes (Better Auth: reset 1 h, email verification 24 h).
const (
	purposeResetPassword = "reset-password"
	purposeVerifyEmail   = "verify-email"
	resetTTL             = time.Hour
	verifyEmailTTL       = 24 * time.Hour
)

// Mailing is what the password routes need to send mail: the mailer, the single-use token store and
// what builds the links. A nil Mailing turns the mailed flows off.
type Mailing struct {
	Mailer   mail.Mailer
	Tokens   *verification.Store
	BaseURL  *url.URL
	SiteName string
	// RequireEmailVerification refuses password sign-in of an unverified email (403
	// EMAIL_NOT_VERIFIED, with a new verification mail) and makes sign-up create no session.
	RequireEmailVerification bool
	VerifyOnSignUp           bool // mail a verification link on sign-up
}

// Notify tells the user about a security event of their account (a mail), from the request r.
type Notify func(ctx context.Context, userID, event string, r *http.Request)

// Security events the password routes report.
const (
	EventPasswordChanged = "Your password was changed"
	EventPasswordSet     = "A password was set on your account"
	EventPasswordReset   = "Your password was reset"
)

var errInvalidToken = api.Errorf(api.CodeInvalidToken, "This link is invalid or has expired. Ask for a new one.")

func (s *Service) notify(ctx context.Context, userID, event string, r *http.Request) {
	if s.Notify != nil {
		s.Notify(ctx, userID, event, r)
	}
}

func (s *Service) link(path string, query url.Values) string {
	u := *s.Mail.BaseURL
	u.Path = path
	u.RawQuery = query.Encode()
	return u.String()
}

// RequestPasswordReset answers POST /request-password-reset {email, redirectTo?} with the same
// {status:true, message} whether or not the email is known. An unknown email costs a comparable
// keyed hash and database statement, and no mail.
func (s *Service) RequestPasswordReset(w http.ResponseWriter, r *http.Request) error {
	var req api.RequestPasswordResetRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return err
	}
	if err := s.checkCallback(req.RedirectTo); err != nil {
		return err
	}
	ctx := r.Context()
	u, err := user.ByEmail(ctx, s.Store.DB, validate.NormalizeEmail(req.Email))
	switch {
	case errors.Is(err, user.ErrNotFound):
		// The same kind of work as a real request: an HMAC and one statement on the table.
		if _, err := s.Mail.Tokens.Consume(ctx, s.Store.DB, purposeResetPassword, randomHandle()); err != nil && !errors.Is(err, verification.ErrNotFound) {
			return err
		}
	case err != nil:
		return err
	default:
		token, err := s.Mail.Tokens.Create(ctx, s.Store.DB, purposeResetPassword, []byte(u.ID), resetTTL)
		if err != nil {
			return err
		}
		callback := req.RedirectTo
		if callback == "" {
			callback = "/reset-password"
		}
		link := s.link("/api/auth/reset-password/"+token, url.Values{"callbackURL": {callback}})
		s.Mail.Mailer.Send(ctx, mail.Link(s.Mail.SiteName, u.Email, s.Mail.SiteName+": reset your password",
			"Someone asked to reset the password of your "+s.Mail.SiteName+" account. Follow the link within an hour to choose a new one.",
			"Reset your password", link,
			"If you did not ask for this, ignore this mail: your password stays as it is."))
		slog.InfoContext(ctx, "password reset requested", "user_id", u.ID)
	}
	httpapi.WriteJSON(w, http.StatusOK, api.RequestPasswordResetResponse{Status: true, Message: api.ResetPasswordMessage})
	return nil
}

// ResetPasswordCallback answers GET /reset-password/{token}?callbackURL=, the mailed link: a 302 to
// callbackURL?token= when the token is live (without spending it), else to callbackURL?error=INVALID_TOKEN.
func (s *Service) ResetPasswordCallback(w http.ResponseWriter, r *http.Request) error {
	callback := httpapi.SafeRedirect(r.URL.Query().Get("callbackURL"), s.TrustedOrigins, "/reset-password")
	token := r.PathValue("token")
	ok, err := s.Mail.Tokens.Valid(r.Context(), s.Store.DB, purposeResetPassword, token)
	if err != nil {
		return err
	}
	if !ok {
		httpapi.Redirect(w, r, httpapi.WithQuery(callback, "error", string(api.CodeInvalidToken)))
		return nil
	}
	httpapi.Redirect(w, r, httpapi.WithQuery(callback, "token", token))
	return nil
}

// ResetPassword answers POST /reset-password {newPassword, token}: it spends the token, sets the
// password (adding the password account of a user who had none), ends every session of the user and
// forgets their trusted browsers, all in one transaction; then mails a notice.
func (s *Service) ResetPassword(w http.ResponseWriter, r *http.Request) error {
	var req api.ResetPasswordRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return err
	}
	hash, err := s.Hasher.Hash(r.Context(), req.NewPassword)
	if err != nil {
		return err
	}
	ctx := r.Context()
	now := s.Now().UTC().Truncate(time.Microsecond)
	var userID string
	err = s.Store.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		v, err := s.Mail.Tokens.Consume(ctx, tx, purposeResetPassword, req.Token)
		if errors.Is(err, verification.ErrNotFound) {
			return errInvalidToken
		}
		if err != nil {
			return err
		}
		userID = string(v)
		if err := overwritePassword(ctx, tx, userID, hash, now); err != nil {
			return err
		}
		if err := s.Sessions.RevokeAllOfUser(ctx, tx, userID); err != nil {
			return err
		}
		if s.SecondFactor != nil {
			if err := s.SecondFactor.ForgetTrustedDevices(ctx, tx, userID); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, s.event(r, userID, userID, api.EventPasswordReset, ""))
	})
	if err != nil {
		return err
	}
	slog.InfoContext(ctx, "password reset", "user_id", userID)
	s.notify(ctx, userID, EventPasswordReset, r)
	httpapi.WriteJSON(w, http.StatusOK, api.StatusTrue{Status: true})
	return nil
}

// overwritePassword sets the user's password whatever it was, adding the credential account if needed.
func overwritePassword(ctx context.Context, db bun.IDB, userID, hash string, now time.Time) error {
	res, err := db.NewUpdate().Model((*Row)(nil)).Set("password = ?", hash).Set("updated_at = ?", now).
		Where("user_id = ? AND provider_id = ?", userID, ProviderCredential).Exec(ctx)
	if err != nil {
		return fmt.Errorf("reset password of user %s: %w", userID, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	return insertCredential(ctx, db, userID, hash, now)
}

// emailToVerify is the value of a verification token: the address is checked again on use, so a link
// mailed to an old address cannot verify a new one.
type emailToVerify struct {
	UserID string `json:"userId"`
	Email  string `json:"email"`
}

// sendVerificationMail mails u a link that marks their email verified.
func (s *Service) sendVerificationMail(ctx context.Context, u *user.Row, callback string) error {
	if s.Mail == nil {
		return nil
	}
	v, _ := json.Marshal(emailToVerify{UserID: u.ID, Email: u.Email})
	token, err := s.Mail.Tokens.Create(ctx, s.Store.DB, purposeVerifyEmail, v, verifyEmailTTL)
	if err != nil {
		return err
	}
	if callback == "" {
		callback = "/settings"
	}
	link := s.link("/api/auth/verify-email", url.Values{"token": {token}, "callbackURL": {callback}})
	return s.Mail.Mailer.Send(ctx, mail.Link(s.Mail.SiteName, u.Email, s.Mail.SiteName+": verify your email",
		"Confirm that this address belongs to your "+s.Mail.SiteName+" account.",
		"Verify your email", link,
		"The link works once, for 24 hours. If you did not sign up, ignore this mail."))
}

// SendVerificationEmail answers POST /send-verification-email {email, callbackURL?} with {status:true}
// whether or not the email is known; a known, unverified email gets a new link.
func (s *Service) SendVerificationEmail(w http.ResponseWriter, r *http.Request) error {
	var req api.SendVerificationEmailRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return err
	}
	if err := s.checkCallback(req.CallbackURL); err != nil {
		return err
	}
	ctx := r.Context()
	u, err := user.ByEmail(ctx, s.Store.DB, validate.NormalizeEmail(req.Email))
	switch {
	case errors.Is(err, user.ErrNotFound):
	case err != nil:
		return err
	case !u.EmailVerified:
		if err := s.sendVerificationMail(ctx, u, req.CallbackURL); err != nil {
			return err
		}
	}
	httpapi.WriteJSON(w, http.StatusOK, api.StatusTrue{Status: true})
	return nil
}

// VerifyEmail answers GET /verify-email?token=&callbackURL=, the mailed link: it marks the email
// verified and redirects to callbackURL (default /settings), or to /verify-email?error=INVALID_TOKEN.
func (s *Service) VerifyEmail(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	callback := httpapi.SafeRedirect(q.Get("callbackURL"), s.TrustedOrigins, "/settings")
	v, err := s.Mail.Tokens.Consume(ctx, s.Store.DB, purposeVerifyEmail, q.Get("token"))
	if errors.Is(err, verification.ErrNotFound) {
		httpapi.Redirect(w, r, "/verify-email?error="+string(api.CodeInvalidToken))
		return nil
	}
	if err != nil {
		return err
	}
	var e emailToVerify
	if err := json.Unmarshal(v, &e); err != nil {
		return fmt.Errorf("decode email verification: %w", err)
	}
	var ok bool
	err = s.Store.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if ok, err = MarkEmailVerified(ctx, tx, e.UserID, e.Email, s.Now()); err != nil || !ok {
			return err
		}
		return audit.Record(ctx, tx, s.event(r, e.UserID, e.UserID, api.EventEmailVerified, ""))
	})
	if err != nil {
		return err
	}
	if !ok {
		httpapi.Redirect(w, r, "/verify-email?error="+string(api.CodeInvalidToken))
		return nil
	}
	slog.InfoContext(ctx, "email verified", "user_id", e.UserID)
	httpapi.Redirect(w, r, callback)
	return nil
}

// MarkEmailVerified sets email_verified on the user if their email is still email, and reports
// whether the user is there with that email.
func MarkEmailVerified(ctx context.Context, db bun.IDB, userID, email string, now time.Time) (bool, error) {
	res, err := db.NewUpdate().Model((*user.Row)(nil)).
		Set("email_verified = ?", true).Set("updated_at = ?", now.UTC().Truncate(time.Microsecond)).
		Where("id = ? AND email = ?", userID, email).Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("mark email of user %s verified: %w", userID, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// randomHandle is a handle no one was given (the decoy of an unknown email).
func randomHandle() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
