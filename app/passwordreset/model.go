// Package passwordreset is the "forgot password" way back in: /forgot-password asks for a reset link
// by email, /reset-password sets a new password with the link's token. Its rules live in the models,
// plain Go tested without rendering. It never says whether an email has an account, and never
// keeps the token anywhere but the page.
package passwordreset

import (
	"errors"

	"spacerr/app/form"
	"spacerr/shared/api"
	"spacerr/shared/validate"
)

// The paths of the two pages. ResetPath is what the mailed link opens.
const (
	ForgotPath = "/forgot-password"
	ResetPath  = "/reset-password"
)

// Field names, as the API names them.
const (
	fieldEmail       = "email"
	fieldNewPassword = "newPassword"
)

// Element ids.
const (
	idEmail       = "forgot-email"
	idNewPassword = "reset-new-password"
)

func inputID(field string) string {
	switch field {
	case fieldEmail:
		return idEmail
	case fieldNewPassword:
		return idNewPassword
	}
	return ""
}

// forgotModel is the /forgot-password form.
type forgotModel struct {
	Email string
	Form  form.State
	Sent  bool // the link was asked for: the page says to check the inbox
}

func newForgotModel() forgotModel { return forgotModel{Form: form.New(fieldEmail)} }

func (m forgotModel) errors() form.Errors {
	errs := form.Errors{}
	if err := validate.Email(m.Email); err != nil {
		errs[fieldEmail] = err
	}
	return errs
}

func (m forgotModel) message(field string) string { return m.Form.Message(field, m.errors()) }

func (m forgotModel) request() api.RequestPasswordResetRequest {
	return api.RequestPasswordResetRequest{Email: validate.NormalizeEmail(m.Email), RedirectTo: ResetPath}
}

// submit starts a request; focus names the field to fix when ok is false.
func (m *forgotModel) submit() (ok bool, focus string) {
	if ok, focus = m.Form.Submit(m.errors()); !ok {
		return false, focus
	}
	if err := m.request().Validate(); err != nil {
		return false, m.Form.Done(err)
	}
	return true, ""
}

// done records the answer. Success shows "Check your email" whatever the address was.
func (m *forgotModel) done(err error) (focus string) {
	focus = m.Form.Done(err)
	if err == nil {
		m.Sent = true
	}
	return focus
}

// resetState is where /reset-password stands.
type resetState int

const (
	resetForm    resetState = iota // asking for the new password
	resetExpired                   // the link is used, expired or missing its token
	resetDone                      // the password is changed
)

// resetModel is the /reset-password form.
type resetModel struct {
	Token       string
	NewPassword string
	Show        bool
	State       resetState
	Form        form.State
}

// newResetModel reads the link's query: ?token=… or, when the server already refused the link,
// ?error=INVALID_TOKEN.
func newResetModel(token, errCode string) resetModel {
	m := resetModel{Token: token, Form: form.New(fieldNewPassword)}
	if token == "" || errCode != "" {
		m.State = resetExpired
	}
	return m
}

func (m resetModel) errors() form.Errors {
	errs := form.Errors{}
	if err := validate.Password(m.NewPassword); err != nil {
		errs[fieldNewPassword] = err
	}
	return errs
}

func (m resetModel) message(field string) string { return m.Form.Message(field, m.errors()) }

func (m resetModel) request() api.ResetPasswordRequest {
	return api.ResetPasswordRequest{NewPassword: m.NewPassword, Token: m.Token}
}

func (m *resetModel) submit() (ok bool, focus string) {
	if m.State != resetForm {
		return false, ""
	}
	if ok, focus = m.Form.Submit(m.errors()); !ok {
		return false, focus
	}
	if err := m.request().Validate(); err != nil {
		if isInvalidToken(err) {
			m.Form.Done(nil)
			m.State = resetExpired
			return false, ""
		}
		return false, m.Form.Done(err)
	}
	return true, ""
}

// done records the answer: success, a dead link, or an error to show on the form.
func (m *resetModel) done(err error) (focus string) {
	switch {
	case err == nil:
		m.Form.Done(nil)
		m.State, m.NewPassword = resetDone, ""
		return ""
	case isInvalidToken(err):
		m.Form.Done(nil)
		m.State = resetExpired
		return ""
	}
	return m.Form.Done(err)
}

func isInvalidToken(err error) bool {
	var apiErr *api.Error
	return errors.As(err, &apiErr) && apiErr.Code == api.CodeInvalidToken
}
