package settings

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/shell"
	"spacerr/app/stepup"
)

// The Password card's element ids, which the browser tests use.
const (
	idCurrentPassword = "current-password"
	idNewPassword     = "new-password"
	idSetNewPassword  = "set-new-password"
	idRevokeOthers    = "password-revoke-others" // not "revoke-other-sessions": that is the sessions card's button
	idPasswordStatus  = "password-status"
)

// passwordInputID is the element id of a password form field.
func passwordInputID(field string, hasPassword bool) string {
	switch {
	case field == fieldCurrentPassword:
		return idCurrentPassword
	case field == fieldNewPassword && hasPassword:
		return idNewPassword
	case field == fieldNewPassword:
		return idSetNewPassword
	}
	return ""
}

// passwordCard is the Password card: change the password, or set a first one.
func (c *securityCards) passwordCard() app.UI {
	known := c.tf.statusKnown
	has := c.tf.status.HasPassword
	var subtitle app.UI = app.P().Class("card-subtitle").Text(passwordSubtitle(known, has, signInWays{}))
	if known && !has {
		subtitle = &passwordlessSubtitle{Offline: c.Offline}
	}
	return app.Section().ID("password").Class("card", "security-card").Aria("labelledby", "password-heading").Body(
		app.Div().Class("card-header").Body(
			app.Div().Class("card-heading").Body(
				app.H2().ID("password-heading").Class("card-title").Text("Password"),
				subtitle,
				offlineNote(c.Offline),
			),
		),
		app.Div().Class("security-body").Body(
			shell.StatusLine(idPasswordStatus, c.pw.notice),
			app.If(!known, func() app.UI {
				if c.tf.alert != "" {
					return app.P().Class("muted").Text("Your password settings can't be shown right now.")
				}
				return app.Div().Class("is-loading").Aria("busy", "true").Body(
					app.Span().Class("skeleton", "skeleton-line"),
					app.Span().Class("skeleton", "skeleton-line", "skeleton-short"),
				)
			}).ElseIf(has, c.changePasswordForm).Else(c.setPasswordForm),
		),
	)
}

func (c *securityCards) changePasswordForm() app.UI {
	m := c.pw
	busy := m.form.Pending()
	return app.Form().Class("form", "security-form").NoValidate(true).Aria("busy", busy).OnSubmit(c.submitChange).Body(
		shell.AlertSlot(m.form.Alert()),
		c.usernameHint(),
		shell.Field{
			ID:           idCurrentPassword,
			Label:        "Current password",
			Type:         "password",
			AutoComplete: "current-password",
			Value:        m.current,
			Error:        m.message(fieldCurrentPassword, true),
			OnInput:      c.editPassword(fieldCurrentPassword, &c.pw.current),
			OnBlur:       shell.BlurField(&c.pw.form, fieldCurrentPassword),
		}.UI(),
		shell.Field{
			ID:           idNewPassword,
			Label:        "New password",
			Type:         "password",
			AutoComplete: "new-password",
			Value:        m.next,
			Hint:         "At least 8 characters.",
			Error:        m.message(fieldNewPassword, true),
			OnInput:      c.editPassword(fieldNewPassword, &c.pw.next),
			OnBlur:       shell.BlurField(&c.pw.form, fieldNewPassword),
		}.UI(),
		shell.Checkbox{ID: idRevokeOthers, Label: "Sign out of other devices", Checked: m.revoke, OnChange: c.toggleRevoke}.UI(),
		app.Div().Class("security-actions").Body(
			shell.SubmitButton{Label: "Change password", BusyLabel: "Changing…", Busy: busy}.UI(),
		),
	)
}

func (c *securityCards) setPasswordForm() app.UI {
	m := c.pw
	busy := m.form.Pending()
	return app.Form().Class("form", "security-form").NoValidate(true).Aria("busy", busy).OnSubmit(c.submitSet).Body(
		shell.AlertSlot(m.form.Alert()),
		c.usernameHint(),
		shell.Field{
			ID:           idSetNewPassword,
			Label:        "New password",
			Type:         "password",
			AutoComplete: "new-password",
			Value:        m.next,
			Hint:         "At least 8 characters.",
			Error:        m.message(fieldNewPassword, false),
			OnInput:      c.editPassword(fieldNewPassword, &c.pw.next),
			OnBlur:       shell.BlurField(&c.pw.form, fieldNewPassword),
		}.UI(),
		app.Div().Class("security-actions").Body(
			shell.SubmitButton{Label: "Set password", BusyLabel: "Setting…", Busy: busy}.UI(),
		),
	)
}

// usernameHint tells password managers which account the new password belongs to, so they update
// the right entry. It is hidden: the person knows their email.
func (c *securityCards) usernameHint() app.UI {
	return app.Input().Type("email").Name("username").Attr("autocomplete", "username").
		Value(c.User.Email).Hidden(true)
}

func (c *securityCards) editPassword(field string, value *string) app.EventHandler {
	store := c.ValueTo(value)
	return func(ctx app.Context, e app.Event) {
		store(ctx, e)
		c.pw.edited(field)
	}
}

func (c *securityCards) toggleRevoke(ctx app.Context, e app.Event) { c.pw.revoke = !c.pw.revoke }

func (c *securityCards) submitChange(ctx app.Context, e app.Event) {
	e.PreventDefault()
	req, ok, focus := c.pw.submitChange()
	if !ok {
		shell.FocusAfterRender(ctx, passwordInputID(focus, true))
		return
	}
	ctx.Async(func() {
		err := stepup.Do(ctx, func() error {
			_, err := authapi.Default.ChangePassword(ctx, req)
			return err
		})
		ctx.Dispatch(func(ctx app.Context) {
			c.passwordStateFrom(err)
			focus := c.pw.done(err, false, req.RevokeOtherSessions)
			shell.FocusAfterRender(ctx, passwordInputID(focus, c.tf.status.HasPassword))
		})
	})
}

func (c *securityCards) submitSet(ctx app.Context, e app.Event) {
	e.PreventDefault()
	req, ok, focus := c.pw.submitSet()
	if !ok {
		shell.FocusAfterRender(ctx, passwordInputID(focus, false))
		return
	}
	ctx.Async(func() {
		err := stepup.Do(ctx, func() error { return authapi.Default.SetPassword(ctx, req.NewPassword) })
		ctx.Dispatch(func(ctx app.Context) {
			c.passwordStateFrom(err)
			focus := c.pw.done(err, true, false)
			if err == nil {
				c.tf.passwordSet()
			}
			c.saveStatus(ctx)
			shell.FocusAfterRender(ctx, passwordInputID(focus, c.tf.status.HasPassword))
		})
	})
}

// passwordlessSubtitle is the Password card's subtitle for a user without a password. It asks the
// server how they sign in instead (passkeys, Google), which the two-factor status the card loads does
// not say; offline it keeps the neutral wording.
type passwordlessSubtitle struct {
	app.Compo
	Offline bool

	ways signInWays
}

func (s *passwordlessSubtitle) OnMount(ctx app.Context) {
	if s.Offline {
		return
	}
	ctx.Async(func() {
		st, errPasskeys := authapi.Default.GetPasskeyStatus(ctx)
		accs, errAccounts := authapi.Default.ListAccounts(ctx)
		if errPasskeys != nil || errAccounts != nil {
			return // the neutral wording stays: better vague than wrong
		}
		ctx.Dispatch(func(app.Context) { s.ways = waysOf(st, accs) })
	})
}

func (s *passwordlessSubtitle) Render() app.UI {
	return app.P().Class("card-subtitle").Text(passwordSubtitle(true, false, s.ways))
}
