package admin

import (
	"spacerr/app/form"
	"spacerr/shared/api"
	"spacerr/shared/validate"
)

// The create-user form's fields, named as the API names them so the server's field errors land there.
const (
	fieldName     = "name"
	fieldEmail    = "email"
	fieldPassword = "password"
)

// createModel is the "Create user" form's state, apart from the component so it is tested without a
// browser.
type createModel struct {
	open                  bool
	name, email, password string
	admin                 bool
	form                  form.State
}

func (m *createModel) show() {
	*m = createModel{open: true, form: form.New(fieldName, fieldEmail, fieldPassword)}
}

// errors is the shared validators' verdict; the password may be left out (the user then signs in
// with an email link or a passkey).
func (m createModel) errors() form.Errors {
	errs := form.Errors{}
	if err := validate.Name(m.name); err != nil {
		errs[fieldName] = err
	}
	if err := validate.Email(m.email); err != nil {
		errs[fieldEmail] = err
	}
	if m.password != "" {
		if err := validate.Password(m.password); err != nil {
			errs[fieldPassword] = err
		}
	}
	return errs
}

func (m createModel) message(field string) string { return m.form.Message(field, m.errors()) }

func (m createModel) request() api.CreateUserRequest {
	role := api.RoleUser
	if m.admin {
		role = api.RoleAdmin
	}
	return api.CreateUserRequest{
		Name: validate.NormalizeName(m.name), Email: validate.NormalizeEmail(m.email), Password: m.password, Role: role,
	}
}

// submit starts a creation; see form.State.Submit. The request's own Validate has the last word.
func (m *createModel) submit() (ok bool, focus string) {
	if ok, focus = m.form.Submit(m.errors()); !ok {
		return false, focus
	}
	if err := m.request().Validate(); err != nil {
		return false, m.form.Done(err)
	}
	return true, ""
}
