package emaillink

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/shell"
)

// MagicLinkPage is /magic-link: with ?error= the sign-in link was refused and the page offers a new
// one; without it, a note to check the inbox.
type MagicLinkPage struct {
	app.Compo
	expired bool
	m       sendModel
}

// OnInit runs on the server's prerender and in the browser.
func (p *MagicLinkPage) OnInit() { p.m = newSendModel() }

// OnNav reads the query; it runs on the server too, which is fine: it calls no API.
func (p *MagicLinkPage) OnNav(ctx app.Context) {
	ctx.Page().SetTitle(shell.Title("Sign-in link"))
	p.expired = ctx.Page().URL().Query().Get("error") != ""
}

func (p *MagicLinkPage) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	ok, focus := p.m.submit(func() error { return p.m.magicLinkRequest().Validate() })
	if !ok {
		shell.FocusAfterRender(ctx, inputFor(focus, idMagicLinkEmail))
		return
	}
	req := p.m.magicLinkRequest()
	shell.Send(ctx, func(ctx app.Context) error { return authapi.Default.SignInMagicLink(ctx, req) }, func(ctx app.Context, err error) {
		shell.FocusAfterRender(ctx, inputFor(p.m.done(err), idMagicLinkEmail))
	})
}

func (p *MagicLinkPage) again(ctx app.Context, e app.Event) {
	p.m.again()
	p.expired = true // the form, not the bare note, is what "Use another email" comes back to
	shell.FocusAfterRender(ctx, idMagicLinkEmail)
}

// Render draws the expired-link form, "Check your email" once a link was asked for, or the note.
func (p *MagicLinkPage) Render() app.UI {
	back := app.Span().Body(app.A().Href("/sign-in").Text("Back to sign in"))
	switch {
	case p.m.Sent:
		return checkEmail("magic-link-sent", "We've sent a sign-in link to "+p.m.address()+".", p.again, back)
	case !p.expired:
		return shell.Frame(shell.AuthCard(
			"Check your email",
			"Open the sign-in link we sent you on this device. It works once and expires soon.",
			app.Div().Class("stack").Body(
				app.P().Class("muted").Text("Check your spam folder if it doesn't arrive."),
				app.A().Href("/sign-in").Class("btn", "btn-secondary", "btn-block").Text("Back to sign in"),
			),
			app.Span(),
		))
	}
	return shell.Frame(shell.AuthCard(
		"This sign-in link has expired or was already used",
		"Sign-in links work once and only for a short time. Ask for a new one.",
		sendForm(&p.Compo, &p.m, idMagicLinkEmail, "magic-link-resend", p.submit),
		back,
	))
}

// VerifyEmailPage is /verify-email: the server sends a verified address here (or to the link's
// callback), and a refused link here with ?error=.
type VerifyEmailPage struct {
	app.Compo
	expired bool
	m       sendModel
}

// OnInit runs on the server's prerender and in the browser.
func (p *VerifyEmailPage) OnInit() { p.m = newSendModel() }

// OnNav reads the query; it runs on the server too, which is fine: it calls no API.
func (p *VerifyEmailPage) OnNav(ctx app.Context) {
	ctx.Page().SetTitle(shell.Title("Verify your email"))
	p.expired = ctx.Page().URL().Query().Get("error") != ""
}

func (p *VerifyEmailPage) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	ok, focus := p.m.submit(func() error { return p.m.verificationRequest().Validate() })
	if !ok {
		shell.FocusAfterRender(ctx, inputFor(focus, idVerifyEmailInput))
		return
	}
	req := p.m.verificationRequest()
	shell.Send(ctx, func(ctx app.Context) error { return authapi.Default.SendVerificationEmail(ctx, req) }, func(ctx app.Context, err error) {
		shell.FocusAfterRender(ctx, inputFor(p.m.done(err), idVerifyEmailInput))
	})
}

func (p *VerifyEmailPage) again(ctx app.Context, e app.Event) {
	p.m.again()
	shell.FocusAfterRender(ctx, idVerifyEmailInput)
}

// Render draws "verified", the expired-link form, or "Check your email" once a link was asked for.
func (p *VerifyEmailPage) Render() app.UI {
	back := app.Span().Body(app.A().Href("/sign-in").Text("Back to sign in"))
	switch {
	case p.m.Sent:
		return checkEmail("verify-email-sent", "If "+p.m.address()+" has an account, we've sent it a new verification link.", p.again, back)
	case !p.expired:
		return shell.Frame(shell.AuthCard(
			"Your email is verified",
			"Thanks for confirming your address.",
			app.Div().ID("verify-email-done").Role("status").Body(
				app.A().Href("/settings").ID("verify-email-settings").Class("btn", "btn-primary", "btn-block").Text("Go to settings"),
			),
			app.Span(),
		))
	}
	return shell.Frame(shell.AuthCard(
		"This verification link has expired or was already used",
		"Verification links work once and only for a short time. Ask for a new one.",
		sendForm(&p.Compo, &p.m, idVerifyEmailInput, "verify-email-resend", p.submit),
		back,
	))
}

// sendForm is the email field and "Send a new link".
func sendForm(c *app.Compo, m *sendModel, inputID, buttonID string, submit app.EventHandler) app.UI {
	busy := m.Form.Pending()
	return app.Form().Class("form").NoValidate(true).Aria("busy", busy).OnSubmit(submit).Body(
		shell.AlertSlot(m.Form.Alert()),
		shell.Field{
			ID:           inputID,
			Label:        "Email",
			Type:         "email",
			AutoComplete: "username",
			Value:        m.Email,
			Error:        m.message(),
			OnInput:      shell.EditField(c, &m.Form, fieldEmail, &m.Email),
			OnBlur:       shell.BlurField(&m.Form, fieldEmail),
		}.UI(),
		sendButton(buttonID, busy),
	)
}

// sendButton is shell.SubmitButton with an id, so tests and links can find it.
func sendButton(id string, busy bool) app.UI {
	btn := app.Button().Type("submit").ID(id).Class("btn", "btn-primary", "btn-block")
	if busy {
		return btn.Class("is-busy").Aria("disabled", "true").Body(shell.Spinner(), app.Span().Text("Sending…"))
	}
	return btn.Text("Send a new link")
}

// checkEmail is the "Check your email" card, with "Use another email" to go back to the form.
func checkEmail(id, lead string, again app.EventHandler, footer app.UI) app.UI {
	return shell.Frame(shell.AuthCard(
		"Check your email",
		lead,
		app.Div().ID(id).Class("stack").Role("status").Body(
			app.P().Class("muted").Text("The link works once and expires soon. Check your spam folder if it doesn't arrive."),
			app.Button().Type("button").Class("btn", "btn-secondary", "btn-block").OnClick(again).Text("Use another email"),
		),
		footer,
	))
}

// inputFor is the element id of the form's field, or "" when focus names none.
func inputFor(field, id string) string {
	if field == fieldEmail {
		return id
	}
	return ""
}
