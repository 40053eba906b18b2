package settings

import (
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/shell"
	"spacerr/shared/api"
)

// The activity card's element ids, which the browser tests use.
const (
	idActivity        = "activity"
	idActivityList    = "activity-list"
	idActivityShowAll = "activity-show-all"
)

// activityCard is "Recent activity": the account's newest security events (sign-ins, failed
// attempts, factor changes, what an administrator did), with the device and address they came from,
// so the person can spot what they did not do.
type activityCard struct {
	app.Compo
	User    api.User // the signed-in person, set by the page
	Offline bool     // the page has no network: the card says so and sends nothing (see offline.go)

	m   activityModel
	ctx app.Context
}

// CompoID makes the card mount afresh when the page comes back online.
func (c *activityCard) CompoID() string { return compoID(c.Offline) }

// OnMount loads the events, unless offline: they are not cached (a list of addresses is more than the
// device needs to keep).
func (c *activityCard) OnMount(ctx app.Context) {
	c.ctx = ctx
	if c.Offline {
		c.m.listLoaded(nil, &authapi.NetworkError{})
		return
	}
	c.load()
}

func (c *activityCard) load() {
	ctx := c.ctx
	ctx.Async(func() {
		events, err := authapi.Default.ListActivity(ctx)
		ctx.Dispatch(func(app.Context) { c.m.listLoaded(events, err) })
	})
}

func (c *activityCard) retry(app.Context, app.Event) {
	c.m.alert = ""
	c.load()
}

func (c *activityCard) showAll(app.Context, app.Event) { c.m.showAll = true }

// Render draws the card.
func (c *activityCard) Render() app.UI {
	m := c.m
	return app.Section().ID(idActivity).Class("card", "activity-card").Aria("labelledby", "activity-heading").Body(
		app.Div().Class("card-header").Body(
			app.H2().ID("activity-heading").Class("card-title").Text("Recent activity"),
			app.P().Class("card-subtitle").Text("Sign-ins and security changes on your account. Don't recognise one? Change your password."),
		),
		app.Div().Class("passkeys-messages").Body(
			app.Div().Class("form-alert").Body(
				app.If(m.alert != "" && !c.Offline, func() app.UI {
					return shell.AlertID("activity-error", m.alert,
						app.Button().Type("button").Class("link-button").OnClick(c.retry).Text("Try again"))
				}),
			),
		),
		c.body(),
	)
}

func (c *activityCard) body() app.UI {
	m := c.m
	switch {
	case c.Offline:
		return app.Div().Class("passkeys-empty").Body(app.P().Class("muted").Text("Your activity shows when you're back online."))
	case !m.loaded && m.alert != "":
		return app.Div().Class("passkeys-empty").Body(app.P().Class("muted").Text("Your activity can't be shown right now."))
	case !m.loaded:
		return app.Div().Class("passkey-list", "is-loading").Aria("busy", "true").Body(
			app.Div().Class("passkey-item").Body(
				app.Div().Class("passkey-main").Body(
					app.Span().Class("skeleton", "skeleton-line"),
					app.Span().Class("skeleton", "skeleton-line", "skeleton-short"),
				),
			),
		)
	case len(m.events) == 0:
		return app.Div().Class("passkeys-empty").Body(app.P().Class("muted").Text("Nothing yet. Sign-ins and security changes will show here."))
	}
	rows := m.rows(time.Now())
	return app.Div().Body(
		app.Div().ID(idActivityList).Role("list").Class("activity-list").Body(
			app.Range(rows).Slice(func(i int) app.UI { return activityItem(rows[i]) }),
		),
		app.If(m.hidden() > 0, func() app.UI {
			return app.Div().Class("card-footer", "activity-footer").Body(
				app.Button().Type("button").ID(idActivityShowAll).Class("btn", "btn-secondary", "btn-sm").
					OnClick(c.showAll).Text("Show all (" + strconv.Itoa(len(m.events)) + ")"),
			)
		}),
	)
}

func activityItem(r activityRow) app.UI {
	iconClass := "activity-icon"
	if r.Warning {
		iconClass += " activity-icon-warning"
	} else if r.ByAdmin {
		iconClass += " activity-icon-admin"
	}
	return app.Div().ID("activity-"+r.ID).Role("listitem").Class("activity-item").Body(
		app.Span().Class(iconClass).Aria("hidden", "true"),
		app.Div().Class("activity-main").Body(
			app.P().Class("activity-title").Body(
				app.Text(r.Text),
				app.If(r.Detail != "", func() app.UI { return app.Span().Class("activity-detail").Text(" · " + r.Detail) }),
				app.If(r.ByAdmin, func() app.UI {
					return app.Span().Class("badge", "badge-admin", "activity-by").Text("By an administrator")
				}),
			),
			app.P().Class("passkey-meta").Body(
				app.If(r.Device != "", func() app.UI { return app.Span().Text(r.Device) }),
				app.If(r.IP != "", func() app.UI { return app.Span().Text(r.IP) }),
				app.Span().Body(app.Time().Attr("datetime", r.At.UTC().Format(time.RFC3339)).Title(day(r.At)).Text(r.When)),
			),
		),
	)
}
