package settings

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/shell"
)

// emailVerification is the notice in the profile card for an address that is not verified yet,
// with a button that mails a new verification link.
type emailVerification struct {
	app.Compo
	Email string // the signed-in person's address, set by the page

	m verifyEmailModel
}

func (c *emailVerification) send(ctx app.Context, e app.Event) {
	req, ok := c.m.send(c.Email)
	if !ok {
		return
	}
	shell.Send(ctx, func(ctx app.Context) error { return authapi.Default.SendVerificationEmail(ctx, req) },
		func(ctx app.Context, err error) { c.m.done(err) })
}

// Render draws the notice.
func (c *emailVerification) Render() app.UI {
	btn := app.Button().Type("button").ID("send-verification").Class("btn", "btn-secondary", "btn-sm").OnClick(c.send)
	if c.m.sending {
		// aria-disabled keeps focus on the button; send ignores clicks while a request runs.
		btn = btn.Class("is-busy").Aria("disabled", "true").Body(shell.Spinner(), app.Span().Text("Sending…"))
	} else {
		btn = btn.Text("Send verification link")
	}
	return app.Div().ID("email-unverified").Class("verify-notice").Body(
		app.P().Class("verify-notice-text").Text("Your email is not verified"),
		app.Div().Class("verify-notice-actions").Body(
			btn,
			shell.StatusLine("send-verification-status", c.m.status()),
		),
		app.If(c.m.alert != "", func() app.UI { return shell.AlertID("send-verification-error", c.m.alert) }),
	)
}
