package api

import (
	"time"

	"spacerr/shared/validate"
)

// Millis truncates t to milliseconds in UTC. Every time on the wire goes through it: Better Auth's
// client reads the fraction of an ISO date as milliseconds, so ".763903" would become 763903 ms.
func Millis(t time.Time) time.Time { return t.UTC().Truncate(time.Millisecond) }

// User is the public view of an account holder, as Better Auth returns it.
type User struct {
	ID            string    `json:"id"`
	Name          string    `json:"name"`
	Email         string    `json:"email"`
	EmailVerified bool      `json:"emailVerified"`
	Image         *string   `json:"image"`
	CreatedAt     time.Time `json:"createdAt"`
	UpdatedAt     time.Time `json:"updatedAt"`
	// TwoFactorEnabled is Better Auth's user.twoFactorEnabled: sign-in asks for a second factor. Its zero
	// value (false) is what a client that does not know the field would assume.
	TwoFactorEnabled bool `json:"twoFactorEnabled"`
	// LastLoginMethod is Better Auth's user.lastLoginMethod ("email", "passkey", "magic-link"); empty
	// before the first sign-in that recorded it.
	LastLoginMethod string `json:"lastLoginMethod,omitempty"`
	// Role, Banned, BanReason and BanExpires are Better Auth's admin plugin fields. Role is "user" or
	// "admin"; BanExpires is nil for a ban without end.
	Role       string     `json:"role,omitempty"`
	Banned     bool       `json:"banned"`
	BanReason  string     `json:"banReason,omitempty"`
	BanExpires *time.Time `json:"banExpires,omitempty"`
}

// Session is the public view of a session. Token carries the session's public id, never the secret
// cookie value: the database only knows the secret's hash, and the browser keeps it in an HttpOnly cookie.
type Session struct {
	ID        string    `json:"id"`
	Token     string    `json:"token"`
	UserID    string    `json:"userId"`
	ExpiresAt time.Time `json:"expiresAt"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
	IPAddress string    `json:"ipAddress"`
	UserAgent string    `json:"userAgent"`
	// Current marks the session of the request in GET /list-sessions (our addition; false elsewhere).
	Current bool `json:"current"`
	// ImpersonatedBy is the admin's user id when an admin opened this session as its user (Better
	// Auth's admin plugin field); the client shows the "Viewing as" banner for it.
	ImpersonatedBy string `json:"impersonatedBy,omitempty"`
}

// SessionResponse is the body of GET /get-session for a signed-in browser (otherwise the body is null).
type SessionResponse struct {
	Session Session `json:"session"`
	User    User    `json:"user"`
}

// SignUpEmailRequest is the body of POST /sign-up/email. Image, CallbackURL and RememberMe are accepted
// because Better Auth's client may send them.
type SignUpEmailRequest struct {
	Name        string  `json:"name"`
	Email       string  `json:"email"`
	Password    string  `json:"password"`
	Image       *string `json:"image,omitempty"`
	CallbackURL string  `json:"callbackURL,omitempty"`
	RememberMe  *bool   `json:"rememberMe,omitempty"`
}

// Validate checks the request the same way on both sides; the first problem found is returned.
func (r SignUpEmailRequest) Validate() error {
	if err := validate.Name(r.Name); err != nil {
		return fieldErr("name", err)
	}
	if err := validate.Email(r.Email); err != nil {
		return fieldErr("email", err)
	}
	if err := validate.Password(r.Password); err != nil {
		return fieldErr("password", err)
	}
	if r.CallbackURL != "" {
		if err := validate.CallbackURL(r.CallbackURL); err != nil {
			return fieldErr("callbackURL", err)
		}
	}
	return nil
}

// SignInEmailRequest is the body of POST /sign-in/email. RememberMe defaults to true, as in Better Auth.
type SignInEmailRequest struct {
	Email       string `json:"email"`
	Password    string `json:"password"`
	CallbackURL string `json:"callbackURL,omitempty"`
	RememberMe  *bool  `json:"rememberMe,omitempty"`
}

// Remember reports whether the session should outlive the browser session.
func (r SignInEmailRequest) Remember() bool { return r.RememberMe == nil || *r.RememberMe }

// Validate checks only the shape: a wrong password of any length must get the same answer as a wrong
// password, so length rules are not applied at sign-in beyond the upper bound that keeps hashing cheap.
func (r SignInEmailRequest) Validate() error {
	if err := validate.Email(r.Email); err != nil {
		return fieldErr("email", err)
	}
	if r.Password == "" {
		return FieldError(CodeValidation, "password", "Enter your password.")
	}
	if len(r.Password) > validate.MaxPasswordBytes {
		return FieldError(CodeInvalidEmailOrPass, "password", "Invalid email or password.")
	}
	if r.CallbackURL != "" {
		if err := validate.CallbackURL(r.CallbackURL); err != nil {
			return fieldErr("callbackURL", err)
		}
	}
	return nil
}

// AuthResponse is the body of a successful sign-up or sign-in.
type AuthResponse struct {
	Redirect bool   `json:"redirect"`
	Token    string `json:"token"`
	URL      string `json:"url,omitempty"`
	User     User   `json:"user"`
}

// StatusResponse is Better Auth's {"success":true}-style answer for actions such as sign-out.
type StatusResponse struct {
	Success bool `json:"success"`
}

// fieldErr turns a validator's error into the API error for that field.
func fieldErr(field string, err error) *Error {
	code := CodeValidation
	switch err {
	case validate.ErrEmailInvalid:
		code = CodeInvalidEmail
	case validate.ErrNameEmpty, validate.ErrNameTooLong, validate.ErrNameInvalid:
		code = CodeInvalidName
	case validate.ErrPasswordTooShort:
		code = CodePasswordTooShort
	case validate.ErrPasswordTooLong:
		code = CodePasswordTooLong
	}
	return FieldError(code, field, validate.Message(err))
}
