package settings

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/passkey"
	"spacerr/app/shell"
	"spacerr/app/stepup"
	"spacerr/app/twofactor"
	"spacerr/shared/api"
)

// status is where the page is in loading the session.
type status int

const (
	loading status = iota // also what the server prerenders
	ready
	failed
)

// Page is the /settings page.
type Page struct {
	app.Compo
	status     status
	problem    string // why loading failed
	user       api.User
	signingOut bool
	signOutErr string
}

// OnNav sets the title; it runs on the server too, so it must not call the API.
func (p *Page) OnNav(ctx app.Context) { ctx.Page().SetTitle(shell.Title("Settings")) }

// OnMount loads the session; it only runs in the browser.
func (p *Page) OnMount(ctx app.Context) { p.load(ctx) }

func (p *Page) load(ctx app.Context) {
	p.status = loading
	ctx.Async(func() {
		s, err := authapi.Default.GetSession(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			switch {
			case err != nil:
				p.status, p.problem = failed, authapi.Message(err)
			case s == nil:
				shell.Redirect(ctx, "/sign-in")
			default:
				p.status, p.user = ready, s.User
			}
		})
	})
}

func (p *Page) retry(ctx app.Context, e app.Event) { p.load(ctx) }

func (p *Page) signOut(ctx app.Context, e app.Event) {
	if p.signingOut {
		return
	}
	p.signingOut, p.signOutErr = true, ""
	ctx.Async(func() {
		err := authapi.Default.SignOut(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				p.signingOut, p.signOutErr = false, authapi.Message(err)
				return
			}
			// The cached passkey and two-factor statuses belong to the account that just left.
			passkey.ClearStatus(ctx.LocalStorage())
			twofactor.ClearStatus(ctx.LocalStorage())
			sessionsCache.Clear(ctx.LocalStorage())
			shell.Redirect(ctx, "/sign-in")
		})
	})
}

// Render draws the page for its status.
func (p *Page) Render() app.UI {
	var body app.UI
	switch p.status {
	case failed:
		body = shell.Problem("We couldn't load your account", p.problem, p.retry)
	case ready:
		body = app.Div().Class("stack").Body(
			p.profile(),
			&passkeysCard{User: p.user},
			&securityCards{User: p.user},
			&sessionsCard{User: p.user},
			&stepup.Dialog{},
		)
	default:
		body = skeleton()
	}
	return shell.Frame(app.Div().Class("container").Body(
		app.Div().Class("page-head").Body(
			app.H1().Class("page-title").Text("Account settings"),
			app.P().Class("page-lead").Text("Manage your profile and how you sign in."),
		),
		body,
	))
}

// profile is the card with the person's name, email and membership, and the sign-out button.
func (p *Page) profile() app.UI {
	u := p.user
	signOut := app.Button().Type("button").Class("btn", "btn-secondary").OnClick(p.signOut)
	if p.signingOut {
		// aria-disabled rather than disabled keeps keyboard focus on the button; signOut ignores
		// clicks while a request runs.
		signOut = signOut.Class("is-busy").Aria("disabled", "true").Body(
			shell.Spinner(),
			app.Span().Text("Signing out…"),
		)
	} else {
		signOut = signOut.Text("Sign out")
	}

	return app.Section().Class("card", "profile-card").Aria("labelledby", "profile-heading").Body(
		app.Div().Class("card-header").Body(
			app.H2().ID("profile-heading").Class("card-title").Text("Profile"),
		),
		app.Div().Class("profile").Body(
			app.Div().Class("avatar").Aria("hidden", "true").Text(initials(u.Name, u.Email)),
			app.Div().Class("profile-text").Body(
				app.P().Class("profile-name").Text(u.Name),
				app.P().Class("profile-email").Text(u.Email),
				app.P().Class("profile-meta").Body(
					app.Text("Member since "),
					app.Time().Attr("datetime", u.CreatedAt.Format("2006-01-02")).Text(memberSince(u.CreatedAt)),
				),
			),
		),
		app.If(!u.EmailVerified, func() app.UI { return &emailVerification{Email: u.Email} }),
		app.Div().Class("card-footer").Body(
			app.Div().Class("card-footer-text").Body(
				app.If(p.signOutErr != "", func() app.UI {
					return shell.Alert(p.signOutErr)
				}).Else(func() app.UI {
					return app.P().Class("muted").Text("You're signed in on this device.")
				}),
			),
			signOut,
		),
	)
}

// skeleton stands in for the profile card while the session loads.
func skeleton() app.UI {
	return app.Section().Class("card", "profile-card", "is-loading").Aria("busy", "true").Body(
		app.Div().Class("card-header").Body(
			app.Span().Class("skeleton", "skeleton-title"),
		),
		app.Div().Class("profile").Body(
			app.Div().Class("avatar", "skeleton"),
			app.Div().Class("profile-text").Body(
				app.Span().Class("skeleton", "skeleton-line"),
				app.Span().Class("skeleton", "skeleton-line", "skeleton-short"),
			),
		),
		app.P().Class("visually-hidden").Role("status").Text("Loading your account…"),
	)
}
