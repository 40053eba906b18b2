package signin

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/shell"
	"spacerr/shared/api"
)

// afterGoogle is where a Google sign-in lands when it succeeds; a failure comes back to this page
// with ?error=CODE (the server's callback decides, since the browser is at Google in between).
const afterGoogle = "/settings"

// GoogleSignIn is "Continue with Google", on this page and the sign-up page. The button shows only
// when the server says Google is configured; a click asks the server for Google's consent URL and
// leaves for it. Its rules are plain Go.
type GoogleSignIn struct {
	Offered bool   // the server is configured for Google
	Leaving bool   // the consent URL was asked for: the page is about to be replaced
	Alert   string // why the last attempt failed, here or at the callback (?error=)
}

// ProvidersKnown records the server's providers.
func (g *GoogleSignIn) ProvidersKnown(providers []string) {
	g.Offered = false
	for _, p := range providers {
		if p == api.ProviderGoogle {
			g.Offered = true
		}
	}
}

// Returned reads the callback's ?error= code into the alert; "" leaves the page as it is.
func (g *GoogleSignIn) Returned(code string) {
	if code != "" {
		g.Alert = api.SocialErrorMessage(code)
	}
}

// withoutError is u without the callback's ?error=, and whether it had one: once the alert shows, the
// page replaces its URL with this one, so a reload or a bookmark does not show the failure again.
// Other parameters (such as where to go after signing in) stay.
func withoutError(u *url.URL) (*url.URL, bool) {
	q := u.Query()
	if !q.Has("error") {
		return u, false
	}
	q.Del("error")
	clean := *u
	clean.RawQuery = q.Encode()
	return &clean, true
}

// Start returns the request to send; ok is false while one already runs, so a double click sends one.
func (g *GoogleSignIn) Start() (req api.SocialSignInRequest, ok bool) {
	if g.Leaving {
		return req, false
	}
	g.Leaving, g.Alert = true, ""
	return api.SocialSignInRequest{Provider: api.ProviderGoogle, CallbackURL: afterGoogle}, true
}

// Done records the answer; on success the page stays busy until the browser has left.
func (g *GoogleSignIn) Done(err error) {
	if err != nil {
		g.Leaving = false
		g.Alert = authapi.Message(err)
	}
}

// Fetch asks which providers the server offers (in the background; the button appears when the
// answer comes, and never when the server cannot be reached). ctx is the page's: its Dispatch
// re-renders the page that holds g.
func (g *GoogleSignIn) Fetch(ctx app.Context) {
	ctx.Async(func() {
		providers, err := authapi.Default.SocialProviders(ctx)
		if err != nil {
			return
		}
		ctx.Dispatch(func(ctx app.Context) { g.ProvidersKnown(providers) })
	})
}

// Click asks the server for Google's consent URL and leaves for it.
func (g *GoogleSignIn) Click(ctx app.Context, e app.Event) {
	req, ok := g.Start()
	if !ok {
		return
	}
	ctx.Async(func() {
		res, err := authapi.Default.SignInSocial(ctx, req)
		ctx.Dispatch(func(ctx app.Context) {
			g.Done(err)
			if err == nil {
				authapi.FollowRedirect(res)
			}
		})
	})
}

// Button is "Continue with Google", with the element id the page gives it (the sign-in and sign-up
// pages each have theirs). Busy, it says the browser is on its way to Google.
func (g *GoogleSignIn) Button(id string) app.UI {
	btn := app.Button().Type("button").ID(id).Class("btn", "btn-secondary", "btn-block", "btn-google").OnClick(g.Click)
	if g.Leaving {
		return btn.Class("is-busy").Aria("disabled", "true").Body(shell.Spinner(), app.Span().Text("Opening Google…"))
	}
	return btn.Body(GoogleIcon(), app.Span().Text("Continue with Google"))
}

func (p *Page) fetchProviders(ctx app.Context) { p.google.Fetch(ctx) }

func (p *Page) googleButton() app.UI { return p.google.Button("google-sign-in") }

// GoogleIcon is Google's "G" mark in its four colours, as Google's branding guidelines ask for.
func GoogleIcon() app.UI {
	return app.Raw(`<svg class="icon google-icon" viewBox="0 0 48 48" width="18" height="18" aria-hidden="true">` +
		`<path fill="#EA4335" d="M24 9.5c3.54 0 6.71 1.22 9.21 3.6l6.85-6.85C35.9 2.38 30.47 0 24 0 14.62 0 6.51 5.38 2.56 13.22l7.98 6.19C12.43 13.72 17.74 9.5 24 9.5z"/>` +
		`<path fill="#4285F4" d="M46.98 24.55c0-1.57-.15-3.09-.38-4.55H24v9.02h12.94c-.58 2.96-2.26 5.48-4.78 7.18l7.73 6c4.51-4.18 7.09-10.36 7.09-17.65z"/>` +
		`<path fill="#FBBC05" d="M10.53 28.59c-.48-1.45-.76-2.99-.76-4.59s.27-3.14.76-4.59l-7.98-6.19C.92 16.46 0 20.12 0 24c0 3.88.92 7.54 2.56 10.78l7.97-6.19z"/>` +
		`<path fill="#34A853" d="M24 48c6.48 0 11.93-2.13 15.89-5.81l-7.73-6c-2.15 1.45-4.92 2.3-8.16 2.3-6.26 0-11.57-4.22-13.47-9.91l-7.98 6.19C6.51 42.62 14.62 48 24 48z"/>` +
		`</svg>`)
}
