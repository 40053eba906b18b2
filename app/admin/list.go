package admin

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/shell"
	"spacerr/app/stepup"
	"spacerr/shared/api"
)

// searchDelay is how long the table waits after a keystroke before it searches: typing "ada" sends
// one request, not three.
const searchDelay = 300 * time.Millisecond

// The list page's element ids, which the browser tests use.
const (
	idSearch    = "user-search"
	idField     = "user-search-field"
	idSort      = "user-sort"
	idUserTable = "user-table"
	idPrev      = "users-prev"
	idNext      = "users-next"
)

// ListPage is /admin: every user in a searchable, sortable table of 25 a page.
type ListPage struct {
	app.Compo

	access  access
	problem string
	me      api.User
	m       listModel
	typed   int // keystrokes so far; a delayed search runs only if no newer one came
	ctx     app.Context
}

// OnNav sets the title; it runs on the server too, so it must not call the API.
func (p *ListPage) OnNav(ctx app.Context) { ctx.Page().SetTitle(shell.Title("Users")) }

// OnMount checks the viewer is an admin, then loads the first page.
func (p *ListPage) OnMount(ctx app.Context) {
	p.ctx = ctx
	p.m = newListModel()
	p.check(ctx)
}

func (p *ListPage) check(ctx app.Context) {
	p.access = checking
	checkAdmin(ctx, func(ctx app.Context, a access, me api.User, problem string) {
		p.access, p.me, p.problem = a, me, problem
		if a == allowed {
			p.load()
		}
	})
}

func (p *ListPage) retry(ctx app.Context, e app.Event) {
	if p.access == unchecked {
		p.check(ctx)
		return
	}
	p.load()
}

// load asks for the page the model describes; an answer that arrives after a newer request is dropped.
func (p *ListPage) load() {
	ctx := p.ctx
	seq := p.m.start()
	q := p.m.query()
	ctx.Async(func() {
		res, err := authapi.Default.ListUsers(ctx, q)
		ctx.Dispatch(func(app.Context) { p.m.done(seq, res, err) })
	})
}

func (p *ListPage) typeSearch(ctx app.Context, e app.Event) {
	p.m.setSearch(ctx.JSSrc().Get("value").String())
	p.typed++
	typed := p.typed
	p.ctx.After(searchDelay, func(app.Context) {
		if typed == p.typed {
			p.load()
		}
	})
}

func (p *ListPage) submitSearch(ctx app.Context, e app.Event) {
	e.PreventDefault()
	p.typed++ // a pending delayed search would only repeat this one
	p.load()
}

func (p *ListPage) chooseField(ctx app.Context, e app.Event) {
	p.m.setField(ctx.JSSrc().Get("value").String())
	if p.m.search != "" {
		p.load()
	}
}

func (p *ListPage) chooseSort(ctx app.Context, e app.Event) {
	p.m.setSort(ctx.JSSrc().Get("value").String())
	p.load()
}

func (p *ListPage) prev(ctx app.Context, e app.Event) {
	if p.m.prev() {
		p.load()
	}
}

func (p *ListPage) next(ctx app.Context, e app.Event) {
	if p.m.next() {
		p.load()
	}
}

// Render draws the page for the viewer's access.
func (p *ListPage) Render() app.UI {
	var body app.UI
	switch p.access {
	case allowed:
		body = p.users()
	case denied:
		body = noAccess()
	case unchecked:
		body = shell.Problem("We couldn't load your account", p.problem, p.retry)
	default:
		body = pageSkeleton("Loading users…")
	}
	return shell.Frame(app.Div().Class("container", "container-wide").Body(
		app.Div().Class("page-head", "admin-list-head").Body(
			app.Div().Body(
				app.H1().Class("page-title").Text("Users"),
				app.P().Class("page-lead").Text("Everyone with an account. Open a user to see how they sign in and to act on their account."),
			),
			app.If(p.access == allowed, func() app.UI { return &createUser{} }),
		),
		body,
		app.If(p.access == allowed, func() app.UI { return &stepup.Dialog{} }),
	))
}

func (p *ListPage) users() app.UI {
	m := p.m
	return app.Section().Class("card", "admin-card").Aria("labelledby", "users-heading").Body(
		app.H2().ID("users-heading").Class("visually-hidden").Text("Users"),
		p.toolbar(),
		app.Div().Class("form-alert", "admin-messages").Body(
			app.If(m.alert != "", func() app.UI {
				return shell.AlertID("users-error", m.alert,
					app.Button().Type("button").Class("link-button").OnClick(p.retry).Text("Try again"))
			}),
		),
		p.table(),
		app.Div().Class("card-footer", "admin-pager").Body(
			app.P().ID("users-range").Class("admin-range").Aria("live", "polite").Body(
				app.If(m.loaded, func() app.UI { return app.Text(m.rangeText()) }),
			),
			app.Div().Class("admin-pager-buttons").Body(
				pagerButton(idPrev, "Previous", m.hasPrev(), p.prev),
				pagerButton(idNext, "Next", m.hasNext(), p.next),
			),
		),
	)
}

func pagerButton(id, label string, enabled bool, onClick app.EventHandler) app.UI {
	b := app.Button().Type("button").ID(id).Class("btn", "btn-secondary", "btn-sm").Text(label)
	if !enabled {
		return b.Disabled(true)
	}
	return b.OnClick(onClick)
}

func (p *ListPage) toolbar() app.UI {
	m := p.m
	return app.Form().Class("admin-toolbar").Role("search").OnSubmit(p.submitSearch).Body(
		app.Div().Class("admin-search").Body(
			app.Label().Class("visually-hidden").For(idSearch).Text("Search users"),
			app.Input().ID(idSearch).Class("input", "input-sm", "admin-search-input").Type("search").
				Placeholder("Search by "+m.field+"…").Value(m.search).Attr("autocomplete", "off").
				Attr("autocapitalize", "none").Spellcheck(false).OnInput(p.typeSearch),
			app.Label().Class("visually-hidden").For(idField).Text("Search in"),
			app.Select().ID(idField).Class("input", "input-sm", "admin-select").OnChange(p.chooseField).Body(
				app.Option().Value("email").Selected(m.field == "email").Text("Email"),
				app.Option().Value("name").Selected(m.field == "name").Text("Name"),
			),
		),
		app.Div().Class("admin-sort").Body(
			app.Label().Class("admin-sort-label").For(idSort).Text("Sort"),
			app.Select().ID(idSort).Class("input", "input-sm", "admin-select").OnChange(p.chooseSort).Body(
				app.Range(sortOptions).Slice(func(i int) app.UI {
					o := sortOptions[i]
					return app.Option().Value(o.Key).Selected(m.sort == o.Key).Text(o.Label)
				}),
			),
		),
	)
}

func (p *ListPage) table() app.UI {
	m := p.m
	if !m.loaded {
		if m.alert != "" {
			return app.Div().Class("admin-empty").Body(app.P().Class("muted").Text("The users can't be shown right now."))
		}
		return app.Div().Class("admin-empty", "is-loading").Aria("busy", "true").Body(
			app.Span().Class("skeleton", "skeleton-line"),
			app.Span().Class("skeleton", "skeleton-line", "skeleton-short"),
		)
	}
	if len(m.res.Users) == 0 {
		return app.Div().ID("users-empty").Class("admin-empty").Body(app.P().Class("muted").Text(m.emptyText()))
	}
	rows := m.rows(time.Now())
	// Divs with table roles rather than <table>: each go-app element type adds to app.wasm, and the
	// rows turn into cards on a phone more simply.
	return app.Div().ID(idUserTable).Class("admin-table").Role("table").Aria("label", "Users").Aria("busy", boolAttr(m.loading)).Body(
		app.Div().Class("admin-thead").Role("rowgroup").Body(app.Div().Class("admin-tr").Role("row").Body(
			columnHeader("User"),
			columnHeader("Role"),
			columnHeader("2FA"),
			columnHeader("Passkeys"),
			columnHeader("Created"),
			columnHeader("Last sign-in"),
			app.Div().Class("admin-th").Role("columnheader").Body(app.Span().Class("visually-hidden").Text("Status")),
		)),
		app.Div().Class("admin-tbody").Role("rowgroup").Body(
			app.Range(rows).Slice(func(i int) app.UI { return userTableRow(rows[i]) }),
		),
	)
}

func columnHeader(label string) app.UI {
	return app.Div().Class("admin-th").Role("columnheader").Text(label)
}

// cell is one cell of a user's row; label names its column on a phone, where the header is hidden.
func cell(label string) app.HTMLDiv {
	return app.Div().Class("admin-td").Role("cell").DataSet("label", label)
}

func userTableRow(r userRow) app.UI {
	return app.Div().ID("user-"+r.ID).Class("admin-tr").Role("row").Body(
		app.Div().Class("admin-td", "admin-cell-user").Role("cell").Body(
			app.A().Class("admin-user-link").Href(r.Href).Body(
				app.Span().Class("avatar", "avatar-sm").Aria("hidden", "true").Text(r.Initials),
				app.Span().Class("admin-user-text").Body(
					app.Span().Class("admin-user-name").Text(r.Name),
					app.Span().Class("admin-user-email").Text(r.Email),
				),
			),
		),
		cell("Role").Body(
			app.If(r.Admin, func() app.UI { return app.Span().Class("badge", "badge-admin").Text(r.Role) }).
				Else(func() app.UI { return app.Span().Class("admin-muted-text").Text(r.Role) }),
		),
		cell("2FA").Body(
			app.If(r.TwoFactor, func() app.UI { return app.Span().Class("badge", "badge-on").Text("On") }).
				Else(func() app.UI { return app.Span().Class("badge", "badge-off").Text("Off") }),
		),
		cell("Passkeys").Class("admin-num").Text(r.Passkeys),
		cell("Created").Text(r.Created),
		cell("Last sign-in").Text(r.LastSignIn),
		app.Div().Class("admin-td", "admin-cell-status").Role("cell").Body(
			app.If(r.Banned, func() app.UI { return app.Span().Class("badge", "badge-banned").Text("Banned") }),
		),
	)
}

func boolAttr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
