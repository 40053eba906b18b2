package settings

import (
	"spacerr/app/form"
	"spacerr/app/stepup"
	"spacerr/shared/api"
	"spacerr/shared/validate"
)

// The password forms' fields, as the API names them.
const (
	fieldCurrentPassword = "currentPassword"
	fieldNewPassword     = "newPassword"
)

// passwordModel is the Password card's state: the change form for an account with a password, the
// set form for one without (created with a passkey). Whether the account has a password comes
// from the two-factor status, which the card's component owns. All methods run on the UI goroutine.
type passwordModel struct {
	current string
	next    string // the new password, in either form
	revoke  bool   // sign out of other devices
	form    form.State
	notice  string // good news, role="status"
}

func newPasswordModel() passwordModel {
	return passwordModel{form: form.New(fieldCurrentPassword, fieldNewPassword)}
}

func (m passwordModel) errors(hasPassword bool) form.Errors {
	errs := form.Errors{}
	if hasPassword {
		if m.current == "" {
			errs[fieldCurrentPassword] = api.FieldError(api.CodeValidation, fieldCurrentPassword, "Enter your current password.")
		}
	}
	if err := validate.Password(m.next); err != nil {
		errs[fieldNewPassword] = err
	}
	return errs
}

// message is the error under field, or "".
func (m passwordModel) message(field string, hasPassword bool) string {
	return m.form.Message(field, m.errors(hasPassword))
}

// edited records typing: the last success message no longer describes the form.
func (m *passwordModel) edited(field string) {
	m.form.Edit(field)
	m.notice = ""
}

// submitChange starts changing the password.
func (m *passwordModel) submitChange() (req api.ChangePasswordRequest, ok bool, focus string) {
	if ok, focus = m.form.Submit(m.errors(true)); !ok {
		return req, false, focus
	}
	req = api.ChangePasswordRequest{CurrentPassword: m.current, NewPassword: m.next, RevokeOtherSessions: m.revoke}
	if err := req.Validate(); err != nil {
		return req, false, m.form.Done(err)
	}
	m.notice = ""
	return req, true, ""
}

// submitSet starts setting a first password.
func (m *passwordModel) submitSet() (req api.SetPasswordRequest, ok bool, focus string) {
	if ok, focus = m.form.Submit(m.errors(false)); !ok {
		return req, false, focus
	}
	req = api.SetPasswordRequest{NewPassword: m.next}
	if err := req.Validate(); err != nil {
		return req, false, m.form.Done(err)
	}
	m.notice = ""
	return req, true, ""
}

// done ends either request. On success the form empties and says what happened; revoked says
// whether other devices were signed out.
func (m *passwordModel) done(err error, set, revoked bool) (focus string) {
	if stepup.Canceled(err) {
		m.form.Done(nil) // "Confirm it's you" was closed: the form stays as it was, ready to send again
		return ""
	}
	if err != nil {
		return m.form.Done(err)
	}
	*m = newPasswordModel()
	switch {
	case set:
		m.notice = "Your password is set. You can now sign in with it."
	case revoked:
		m.notice = "Your password was changed, and your other devices were signed out."
	default:
		m.notice = "Your password was changed."
	}
	return ""
}

// signInWays is how a user without a password signs in today: their passkeys and a connected Google
// account. The Password card says it in its subtitle, so a Google user is not told they use passkeys.
type signInWays struct {
	known    bool // both answers came back
	passkeys int
	google   bool
}

// passwordSubtitle is the Password card's subtitle. statusKnown and hasPassword come from the
// two-factor status; ways matter only without a password.
func passwordSubtitle(statusKnown, hasPassword bool, ways signInWays) string {
	const second = " A password is a second way in."
	switch {
	case !statusKnown:
		return "Sign in with your email and a password."
	case hasPassword:
		return "Change the password you sign in with."
	case !ways.known:
		return "You sign in without a password. A password is another way in."
	case ways.passkeys > 0 && ways.google:
		return "You sign in with passkeys and Google. A password is another way in."
	case ways.passkeys == 1:
		return "You sign in with your passkey only." + second
	case ways.passkeys > 1:
		return "You sign in with passkeys only." + second
	case ways.google:
		return "You sign in with Google only." + second
	}
	return "You have no password yet. Set one to sign in with your email."
}

// waysOf reads the user's ways in from the passkey status and the accounts list.
func waysOf(st api.PasskeyStatus, accs []api.Account) signInWays {
	w := signInWays{known: true, passkeys: st.Count}
	for _, a := range accs {
		if a.ProviderID == api.ProviderGoogle {
			w.google = true
		}
	}
	return w
}
