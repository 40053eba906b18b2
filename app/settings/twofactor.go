package settings

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/shell"
	"spacerr/app/stepup"
	"spacerr/app/twofactor"
	"spacerr/shared/api"
)

// The Two-factor authentication card's element ids, which the browser tests use.
const (
	idEnable2FA      = "enable-2fa"
	idDisable2FA     = "disable-2fa"
	idRegenerate     = "regenerate-codes"
	id2FAPassword    = "2fa-password"
	id2FAContinue    = "2fa-continue"
	idCancel2FA      = "cancel-2fa"
	idTOTPQR         = "totp-qr"
	idTOTPSecret     = "totp-secret"
	idCopySecret     = "copy-totp-secret"
	idTOTPURILink    = "totp-uri-link"
	id2FAVerifyCode  = "2fa-verify-code"
	idBackupCodes    = "backup-codes"
	idDownloadCodes  = "download-backup-codes"
	idCopyCodes      = "copy-backup-codes"
	idSavedCodes     = "saved-codes"
	idFinish2FA      = "finish-2fa"
	idCodesRemaining = "backup-codes-remaining"
	id2FAAlert       = "two-factor-alert"
	id2FAStatus      = "two-factor-status"
	id2FABadge       = "two-factor-badge"
)

// twoFactorCard is the Two-factor authentication card: its state, and the flows to turn it on
// (password, scan, confirm a code, save the backup codes), get new backup codes, and turn it off.
func (c *securityCards) twoFactorCard() app.UI {
	m := c.tf
	return app.Section().ID("two-factor").Class("card", "security-card").Aria("labelledby", "two-factor-heading").Body(
		app.Div().Class("card-header", "card-header-row").Body(
			app.Div().Class("card-heading").Body(
				app.Div().Class("security-title").Body(
					app.H2().ID("two-factor-heading").Class("card-title").Text("Two-factor authentication"),
					app.If(m.statusKnown, func() app.UI {
						if m.status.Enabled {
							return app.Span().ID(id2FABadge).Class("badge", "badge-on").Text("On")
						}
						return app.Span().ID(id2FABadge).Class("badge", "badge-off").Text("Off")
					}),
				),
				app.P().Class("card-subtitle").Text(m.summary()),
				offlineNote(c.Offline),
			),
		),
		app.Div().Class("security-messages").Body(
			app.Div().Class("form-alert").Body(
				app.If(m.alert != "", func() app.UI {
					var retry app.UI
					if !m.loaded {
						retry = app.Button().Type("button").Class("link-button").OnClick(c.retry).Text("Try again")
					}
					return shell.AlertID(id2FAAlert, m.alert, retry)
				}).ElseIf(c.copyErr != "", func() app.UI {
					return shell.AlertID(id2FAAlert, c.copyErr)
				}),
			),
			shell.StatusLine(id2FAStatus, m.notice),
		),
		app.Div().Class("security-body").Body(c.twoFactorBody()),
	)
}

func (c *securityCards) twoFactorBody() app.UI {
	m := c.tf
	switch {
	case m.step == tfPassword:
		return c.tfPasswordForm()
	case m.step == tfScan:
		return c.tfScan()
	case m.step == tfCodes:
		return c.tfCodes()
	case !m.statusKnown && m.alert != "":
		return app.P().Class("muted").Text("Your two-factor settings can't be shown right now.")
	case !m.statusKnown:
		return app.Div().Class("is-loading").Aria("busy", "true").Body(
			app.Span().Class("skeleton", "skeleton-line"),
			app.Span().Class("skeleton", "skeleton-line", "skeleton-short"),
		)
	case !m.status.HasPassword && !m.status.Enabled:
		return app.Div().Class("security-row").Body(
			app.P().Class("security-text").Text("Two-factor authentication protects signing in with a password, and your account has none yet."),
			app.A().ID("set-password-first").Class("btn", "btn-secondary", "btn-sm").Href("#password").Text("Set a password first"),
		)
	case m.status.Enabled:
		remaining := app.P().ID(idCodesRemaining).Class("security-text").Text(m.remaining())
		if m.fewCodes() {
			remaining = app.P().ID(idCodesRemaining).Class("security-text", "security-warning").Body(
				app.Span().Class("field-error-icon").Aria("hidden", "true").Text("!"),
				app.Span().Text(m.remaining()),
			)
		}
		return app.Div().Class("security-enabled").Body(
			remaining,
			app.If(m.status.PendingVerification, func() app.UI {
				return app.Div().Class("security-row").Body(
					app.P().Class("security-text").Text("You started setting up a new authenticator app and didn't finish. Your current app still works."),
					app.Button().Type("button").ID(idEnable2FA).Class("btn", "btn-secondary", "btn-sm").OnClick(c.start(tfEnable)).Text("Finish setup"),
				)
			}),
			app.Div().Class("security-actions").Body(
				app.Button().Type("button").ID(idRegenerate).Class("btn", "btn-secondary", "btn-sm").
					OnClick(c.start(tfRegenerate)).Text("Regenerate backup codes"),
				app.Button().Type("button").ID(idDisable2FA).Class("btn", "btn-ghost", "btn-ghost-danger", "btn-sm").
					OnClick(c.start(tfDisable)).Text("Turn off"),
			),
		)
	}
	text := "Protect your account with a code from an authenticator app, such as Google Authenticator, 1Password or Authy, when you sign in with your password."
	label := "Turn on"
	if m.status.PendingVerification {
		text = "You started setting up two-factor authentication and didn't finish. Start again to get a new key."
		label = "Finish setup"
	}
	return app.Div().Class("security-row").Body(
		app.P().Class("security-text").Text(text),
		app.Button().Type("button").ID(idEnable2FA).Class("btn", "btn-primary", "btn-sm").OnClick(c.start(tfEnable)).Text(label),
	)
}

// button is an inline action button; while busy it shows a spinner and busyLabel and is
// aria-disabled (not disabled, which would drop keyboard focus).
func button(typ, id, label, busyLabel string, busy bool, class ...string) app.HTMLButton {
	b := app.Button().Type(typ).Class("btn", "btn-sm").Class(class...)
	if id != "" {
		b = b.ID(id)
	}
	if busy {
		return b.Class("is-busy").Aria("disabled", "true").Body(shell.Spinner(), app.Span().Text(busyLabel))
	}
	return b.Text(label)
}

func (c *securityCards) cancelButton() app.UI {
	return app.Button().Type("button").ID(idCancel2FA).Class("btn", "btn-secondary", "btn-sm").OnClick(c.cancel).Text("Cancel")
}

func (c *securityCards) tfPasswordForm() app.UI {
	m := c.tf
	busy := m.pwForm.Pending()
	text := "Enter your password to set up an authenticator app."
	submit := button("submit", id2FAContinue, "Continue", "Checking…", busy, "btn-primary")
	switch m.action {
	case tfRegenerate:
		text = "Enter your password to get new backup codes. Your current backup codes will stop working."
	case tfDisable:
		text = "Turning off two-factor authentication leaves your password as the only thing protecting your account. Enter your password to turn it off."
		submit = button("submit", id2FAContinue, "Turn off", "Turning off…", busy, "btn-danger")
	}
	f := app.Form().Class("form", "security-form")
	if m.action == tfDisable {
		f = f.Class("security-confirm")
	}
	return f.NoValidate(true).Aria("busy", busy).OnSubmit(c.submitPassword).Body(
		app.P().Class("security-text").Text(text),
		shell.AlertSlot(m.pwForm.Alert()),
		shell.Field{
			ID:           id2FAPassword,
			Label:        "Password",
			Type:         "password",
			AutoComplete: "current-password",
			Value:        m.password,
			Error:        m.passwordMessage(),
			OnInput:      c.edit2FA(&c.tf.pwForm, fieldPassword, &c.tf.password),
			OnBlur:       shell.BlurField(&c.tf.pwForm, fieldPassword),
		}.UI(),
		app.Div().Class("security-actions").Body(submit, c.cancelButton()),
	)
}

func (c *securityCards) tfScan() app.UI {
	m := c.tf
	busy := m.codeForm.Pending()
	codeErr := m.codeMessage()
	input := app.Input().ID(id2FAVerifyCode).Name(fieldCode).Class("input", "code-input").Type("text").
		Value(m.code).Required(true).Attr("autocomplete", "one-time-code").Attr("inputmode", "numeric").
		Pattern("[0-9]{6}").MaxLength(api.TOTPDigits).Attr("autocapitalize", "none").Spellcheck(false).
		OnInput(c.edit2FA(&c.tf.codeForm, fieldCode, &c.tf.code)).OnBlur(shell.BlurField(&c.tf.codeForm, fieldCode))
	fieldClass := "field"
	if codeErr != "" {
		fieldClass += " is-invalid"
		input = input.Aria("invalid", "true").Aria("describedby", id2FAVerifyCode+"-error")
	}
	step1 := "Add Spacerr to your authenticator app: enter the setup key."
	if m.qr != "" {
		step1 = "Add Spacerr to your authenticator app: scan the QR code, or enter the setup key."
	}
	return app.Div().Class("security-step").Body(
		app.P().Class("security-text").Body(
			app.Span().Class("security-step-number").Text("1. "),
			app.Text(step1),
		),
		app.Div().Class("totp-setup").Body(
			// The server draws the QR code (no QR encoder in app.wasm). Without one the element
			// stays empty, and CSS hides it.
			app.Div().ID(idTOTPQR).Class("totp-qr").Body(
				app.If(m.qr != "", func() app.UI {
					return app.Img().Src(m.qr).Alt("QR code of the setup key, for your authenticator app").
						Width(240).Height(240)
				}),
			),
			app.Div().Class("totp-key").Body(
				app.P().Class("field-label").Text("Setup key"),
				app.Div().Class("totp-key-row").Body(
					app.Span().ID(idTOTPSecret).Class("totp-secret").Text(m.secret),
					button("button", idCopySecret, c.copyLabel("secret", "Copy key"), "", false, "btn-secondary").
						OnClick(c.copy("secret", func() string { return c.tf.secret })),
				),
				app.P().Class("field-hint").Body(
					app.Text("On this device? "),
					app.A().ID(idTOTPURILink).Href(m.uri).Text("Open in your authenticator app"),
				),
			),
		),
		app.Form().Class("form", "security-form").NoValidate(true).Aria("busy", busy).OnSubmit(c.submitCode).Body(
			app.P().Class("security-text").Body(
				app.Span().Class("security-step-number").Text("2. "),
				app.Text("Enter the 6-digit code the app shows."),
			),
			shell.AlertSlot(m.codeForm.Alert()),
			app.Div().Class(fieldClass).Body(
				app.Label().Class("field-label").For(id2FAVerifyCode).Text("Code from the app"),
				app.Div().Class("field-control", "code-control").Body(input),
				app.If(codeErr != "", func() app.UI {
					return app.P().ID(id2FAVerifyCode+"-error").Class("field-error").Body(
						app.Span().Class("field-error-icon").Aria("hidden", "true").Text("!"),
						app.Span().Text(codeErr),
					)
				}),
			),
			app.Div().Class("security-actions").Body(
				button("submit", "", "Verify", "Verifying…", busy, "btn-primary"),
				c.cancelButton(),
			),
		),
	)
}

func (c *securityCards) tfCodes() app.UI {
	m := c.tf
	codes := m.codes
	done := app.Button().Type("button").ID(idFinish2FA).Class("btn", "btn-primary", "btn-sm").OnClick(c.finish).Text("Done")
	if !m.saved {
		done = done.Disabled(true)
	}
	return app.Div().Class("security-step").Body(
		app.P().Class("security-text").Text(
			"Save these backup codes somewhere safe. Each one signs you in once when you can't use your authenticator app. They won't be shown again."),
		// A div with list roles rather than ul/li, as the passkey list, to keep app.wasm small.
		app.Div().ID(idBackupCodes).Role("list").Class("backup-codes").Body(
			app.Range(codes).Slice(func(i int) app.UI {
				return app.Div().Role("listitem").Body(app.Span().Class("backup-code").Text(codes[i]))
			}),
		),
		app.Div().Class("security-actions").Body(
			// A data: link downloads without JavaScript's help (go-app leaves links with a download
			// attribute to the browser). Browsers block opening a data: URL as a page, not
			// downloading one; the codes leave the DOM with the link.
			app.A().ID(idDownloadCodes).Class("btn", "btn-secondary", "btn-sm").
				Href(twofactor.BackupCodesDataURL(codes)).Download(twofactor.BackupCodesFileName).Text("Download"),
			button("button", idCopyCodes, c.copyLabel("codes", "Copy"), "", false, "btn-secondary").
				OnClick(c.copy("codes", func() string { return twofactor.BackupCodesText(c.tf.codes) })),
		),
		shell.Checkbox{ID: idSavedCodes, Label: "I have saved these codes", Checked: m.saved, OnChange: c.toggleSaved}.UI(),
		app.Div().Class("security-actions").Body(done),
	)
}

func (c *securityCards) copyLabel(what, label string) string {
	if c.copied == what {
		return "Copied"
	}
	return label
}

func (c *securityCards) edit2FA(f interface{ Edit(string) }, field string, value *string) app.EventHandler {
	store := c.ValueTo(value)
	return func(ctx app.Context, e app.Event) {
		store(ctx, e)
		f.Edit(field)
	}
}

func (c *securityCards) start(a tfAction) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if c.tf.start(a) {
			c.copied, c.copyErr = "", ""
			shell.FocusAfterRender(ctx, id2FAPassword)
		}
	}
}

func (c *securityCards) cancel(ctx app.Context, e app.Event) {
	if c.tf.busy() {
		return
	}
	a := c.tf.action
	c.tf.cancel()
	switch a {
	case tfRegenerate:
		shell.FocusAfterRender(ctx, idRegenerate)
	case tfDisable:
		shell.FocusAfterRender(ctx, idDisable2FA)
	default:
		shell.FocusAfterRender(ctx, idEnable2FA)
	}
}

func (c *securityCards) submitPassword(ctx app.Context, e app.Event) {
	e.PreventDefault()
	password, ok, focus := c.tf.submitPassword()
	if !ok {
		if focus != "" {
			shell.FocusAfterRender(ctx, id2FAPassword)
		}
		return
	}
	action := c.tf.action
	ctx.Async(func() {
		var res api.EnableTwoFactorResponse
		var codes []string
		err := stepup.Do(ctx, func() (err error) {
			switch action {
			case tfEnable:
				res, err = authapi.Default.EnableTwoFactor(ctx, password)
			case tfRegenerate:
				codes, err = authapi.Default.GenerateBackupCodes(ctx, password)
			case tfDisable:
				err = authapi.Default.DisableTwoFactor(ctx, password)
			}
			return err
		})
		ctx.Dispatch(func(ctx app.Context) {
			focus := c.tf.passwordDone(res, codes, err)
			c.saveStatus(ctx)
			switch {
			case focus != "":
				shell.FocusAfterRender(ctx, id2FAPassword)
			case err != nil:
			case c.tf.step == tfScan:
				shell.FocusAfterRender(ctx, id2FAVerifyCode)
			case c.tf.step == tfCodes:
				shell.FocusAfterRender(ctx, idSavedCodes)
			default:
				shell.FocusAfterRender(ctx, idEnable2FA)
			}
		})
	})
}

func (c *securityCards) submitCode(ctx app.Context, e app.Event) {
	e.PreventDefault()
	req, ok, focus := c.tf.submitCode()
	if !ok {
		if focus != "" {
			shell.FocusAfterRender(ctx, id2FAVerifyCode)
		}
		return
	}
	ctx.Async(func() {
		_, err := authapi.Default.VerifyTOTP(ctx, req)
		ctx.Dispatch(func(ctx app.Context) {
			focus := c.tf.codeDone(err)
			c.saveStatus(ctx)
			switch {
			case focus != "":
				shell.FocusAfterRender(ctx, id2FAVerifyCode)
			case err == nil:
				shell.FocusAfterRender(ctx, idSavedCodes)
			}
		})
	})
}

func (c *securityCards) toggleSaved(ctx app.Context, e app.Event) { c.tf.toggleSaved() }

func (c *securityCards) finish(ctx app.Context, e app.Event) {
	if c.tf.finish() {
		c.copied = ""
		if c.tf.status.Enabled {
			shell.FocusAfterRender(ctx, idRegenerate)
		}
	}
}
