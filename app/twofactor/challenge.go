// Package twofactor is the client side of two-factor authentication that is not a settings card:
// the sign-in challenge page (/sign-in/two-factor), the cached two-factor status, and small helpers
// for the authenticator secret and backup codes. Its rules are plain Go tested without rendering.
//
// It must never persist a secret or a backup code: they live in a component's memory only while
// shown, and the cache holds booleans and a count.
package twofactor

import (
	"errors"

	"spacerr/app/authapi"
	"spacerr/shared/api"
)

// ChallengePath is the page a sign-in goes on to when the account asks for a second factor.
const ChallengePath = "/sign-in/two-factor"

// msgLocked is said for ACCOUNT_TEMPORARILY_LOCKED whatever the server's wording, so it always
// says when to come back.
const msgLocked = "Too many wrong codes. Try again in 15 minutes."

// ChallengeModel is the challenge form: the code as typed (from the authenticator app, or a backup
// code), whether to trust this device, and how the last attempt ended. All methods run on the UI
// goroutine.
type ChallengeModel struct {
	TOTP      string // as typed into totp-code
	Backup    string // as typed into backup-code
	UseBackup bool   // the backup code input is shown instead of the app code
	Trust     bool

	pending bool
	err     string   // the error to show, or ""
	errCode api.Code // the API code behind err, or "" for a local check
	codeErr bool     // err is about the typed code (the input is marked invalid)
}

// ToggleBackup switches between the app code and a backup code. What was typed stays, but the
// error about it goes.
func (m *ChallengeModel) ToggleBackup() {
	m.UseBackup = !m.UseBackup
	if m.codeErr {
		m.clearError()
	}
}

// Edited records typing in the code input: an error about the old code no longer applies.
func (m *ChallengeModel) Edited() {
	if m.codeErr {
		m.clearError()
	}
}

// Submit starts an attempt. It returns the request to send (a VerifyTOTPRequest or a
// VerifyBackupCodeRequest, with the code in canonical form), or ok false when the code is not well
// formed (the error says why) or a request already runs.
func (m *ChallengeModel) Submit() (req any, ok bool) {
	if m.pending {
		return nil, false
	}
	m.clearError()
	if m.UseBackup {
		code, valid := api.NormalizeBackupCode(m.Backup)
		r := api.VerifyBackupCodeRequest{Code: api.FormatBackupCode(code), TrustDevice: m.Trust}
		if !valid {
			m.fail(r.Validate())
			return nil, false
		}
		req = r
	} else {
		code, valid := api.NormalizeTOTPCode(m.TOTP)
		r := api.VerifyTOTPRequest{Code: code, TrustDevice: m.Trust}
		if !valid {
			m.fail(r.Validate())
			return nil, false
		}
		req = r
	}
	m.pending = true
	return req, true
}

// Done ends the running attempt; nil means signed in.
func (m *ChallengeModel) Done(err error) {
	m.pending = false
	if err != nil {
		m.fail(err)
	}
}

func (m *ChallengeModel) fail(err error) {
	var apiErr *api.Error
	m.err, m.errCode, m.codeErr = authapi.Message(err), "", false
	if errors.As(err, &apiErr) {
		m.errCode = apiErr.Code
		switch apiErr.Code {
		case api.CodeValidation, api.CodeInvalidCode, api.CodeInvalidBackupCode:
			m.codeErr = true
		case api.CodeAccountTemporarilyLocked:
			m.err = msgLocked
		}
	}
}

func (m *ChallengeModel) clearError() { m.err, m.errCode, m.codeErr = "", "", false }

// Pending reports whether an attempt runs.
func (m ChallengeModel) Pending() bool { return m.pending }

// Error is the message to show, or "".
func (m ChallengeModel) Error() string { return m.err }

// CodeInvalid reports whether the error is about the typed code.
func (m ChallengeModel) CodeInvalid() bool { return m.codeErr }

// Over reports whether this sign-in can no longer finish (the challenge expired or took too many
// wrong codes): the only way on is to sign in again.
func (m ChallengeModel) Over() bool {
	return m.errCode == api.CodeInvalidTwoFactorCookie || m.errCode == api.CodeTooManyAttempts
}
