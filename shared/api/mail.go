package api

import "spacerr/shared/validate"

// ResetPasswordMessage is the answer to every request-password-reset, whether or not the email is
// known, so the form cannot be used to find out who has an account.
const ResetPasswordMessage = "If this email exists in our system, check your email for the reset link"

// RequestPasswordResetRequest is the body of POST /request-password-reset. RedirectTo is the client
// page that receives ?token= (default /reset-password).
type RequestPasswordResetRequest struct {
	Email      string `json:"email"`
	RedirectTo string `json:"redirectTo,omitempty"`
}

// Validate checks the email and the redirect.
func (r RequestPasswordResetRequest) Validate() error {
	if err := validate.Email(r.Email); err != nil {
		return fieldErr("email", err)
	}
	return optionalCallback("redirectTo", r.RedirectTo)
}

// RequestPasswordResetResponse is {status:true, message}.
type RequestPasswordResetResponse struct {
	Status  bool   `json:"status"`
	Message string `json:"message"`
}

// ResetPasswordRequest is the body of POST /reset-password: the token from the mailed link and the new
// password.
type ResetPasswordRequest struct {
	NewPassword string `json:"newPassword"`
	Token       string `json:"token"`
}

// Validate checks the new password and that a token is there.
func (r ResetPasswordRequest) Validate() error {
	if err := validate.Password(r.NewPassword); err != nil {
		return fieldErr("newPassword", err)
	}
	if r.Token == "" || len(r.Token) > 256 {
		return FieldError(CodeInvalidToken, "token", "This link is invalid or has expired. Ask for a new one.")
	}
	return nil
}

// MagicLinkRequest is the body of POST /sign-in/magic-link. Name is used when the email is new.
type MagicLinkRequest struct {
	Email       string `json:"email"`
	Name        string `json:"name,omitempty"`
	CallbackURL string `json:"callbackURL,omitempty"`
}

// Validate checks the email, the optional name and the callback.
func (r MagicLinkRequest) Validate() error {
	if err := validate.Email(r.Email); err != nil {
		return fieldErr("email", err)
	}
	if r.Name != "" {
		if err := validate.Name(validate.NormalizeName(r.Name)); err != nil {
			return fieldErr("name", err)
		}
	}
	return optionalCallback("callbackURL", r.CallbackURL)
}

// SendVerificationEmailRequest is the body of POST /send-verification-email.
type SendVerificationEmailRequest struct {
	Email       string `json:"email"`
	CallbackURL string `json:"callbackURL,omitempty"`
}

// Validate checks the email and the callback.
func (r SendVerificationEmailRequest) Validate() error {
	if err := validate.Email(r.Email); err != nil {
		return fieldErr("email", err)
	}
	return optionalCallback("callbackURL", r.CallbackURL)
}

// SignUpPendingResponse is sign-up's answer when the email must be verified first: no session, token
// null (Better Auth's shape).
type SignUpPendingResponse struct {
	Token *string `json:"token"`
	User  User    `json:"user"`
}

func optionalCallback(field, raw string) error {
	if raw == "" {
		return nil
	}
	if err := validate.CallbackURL(raw); err != nil {
		return fieldErr(field, err)
	}
	return nil
}
