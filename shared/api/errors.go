// Package api holds the JSON shapes of /api/auth (Better Auth's contract), the error codes and the one
// error type both sides use. It imports only the standard library so the WASM client can use it too.
package api

import "net/http"

// Code is a Better Auth error code, sent as the "code" field of every error body.
type Code string

// Error codes. The names and statuses follow Better Auth so that its client behaves the same against us.
const (
	CodeValidation           Code = "VALIDATION_ERROR"
	CodeInvalidEmail         Code = "INVALID_EMAIL"
	CodeInvalidName          Code = "INVALID_NAME"
	CodePasswordTooShort     Code = "PASSWORD_TOO_SHORT"
	CodePasswordTooLong      Code = "PASSWORD_TOO_LONG"
	CodeInvalidEmailOrPass   Code = "INVALID_EMAIL_OR_PASSWORD"
	CodeUserAlreadyExists    Code = "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL"
	CodeUnauthorized         Code = "UNAUTHORIZED"
	CodeMissingOrNullOrigin  Code = "MISSING_OR_NULL_ORIGIN"
	CodeInvalidOrigin        Code = "INVALID_ORIGIN"
	CodeTooManyRequests      Code = "TOO_MANY_REQUESTS"
	CodeUnsupportedMediaType Code = "UNSUPPORTED_MEDIA_TYPE"
	CodePayloadTooLarge      Code = "PAYLOAD_TOO_LARGE"
	CodeNotFound             Code = "NOT_FOUND"
	CodeMethodNotAllowed     Code = "METHOD_NOT_ALLOWED"
	CodeInternal             Code = "INTERNAL_SERVER_ERROR"
	// CodeSessionNotFresh: a sensitive action needs a recent sign-in; re-authenticate (verify-password
	// or passkey re-auth) and retry.
	CodeSessionNotFresh Code = "SESSION_NOT_FRESH"

	// Passkeys (Better Auth's passkey plugin codes, plus ours).
	CodeChallengeNotFound     Code = "CHALLENGE_NOT_FOUND"
	CodePasskeyNotFound       Code = "PASSKEY_NOT_FOUND"
	CodeFailedToVerifyReg     Code = "FAILED_TO_VERIFY_REGISTRATION"
	CodeAuthenticationFailed  Code = "AUTHENTICATION_FAILED"
	CodePreviouslyRegistered  Code = "PREVIOUSLY_REGISTERED"
	CodeCannotDeleteLastLogin Code = "CANNOT_DELETE_LAST_SIGN_IN_METHOD"

	// Connected accounts (Better Auth's unlink-account).
	CodeFailedToUnlinkLastAccount Code = "FAILED_TO_UNLINK_LAST_ACCOUNT"
	CodeAccountNotFound           Code = "ACCOUNT_NOT_FOUND"

	// Two-factor authentication and password state (Better Auth's twoFactor plugin and core codes,
	// plus PASSWORD_REQUIRED: the action needs a password and the user has none yet).
	CodeInvalidCode               Code = "INVALID_CODE"
	CodeInvalidBackupCode         Code = "INVALID_BACKUP_CODE"
	CodeTOTPNotEnabled            Code = "TOTP_NOT_ENABLED"
	CodeTwoFactorNotEnabled       Code = "TWO_FACTOR_NOT_ENABLED"
	CodeInvalidTwoFactorCookie    Code = "INVALID_TWO_FACTOR_COOKIE"
	CodeTooManyAttempts           Code = "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE"
	CodeAccountTemporarilyLocked  Code = "ACCOUNT_TEMPORARILY_LOCKED"
	CodeInvalidPassword           Code = "INVALID_PASSWORD"
	CodePasswordAlreadySet        Code = "PASSWORD_ALREADY_SET"
	CodePasswordRequired          Code = "PASSWORD_REQUIRED"
	CodeCredentialAccountNotFound Code = "CREDENTIAL_ACCOUNT_NOT_FOUND"

	// Mailed links and email verification (Better Auth core codes).
	CodeInvalidToken     Code = "INVALID_TOKEN"
	CodeEmailNotVerified Code = "EMAIL_NOT_VERIFIED"

	// Admin (Better Auth's admin plugin codes, plus FORBIDDEN: signed in, but not an admin).
	CodeForbidden               Code = "FORBIDDEN"
	CodeBannedUser              Code = "BANNED_USER"
	CodeUserNotFound            Code = "USER_NOT_FOUND"
	CodeCannotBanYourself       Code = "YOU_CANNOT_BAN_YOURSELF"
	CodeCannotRemoveYourself    Code = "YOU_CANNOT_REMOVE_YOURSELF"
	CodeCannotChangeOwnRole     Code = "YOU_CANNOT_CHANGE_YOUR_OWN_ROLE"
	CodeInvalidRole             Code = "YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE" // Better Auth's name for an unknown role
	CodeCannotImpersonateAdmins Code = "YOU_CANNOT_IMPERSONATE_ADMINS"
	CodeNotImpersonating        Code = "NOT_IMPERSONATING"
)

// statuses maps each code to its HTTP status. It is the only place where that mapping lives.
var statuses = map[Code]int{
	CodeValidation:            http.StatusBadRequest,
	CodeInvalidEmail:          http.StatusBadRequest,
	CodeInvalidName:           http.StatusBadRequest,
	CodePasswordTooShort:      http.StatusBadRequest,
	CodePasswordTooLong:       http.StatusBadRequest,
	CodeInvalidEmailOrPass:    http.StatusUnauthorized,
	CodeUserAlreadyExists:     http.StatusUnprocessableEntity,
	CodeUnauthorized:          http.StatusUnauthorized,
	CodeMissingOrNullOrigin:   http.StatusForbidden,
	CodeInvalidOrigin:         http.StatusForbidden,
	CodeTooManyRequests:       http.StatusTooManyRequests,
	CodeUnsupportedMediaType:  http.StatusUnsupportedMediaType,
	CodePayloadTooLarge:       http.StatusRequestEntityTooLarge,
	CodeNotFound:              http.StatusNotFound,
	CodeMethodNotAllowed:      http.StatusMethodNotAllowed,
	CodeInternal:              http.StatusInternalServerError,
	CodeSessionNotFresh:       http.StatusForbidden,
	CodeChallengeNotFound:     http.StatusBadRequest,
	CodePasskeyNotFound:       http.StatusUnauthorized, // sign-in with an unknown credential, as Better Auth
	CodeFailedToVerifyReg:     http.StatusBadRequest,
	CodeAuthenticationFailed:  http.StatusUnauthorized,
	CodePreviouslyRegistered:  http.StatusBadRequest,
	CodeCannotDeleteLastLogin: http.StatusBadRequest,

	CodeFailedToUnlinkLastAccount: http.StatusBadRequest,
	CodeAccountNotFound:           http.StatusBadRequest,

	CodeInvalidCode:               http.StatusUnauthorized,
	CodeInvalidBackupCode:         http.StatusUnauthorized,
	CodeTOTPNotEnabled:            http.StatusBadRequest,
	CodeTwoFactorNotEnabled:       http.StatusBadRequest,
	CodeInvalidTwoFactorCookie:    http.StatusUnauthorized,
	CodeTooManyAttempts:           http.StatusUnauthorized,
	CodeAccountTemporarilyLocked:  http.StatusTooManyRequests,
	CodeInvalidPassword:           http.StatusBadRequest,
	CodePasswordAlreadySet:        http.StatusBadRequest,
	CodePasswordRequired:          http.StatusBadRequest,
	CodeCredentialAccountNotFound: http.StatusBadRequest,
	CodeInvalidToken:              http.StatusBadRequest,
	CodeEmailNotVerified:          http.StatusForbidden,
	CodeForbidden:                 http.StatusForbidden,
	CodeBannedUser:                http.StatusForbidden,
	CodeUserNotFound:              http.StatusNotFound,
	CodeCannotBanYourself:         http.StatusBadRequest,
	CodeCannotRemoveYourself:      http.StatusBadRequest,
	CodeCannotChangeOwnRole:       http.StatusBadRequest,
	CodeInvalidRole:               http.StatusBadRequest,
	CodeCannotImpersonateAdmins:   http.StatusForbidden,
	CodeNotImpersonating:          http.StatusBadRequest,
}

// Status is the HTTP status that goes with the code; unknown codes are server errors.
func (c Code) Status() int {
	if s, ok := statuses[c]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// Error is the error shape of the API, {"code","message"}. The server returns it from handlers; the
// client decodes it from responses. Field, when set, names the form field the error is about, so a form
// can show it inline; it is never needed to understand the error.
type Error struct {
	Code    Code   `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
	// StatusOverride, when set, is the HTTP status instead of Code's usual one: Better Auth answers
	// some codes with another status on some routes (an existing email is 422 at sign-up, 400 at the
	// admin's create-user). Not on the wire.
	StatusOverride int `json:"-"`
}

// Status is the HTTP status the error is answered with.
func (e *Error) Status() int {
	if e.StatusOverride != 0 {
		return e.StatusOverride
	}
	return e.Code.Status()
}

func (e *Error) Error() string { return string(e.Code) + ": " + e.Message }

// Errorf is a shorthand for an *Error without a field.
func Errorf(code Code, message string) *Error { return &Error{Code: code, Message: message} }

// FieldError is an *Error about one form field.
func FieldError(code Code, field, message string) *Error {
	return &Error{Code: code, Message: message, Field: field}
}
