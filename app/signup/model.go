// Package signup is the /sign-up page: name, email and password, validated as the person types
// with the same rules the server applies (shared/validate), or name, email and a passkey instead of
// the password. Its rules live in Model, plain Go tested without rendering; Page only draws it and
// sends the requests.
package signup

import (
	"errors"
	"strconv"

	"spacerr/app/form"
	"spacerr/app/passkey"
	"spacerr/shared/api"
	"spacerr/shared/validate"
)

// The form's fields, named as the API names them, in page order.
const (
	fieldName     = "name"
	fieldEmail    = "email"
	fieldPassword = "password"
)

// passwordHint tells the rule before it is broken.
var passwordHint = "At least " + strconv.Itoa(validate.MinPasswordChars) + " characters. A long passphrase is best."

// Model is the sign-up form: its values and its form state.
type Model struct {
	Name         string
	Email        string
	Password     string
	ShowPassword bool
	Form         form.State

	// WithPasskey is set while the last attempt is "Create account with a passkey": the password is
	// then not needed and not judged.
	WithPasskey bool
	// PasskeyAlert is how the last passkey attempt failed, when no field is to blame; PasskeyCalm
	// says it was a cancellation, and PasskeyCode is the API code behind it, if any.
	PasskeyAlert string
	PasskeyCalm  bool
	PasskeyCode  api.Code
}

// NewModel returns an empty form.
func NewModel() Model {
	return Model{Form: form.New(fieldName, fieldEmail, fieldPassword)}
}

// Errors is the shared validators' verdict on the current values, field by field, as
// api.SignUpEmailRequest.Validate would give it.
func (m Model) Errors() form.Errors {
	errs := form.Errors{}
	if err := validate.Name(m.Name); err != nil {
		errs[fieldName] = err
	}
	if err := validate.Email(m.Email); err != nil {
		errs[fieldEmail] = err
	}
	if err := validate.Password(m.Password); err != nil && !m.WithPasskey {
		errs[fieldPassword] = err
	}
	return errs
}

// Message is the error text the field shows now, or "".
func (m Model) Message(field string) string { return m.Form.Message(field, m.Errors()) }

// Request is the API request for the current values.
func (m Model) Request() api.SignUpEmailRequest {
	return api.SignUpEmailRequest{
		Name:     validate.NormalizeName(m.Name),
		Email:    validate.NormalizeEmail(m.Email),
		Password: m.Password,
	}
}

// Submit starts a sign-up attempt; see form.State.Submit. The request's own Validate has the last
// word, so the form never sends what the server would refuse for its shape.
func (m *Model) Submit() (ok bool, focus string) {
	if m.Form.Pending() {
		return false, ""
	}
	m.WithPasskey = false
	m.clearPasskeyAlert()
	if ok, focus = m.Form.Submit(m.Errors()); !ok {
		return false, focus
	}
	if err := m.Request().Validate(); err != nil {
		return false, m.Form.Done(err)
	}
	return true, ""
}

// PasskeyRequest is the request that starts a passkey-only sign-up for the current values.
func (m Model) PasskeyRequest() api.PasskeySignUpRequest {
	return api.PasskeySignUpRequest{
		Name:  validate.NormalizeName(m.Name),
		Email: validate.NormalizeEmail(m.Email),
	}
}

// SubmitPasskey starts a sign-up with a passkey: as Submit, with the password left out.
func (m *Model) SubmitPasskey() (ok bool, focus string) {
	if m.Form.Pending() {
		return false, ""
	}
	m.WithPasskey = true
	m.clearPasskeyAlert()
	if ok, focus = m.Form.Submit(m.Errors()); !ok {
		return false, focus
	}
	if err := m.PasskeyRequest().Validate(); err != nil {
		return false, m.Form.Done(err)
	}
	return true, ""
}

// PasskeyDone ends a passkey sign-up attempt. An API error about the name or the email goes under
// that field (focus names it); anything else, a cancelled dialog included, goes under the passkey
// button, except what needs no message (an aborted request).
func (m *Model) PasskeyDone(err error) (focus string) {
	var apiErr *api.Error
	if err == nil || (errors.As(err, &apiErr) && (apiErr.Field == fieldName || apiErr.Field == fieldEmail)) {
		return m.Form.Done(err)
	}
	m.Form.Done(nil)
	m.PasskeyAlert, m.PasskeyCalm = passkey.Message(err), passkey.Cancelled(err)
	if apiErr != nil {
		m.PasskeyCode = apiErr.Code
	}
	return ""
}

func (m *Model) clearPasskeyAlert() {
	m.PasskeyAlert, m.PasskeyCalm, m.PasskeyCode = "", false, ""
}
