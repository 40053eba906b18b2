// Package home is the / page. It has nothing of its own to show: it asks the server whether this
// browser is signed in and sends the person to /settings or /sign-in, showing a small loading state
// meanwhile. The prerendered page is only that loading state: the server never calls the API.
package home

import (
	"errors"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/offline"
	"spacerr/app/shell"
	"spacerr/shared/api"
)

// Page is the / page.
type Page struct {
	app.Compo
	problem string // why the session could not be checked; "" while checking
}

// OnNav sets the title; it runs on the server too, so it must not call the API.
func (p *Page) OnNav(ctx app.Context) { ctx.Page().SetTitle(shell.Title("")) }

// OnMount checks the session; it only runs in the browser.
func (p *Page) OnMount(ctx app.Context) { p.check(ctx) }

func (p *Page) check(ctx app.Context) {
	p.problem = ""
	ctx.Async(func() {
		s, err := authapi.Default.GetSession(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			var netErr *authapi.NetworkError
			_, saved := offline.ProfileCache.Load(ctx.LocalStorage())
			switch {
			case errors.As(err, &netErr) && saved:
				// Offline with an account saved on this device: settings shows that copy.
				shell.Redirect(ctx, "/settings")
			case err != nil:
				p.problem = authapi.Message(err)
			default:
				shell.Redirect(ctx, destination(s))
			}
		})
	})
}

// destination is where / sends a browser with session s (nil when signed out).
func destination(s *api.SessionResponse) string {
	if s != nil {
		return "/settings"
	}
	return "/sign-in"
}

func (p *Page) retry(ctx app.Context, e app.Event) { p.check(ctx) }

// Render shows the loading state, or the problem with a way to retry.
func (p *Page) Render() app.UI {
	if p.problem != "" {
		return shell.Frame(shell.Problem("We couldn't check your session", p.problem, p.retry))
	}
	return shell.Frame(shell.Loading("Loading your account…"))
}
