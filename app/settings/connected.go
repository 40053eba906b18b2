package settings

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/shell"
	"spacerr/app/signin"
	"spacerr/app/stepup"
	"spacerr/shared/api"
)

// Element ids of the Connected accounts card, for focus and the browser stories.
const (
	idConnected       = "connected-accounts"
	idConnectGoogle   = "connect-google"
	idUnlinkGoogle    = "disconnect-google"
	idGoogleAccount   = "google-account"
	idConnectedStatus = "connected-status"
)

// connectedCard is "Connected accounts": the Google account that signs in to this one, with the email
// it carries, and buttons to connect or disconnect it. Both are sensitive, so they go through the
// step-up guard. It shows only when Google is offered or one is connected.
type connectedCard struct {
	app.Compo
	User    api.User // the signed-in person, set by the page
	Offline bool     // the page has no network: the card has nothing to show

	m   connectedModel
	ctx app.Context
}

// CompoID makes the card mount afresh when the page comes back online.
func (c *connectedCard) CompoID() string { return compoID(c.Offline) }

// OnMount reads what a link's callback said, then loads the providers and the accounts.
func (c *connectedCard) OnMount(ctx app.Context) {
	c.ctx = ctx
	if c.Offline {
		return
	}
	u := ctx.Page().URL()
	q := u.Query()
	c.m.returned(q.Get("error"), q.Get("linked"))
	if clean, changed := withoutReturnParams(u); changed {
		ctx.Page().ReplaceURL(clean) // the message stays on screen; only the address forgets it
	}
	ctx.Async(func() {
		providers, err := authapi.Default.SocialProviders(ctx)
		if err != nil {
			return
		}
		ctx.Dispatch(func(ctx app.Context) { c.m.providersKnown(providers) })
	})
	c.load(ctx)
}

func (c *connectedCard) load(ctx app.Context) {
	ctx.Async(func() {
		accs, err := authapi.Default.ListAccounts(ctx)
		ctx.Dispatch(func(ctx app.Context) { c.m.accountsLoaded(accs, err) })
	})
}

func (c *connectedCard) connect(app.Context, app.Event) {
	if !c.m.startLink() {
		return
	}
	ctx := c.ctx
	ctx.Async(func() {
		var res api.SocialRedirect
		err := stepup.Do(ctx, func() (err error) {
			res, err = authapi.Default.LinkSocial(ctx, api.LinkSocialRequest{Provider: api.ProviderGoogle, CallbackURL: "/settings"})
			return err
		})
		ctx.Dispatch(func(ctx app.Context) {
			c.m.linkStarted(err)
			if err == nil {
				authapi.FollowRedirect(res)
			} else if stepup.Canceled(err) {
				shell.FocusAfterRender(ctx, idConnectGoogle)
			}
		})
	})
}

func (c *connectedCard) disconnect(app.Context, app.Event) {
	if !c.m.startUnlink() {
		return
	}
	ctx := c.ctx
	req := api.UnlinkAccountRequest{ProviderID: api.ProviderGoogle, AccountID: c.m.google.AccountID}
	ctx.Async(func() {
		err := stepup.Do(ctx, func() error { return authapi.Default.UnlinkAccount(ctx, req) })
		ctx.Dispatch(func(ctx app.Context) {
			c.m.unlinked(err)
			if err == nil {
				shell.FocusAfterRender(ctx, idConnectGoogle)
			} else if stepup.Canceled(err) {
				shell.FocusAfterRender(ctx, idUnlinkGoogle)
			}
		})
	})
}

// Render draws the card, or nothing (a hidden element) when there is nothing to connect.
func (c *connectedCard) Render() app.UI {
	m := c.m
	if c.Offline || (!m.visible() && m.alert == "") {
		return app.Div().ID(idConnected).Hidden(true)
	}
	return app.Section().ID(idConnected).Class("card", "connected-card").Aria("labelledby", "connected-heading").Body(
		app.Div().Class("card-header").Body(
			app.Div().Class("card-heading").Body(
				app.H2().ID("connected-heading").Class("card-title").Text("Connected accounts"),
				app.P().Class("card-subtitle").Text("Sign in with an account you already have elsewhere."),
			),
		),
		app.Div().Class("passkeys-messages").Body(
			app.Div().Class("form-alert").Body(
				app.If(m.alert != "", func() app.UI { return shell.AlertID("connected-error", m.alert) }),
			),
			shell.StatusLine(idConnectedStatus, m.notice),
		),
		app.Div().Role("list").Class("passkey-list", "connected-list").Body(c.googleRow()),
	)
}

// googleRow is Google's line: its mark, the email of the connected account or "Not connected", and
// the action.
func (c *connectedCard) googleRow() app.UI {
	m := c.m
	detail := "Not connected"
	if !m.loaded {
		detail = "Checking…"
	}
	if m.google != nil {
		detail = m.google.Email
		if detail == "" {
			detail = "Connected"
		}
	}
	var action app.UI
	switch {
	case !m.loaded:
		action = app.Span()
	case m.google != nil:
		btn := app.Button().Type("button").ID(idUnlinkGoogle).Class("btn", "btn-ghost", "btn-ghost-danger", "btn-sm").OnClick(c.disconnect)
		if m.busy == busyUnlink {
			action = btn.Class("is-busy").Aria("disabled", "true").Body(shell.Spinner(), app.Span().Text("Disconnecting…"))
		} else {
			action = btn.Body(app.Text("Disconnect"), app.Span().Class("visually-hidden").Text(" Google"))
		}
	case m.offered:
		btn := app.Button().Type("button").ID(idConnectGoogle).Class("btn", "btn-secondary", "btn-sm").OnClick(c.connect)
		if m.busy == busyLink {
			action = btn.Class("is-busy").Aria("disabled", "true").Body(shell.Spinner(), app.Span().Text("Opening Google…"))
		} else {
			action = btn.Body(app.Text("Connect"), app.Span().Class("visually-hidden").Text(" Google"))
		}
	default:
		action = app.Span()
	}
	return app.Div().ID(idGoogleAccount).Role("listitem").Class("passkey-item", "connected-item").Body(
		app.Div().Class("connected-logo").Body(signin.GoogleIcon()),
		app.Div().Class("passkey-main").Body(
			app.Div().Class("passkey-title").Body(
				app.P().Class("passkey-name").Text("Google"),
				app.If(m.google != nil, func() app.UI {
					return app.Span().Class("badge", "badge-synced").Text("Connected")
				}),
			),
			app.P().Class("passkey-meta", "connected-email").Text(detail),
		),
		app.Div().Class("passkey-actions").Body(action),
	)
}
