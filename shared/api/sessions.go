package api

// RevokeSessionRequest is the body of POST /revoke-session. Token is the session's public id (the
// "token" field of Session), never a cookie secret.
type RevokeSessionRequest struct {
	Token string `json:"token"`
}

// Validate checks that a session is named.
func (r RevokeSessionRequest) Validate() error {
	if r.Token == "" {
		return FieldError(CodeValidation, "token", "Say which session to end.")
	}
	return nil
}

// VerifyPasswordRequest is the body of POST /verify-password: the current password, which makes the
// session fresh again for sensitive actions.
type VerifyPasswordRequest struct {
	Password string `json:"password"`
}

// Validate checks that a password was given.
func (r VerifyPasswordRequest) Validate() error {
	if r.Password == "" {
		return FieldError(CodeInvalidPassword, "password", "Enter your password.")
	}
	return nil
}
