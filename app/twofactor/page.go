package twofactor

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/shell"
	"spacerr/shared/api"
)

// The page's element ids, which the browser tests use.
const (
	idTOTP      = "totp-code"
	idBackup    = "backup-code"
	idToggle    = "use-backup-code"
	idTrust     = "trust-device"
	idError     = "two-factor-error"
	afterSignIn = "/settings"
)

// Page is the /sign-in/two-factor page: the second step of a password sign-in for an account with
// two-factor authentication. The challenge itself is the server's HttpOnly cookie; the page only
// sends a code against it.
type Page struct {
	app.Compo
	m ChallengeModel
}

// OnNav sets the title; it runs on the server too, so it must not call the API.
func (p *Page) OnNav(ctx app.Context) { ctx.Page().SetTitle(shell.Title("Two-factor authentication")) }

// OnMount sends a person who is already signed in on, and puts the cursor in the code input.
func (p *Page) OnMount(ctx app.Context) {
	shell.LeaveIfSignedIn(ctx)
	shell.FocusAfterRender(ctx, idTOTP)
}

// Render draws the challenge form.
func (p *Page) Render() app.UI {
	m := p.m
	lead := "Enter the 6-digit code from your authenticator app."
	toggle := "Use a backup code instead"
	if m.UseBackup {
		lead = "Enter one of the backup codes you saved when you turned on two-factor authentication."
		toggle = "Use your authenticator app instead"
	}

	form := app.Form().Class("form").NoValidate(true).Aria("busy", m.Pending()).OnSubmit(p.submit).Body(
		app.Div().Class("form-alert").Body(
			app.If(m.Error() != "", func() app.UI {
				var more app.UI
				if m.Over() {
					more = app.A().Class("error-link").Href("/sign-in").Text("Sign in again")
				}
				return shell.AlertID(idError, m.Error(), more)
			}),
		),
		p.codeField(),
		app.P().Class("two-factor-switch").Body(
			app.Button().Type("button").ID(idToggle).Class("link-button").OnClick(p.toggle).Text(toggle),
		),
		shell.Checkbox{ID: idTrust, Label: "Trust this device for 30 days", Checked: m.Trust, OnChange: p.toggleTrust}.UI(),
		shell.SubmitButton{Label: "Verify", BusyLabel: "Verifying…", Busy: m.Pending()}.UI(),
	)

	return shell.Frame(shell.AuthCard(
		"Two-factor authentication",
		lead,
		form,
		app.Span().Body(
			app.Text("Not you? "),
			app.A().Href("/sign-in").Text("Back to sign in"),
		),
	))
}

// codeField is the code input: the app's six digits, or a backup code. It is not a shell.Field
// because it needs inputmode, pattern and maxlength, and its error is the form's alert.
func (p *Page) codeField() app.UI {
	m := p.m
	input := app.Input().Class("input", "code-input").Type("text").Required(true).
		Attr("autocapitalize", "none").Spellcheck(false).OnInput(p.edit)
	var label string
	if m.UseBackup {
		label = "Backup code"
		input = input.ID(idBackup).Name(idBackup).Value(m.Backup).
			Attr("autocomplete", "off").Pattern("[0-9A-Za-z]{5}-?[0-9A-Za-z]{5}").MaxLength(11).
			Placeholder("XXXXX-XXXXX")
	} else {
		label = "Authentication code"
		input = input.ID(idTOTP).Name(idTOTP).Value(m.TOTP).
			Attr("autocomplete", "one-time-code").Attr("inputmode", "numeric").
			Pattern("[0-9]{6}").MaxLength(api.TOTPDigits)
	}
	id := idTOTP
	if m.UseBackup {
		id = idBackup
	}
	fieldClass := "field"
	if m.CodeInvalid() {
		fieldClass += " is-invalid"
		input = input.Aria("invalid", "true").Aria("describedby", idError)
	}
	return app.Div().Class(fieldClass).Body(
		app.Label().Class("field-label").For(id).Text(label),
		app.Div().Class("field-control").Body(input),
	)
}

func (p *Page) edit(ctx app.Context, e app.Event) {
	v := ctx.JSSrc().Get("value").String()
	if p.m.UseBackup {
		p.m.Backup = v
	} else {
		p.m.TOTP = v
	}
	p.m.Edited()
}

func (p *Page) toggle(ctx app.Context, e app.Event) {
	p.m.ToggleBackup()
	if p.m.UseBackup {
		shell.FocusAfterRender(ctx, idBackup)
	} else {
		shell.FocusAfterRender(ctx, idTOTP)
	}
}

func (p *Page) toggleTrust(ctx app.Context, e app.Event) { p.m.Trust = !p.m.Trust }

func (p *Page) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	req, ok := p.m.Submit()
	if !ok {
		p.focusCode(ctx)
		return
	}
	ctx.Async(func() {
		var err error
		switch r := req.(type) {
		case api.VerifyTOTPRequest:
			_, err = authapi.Default.VerifyTOTP(ctx, r)
		case api.VerifyBackupCodeRequest:
			_, err = authapi.Default.VerifyBackupCode(ctx, r)
		}
		ctx.Dispatch(func(ctx app.Context) {
			p.m.Done(err)
			if err == nil {
				shell.Redirect(ctx, afterSignIn)
				return
			}
			p.focusCode(ctx)
		})
	})
}

// focusCode puts the cursor back in the code input after an error about it, so the person can
// type again at once; other errors leave focus alone (the alert is announced).
func (p *Page) focusCode(ctx app.Context) {
	if !p.m.CodeInvalid() {
		return
	}
	if p.m.UseBackup {
		shell.FocusAfterRender(ctx, idBackup)
	} else {
		shell.FocusAfterRender(ctx, idTOTP)
	}
}
