// Package signin is the /sign-in page: a passkey (from a button, or from the email field's autofill),
// or email and password with "Remember me", and the way to sign-up. Its rules live in Model and
// passkeyFlow, plain Go tested without rendering; Page only draws them and sends the requests. It
// never stores credentials: the session is the server's HttpOnly cookie.
package signin

import (
	"spacerr/app/form"
	"spacerr/shared/api"
	"spacerr/shared/validate"
)

// The form's fields, named as the API names them, in page order.
const (
	fieldEmail    = "email"
	fieldPassword = "password"
)

// errPasswordEmpty is the only password rule at sign-in: any other would tell an attacker something
// about the account, so length is left to the server (see api.SignInEmailRequest.Validate).
var errPasswordEmpty = api.FieldError(api.CodeValidation, fieldPassword, "Enter your password.")

// Model is the sign-in form: its values and its form state.
type Model struct {
	Email        string
	Password     string
	Remember     bool
	ShowPassword bool
	Form         form.State
}

// NewModel returns an empty form with "Remember me" on, as Better Auth defaults it.
func NewModel() Model {
	return Model{Remember: true, Form: form.New(fieldEmail, fieldPassword)}
}

// Errors is the validators' verdict on the current values.
func (m Model) Errors() form.Errors {
	errs := form.Errors{}
	if err := validate.Email(m.Email); err != nil {
		errs[fieldEmail] = err
	}
	if m.Password == "" {
		errs[fieldPassword] = errPasswordEmpty
	}
	return errs
}

// Message is the error text the field shows now, or "".
func (m Model) Message(field string) string { return m.Form.Message(field, m.Errors()) }

// Request is the API request for the current values.
func (m Model) Request() api.SignInEmailRequest {
	remember := m.Remember
	return api.SignInEmailRequest{
		Email:      validate.NormalizeEmail(m.Email),
		Password:   m.Password,
		RememberMe: &remember,
	}
}

// Submit starts a sign-in attempt; see form.State.Submit. The shared validator has the last word,
// so the form never sends what the server would refuse for its shape.
func (m *Model) Submit() (ok bool, focus string) {
	if ok, focus = m.Form.Submit(m.Errors()); !ok {
		return false, focus
	}
	if err := m.Request().Validate(); err != nil {
		return false, m.Form.Done(err)
	}
	return true, ""
}
