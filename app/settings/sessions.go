package settings

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/shell"
	"spacerr/app/stepup"
	"spacerr/shared/api"
)

// The sessions card's element ids, which the browser tests use.
const (
	idSessions            = "sessions"
	idRevokeOtherSessions = "revoke-other-sessions"
	idConfirmRevokeOthers = "confirm-revoke-others"
	idCancelRevokeOthers  = "cancel-revoke-others"
)

func revokeSessionID(id string) string { return "revoke-session-" + id }

// sessionsCard is "Where you're signed in": the account's sessions, with a way to sign each other
// one out, or all of them at once after an in-page confirmation. Like the passkeys card it keeps
// its own context from OnMount, because its buttons disappear when they are clicked.
type sessionsCard struct {
	app.Compo
	User    api.User // the signed-in person, set by the page
	Offline bool     // the page has no network: show the cache, send nothing (see offline.go)

	m   sessionsModel
	ctx app.Context
}

// CompoID makes the card mount afresh when the page comes back online.
func (c *sessionsCard) CompoID() string { return compoID(c.Offline) }

// OnMount shows the cached list at once and asks for the current one (online).
func (c *sessionsCard) OnMount(ctx app.Context) {
	c.ctx = ctx
	if e, ok := sessionsCache.Load(ctx.LocalStorage()); ok && e.UserID == c.User.ID {
		c.m.cached(fromCachedSessions(e.Status), e.SavedAt)
	}
	if !c.Offline {
		c.load(ctx)
	}
}

func (c *sessionsCard) load(ctx app.Context) {
	ctx.Async(func() {
		list, err := authapi.Default.ListSessions(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			c.m.listLoaded(list, err)
			if err == nil {
				sessionsCache.Save(ctx.LocalStorage(), c.User.ID, toCachedSessions(list), time.Now())
			}
		})
	})
}

func (c *sessionsCard) retry(app.Context, app.Event) {
	c.m.alert = ""
	c.load(c.ctx)
}

func (c *sessionsCard) revoke(row sessionRow) app.EventHandler {
	return func(app.Context, app.Event) {
		if !c.m.startRevoke(row.ID) {
			return
		}
		c.run(func(ctx app.Context) error { return authapi.Default.RevokeSession(ctx, row.Token) }, revokeSessionID(row.ID))
	}
}

func (c *sessionsCard) askOthers(app.Context, app.Event) {
	if c.m.askOthers() {
		shell.FocusAfterRender(c.ctx, idCancelRevokeOthers) // the harmless choice
	}
}

func (c *sessionsCard) cancelOthers(app.Context, app.Event) {
	c.m.cancelOthers()
	shell.FocusAfterRender(c.ctx, idRevokeOtherSessions)
}

func (c *sessionsCard) revokeOthers(app.Context, app.Event) {
	if !c.m.startOthers() {
		return
	}
	c.run(func(ctx app.Context) error { return authapi.Default.RevokeOtherSessions(ctx) }, idConfirmRevokeOthers)
}

// run sends a revocation through the step-up guard and reloads the list after it. focusBack is
// where focus returns when the person cancels "Confirm it's you".
func (c *sessionsCard) run(send func(ctx app.Context) error, focusBack string) {
	ctx := c.ctx
	ctx.Async(func() {
		err := stepup.Do(ctx, func() error { return send(ctx) })
		ctx.Dispatch(func(ctx app.Context) {
			canceled := stepup.Canceled(err)
			if c.m.revoked(err) {
				c.load(ctx)
			}
			if canceled {
				shell.FocusAfterRender(ctx, focusBack)
			}
		})
	})
}

// Render draws the card.
func (c *sessionsCard) Render() app.UI {
	m := c.m
	return app.Section().ID(idSessions).Class("card", "sessions-card").Aria("labelledby", "sessions-heading").Body(
		app.Div().Class("card-header", "card-header-row").Body(
			app.Div().Class("card-heading").Body(
				app.H2().ID("sessions-heading").Class("card-title").Text("Where you're signed in"),
				app.P().Class("card-subtitle").Text("Devices and browsers signed in to your account. Sign out any you don't recognise."),
				offlineNote(c.Offline),
			),
		),
		app.Div().Class("passkeys-messages").Body(
			app.Div().Class("form-alert").Body(
				app.If(m.alert != "", func() app.UI {
					return shell.AlertID("sessions-error", m.alert,
						app.Button().Type("button").Class("link-button").OnClick(c.retry).Text("Try again"))
				}),
			),
			shell.StatusLine("sessions-status", m.notice),
		),
		c.body(),
	)
}

func (c *sessionsCard) body() app.UI {
	m := c.m
	if len(m.list) == 0 {
		if c.Offline {
			return app.Div().Class("passkeys-empty").Body(
				app.P().Class("muted").Text("This device saved no sessions. Connect to see where you're signed in."),
			)
		}
		if m.alert != "" {
			return app.Div().Class("passkeys-empty").Body(
				app.P().Class("muted").Text("Your sessions can't be shown right now."),
			)
		}
		return app.Div().Role("list").Class("passkey-list", "is-loading").Aria("busy", "true").Body(
			app.Div().Role("listitem").Class("passkey-item").Body(
				app.Div().Class("passkey-main").Body(
					app.Span().Class("skeleton", "skeleton-line"),
					app.Span().Class("skeleton", "skeleton-line", "skeleton-short"),
				),
			),
		)
	}
	rows := m.rows(time.Now())
	return app.Div().Class("sessions-body").Body(
		app.Div().ID("session-list").Role("list").Class("passkey-list", "session-list").Body(
			app.Range(rows).Slice(func(i int) app.UI { return c.item(rows[i]) }),
		),
		app.If(m.hasOthers(), c.othersFooter),
	)
}

// item is one session's row.
func (c *sessionsCard) item(r sessionRow) app.UI {
	busy := c.m.busy == r.ID
	return app.Div().ID("session-"+r.ID).Role("listitem").Class("passkey-item", "session-item").Body(
		app.Div().Class("passkey-main").Body(
			app.Div().Class("passkey-title").Body(
				app.P().Class("passkey-name").Text(r.Device),
				app.If(r.Current, func() app.UI {
					return app.Span().Class("badge", "badge-synced", "session-current").Text("This device")
				}),
			),
			app.P().Class("passkey-meta").Body(
				app.Span().Text(r.IP),
				app.Span().Text("Signed in "+r.Created),
				app.Span().Text(r.LastActive),
			),
		),
		app.If(!r.Current, func() app.UI {
			btn := app.Button().Type("button").ID(revokeSessionID(r.ID)).Class("btn", "btn-ghost", "btn-ghost-danger", "btn-sm").
				OnClick(c.revoke(r))
			if busy {
				return app.Div().Class("passkey-actions").Body(
					btn.Class("is-busy").Aria("disabled", "true").Body(shell.Spinner(), app.Span().Text("Signing out…")))
			}
			return app.Div().Class("passkey-actions").Body(btn.Body(
				app.Text("Sign out"),
				app.Span().Class("visually-hidden").Text(" "+r.Device),
			))
		}),
	)
}

// othersFooter is "Sign out of all other sessions", which asks in the page before it acts.
func (c *sessionsCard) othersFooter() app.UI {
	m := c.m
	if !m.confirming {
		return app.Div().Class("card-footer", "sessions-footer").Body(
			app.Button().Type("button").ID(idRevokeOtherSessions).Class("btn", "btn-secondary", "btn-sm").
				OnClick(c.askOthers).Text("Sign out of all other sessions"),
		)
	}
	confirm := app.Button().Type("button").ID(idConfirmRevokeOthers).Class("btn", "btn-danger", "btn-sm").OnClick(c.revokeOthers)
	if m.busy == busyOthers {
		confirm = confirm.Class("is-busy").Aria("disabled", "true").Body(shell.Spinner(), app.Span().Text("Signing out…"))
	} else {
		confirm = confirm.Text("Sign out everywhere else")
	}
	return app.Div().Class("passkey-confirm", "sessions-footer").Role("group").Aria("label", "Sign out of all other sessions").Body(
		app.P().Class("passkey-confirm-text").Text("Sign out of every other device and browser? This one stays signed in."),
		app.Div().Class("passkey-confirm-actions").Body(
			confirm,
			app.Button().Type("button").ID(idCancelRevokeOthers).Class("btn", "btn-secondary", "btn-sm").
				OnClick(c.cancelOthers).Text("Cancel"),
		),
	)
}
