package shell

import (
	"net/url"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/shared/api"
)

// The admin pages' paths (app/admin uses these): the header links to the first, and "Stop" of the
// impersonation banner lands on the second.
const (
	AdminPath     = "/admin"
	AdminUserPath = "/admin/user"
)

// AdminUserURL is the admin's page of the user with id.
func AdminUserURL(id string) string { return AdminUserPath + "?id=" + url.QueryEscape(id) }

// IDStopImpersonating is the banner's Stop button, for the browser tests.
const IDStopImpersonating = "stop-impersonating"

// SessionNav is the part of the frame that depends on who is signed in: an "Admin" link in the header
// for admins, and while an admin views the app as another user, the banner "Viewing as … · Stop",
// fixed to the foot of the window so it stays in sight on every page.
//
// It asks the server nothing while the browser already knows the session (authapi.KnownSession, from
// the pages' own get-session); only when the first page of a visit does not ask does it fetch once.
type SessionNav struct {
	app.Compo

	session  *api.SessionResponse
	stopping bool
	problem  string
	unwatch  func()
}

// OnMount shows the known session and follows the changes the pages learn of.
func (n *SessionNav) OnMount(ctx app.Context) {
	n.unwatch = authapi.WatchSession(func(s *api.SessionResponse) {
		ctx.Dispatch(func(app.Context) { n.session = s })
	})
	if s, ok := authapi.KnownSession(); ok {
		n.session = s
		return
	}
	// Most pages ask get-session as they open; give them a moment before asking on our own.
	ctx.After(askAfter, func(ctx app.Context) {
		if _, ok := authapi.KnownSession(); !ok {
			ctx.Async(func() { _, _ = authapi.Default.GetSession(ctx) }) // the watcher above takes the answer
		}
	})
}

// askAfter is how long SessionNav waits for the page's own get-session before it asks itself.
const askAfter = 1500 * time.Millisecond

// OnDismount stops following the session.
func (n *SessionNav) OnDismount() {
	if n.unwatch != nil {
		n.unwatch()
	}
}

func (n *SessionNav) stop(ctx app.Context, e app.Event) {
	if n.stopping || n.session == nil {
		return
	}
	viewed := n.session.User.ID
	n.stopping, n.problem = true, ""
	Send(ctx, func(ctx app.Context) error {
		_, err := authapi.Default.StopImpersonating(ctx)
		return err
	}, func(ctx app.Context, err error) {
		n.stopping = false
		if err != nil {
			if s, ok := authapi.KnownSession(); ok && s == nil {
				Redirect(ctx, "/sign-in") // the admin's own session ended meanwhile
				return
			}
			n.problem = authapi.Message(err)
			return
		}
		ctx.Navigate(AdminUserURL(viewed))
	})
}

// Render draws the admin link or the banner; an empty element otherwise, so the frame's children keep
// their places.
func (n *SessionNav) Render() app.UI {
	s := n.session
	switch {
	case s != nil && s.Session.ImpersonatedBy != "":
		return app.Div().Class("session-nav").Body(n.banner(s.User))
	case s != nil && s.User.Role == api.RoleAdmin:
		return app.Div().Class("session-nav").Role("navigation").Aria("label", "Admin").Body(
			app.A().ID("admin-link").Class("topbar-link").Href(AdminPath).Text("Admin"),
		)
	}
	return app.Div().Class("session-nav")
}

func (n *SessionNav) banner(u api.User) app.UI {
	stop := app.Button().Type("button").ID(IDStopImpersonating).Class("btn", "btn-sm", "impersonation-stop").OnClick(n.stop)
	if n.stopping {
		stop = stop.Class("is-busy").Aria("disabled", "true").Body(Spinner(), app.Span().Text("Stopping…"))
	} else {
		stop = stop.Text("Stop")
	}
	return app.Div().ID("impersonation-banner").Class("impersonation-bar").Role("region").Aria("label", "Viewing as another user").Body(
		app.Div().Class("impersonation-inner").Body(
			app.Span().Class("impersonation-dot").Aria("hidden", "true"),
			app.P().Class("impersonation-text").Body(
				app.Text("Viewing as "),
				app.Span().Class("impersonation-name").Text(u.Name),
				app.Span().Class("impersonation-email").Text(" ("+u.Email+")"),
			),
			app.If(n.problem != "", func() app.UI {
				return app.P().Class("impersonation-problem").Role("alert").Text(n.problem)
			}),
			stop,
		),
	)
}
