package signup

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/shell"
	"spacerr/shared/api"
)

// Page is the /sign-up page.
type Page struct {
	app.Compo
	model Model
}

// OnInit runs on the server's prerender and in the browser.
func (p *Page) OnInit() { p.model = NewModel() }

// OnNav sets the title; it runs on the server too, so it must not call the API.
func (p *Page) OnNav(ctx app.Context) { ctx.Page().SetTitle(shell.Title("Create your account")) }

// OnMount sends a person who is already signed in on to their settings.
func (p *Page) OnMount(ctx app.Context) { shell.LeaveIfSignedIn(ctx) }

// Render draws the form from the model.
func (p *Page) Render() app.UI {
	m := p.model
	busy := m.Form.Pending()
	passwordType := "password"
	if m.ShowPassword {
		passwordType = "text"
	}

	// An existing account is the one error with a way out: offer it wherever the server put it.
	var alertLink, emailLink app.UI
	if m.Form.AlertCode() == api.CodeUserAlreadyExists {
		alertLink = signInInstead()
	}
	if m.Form.FieldCode(fieldEmail) == api.CodeUserAlreadyExists {
		emailLink = signInInstead()
	}

	form := app.Form().Class("form").NoValidate(true).Aria("busy", busy).OnSubmit(p.submit).Body(
		shell.AlertSlot(m.Form.Alert(), alertLink),
		shell.Field{
			ID:           fieldName,
			Label:        "Name",
			Type:         "text",
			AutoComplete: "name",
			Value:        m.Name,
			Error:        m.Message(fieldName),
			OnInput:      p.edit(fieldName, &p.model.Name),
			OnBlur:       p.blur(fieldName),
		}.UI(),
		shell.Field{
			ID:           fieldEmail,
			Label:        "Email",
			Type:         "email",
			AutoComplete: "email",
			Value:        m.Email,
			Error:        m.Message(fieldEmail),
			ErrorAction:  emailLink,
			OnInput:      p.edit(fieldEmail, &p.model.Email),
			OnBlur:       p.blur(fieldEmail),
		}.UI(),
		shell.Field{
			ID:           fieldPassword,
			Label:        "Password",
			Type:         passwordType,
			AutoComplete: "new-password",
			Value:        m.Password,
			Hint:         passwordHint,
			Error:        m.Message(fieldPassword),
			OnInput:      p.edit(fieldPassword, &p.model.Password),
			OnBlur:       p.blur(fieldPassword),
			Trailing:     shell.RevealToggle(fieldPassword, m.ShowPassword, p.togglePassword),
		}.UI(),
		shell.SubmitButton{Label: "Create account", BusyLabel: "Creating account…", Busy: busy}.UI(),
	)

	return shell.Frame(shell.AuthCard(
		"Create your account",
		"It takes less than a minute.",
		form,
		app.Span().Body(
			app.Text("Already have an account? "),
			app.A().Href("/sign-in").Text("Sign in"),
		),
	))
}

func signInInstead() app.UI {
	return app.A().Class("error-link").Href("/sign-in").Text("Go to sign in")
}

func (p *Page) edit(field string, value *string) app.EventHandler {
	return shell.EditField(&p.Compo, &p.model.Form, field, value)
}

func (p *Page) blur(field string) app.EventHandler { return shell.BlurField(&p.model.Form, field) }

func (p *Page) togglePassword(ctx app.Context, e app.Event) {
	p.model.ShowPassword = !p.model.ShowPassword
}

func (p *Page) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	ok, focus := p.model.Submit()
	if !ok {
		shell.FocusAfterRender(ctx, focus)
		return
	}
	req := p.model.Request()
	shell.SubmitForm(ctx, &p.model.Form, func(ctx app.Context) error {
		_, err := authapi.Default.SignUpEmail(ctx, req)
		return err
	}, "/settings")
}
