package signup

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/shell"
)

// googleOption is "Continue with Google" above the form, when the server offers it: the same button
// and rules as on the sign-in page (a new Google account gets a new account here).
func (p *Page) googleOption() app.UI {
	return app.If(p.google.Offered, func() app.UI {
		return app.Div().Class("passkey-entry").Body(
			p.google.Button("google-sign-up"),
			app.If(p.google.Alert != "", func() app.UI { return shell.AlertID("social-error", p.google.Alert) }),
			shell.Divider("or"),
		)
	})
}
