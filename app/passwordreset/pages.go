package passwordreset

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/shell"
)

// ForgotPage is /forgot-password: an email field, then "Check your email".
type ForgotPage struct {
	app.Compo
	m forgotModel
}

// OnInit runs on the server's prerender and in the browser.
func (p *ForgotPage) OnInit() { p.m = newForgotModel() }

// OnNav sets the title; it runs on the server too, so it must not call the API.
func (p *ForgotPage) OnNav(ctx app.Context) { ctx.Page().SetTitle(shell.Title("Reset your password")) }

func (p *ForgotPage) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	ok, focus := p.m.submit()
	if !ok {
		shell.FocusAfterRender(ctx, inputID(focus))
		return
	}
	req := p.m.request()
	shell.Send(ctx, func(ctx app.Context) error { return authapi.Default.RequestPasswordReset(ctx, req) }, func(ctx app.Context, err error) {
		shell.FocusAfterRender(ctx, inputID(p.m.done(err)))
	})
}

func (p *ForgotPage) again(ctx app.Context, e app.Event) {
	p.m = newForgotModel()
	shell.FocusAfterRender(ctx, idEmail)
}

// Render draws the form, or the "Check your email" note once the link was asked for.
func (p *ForgotPage) Render() app.UI {
	back := app.Span().Body(app.Text("Remembered it? "), app.A().Href("/sign-in").Text("Sign in"))
	if p.m.Sent {
		return shell.Frame(shell.AuthCard(
			"Check your email",
			"If an account uses "+p.m.request().Email+", we've sent it a link to choose a new password.",
			app.Div().ID("forgot-sent").Class("stack").Role("status").Body(
				app.P().Class("muted").Text("The link works once and expires soon. Check your spam folder if it doesn't arrive."),
				app.Button().Type("button").ID("forgot-again").Class("btn", "btn-secondary", "btn-block").
					OnClick(p.again).Text("Use another email"),
			),
			back,
		))
	}
	busy := p.m.Form.Pending()
	return shell.Frame(shell.AuthCard(
		"Reset your password",
		"Enter your account's email and we'll send you a link to choose a new password.",
		app.Form().Class("form").NoValidate(true).Aria("busy", busy).OnSubmit(p.submit).Body(
			shell.AlertSlot(p.m.Form.Alert()),
			shell.Field{
				ID:           idEmail,
				Label:        "Email",
				Type:         "email",
				AutoComplete: "username",
				Value:        p.m.Email,
				Error:        p.m.message(fieldEmail),
				OnInput:      shell.EditField(&p.Compo, &p.m.Form, fieldEmail, &p.m.Email),
				OnBlur:       shell.BlurField(&p.m.Form, fieldEmail),
			}.UI(),
			shell.SubmitButton{Label: "Send reset link", BusyLabel: "Sending…", Busy: busy}.UI(),
		),
		back,
	))
}

// ResetPage is /reset-password, opened from the mailed link.
type ResetPage struct {
	app.Compo
	m resetModel
}

// OnNav reads the link's token; it runs on the server too, which is fine: it calls no API.
func (p *ResetPage) OnNav(ctx app.Context) {
	ctx.Page().SetTitle(shell.Title("Choose a new password"))
	q := ctx.Page().URL().Query()
	p.m = newResetModel(q.Get("token"), q.Get("error"))
}

func (p *ResetPage) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	ok, focus := p.m.submit()
	if !ok {
		shell.FocusAfterRender(ctx, inputID(focus))
		return
	}
	req := p.m.request()
	shell.Send(ctx, func(ctx app.Context) error { return authapi.Default.ResetPassword(ctx, req) }, func(ctx app.Context, err error) {
		shell.FocusAfterRender(ctx, inputID(p.m.done(err)))
	})
}

func (p *ResetPage) toggleShow(app.Context, app.Event) { p.m.Show = !p.m.Show }

// Render draws the page for where the reset stands.
func (p *ResetPage) Render() app.UI {
	switch p.m.State {
	case resetExpired:
		return shell.Frame(shell.AuthCard(
			"This link has expired or was already used",
			"Reset links work once and only for a short time. Ask for a new one.",
			app.Div().ID("reset-expired").Role("status").Body(
				app.A().Href(ForgotPath).ID("reset-new-link").Class("btn", "btn-primary", "btn-block").Text("Send a new link"),
			),
			app.Span().Body(app.A().Href("/sign-in").Text("Back to sign in")),
		))
	case resetDone:
		return shell.Frame(shell.AuthCard(
			"Your password is changed",
			"Sign in with your new password.",
			app.Div().ID("reset-done").Role("status").Body(
				app.A().Href("/sign-in").ID("reset-sign-in").Class("btn", "btn-primary", "btn-block").Text("Sign in"),
			),
			app.Span(),
		))
	}
	busy := p.m.Form.Pending()
	kind := "password"
	if p.m.Show {
		kind = "text"
	}
	return shell.Frame(shell.AuthCard(
		"Choose a new password",
		"Pick a password you don't use anywhere else.",
		app.Form().Class("form").NoValidate(true).Aria("busy", busy).OnSubmit(p.submit).Body(
			shell.AlertSlot(p.m.Form.Alert()),
			shell.Field{
				ID:           idNewPassword,
				Label:        "New password",
				Type:         kind,
				AutoComplete: "new-password",
				Value:        p.m.NewPassword,
				Hint:         "At least 8 characters.",
				Error:        p.m.message(fieldNewPassword),
				OnInput:      shell.EditField(&p.Compo, &p.m.Form, fieldNewPassword, &p.m.NewPassword),
				OnBlur:       shell.BlurField(&p.m.Form, fieldNewPassword),
				Trailing:     shell.RevealToggle(idNewPassword, p.m.Show, p.toggleShow),
			}.UI(),
			shell.SubmitButton{Label: "Change password", BusyLabel: "Changing…", Busy: busy}.UI(),
		),
		app.Span().Body(app.A().Href("/sign-in").Text("Back to sign in")),
	))
}
