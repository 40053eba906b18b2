package signin

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/shell"
)

// Page is the /sign-in page.
type Page struct {
	app.Compo
	model Model
}

// OnInit runs on the server's prerender and in the browser.
func (p *Page) OnInit() { p.model = NewModel() }

// OnNav sets the title; it runs on the server too, so it must not call the API.
func (p *Page) OnNav(ctx app.Context) { ctx.Page().SetTitle(shell.Title("Sign in")) }

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

	form := app.Form().Class("form").NoValidate(true).Aria("busy", busy).OnSubmit(p.submit).Body(
		shell.AlertSlot(m.Form.Alert()),
		shell.Field{
			ID:           fieldEmail,
			Label:        "Email",
			Type:         "email",
			AutoComplete: "username webauthn",
			Value:        m.Email,
			Error:        m.Message(fieldEmail),
			OnInput:      p.edit(fieldEmail, &p.model.Email),
			OnBlur:       p.blur(fieldEmail),
		}.UI(),
		shell.Field{
			ID:           fieldPassword,
			Label:        "Password",
			Type:         passwordType,
			AutoComplete: "current-password",
			Value:        m.Password,
			Error:        m.Message(fieldPassword),
			OnInput:      p.edit(fieldPassword, &p.model.Password),
			OnBlur:       p.blur(fieldPassword),
			Trailing:     shell.RevealToggle(fieldPassword, m.ShowPassword, p.togglePassword),
		}.UI(),
		shell.Checkbox{
			ID:       "remember",
			Label:    "Remember me",
			Checked:  m.Remember,
			OnChange: p.toggleRemember,
		}.UI(),
		shell.SubmitButton{Label: "Sign in", BusyLabel: "Signing in…", Busy: busy}.UI(),
	)

	return shell.Frame(shell.AuthCard(
		"Sign in to Spacerr",
		"Welcome back. Enter your details to continue.",
		form,
		app.Span().Body(
			app.Text("New to Spacerr? "),
			app.A().Href("/sign-up").Text("Create an account"),
		),
	))
}

func (p *Page) edit(field string, value *string) app.EventHandler {
	return shell.EditField(&p.Compo, &p.model.Form, field, value)
}

func (p *Page) blur(field string) app.EventHandler { return shell.BlurField(&p.model.Form, field) }

func (p *Page) togglePassword(ctx app.Context, e app.Event) {
	p.model.ShowPassword = !p.model.ShowPassword
}

func (p *Page) toggleRemember(ctx app.Context, e app.Event) {
	p.model.Remember = !p.model.Remember
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
		_, err := authapi.Default.SignInEmail(ctx, req)
		return err
	}, "/settings")
}
