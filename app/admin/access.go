// Package admin is the admin area: /admin lists the users, /admin/user?id= shows one and acts on it
// (role, ban, password, sessions, impersonation, removal) through Better Auth's admin routes. The
// pages only hide what a non-admin may not use; the server checks the role on every call, so the
// client must never be the only guard.
package admin

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/shell"
	"spacerr/shared/api"
)

// The admin pages' paths.
const (
	Path     = shell.AdminPath
	UserPath = shell.AdminUserPath
)

func userURL(id string) string { return shell.AdminUserURL(id) }

// access is where a page is in finding out whether the viewer is an admin.
type access int

const (
	checking access = iota // also what the server prerenders
	allowed
	denied    // signed in, not an admin
	unchecked // the session could not be loaded
)

// checkAdmin loads the session: signed out goes to sign-in; otherwise result learns the viewer's access
// (and, for an admin, who they are), or why the session could not be loaded.
func checkAdmin(ctx app.Context, result func(ctx app.Context, a access, me api.User, problem string)) {
	ctx.Async(func() {
		s, err := authapi.Default.GetSession(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			switch {
			case err != nil:
				result(ctx, unchecked, api.User{}, authapi.Message(err))
			case s == nil:
				shell.Redirect(ctx, "/sign-in")
			case s.User.Role != api.RoleAdmin:
				result(ctx, denied, s.User, "")
			default:
				result(ctx, allowed, s.User, "")
			}
		})
	})
}

// noAccess is what a signed-in non-admin sees instead of an admin page.
func noAccess() app.UI {
	return app.Div().Class("problem").Body(
		app.Div().ID("admin-no-access").Class("card", "problem-card").Body(
			app.H1().Class("problem-title").Text("You don't have access"),
			app.P().Class("problem-text").Text("This area is for administrators. If you need it, ask an admin of this site."),
			app.A().Class("btn", "btn-secondary").Href("/settings").Text("Back to your settings"),
		),
	)
}

// pageSkeleton stands in for an admin page while the session loads.
func pageSkeleton(label string) app.UI {
	return app.Section().Class("card", "admin-skeleton", "is-loading").Aria("busy", "true").Body(
		app.Div().Class("card-header").Body(app.Span().Class("skeleton", "skeleton-title")),
		app.Div().Class("admin-skeleton-body").Body(
			app.Span().Class("skeleton", "skeleton-line"),
			app.Span().Class("skeleton", "skeleton-line"),
			app.Span().Class("skeleton", "skeleton-line", "skeleton-short"),
		),
		app.P().Class("visually-hidden").Role("status").Text(label),
	)
}
