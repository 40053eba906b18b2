package admin

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/shell"
	"spacerr/app/stepup"
	"spacerr/shared/api"
)

// The create-user form's element ids, which the browser tests use.
const (
	idCreateUser   = "create-user"
	idCreateAdmin  = "create-user-admin"
	idCreateCancel = "create-user-cancel"
)

// createUser is the users page's "Create user": a button that opens a form in the page. A new user is
// opened on their own page.
type createUser struct {
	app.Compo

	m   createModel
	ctx app.Context
}

func (c *createUser) OnMount(ctx app.Context) { c.ctx = ctx }

func (c *createUser) open(app.Context, app.Event) {
	c.m.show()
	shell.FocusAfterRender(c.ctx, fieldName)
}

func (c *createUser) cancel(app.Context, app.Event) {
	if !c.m.form.Pending() {
		c.m.open = false
		shell.FocusAfterRender(c.ctx, idCreateUser)
	}
}

func (c *createUser) edit(field string, v *string) app.EventHandler {
	return shell.EditField(&c.Compo, &c.m.form, field, v)
}

func (c *createUser) toggleAdmin(ctx app.Context, e app.Event) {
	c.m.admin = ctx.JSSrc().Get("checked").Bool()
}

func (c *createUser) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	ok, focus := c.m.submit()
	if !ok {
		shell.FocusAfterRender(c.ctx, focus)
		return
	}
	req := c.m.request()
	var created api.User
	shell.Send(c.ctx, func(ctx app.Context) error {
		return stepup.Do(ctx, func() error {
			var err error
			created, err = authapi.Default.CreateUser(ctx, req)
			return err
		})
	}, func(ctx app.Context, err error) {
		if err != nil {
			shell.FocusAfterRender(ctx, c.m.form.Done(err))
			return
		}
		c.m.form.Done(nil)
		ctx.Navigate(userURL(created.ID))
	})
}

// Render draws the button, or the form in its place.
func (c *createUser) Render() app.UI {
	m := c.m
	if !m.open {
		return app.Div().Class("admin-create").Body(
			app.Button().Type("button").ID(idCreateUser).Class("btn", "btn-primary", "btn-sm").OnClick(c.open).Text("Create user"),
		)
	}
	return app.Form().ID("create-user-form").Class("card", "admin-create-form", "form").OnSubmit(c.submit).Body(
		app.H2().Class("card-title").Text("Create a user"),
		shell.AlertSlot(m.form.Alert()),
		shell.Field{ID: fieldName, Label: "Name", Type: "text", AutoComplete: "off", Value: m.name,
			Error: m.message(fieldName), OnInput: c.edit(fieldName, &c.m.name), OnBlur: shell.BlurField(&c.m.form, fieldName)}.UI(),
		shell.Field{ID: fieldEmail, Label: "Email", Type: "email", AutoComplete: "off", Value: m.email,
			Error: m.message(fieldEmail), OnInput: c.edit(fieldEmail, &c.m.email), OnBlur: shell.BlurField(&c.m.form, fieldEmail)}.UI(),
		shell.Field{ID: fieldPassword, Label: "Password", Type: "password", AutoComplete: "new-password", Value: m.password,
			Optional: true, Hint: "Leave it empty for an account that signs in with an email link or a passkey.",
			Error: m.message(fieldPassword), OnInput: c.edit(fieldPassword, &c.m.password), OnBlur: shell.BlurField(&c.m.form, fieldPassword)}.UI(),
		shell.Checkbox{ID: idCreateAdmin, Label: "Make them an admin", Checked: m.admin, OnChange: c.toggleAdmin}.UI(),
		app.Div().Class("passkey-confirm-actions").Body(
			submitButton("create-user-submit", "Create user", "Creating…", m.form.Pending(), "btn-primary"),
			cancelButton(idCreateCancel, c.cancel),
		),
	)
}
