// Package signup is the /sign-up page: name, email and password, validated as the person types
// with the same rules the server applies (shared/validate). Its rules live in Model, plain Go tested
// without rendering; Page only draws it and sends the request.
package signup

import (
	"strconv"

	"spacerr/app/form"
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
	if err := validate.Password(m.Password); err != nil {
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
	if ok, focus = m.Form.Submit(m.Errors()); !ok {
		return false, focus
	}
	if err := m.Request().Validate(); err != nil {
		return false, m.Form.Done(err)
	}
	return true, ""
}
