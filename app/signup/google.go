package signup

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/shell"
	"spacerr/app/signin"
)

// googleOption is "Continue with Google" above the form, when the server offers it: the same button
// and rules as on the sign-in page (a new Google account gets a new account here).
func (p *Page) googleOption() app.UI {
	return app.If(p.google.Offered, func() app.UI {
		return app.Div().Class("passkey-entry").Body(
			signin.GoogleButton("google-sign-up", p.google.Leaving, p.googleClick),
			app.If(p.google.Alert != "", func() app.UI { return shell.AlertID("social-error", p.google.Alert) }),
			shell.Divider("or"),
		)
	})
}

// fetchProviders asks which providers the server offers; the button appears with the answer.
func (p *Page) fetchProviders(ctx app.Context) {
	ctx.Async(func() {
		providers, err := authapi.Default.SocialProviders(ctx)
		if err != nil {
			return
		}
		ctx.Dispatch(func(ctx app.Context) { p.google.ProvidersKnown(providers) })
	})
}

func (p *Page) googleClick(ctx app.Context, e app.Event) {
	req, ok := p.google.Start()
	if !ok {
		return
	}
	ctx.Async(func() {
		res, err := authapi.Default.SignInSocial(ctx, req)
		ctx.Dispatch(func(ctx app.Context) {
			p.google.Done(err)
			if err == nil {
				authapi.FollowRedirect(res)
			}
		})
	})
}
