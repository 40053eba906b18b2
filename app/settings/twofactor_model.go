package settings

import (
	"errors"
	"strconv"

	"spacerr/app/authapi"
	"spacerr/app/form"
	"spacerr/app/stepup"
	"spacerr/app/twofactor"
	"spacerr/shared/api"
)

// tfStep is where the two-factor card is in one of its flows.
type tfStep int

const (
	tfIdle     tfStep = iota // the status and the buttons
	tfPassword               // the password is asked before tfAction
	tfScan                   // the new secret is shown and a code of it asked (enable only)
	tfCodes                  // new backup codes are shown, this once
)

// tfAction is what the password was asked for.
type tfAction int

const (
	tfEnable     tfAction = iota + 1 // set up an authenticator (also to finish a pending setup)
	tfRegenerate                     // replace the backup codes
	tfDisable                        // turn two-factor authentication off
)

// fewBackupCodes is the count at or under which the card warns that codes are running out.
const fewBackupCodes = 3

// The form fields, as the API names them.
const (
	fieldPassword = "password"
	fieldCode     = "code"
)

// twoFactorModel is the Two-factor authentication card's state, kept apart from the component so
// its rules are tested without a browser. The secret and the backup codes live here only while
// they are shown, and never reach the cache. All methods run on the UI goroutine.
type twoFactorModel struct {
	status      api.TwoFactorStatus // from the cache until the server answers
	statusKnown bool
	loaded      bool // status is the server's answer

	step   tfStep
	action tfAction

	password string // as typed, in the password step
	pwForm   form.State

	uri      string // the new secret's otpauth:// URI, in the scan step
	secret   string // its base32 secret
	qr       string // its QR code as an image source, or "" when the server drew none
	code     string // the code typed to confirm it
	codeForm form.State
	codes    []string // backup codes, in the codes step (and kept from enable until then)
	saved    bool     // "I have saved these codes" is ticked

	alert  string // an error about the card, role="alert"
	notice string // good news, role="status"
}

func newTwoFactorModel() twoFactorModel {
	return twoFactorModel{pwForm: form.New(fieldPassword), codeForm: form.New(fieldCode)}
}

// cached shows a cached status until the server's answer comes.
func (m *twoFactorModel) cached(st api.TwoFactorStatus) {
	if !m.statusKnown {
		m.status, m.statusKnown = st, true
	}
}

// statusLoaded records the server's status, or why it could not be had.
func (m *twoFactorModel) statusLoaded(st api.TwoFactorStatus, err error) {
	if err != nil {
		if !m.statusKnown {
			m.alert = authapi.Message(err)
		}
		return
	}
	m.status, m.statusKnown, m.loaded = st, true, true
	m.alert = ""
}

// passwordSet records that the account now has a password (the password card set one).
func (m *twoFactorModel) passwordSet() {
	m.status.HasPassword = true
	m.statusKnown = true
}

// start opens the password step for action. It reports whether it did: a flow already open, or no
// password to confirm with, keeps the card as it is.
func (m *twoFactorModel) start(a tfAction) bool {
	if m.step != tfIdle || !m.status.HasPassword {
		return false
	}
	m.step, m.action = tfPassword, a
	m.password, m.pwForm = "", form.New(fieldPassword)
	m.alert, m.notice = "", ""
	return true
}

// cancel closes the open flow and forgets whatever it held. Backup codes on screen cannot be
// cancelled: they are already the account's codes, so only finish closes them.
func (m *twoFactorModel) cancel() {
	if m.step == tfCodes {
		return
	}
	m.reset()
}

func (m *twoFactorModel) reset() {
	m.step, m.action = tfIdle, 0
	m.password, m.uri, m.secret, m.qr, m.code, m.codes, m.saved = "", "", "", "", "", nil, false
	m.pwForm, m.codeForm = form.New(fieldPassword), form.New(fieldCode)
}

func (m twoFactorModel) passwordErrors() form.Errors {
	errs := form.Errors{}
	if err := (api.TwoFactorPasswordRequest{Password: m.password}).Validate(); err != nil {
		errs[fieldPassword] = err
	}
	return errs
}

// passwordMessage is the error under the password input, or "".
func (m twoFactorModel) passwordMessage() string {
	return m.pwForm.Message(fieldPassword, m.passwordErrors())
}

// submitPassword starts the request the password was asked for; ok false leaves the form showing
// why not (focus then names the field).
func (m *twoFactorModel) submitPassword() (password string, ok bool, focus string) {
	if m.step != tfPassword {
		return "", false, ""
	}
	if ok, focus = m.pwForm.Submit(m.passwordErrors()); !ok {
		return "", false, focus
	}
	return m.password, true, ""
}

// passwordDone ends the password step's request. For enable, res carries the new secret and codes.
func (m *twoFactorModel) passwordDone(res api.EnableTwoFactorResponse, codes []string, err error) (focus string) {
	if m.step != tfPassword {
		return ""
	}
	if stepup.Canceled(err) {
		m.pwForm.Done(nil) // "Confirm it's you" was closed: the step stays as it was
		return ""
	}
	if err != nil {
		var apiErr *api.Error
		if errors.As(err, &apiErr) {
			switch apiErr.Code {
			case api.CodePasswordRequired:
				m.reset()
				m.status.HasPassword = false
				m.alert = "Set a password first: two-factor authentication asks for it."
				return ""
			case api.CodeTwoFactorNotEnabled:
				m.reset()
				m.status.Enabled, m.status.BackupCodesRemaining = false, 0
				m.alert = authapi.Message(err)
				return ""
			}
		}
		return m.pwForm.Done(err)
	}
	m.pwForm.Done(nil)
	m.password = ""
	switch m.action {
	case tfEnable:
		secret, ok := twofactor.SecretFromURI(res.TOTPURI)
		if !ok || len(res.BackupCodes) == 0 {
			m.reset()
			m.alert = "Something went wrong on our side. Please try again."
			return ""
		}
		m.step, m.uri, m.secret, m.codes = tfScan, res.TOTPURI, secret, res.BackupCodes
		m.qr, _ = twofactor.QRImage(res.QRCode)
		m.code, m.codeForm = "", form.New(fieldCode)
		m.status.PendingVerification = true
	case tfRegenerate:
		m.step, m.codes, m.saved = tfCodes, codes, false
		m.status.BackupCodesRemaining = len(codes)
	case tfDisable:
		m.reset()
		m.status.Enabled, m.status.PendingVerification, m.status.BackupCodesRemaining = false, false, 0
		m.notice = "Two-factor authentication is off."
	}
	return ""
}

func (m twoFactorModel) codeErrors() form.Errors {
	errs := form.Errors{}
	if err := (api.VerifyTOTPRequest{Code: m.code}).Validate(); err != nil {
		errs[fieldCode] = err
	}
	return errs
}

// codeMessage is the error under the code input, or "".
func (m twoFactorModel) codeMessage() string { return m.codeForm.Message(fieldCode, m.codeErrors()) }

// submitCode starts checking a code of the new secret.
func (m *twoFactorModel) submitCode() (req api.VerifyTOTPRequest, ok bool, focus string) {
	if m.step != tfScan {
		return req, false, ""
	}
	if ok, focus = m.codeForm.Submit(m.codeErrors()); !ok {
		return req, false, focus
	}
	code, _ := api.NormalizeTOTPCode(m.code)
	return api.VerifyTOTPRequest{Code: code}, true, ""
}

// codeDone ends the code check: on success two-factor authentication is on, and the backup codes
// from enable are shown.
func (m *twoFactorModel) codeDone(err error) (focus string) {
	if m.step != tfScan {
		return ""
	}
	if err != nil {
		return m.codeForm.Done(err)
	}
	m.codeForm.Done(nil)
	m.step, m.uri, m.secret, m.qr, m.code, m.saved = tfCodes, "", "", "", "", false
	m.status.Enabled, m.status.PendingVerification = true, false
	m.status.BackupCodesRemaining = len(m.codes)
	return ""
}

// toggleSaved ticks or unticks "I have saved these codes".
func (m *twoFactorModel) toggleSaved() { m.saved = !m.saved }

// finish closes the backup codes once they are saved; the codes are gone from memory after it.
func (m *twoFactorModel) finish() bool {
	if m.step != tfCodes || !m.saved {
		return false
	}
	enabled := m.action == tfEnable
	m.reset()
	if enabled {
		m.notice = "Two-factor authentication is on."
	} else {
		m.notice = "Your new backup codes are ready. The old ones no longer work."
	}
	return true
}

// busy reports whether a request of the open flow runs.
func (m twoFactorModel) busy() bool { return m.pwForm.Pending() || m.codeForm.Pending() }

// fewCodes reports whether the card should warn that backup codes are running out.
func (m twoFactorModel) fewCodes() bool {
	return m.status.Enabled && m.status.BackupCodesRemaining <= fewBackupCodes
}

// remaining is the line about the backup codes left.
func (m twoFactorModel) remaining() string {
	n := m.status.BackupCodesRemaining
	switch {
	case n == 0:
		return "No backup codes left. Generate new ones so you can still sign in without your phone."
	case n == 1:
		return "1 backup code left. Generate new ones soon."
	case n <= fewBackupCodes:
		return strconv.Itoa(n) + " backup codes left. Generate new ones soon."
	}
	return strconv.Itoa(n) + " backup codes left."
}

// summary is the line under the card's title.
func (m twoFactorModel) summary() string {
	switch {
	case !m.statusKnown:
		return "A code from an authenticator app when you sign in with your password."
	case m.status.Enabled:
		return "Signing in with your password also asks for a code from your authenticator app."
	}
	return "Add a code from an authenticator app to signing in with your password."
}
