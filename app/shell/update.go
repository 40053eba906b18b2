package shell

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// The update prompt's element ids, which the browser tests use.
const (
	idUpdatePrompt = "update-prompt"
	idUpdateReload = "update-reload"
)

// updatePrompt offers "Reload to update" once go-app's service worker has installed a newer build
// of the app in the background. The page keeps running the old build until the person reloads:
// reloading by itself could throw away a form being filled in.
type updatePrompt struct {
	app.Compo
	available bool
}

// OnMount catches an update that arrived before this page was drawn.
func (u *updatePrompt) OnMount(ctx app.Context) { u.available = ctx.AppUpdateAvailable() }

// OnAppUpdate is go-app's signal that a newer build is installed.
func (u *updatePrompt) OnAppUpdate(ctx app.Context) { u.available = true }

func (u *updatePrompt) reload(ctx app.Context, e app.Event) { ctx.Reload() }

// Render draws the live region, and the prompt in it when an update waits, so screen readers
// announce it when it appears.
func (u *updatePrompt) Render() app.UI {
	return app.Div().Class("update-region").Aria("live", "polite").Body(
		app.If(u.available, func() app.UI {
			return app.Div().ID(idUpdatePrompt).Class("update-toast").Role("status").Body(
				app.P().Class("update-toast-text").Text("A new version is available."),
				app.Button().Type("button").ID(idUpdateReload).Class("btn", "btn-primary", "btn-sm").
					OnClick(u.reload).Text("Reload to update"),
			)
		}),
	)
}
