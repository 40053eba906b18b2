package api

import (
	"strings"

	"spacerr/shared/validate"
)

// Two-factor methods a sign-in challenge can offer (Better Auth's twoFactorMethods).
const TwoFactorMethodTOTP = "totp"

// Backup codes: BackupCodeChars characters of Crockford's base32 (5 bits each, 50 bits per code), shown
// as two groups of five joined by a hyphen.
const (
	BackupCodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	BackupCodeChars    = 10
	TOTPDigits         = 6
)

// TwoFactorRedirectResponse is the answer of a sign-in that needs a second factor: no session exists
// yet, and the browser holds a short-lived challenge cookie for /two-factor/verify-totp or
// /two-factor/verify-backup-code.
type TwoFactorRedirectResponse struct {
	TwoFactorRedirect bool     `json:"twoFactorRedirect"`
	TwoFactorMethods  []string `json:"twoFactorMethods"`
}

// EnableTwoFactorRequest is the body of POST /two-factor/enable. Method may be "totp" (the default and
// the only method offered), as Better Auth's client may send it.
type EnableTwoFactorRequest struct {
	Password string `json:"password"`
	Method   string `json:"method,omitempty"`
}

// Validate checks the request.
func (r EnableTwoFactorRequest) Validate() error {
	if r.Method != "" && r.Method != TwoFactorMethodTOTP {
		return FieldError(CodeValidation, "method", "Only authenticator apps (totp) are offered.")
	}
	return validateConfirmPassword("password", r.Password)
}

// EnableTwoFactorResponse carries the new authenticator secret as an otpauth:// URI (for a QR code)
// and the new backup codes, in plain text this once. Nothing changes for sign-in until
// /two-factor/verify-totp accepts a code from the new secret.
type EnableTwoFactorResponse struct {
	Method      string   `json:"method"`
	TOTPURI     string   `json:"totpURI"`
	BackupCodes []string `json:"backupCodes"`
	// QRCode is the URI as a PNG data URL, drawn by the server so the client needs no QR library.
	// Not in Better Auth's answer; its client ignores the extra field.
	QRCode string `json:"qrCode"`
}

// TwoFactorPasswordRequest is the body of the routes that only need the password again:
// POST /two-factor/disable, /two-factor/get-totp-uri and /two-factor/generate-backup-codes.
type TwoFactorPasswordRequest struct {
	Password string `json:"password"`
}

// Validate checks the request.
func (r TwoFactorPasswordRequest) Validate() error {
	return validateConfirmPassword("password", r.Password)
}

// TOTPURIResponse is the answer of POST /two-factor/get-totp-uri.
type TOTPURIResponse struct {
	TOTPURI string `json:"totpURI"`
	QRCode  string `json:"qrCode"` // the URI as a PNG data URL, as in EnableTwoFactorResponse
}

// BackupCodesResponse is the answer of POST /two-factor/generate-backup-codes.
type BackupCodesResponse struct {
	Status      bool     `json:"status"`
	BackupCodes []string `json:"backupCodes"`
}

// VerifyTOTPRequest is the body of POST /two-factor/verify-totp. TrustDevice asks to skip the second
// factor on this browser for 30 days.
type VerifyTOTPRequest struct {
	Code        string `json:"code"`
	TrustDevice bool   `json:"trustDevice,omitempty"`
}

// Validate checks that the code looks like a TOTP code; the server decides whether it is right.
func (r VerifyTOTPRequest) Validate() error {
	if _, ok := NormalizeTOTPCode(r.Code); !ok {
		return FieldError(CodeValidation, "code", "Enter the 6-digit code from your authenticator app.")
	}
	return nil
}

// VerifyBackupCodeRequest is the body of POST /two-factor/verify-backup-code.
type VerifyBackupCodeRequest struct {
	Code        string `json:"code"`
	TrustDevice bool   `json:"trustDevice,omitempty"`
}

// Validate checks that the code looks like a backup code.
func (r VerifyBackupCodeRequest) Validate() error {
	if _, ok := NormalizeBackupCode(r.Code); !ok {
		return FieldError(CodeValidation, "code", "Enter one of your backup codes, like ABCDE-12345.")
	}
	return nil
}

// TwoFactorStatus is the answer of GET /two-factor/status for the signed-in user. PendingVerification
// is true between /two-factor/enable and the first accepted code of the new secret (a re-enrolment
// keeps the previous secret working meanwhile). BackupCodesRemaining counts unused active codes.
type TwoFactorStatus struct {
	Enabled              bool `json:"enabled"`
	PendingVerification  bool `json:"pendingVerification"`
	HasPassword          bool `json:"hasPassword"`
	BackupCodesRemaining int  `json:"backupCodesRemaining"`
}

// ChangePasswordRequest is the body of POST /change-password.
type ChangePasswordRequest struct {
	CurrentPassword     string `json:"currentPassword"`
	NewPassword         string `json:"newPassword"`
	RevokeOtherSessions bool   `json:"revokeOtherSessions,omitempty"`
}

// Validate checks the request: the new password follows the sign-up rules.
func (r ChangePasswordRequest) Validate() error {
	if err := validateConfirmPassword("currentPassword", r.CurrentPassword); err != nil {
		return err
	}
	if err := validate.Password(r.NewPassword); err != nil {
		return fieldErr("newPassword", err)
	}
	return nil
}

// ChangePasswordResponse is Better Auth's answer: Token is the new session's public id when other
// sessions were revoked (a new session replaced them all), otherwise null.
type ChangePasswordResponse struct {
	Token *string `json:"token"`
	User  User    `json:"user"`
}

// SetPasswordRequest is the body of POST /set-password, for a signed-in user who has no password yet.
type SetPasswordRequest struct {
	NewPassword string `json:"newPassword"`
}

// Validate checks the new password against the sign-up rules.
func (r SetPasswordRequest) Validate() error {
	if err := validate.Password(r.NewPassword); err != nil {
		return fieldErr("newPassword", err)
	}
	return nil
}

// NormalizeTOTPCode strips spaces from a typed code ("123 456") and reports whether six digits remain.
func NormalizeTOTPCode(code string) (string, bool) {
	if len(code) > 32 {
		return "", false
	}
	c := strings.ReplaceAll(strings.TrimSpace(code), " ", "")
	if len(c) != TOTPDigits {
		return "", false
	}
	for i := 0; i < len(c); i++ {
		if c[i] < '0' || c[i] > '9' {
			return "", false
		}
	}
	return c, true
}

// NormalizeBackupCode is the canonical form of a typed backup code: upper case, without hyphens or
// spaces, with the letters people confuse for digits read as those digits (O as 0, I and L as 1, as
// Crockford's base32 prescribes). It reports whether that form is a well-formed code.
func NormalizeBackupCode(code string) (string, bool) {
	if len(code) > 64 {
		return "", false
	}
	out := make([]byte, 0, BackupCodeChars)
	for i := 0; i < len(code); i++ {
		c := code[i] // bytes, not runes: only ASCII is ever valid, and strings.ToUpper maps some non-ASCII letters to ASCII ones
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		switch c {
		case '-', ' ':
			continue
		case 'O':
			c = '0'
		case 'I', 'L':
			c = '1'
		}
		if strings.IndexByte(BackupCodeAlphabet, c) < 0 {
			return "", false
		}
		out = append(out, c)
	}
	if len(out) != BackupCodeChars {
		return "", false
	}
	return string(out), true
}

// FormatBackupCode shows a canonical code as XXXXX-XXXXX.
func FormatBackupCode(code string) string {
	if len(code) != BackupCodeChars {
		return code
	}
	return code[:BackupCodeChars/2] + "-" + code[BackupCodeChars/2:]
}

// validateConfirmPassword checks a password typed to confirm an action: present, and short enough that
// checking it stays cheap. Length rules do not apply: a wrong password of any length is just wrong.
func validateConfirmPassword(field, pw string) error {
	if pw == "" {
		return FieldError(CodeValidation, field, "Enter your password.")
	}
	if len(pw) > validate.MaxPasswordBytes {
		return FieldError(CodeInvalidPassword, field, "The password is not correct.")
	}
	return nil
}
