package shell

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Product is the name shown in the header and in page titles.
const Product = "Spacerr"

// MainID is the id of the <main> element, the skip link's target.
const MainID = "main"

// Title is a page title in the house form, "Sign in · Spacerr".
func Title(page string) string {
	if page == "" {
		return Product
	}
	return page + " · " + Product
}

// Frame is the page skeleton: a skip link, the header with the product mark, main content and a
// footer.
func Frame(content ...app.UI) app.UI {
	return app.Div().Class("app").Body(
		app.A().Class("skip-link").Href("#"+MainID).Text("Skip to content"),
		app.Header().Class("topbar").Body(
			app.Div().Class("topbar-inner").Body(
				app.A().Class("brand").Href("/").Aria("label", Product+" home").Body(
					Logo("brand-mark"),
					app.Span().Class("brand-name").Text(Product),
				),
				&SessionNav{}, // the admin link, or the "Viewing as" banner (impersonation.go)
			),
		),
		app.Main().ID(MainID).Class("main").Body(content...),
		&updatePrompt{}, // "A new version is available. Reload to update" (update.go)
		app.Footer().Class("footer").Body(
			app.P().Text("Spacerr keeps your account safe."),
		),
	)
}

// AuthCard is the centred column of the sign-in and sign-up pages: a heading, a line under it, the
// card holding the form, and a footer line (the link to the other page).
func AuthCard(heading, lead string, form app.UI, footer app.UI) app.UI {
	return app.Div().Class("auth").Body(
		app.Div().Class("auth-head").Body(
			app.H1().Class("auth-title").Text(heading),
			app.P().Class("auth-lead").Text(lead),
		),
		app.Div().Class("card", "auth-card").Body(form),
		app.P().Class("auth-switch").Body(footer),
	)
}

// Loading is a centred spinner with a status line that screen readers announce.
func Loading(label string) app.UI {
	return app.Div().Class("loading").Role("status").Body(
		Spinner(),
		app.P().Class("loading-label").Text(label),
	)
}

// Problem is a centred card for a page that could not load, with a button that retries.
func Problem(heading, message string, retry app.EventHandler) app.UI {
	return app.Div().Class("problem").Body(
		app.Div().Class("card", "problem-card").Body(
			app.H1().Class("problem-title").Text(heading),
			app.P().Class("problem-text").Role("alert").Text(message),
			app.Button().Type("button").Class("btn", "btn-secondary").OnClick(retry).Text("Try again"),
		),
	)
}
