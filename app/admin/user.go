package admin

import (
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/activity"
	"spacerr/app/authapi"
	"spacerr/app/avatar"
	"spacerr/app/shell"
	"spacerr/app/stepup"
	"spacerr/shared/api"
)

// UserPage is /admin/user?id=: one user's account, how they sign in, their sessions and events, and
// the admin's actions on it, each behind a confirmation in the page.
type UserPage struct {
	app.Compo

	id      string
	access  access
	problem string
	m       userModel

	// ctx is the page's own context, from OnMount: a click often replaces the element clicked (a
	// button opens its confirmation in its place), and go-app drops a Dispatch whose element is gone.
	ctx app.Context
}

// OnNav sets the title and reads the user's id; it runs on the server too, so it must not call the API.
func (p *UserPage) OnNav(ctx app.Context) {
	ctx.Page().SetTitle(shell.Title("User"))
	p.id = ctx.Page().URL().Query().Get("id")
}

// OnMount checks the viewer is an admin, then loads the user.
func (p *UserPage) OnMount(ctx app.Context) {
	p.ctx = ctx
	p.id = ctx.Page().URL().Query().Get("id")
	p.check(ctx)
}

func (p *UserPage) check(ctx app.Context) {
	p.access = checking
	checkAdmin(ctx, func(ctx app.Context, a access, me api.User, problem string) {
		p.access, p.problem, p.m.me = a, problem, me
		if a == allowed {
			p.load()
		}
	})
}

func (p *UserPage) retry(ctx app.Context, e app.Event) {
	if p.access == unchecked {
		p.check(ctx)
		return
	}
	p.m.problem = ""
	p.load()
}

// load asks for the user, their sessions and their events at once.
func (p *UserPage) load() {
	ctx, id := p.ctx, p.id
	if id == "" {
		p.m.missing = true
		return
	}
	ctx.Async(func() {
		type result struct {
			sessions []api.Session
			events   []api.AuditEvent
			err      error
		}
		sessCh, eventsCh := make(chan result, 1), make(chan result, 1)
		go func() {
			s, err := authapi.Default.ListUserSessions(ctx, id)
			sessCh <- result{sessions: s, err: err}
		}()
		go func() {
			e, err := authapi.Default.AuditEvents(ctx, id)
			eventsCh <- result{events: e, err: err}
		}()
		sec, secErr := authapi.Default.AdminUserSecurity(ctx, id)
		sess, events := <-sessCh, <-eventsCh
		ctx.Dispatch(func(app.Context) {
			p.m.loadedAll(sec, sess.sessions, events.events, secErr, sess.err, events.err)
			if p.m.loaded {
				ctx.Page().SetTitle(shell.Title(displayName(p.m.sec.User.User)))
			}
		})
	})
}

// opener returns the handler of a button that opens action's confirmation, focusing focus in it.
func (p *UserPage) opener(action, focus string) app.EventHandler {
	return func(app.Context, app.Event) {
		if p.m.open(action) {
			shell.FocusAfterRender(p.ctx, focus)
		}
	}
}

func (p *UserPage) cancel(app.Context, app.Event) { p.m.cancel() }

// run sends action's request through the step-up guard, then reloads the page's data (or, for the
// actions that leave the page, goes on).
func (p *UserPage) run(action string, send func(ctx app.Context) error) (started bool) {
	if !p.m.start(action) {
		return false
	}
	ctx := p.ctx
	ctx.Async(func() {
		err := stepup.Do(ctx, func() error { return send(ctx) })
		ctx.Dispatch(func(ctx app.Context) {
			switch {
			case err == nil && action == actImpersonate:
				ctx.Navigate("/settings")
				return
			case err == nil && action == actRemove:
				ctx.Navigate(Path)
				return
			}
			if p.m.finished(err) {
				p.load()
			}
		})
	})
	return true
}

func (p *UserPage) confirmRole(app.Context, app.Event) {
	id, role := p.id, p.m.newRole()
	p.run(actRole, func(ctx app.Context) error { _, err := authapi.Default.SetRole(ctx, id, role); return err })
}

func (p *UserPage) confirmBan(ctx app.Context, e app.Event) {
	e.PreventDefault()
	id, reason, secs := p.id, p.m.banReason, banSeconds(p.m.banFor)
	p.run(actBan, func(ctx app.Context) error { _, err := authapi.Default.BanUser(ctx, id, reason, secs); return err })
}

func (p *UserPage) confirmUnban(app.Context, app.Event) {
	id := p.id
	p.run(actUnban, func(ctx app.Context) error { _, err := authapi.Default.UnbanUser(ctx, id); return err })
}

func (p *UserPage) confirmPassword(ctx app.Context, e app.Event) {
	e.PreventDefault()
	req := api.SetUserPasswordRequest{UserID: p.id, NewPassword: p.m.newPassword}
	if !p.run(actPassword, func(ctx app.Context) error { return authapi.Default.SetUserPassword(ctx, req) }) && p.m.passwordErr != "" {
		shell.FocusAfterRender(p.ctx, "admin-set-password-first")
	}
}

func (p *UserPage) confirmImpersonate(app.Context, app.Event) {
	id := p.id
	p.run(actImpersonate, func(ctx app.Context) error { _, err := authapi.Default.ImpersonateUser(ctx, id); return err })
}

func (p *UserPage) confirmRemove(ctx app.Context, e app.Event) {
	e.PreventDefault()
	id := p.id
	p.run(actRemove, func(ctx app.Context) error { return authapi.Default.RemoveUser(ctx, id) })
}

func (p *UserPage) confirmRevokeAll(app.Context, app.Event) {
	id := p.id
	p.run(actRevokeAll, func(ctx app.Context) error { return authapi.Default.RevokeUserSessions(ctx, id) })
}

func (p *UserPage) revokeOne(r sessionRow) app.EventHandler {
	return func(app.Context, app.Event) {
		if p.m.busy != "" {
			return
		}
		p.m.sessionBusy = r.ID
		token := r.Token
		p.run(actRevokeOne, func(ctx app.Context) error { return authapi.Default.RevokeUserSession(ctx, token) })
	}
}

func (p *UserPage) editBanReason(ctx app.Context, e app.Event) {
	p.m.banReason = ctx.JSSrc().Get("value").String()
}

func (p *UserPage) chooseBanFor(ctx app.Context, e app.Event) {
	p.m.banFor = ctx.JSSrc().Get("value").String()
}

func (p *UserPage) editPassword(ctx app.Context, e app.Event) {
	p.m.newPassword, p.m.passwordErr = ctx.JSSrc().Get("value").String(), ""
}

func (p *UserPage) editRemoveEmail(ctx app.Context, e app.Event) {
	p.m.removeEmail = ctx.JSSrc().Get("value").String()
}

// Render draws the page for the viewer's access and what has loaded.
func (p *UserPage) Render() app.UI {
	var body app.UI
	switch {
	case p.access == denied:
		body = noAccess()
	case p.access == unchecked:
		body = shell.Problem("We couldn't load your account", p.problem, p.retry)
	case p.access == checking:
		body = pageSkeleton("Loading the user…")
	case p.m.missing:
		body = app.Div().Class("problem").Body(
			app.Div().ID("admin-user-missing").Class("card", "problem-card").Body(
				app.H1().Class("problem-title").Text("No such user"),
				app.P().Class("problem-text").Text("No account has this id. It may have been removed."),
				app.A().Class("btn", "btn-secondary").Href(Path).Text("Back to users"),
			),
		)
	case p.m.problem != "":
		body = shell.Problem("We couldn't load this user", p.m.problem, p.retry)
	case !p.m.loaded:
		body = pageSkeleton("Loading the user…")
	default:
		body = p.user()
	}
	return shell.Frame(app.Div().Class("container").Body(
		app.Div().Class("page-head", "admin-user-head").Body(
			app.A().ID("back-to-users").Class("admin-back").Href(Path).Text("← All users"),
		),
		body,
	))
}

func (p *UserPage) user() app.UI {
	return app.Div().Class("stack").Body(
		p.profile(),
		p.methods(),
		p.sessionsCard(),
		p.manage(),
		p.activity(),
		&stepup.Dialog{},
	)
}

func (p *UserPage) profile() app.UI {
	m := p.m
	u := m.user()
	state, reason := banText(u.User)
	lastSignIn := "No sign-in recorded"
	if at := m.lastSignIn(); !at.IsZero() {
		lastSignIn = "Last sign-in " + activity.Ago(at, time.Now())
	}
	return app.Section().ID("admin-user").Class("card", "profile-card").Aria("labelledby", "admin-user-name").Body(
		app.Div().Class("profile").Body(
			app.Div().Class("avatar").Aria("hidden", "true").Text(avatar.Initials(u.Name, u.Email)),
			app.Div().Class("profile-text").Body(
				app.Div().Class("admin-title-row").Body(
					app.H1().ID("admin-user-name").Class("profile-name").Text(displayName(u.User)),
					app.If(u.Role == api.RoleAdmin, func() app.UI { return app.Span().Class("badge", "badge-admin").Text("Admin") }),
					app.If(u.Banned, func() app.UI { return app.Span().Class("badge", "badge-banned").Text("Banned") }),
					app.If(m.self(), func() app.UI { return app.Span().Class("badge", "badge-device").Text("You") }),
				),
				app.P().Class("profile-email").Body(
					app.Text(u.Email),
					app.Span().Class("admin-verified").Text(verifiedText(u.EmailVerified)),
				),
				app.P().Class("profile-meta").Text("Joined "+activity.Day(u.CreatedAt)+" · "+lastSignIn),
			),
		),
		app.If(u.Banned, func() app.UI {
			return app.Div().ID("admin-ban-state").Class("admin-ban-state").Body(
				app.P().Class("admin-ban-title").Text(state),
				app.P().Class("admin-ban-reason").Text("Reason: "+reason),
			)
		}),
		app.Div().Class("passkeys-messages").Body(shell.StatusLine("admin-status", m.notice)),
	)
}

func verifiedText(v bool) string {
	if v {
		return "Verified"
	}
	return "Not verified"
}

// methods is "How they sign in": password, passkeys, two-factor and other providers.
func (p *UserPage) methods() app.UI {
	m := p.m
	u := m.user()
	var providers []string
	for _, id := range m.sec.Providers {
		if id != "credential" {
			providers = append(providers, activity.Provider(id))
		}
	}
	twoFactor := "Off"
	if u.TwoFactorEnabled {
		twoFactor = "On · " + activity.Plural(m.sec.BackupCodesLeft, "backup code") + " left"
	}
	return app.Section().ID("admin-methods").Class("card", "admin-card").Aria("labelledby", "methods-heading").Body(
		app.Div().Class("card-header").Body(
			app.H2().ID("methods-heading").Class("card-title").Text("How they sign in"),
		),
		app.Div().Class("admin-facts").Body(
			fact("Password", onOff(u.HasPassword, "Set", "Not set")),
			fact("Two-factor", onOff(u.TwoFactorEnabled, twoFactor, "Off")),
			fact("Passkeys", app.If(len(m.sec.Passkeys) == 0, func() app.UI {
				return app.Span().Class("admin-muted-text").Text("None")
			}).Else(func() app.UI {
				return app.Div().Class("admin-passkeys").Role("list").Body(
					app.Range(m.sec.Passkeys).Slice(func(i int) app.UI {
						pk := m.sec.Passkeys[i]
						return app.Div().Role("listitem").Body(
							app.Span().Class("admin-passkey-name").Text(passkeyName(pk)),
							app.Span().Class("admin-muted-text").Text(" · added "+activity.Day(pk.CreatedAt)),
						)
					}),
				)
			})),
			fact("Other sign-in", app.If(len(providers) == 0, func() app.UI {
				return app.Span().Class("admin-muted-text").Text("None")
			}).Else(func() app.UI {
				return app.Span().Text(strings.Join(providers, ", "))
			})),
			fact("Last method", app.Span().Text(lastMethod(u.LastLoginMethod))),
		),
	)
}

func fact(term string, value app.UI) app.UI {
	return app.Div().Class("admin-fact").Body(app.P().Class("admin-fact-term").Text(term), app.Div().Class("admin-fact-value").Body(value))
}

func onOff(on bool, onText, offText string) app.UI {
	if on {
		return app.Span().Class("badge", "badge-on").Text(onText)
	}
	return app.Span().Class("badge", "badge-off").Text(offText)
}

func passkeyName(pk api.Passkey) string {
	switch {
	case pk.Name != "":
		return pk.Name
	case pk.AuthenticatorName != "":
		return pk.AuthenticatorName
	}
	return "Passkey"
}

// lastMethod names the way the user signed in last (user.lastLoginMethod).
func lastMethod(m string) string {
	switch m {
	case "":
		return "—"
	case "email", "password", "credential":
		return "Password"
	case "passkey":
		return "Passkey"
	case "magic-link":
		return "Email link"
	}
	return activity.Provider(m)
}

func (p *UserPage) sessionsCard() app.UI {
	m := p.m
	rows := sessionRows(m.sessions, time.Now())
	return app.Section().ID("admin-sessions").Class("card", "admin-card").Aria("labelledby", "admin-sessions-heading").Body(
		app.Div().Class("card-header").Body(
			app.H2().ID("admin-sessions-heading").Class("card-title").Text("Sessions"),
			app.P().Class("card-subtitle").Text("Browsers signed in to this account now."),
		),
		app.Div().Class("passkeys-messages").Body(
			app.Div().Class("form-alert").Body(
				app.If(m.alert != "" && m.alertFor == actRevokeAll, func() app.UI { return shell.AlertID("admin-sessions-error", m.alert) }),
			),
		),
		app.If(len(rows) == 0, func() app.UI {
			return app.Div().ID("admin-no-sessions").Class("admin-empty").Body(app.P().Class("muted").Text("Not signed in anywhere."))
		}).Else(func() app.UI {
			return app.Div().ID("admin-session-list").Role("list").Class("passkey-list").Body(
				app.Range(rows).Slice(func(i int) app.UI { return p.sessionItem(rows[i]) }),
			)
		}),
		app.If(len(rows) > 0 && !m.self(), p.revokeAllFooter),
	)
}

func (p *UserPage) sessionItem(r sessionRow) app.UI {
	btn := app.Button().Type("button").ID("admin-revoke-"+r.ID).Class("btn", "btn-ghost", "btn-ghost-danger", "btn-sm").OnClick(p.revokeOne(r))
	if p.m.sessionBusy == r.ID {
		btn = btn.Class("is-busy").Aria("disabled", "true").Body(shell.Spinner(), app.Span().Text("Signing out…"))
	} else {
		btn = btn.Body(app.Text("Sign out"), app.Span().Class("visually-hidden").Text(" "+r.Device))
	}
	return app.Div().ID("admin-session-"+r.ID).Role("listitem").Class("passkey-item").Body(
		app.Div().Class("passkey-main").Body(
			app.Div().Class("passkey-title").Body(
				app.P().Class("passkey-name").Text(r.Device),
				app.If(r.Impersonation, func() app.UI { return app.Span().Class("badge", "badge-admin").Text("Admin viewing") }),
			),
			app.P().Class("passkey-meta").Body(
				app.Span().Text(r.IP), app.Span().Text(r.Created), app.Span().Text(r.Active),
			),
		),
		app.Div().Class("passkey-actions").Body(btn),
	)
}

func (p *UserPage) revokeAllFooter() app.UI {
	m := p.m
	if m.panel != actRevokeAll {
		return app.Div().Class("card-footer").Body(
			app.Button().Type("button").ID("admin-revoke-all").Class("btn", "btn-secondary", "btn-sm").
				OnClick(p.opener(actRevokeAll, "admin-cancel-revoke-all")).Text("Sign out everywhere"),
		)
	}
	return app.Div().Class("admin-panel-wrap").Body(
		confirmPanel("Sign "+displayName(m.user().User)+" out of every device and browser?",
			dangerButton("admin-confirm-revoke-all", "Sign out everywhere", "Signing out…", m.busy == actRevokeAll, p.confirmRevokeAll),
			cancelButton("admin-cancel-revoke-all", p.cancel)),
	)
}

// manage is the card of the admin's actions on the account.
func (p *UserPage) manage() app.UI {
	m := p.m
	u := m.user()
	name := displayName(u.User)
	return app.Section().ID("admin-manage").Class("card", "admin-card").Aria("labelledby", "manage-heading").Body(
		app.Div().Class("card-header").Body(
			app.H2().ID("manage-heading").Class("card-title").Text("Manage"),
			app.If(m.self(), func() app.UI {
				return app.P().Class("card-subtitle").Text("This is your account: ask another admin to change your role, ban or remove it.")
			}),
		),
		app.Div().Class("admin-actions").Body(
			app.If(m.canChangeRole(), func() app.UI {
				title, text, label := "Make admin", name+" will be able to manage every user, as you can.", "Make admin"
				if u.Role == api.RoleAdmin {
					title, text, label = "Admin role", name+" is an admin. Removing the role takes their access to this area away.", "Remove admin role"
				}
				return p.actionRow(actRole, title, text, label, "admin-role", false, func() app.UI {
					question := "Make " + name + " an admin?"
					if u.Role == api.RoleAdmin {
						question = "Remove " + name + "'s admin role?"
					}
					return confirmPanel(question,
						dangerButton("admin-confirm-role", label, "Saving…", m.busy == actRole, p.confirmRole),
						cancelButton("admin-cancel-role", p.cancel))
				})
			}),
			app.If(m.canBan() && !u.Banned, func() app.UI {
				return p.actionRow(actBan, "Ban", "Signs "+name+" out everywhere and refuses every sign-in until the ban ends.",
					"Ban…", "admin-ban", true, p.banForm)
			}),
			app.If(m.canBan() && u.Banned, func() app.UI {
				return p.actionRow(actUnban, "Unban", name+" can sign in again at once.", "Unban…", "admin-unban", false, func() app.UI {
					return confirmPanel("Lift the ban on "+name+"?",
						primaryButton("admin-confirm-unban", "Unban", "Unbanning…", m.busy == actUnban, p.confirmUnban),
						cancelButton("admin-cancel-unban", p.cancel))
				})
			}),
			p.actionRow(actPassword, "Set password", "Give "+name+" a new password. Their sessions stay signed in.",
				"Set password…", "admin-set-password", false, p.passwordForm),
			app.If(m.canImpersonate(), func() app.UI {
				return p.actionRow(actImpersonate, "View as "+name, "Use the app as "+name+" for up to an hour, to see what they see. What you do is recorded as yours.",
					"Impersonate…", "admin-impersonate", false, func() app.UI {
						return confirmPanel("Sign in as "+name+"? You can stop from the banner at the bottom of every page.",
							primaryButton("admin-confirm-impersonate", "View as "+name, "Switching…", m.busy == actImpersonate, p.confirmImpersonate),
							cancelButton("admin-cancel-impersonate", p.cancel))
					})
			}).ElseIf(!m.self() && u.Role == api.RoleAdmin, func() app.UI {
				return app.P().Class("admin-action-note").Text("Admins can't be impersonated.")
			}),
			app.If(m.canRemove(), func() app.UI {
				return p.actionRow(actRemove, "Remove user", "Deletes the account, its passkeys and sessions. This can't be undone.",
					"Remove…", "admin-remove", true, p.removeForm)
			}),
		),
	)
}

// firstFocus is where focus goes when an action's confirmation opens: its first field, or Cancel
// where the only other choice is the action itself.
var firstFocus = map[string]string{
	actRole: "admin-cancel-role", actBan: "admin-ban-first", actUnban: "admin-confirm-unban",
	actPassword: "admin-set-password-first", actImpersonate: "admin-cancel-impersonate", actRemove: "admin-remove-first",
}

// actionRow is one action: its name and what it does, a button that opens its confirmation, and the
// confirmation (panel) in its place while open, with the action's error.
func (p *UserPage) actionRow(action, title, text, label, id string, danger bool, panel func() app.UI) app.UI {
	m := p.m
	open := m.panel == action
	btn := app.Button().Type("button").ID(id).Class("btn", "btn-secondary", "btn-sm").OnClick(p.opener(action, firstFocus[action])).Text(label)
	if danger {
		btn = btn.Class("btn-danger-outline")
	}
	return app.Div().ID(id+"-row").Class("admin-action").Body(
		app.Div().Class("admin-action-head").Body(
			app.Div().Class("admin-action-text").Body(
				app.P().Class("admin-action-title").Text(title),
				app.P().Class("admin-action-desc").Text(text),
			),
			app.If(!open, func() app.UI { return btn }),
		),
		app.Div().Class("form-alert").Body(
			app.If(m.alert != "" && m.alertFor == action, func() app.UI { return shell.AlertID(id+"-error", m.alert) }),
		),
		app.If(open, panel),
	)
}

func (p *UserPage) banForm() app.UI {
	m := p.m
	return app.Form().ID("admin-ban-form").Class("admin-panel", "admin-panel-danger").OnSubmit(p.confirmBan).Body(
		app.Div().Class("field").Body(
			app.Label().Class("field-label").For("admin-ban-first").Body(
				app.Text("Reason "), app.Span().Class("field-optional").Text("(shown to them when they try to sign in)"),
			),
			app.Input().ID("admin-ban-first").Class("input", "input-sm").Type("text").MaxLength(200).
				Value(m.banReason).OnInput(p.editBanReason),
		),
		app.Div().Class("field").Body(
			app.Label().Class("field-label").For("admin-ban-for").Text("Ban for"),
			app.Select().ID("admin-ban-for").Class("input", "input-sm", "admin-select").OnChange(p.chooseBanFor).Body(
				app.Range(banChoices).Slice(func(i int) app.UI {
					c := banChoices[i]
					return app.Option().Value(c.Key).Selected(m.banFor == c.Key).Text(c.Label)
				}),
			),
		),
		app.Div().Class("passkey-confirm-actions").Body(
			submitButton("admin-confirm-ban", "Ban "+displayName(m.user().User), "Banning…", m.busy == actBan, "btn-danger"),
			cancelButton("admin-cancel-ban", p.cancel),
		),
	)
}

func (p *UserPage) passwordForm() app.UI {
	m := p.m
	return app.Form().ID("admin-password-form").Class("admin-panel").OnSubmit(p.confirmPassword).Body(
		shell.Field{
			ID: "admin-set-password-first", Label: "New password", Type: "password", AutoComplete: "new-password",
			Value: m.newPassword, Hint: "At least 8 characters. Tell them through a channel you trust.",
			Error: m.passwordErr, OnInput: p.editPassword,
		}.UI(),
		app.Div().Class("passkey-confirm-actions").Body(
			submitButton("admin-confirm-password", "Set password", "Saving…", m.busy == actPassword, "btn-primary"),
			cancelButton("admin-cancel-password", p.cancel),
		),
	)
}

func (p *UserPage) removeForm() app.UI {
	m := p.m
	email := m.user().Email
	submit := submitButton("admin-confirm-remove", "Remove user", "Removing…", m.busy == actRemove, "btn-danger")
	if !m.removeConfirmed() {
		submit = app.Button().Type("submit").ID("admin-confirm-remove").Class("btn", "btn-danger", "btn-sm").Disabled(true).Text("Remove user")
	}
	return app.Form().ID("admin-remove-form").Class("admin-panel", "admin-panel-danger").OnSubmit(p.confirmRemove).Body(
		app.P().Class("passkey-confirm-text").Text("This removes "+displayName(m.user().User)+"'s account for good."),
		app.Div().Class("field").Body(
			app.Label().Class("field-label").For("admin-remove-first").Body(
				app.Text("Type "), app.Span().Class("admin-strong").Text(email), app.Text(" to confirm"),
			),
			app.Input().ID("admin-remove-first").Class("input", "input-sm").Type("text").Value(m.removeEmail).
				Attr("autocomplete", "off").Attr("autocapitalize", "none").Spellcheck(false).OnInput(p.editRemoveEmail),
		),
		app.Div().Class("passkey-confirm-actions").Body(submit, cancelButton("admin-cancel-remove", p.cancel)),
	)
}

func confirmPanel(question string, buttons ...app.UI) app.UI {
	return app.Div().Class("admin-panel").Role("group").Aria("label", question).Body(
		app.P().Class("admin-panel-text").Text(question),
		app.Div().Class("passkey-confirm-actions").Body(buttons...),
	)
}

func busyButton(b app.HTMLButton, label, busyLabel string, busy bool) app.UI {
	if busy {
		return b.Class("is-busy").Aria("disabled", "true").Body(shell.Spinner(), app.Span().Text(busyLabel))
	}
	return b.Text(label)
}

// The buttons of the confirmations.
func dangerButton(id, label, busyLabel string, busy bool, onClick app.EventHandler) app.UI {
	return busyButton(app.Button().Type("button").ID(id).Class("btn", "btn-danger", "btn-sm").OnClick(onClick), label, busyLabel, busy)
}

func primaryButton(id, label, busyLabel string, busy bool, onClick app.EventHandler) app.UI {
	return busyButton(app.Button().Type("button").ID(id).Class("btn", "btn-primary", "btn-sm").OnClick(onClick), label, busyLabel, busy)
}

func submitButton(id, label, busyLabel string, busy bool, class string) app.UI {
	return busyButton(app.Button().Type("submit").ID(id).Class("btn", class, "btn-sm"), label, busyLabel, busy)
}

func cancelButton(id string, onClick app.EventHandler) app.UI {
	return app.Button().Type("button").ID(id).Class("btn", "btn-secondary", "btn-sm").OnClick(onClick).Text("Cancel")
}

// activity is the account's audit events, newest first.
func (p *UserPage) activity() app.UI {
	m := p.m
	rows := eventRows(m.events, m.sec.User.ID, m.me.ID, time.Now())
	return app.Section().ID("admin-events").Class("card", "admin-card").Aria("labelledby", "events-heading").Body(
		app.Div().Class("card-header").Body(
			app.H2().ID("events-heading").Class("card-title").Text("Activity"),
			app.P().Class("card-subtitle").Text("Security events and admin actions on this account, newest first."),
		),
		app.If(len(rows) == 0, func() app.UI {
			return app.Div().Class("admin-empty").Body(app.P().Class("muted").Text("Nothing recorded yet."))
		}).Else(func() app.UI {
			return app.Div().ID("admin-event-list").Class("activity-list").Role("list").Body(
				app.Range(rows).Slice(func(i int) app.UI { return eventItem(rows[i]) }),
			)
		}),
	)
}

func eventItem(r eventRow) app.UI {
	return app.Div().Role("listitem").Class("activity-item").Body(
		app.Div().Class("activity-main").Body(
			app.P().Class("activity-title").Body(
				app.Text(r.Text),
				app.If(r.Detail != "", func() app.UI { return app.Span().Class("activity-detail").Text(" · " + r.Detail) }),
				app.If(r.Who != "", func() app.UI { return app.Span().Class("badge", "badge-admin", "activity-by").Text(r.Who) }),
			),
			app.P().Class("passkey-meta").Body(
				app.If(r.Where != "", func() app.UI { return app.Span().Text(r.Where) }),
				app.Span().Body(app.Time().Attr("datetime", r.At.UTC().Format(time.RFC3339)).Text(r.When)),
			),
		),
	)
}
