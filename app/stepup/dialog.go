package stepup

import (
	"context"
	"errors"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/browser"
	"spacerr/app/shell"
	"spacerr/shared/api"
)

// The dialog's element ids, which the browser tests use.
const (
	IDPassword = "stepup-password"
	IDConfirm  = "stepup-confirm"
	IDPasskey  = "stepup-passkey"
	IDCancel   = "stepup-cancel"
	idTitle    = "stepup-title"
	idLead     = "stepup-lead"
	idStart    = "stepup-start" // focus sentinels that keep Tab inside the dialog
	idEnd      = "stepup-end"
)

// Dialog is the "Confirm it's you" modal. Put one on every page whose actions go through Do; it
// draws nothing until Do asks. It is a component so that it can be asked from any goroutine: Do
// reaches it through its own context, which stays valid while the cards under it change.
type Dialog struct {
	app.Compo

	m       model
	replies []chan bool // the waiting Do calls; confirming answers them all
	options []byte      // passkey request options, fetched on open so the click starts at once
	opener  string      // id of the element that had focus when the dialog opened
	ctx     app.Context
}

// OnMount makes the dialog the one Do asks.
func (d *Dialog) OnMount(ctx app.Context) {
	d.ctx = ctx
	setAsker(d, d.ask)
}

// OnDismount lets waiting actions go: nobody can confirm any more.
func (d *Dialog) OnDismount() {
	dropAsker(d)
	d.answer(false)
}

// ask opens the dialog from any goroutine and waits for the person.
func (d *Dialog) ask(ctx context.Context) bool {
	reply := make(chan bool, 1)
	d.ctx.Dispatch(func(ctx app.Context) { d.open(ctx, reply) })
	select {
	case ok := <-reply:
		return ok
	case <-ctx.Done():
		return false
	}
}

func (d *Dialog) open(ctx app.Context, reply chan bool) {
	d.replies = append(d.replies, reply)
	if d.m.open {
		return // a second action joins the confirmation already on screen
	}
	d.m.show()
	d.options = nil
	d.opener = browser.ActiveElementID()
	shell.FocusAfterRender(ctx, IDPassword)
	if browser.WebAuthnSupported() {
		d.fetchOptions(ctx)
	}
}

// fetchOptions offers the passkey button only when the account has a passkey and options came.
func (d *Dialog) fetchOptions(ctx app.Context) {
	ctx.Async(func() {
		st, err := authapi.Default.GetPasskeyStatus(ctx)
		var opts []byte
		if err == nil && st.HasPasskey {
			opts, err = authapi.Default.GeneratePasskeyReauthOptions(ctx)
		}
		ctx.Dispatch(func(ctx app.Context) {
			if err == nil && len(opts) > 0 && d.m.open {
				d.options, d.m.passkey = opts, true
				if !st.HasPassword && !d.m.passkeyOnly {
					// No password to type: the passkey is the only way, so it takes the focus.
					d.m.passkeyOnly = true
					shell.FocusAfterRender(ctx, IDPasskey)
				}
			}
		})
	})
}

// answer tells every waiting action the outcome and closes the dialog.
func (d *Dialog) answer(ok bool) {
	for _, r := range d.replies {
		r <- ok
	}
	d.replies = nil
	d.options = nil
	d.m.close()
	if opener := d.opener; opener != "" && d.ctx.Src() != nil {
		// Back to the button that started it, if the page still has it; callers may move focus on.
		d.ctx.Defer(func(app.Context) { browser.Focus(opener) })
	}
	d.opener = ""
}

func (d *Dialog) cancel(app.Context, app.Event) {
	if d.m.busy {
		return
	}
	d.answer(false)
}

func (d *Dialog) keyDown(ctx app.Context, e app.Event) {
	if shell.KeyName(e) == "Escape" {
		e.PreventDefault()
		d.cancel(ctx, e)
	}
}

func (d *Dialog) editPassword(ctx app.Context, e app.Event) {
	d.m.password = ctx.JSSrc().Get("value").String()
	d.m.fieldErr = ""
}

func (d *Dialog) submitPassword(ctx app.Context, e app.Event) {
	e.PreventDefault()
	password, ok := d.m.startPassword()
	if !ok {
		shell.FocusAfterRender(ctx, IDPassword)
		return
	}
	ctx.Async(func() {
		err := authapi.Default.VerifyPassword(ctx, password)
		ctx.Dispatch(func(ctx app.Context) {
			if d.m.done(err) {
				d.answer(true)
				return
			}
			shell.FocusAfterRender(ctx, IDPassword)
		})
	})
}

func (d *Dialog) usePasskey(ctx app.Context, e app.Event) {
	if d.m.busy || d.options == nil {
		return
	}
	d.m.busy, d.m.alert, d.m.fieldErr = true, "", ""
	opts := d.options
	d.options = nil // single-use
	ctx.Async(func() {
		// The browser call comes first, inside the click's user activation (Safari).
		cred, err := browser.GetCredential(ctx, opts, false)
		if err == nil {
			err = authapi.Default.VerifyPasskeyReauth(ctx, cred)
		}
		ctx.Dispatch(func(ctx app.Context) {
			if err == nil {
				d.m.busy = false
				d.answer(true)
				return
			}
			d.m.busy, d.m.passkey = false, false
			if !isCeremonyCancel(err) {
				d.m.alert = authapi.Message(err)
			}
			d.fetchOptions(ctx) // the next try needs a new challenge
		})
	})
}

// isCeremonyCancel is the person closing the browser's passkey prompt: not worth an alert.
func isCeremonyCancel(err error) bool {
	return errors.Is(err, browser.ErrCancelled) || errors.Is(err, browser.ErrAborted)
}

// focusFirst and focusLast keep Tab inside the dialog: the sentinels around it send focus round.
func (d *Dialog) focusFirst(app.Context, app.Event) {
	if d.m.passkeyOnly {
		browser.Focus(IDPasskey)
		return
	}
	browser.Focus(IDPassword)
}
func (d *Dialog) focusLast(app.Context, app.Event) { browser.Focus(IDCancel) }

// Render draws nothing while closed.
func (d *Dialog) Render() app.UI {
	if !d.m.open {
		return app.Div().Class("stepup-root")
	}
	busy := d.m.busy
	lead := "For your security, enter your password to continue."
	if d.m.passkeyOnly {
		lead = "For your security, use your passkey to continue."
	}
	return app.Div().Class("stepup-root").Body(
		app.Div().Class("stepup-backdrop").OnClick(d.cancel),
		app.Span().ID(idStart).TabIndex(0).Class("visually-hidden").OnFocus(d.focusLast),
		app.Div().Class("card", "stepup-dialog").Role("dialog").Aria("modal", "true").
			Aria("labelledby", idTitle).Aria("describedby", idLead).OnKeyDown(d.keyDown).Body(
			app.H2().ID(idTitle).Class("card-title").Text("Confirm it's you"),
			app.P().ID(idLead).Class("card-subtitle").Text(lead),
			app.Form().Class("form").NoValidate(true).Aria("busy", busy).OnSubmit(d.submitPassword).Body(
				shell.AlertSlot(d.m.alert),
				app.If(!d.m.passkeyOnly, func() app.UI {
					return d.passwordField()
				}),
				app.Div().Class("stepup-actions").Body(
					app.If(!d.m.passkeyOnly, func() app.UI { return confirmButton(busy) }),
					app.If(d.m.passkey, func() app.UI { return d.passkeyButton(busy) }),
					app.Button().ID(IDCancel).Type("button").Class("btn", "btn-ghost").OnClick(d.cancel).Text("Cancel"),
				),
			),
		),
		app.Span().ID(idEnd).TabIndex(0).Class("visually-hidden").OnFocus(d.focusFirst),
	)
}

func (d *Dialog) passwordField() app.UI {
	return shell.Field{
		ID:           IDPassword,
		Label:        "Password",
		Type:         "password",
		AutoComplete: "current-password",
		Value:        d.m.password,
		Error:        d.m.fieldErr,
		OnInput:      d.editPassword,
		OnBlur:       func(app.Context, app.Event) {},
	}.UI()
}

func (d *Dialog) passkeyButton(busy bool) app.UI {
	btn := app.Button().ID(IDPasskey).Type("button").Class("btn", "btn-secondary").OnClick(d.usePasskey)
	if busy {
		return btn.Class("is-busy").Aria("disabled", "true").Body(shell.Spinner(), app.Span().Text("Use a passkey"))
	}
	return btn.Body(shell.PasskeyIcon(), app.Span().Text("Use a passkey"))
}

func confirmButton(busy bool) app.UI {
	btn := app.Button().ID(IDConfirm).Type("submit").Class("btn", "btn-primary")
	if busy {
		return btn.Class("is-busy").Aria("disabled", "true").Body(shell.Spinner(), app.Span().Text("Checking…"))
	}
	return btn.Text("Confirm")
}

// model is the dialog's state, apart from go-app so it can be tested.
type model struct {
	open        bool
	busy        bool
	passkey     bool // offer "Use a passkey"
	passkeyOnly bool // the account has no password: the passkey is the only way
	password    string
	fieldErr    string
	alert       string
}

func (m *model) show() { *m = model{open: true} }

func (m *model) close() { *m = model{} }

// startPassword checks the field and marks the dialog busy; ok is false when nothing is sent.
func (m *model) startPassword() (password string, ok bool) {
	if m.busy {
		return "", false
	}
	if err := (api.VerifyPasswordRequest{Password: m.password}).Validate(); err != nil {
		m.fieldErr = authapi.Message(err)
		return "", false
	}
	m.busy, m.fieldErr, m.alert = true, "", ""
	return m.password, true
}

// done records the server's answer; true means the session is fresh again.
func (m *model) done(err error) bool {
	m.busy = false
	if err == nil {
		return true
	}
	var apiErr *api.Error
	if errors.As(err, &apiErr) && apiErr.Code == api.CodeInvalidPassword {
		m.fieldErr = "That password isn't right."
		return false
	}
	m.alert = authapi.Message(err)
	return false
}
