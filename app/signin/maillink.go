package signin

import (
	"errors"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/shell"
	"spacerr/shared/api"
	"spacerr/shared/validate"
)

// Where the mailed links lead: a sign-in link to the settings, a verification link to the page
// that says the address is verified.
const (
	afterMagicLink   = "/settings"
	afterVerifyEmail = "/verify-email"
)

// magicLink is "Email me a sign-in link": it uses the form's email field and, once the link is
// asked for, the card says "Check your email" in place of the form. Its rules are plain Go.
type magicLink struct {
	sending bool
	sentTo  string // the address the link went to; set, the page shows "Check your email"
	alert   string // why the last request failed
}

// start checks email with the shared validator and returns the request to send. err (an
// *api.Error naming the email field) is for the form to show under the field; ok is false with no
// err while a request already runs, so a double click sends one.
func (l *magicLink) start(email string) (req api.MagicLinkRequest, ok bool, err error) {
	if l.sending {
		return req, false, nil
	}
	req = api.MagicLinkRequest{Email: validate.NormalizeEmail(email), CallbackURL: afterMagicLink}
	if err := req.Validate(); err != nil {
		return req, false, err
	}
	l.sending, l.alert = true, ""
	return req, true, nil
}

// done records the answer. The server answers the same for any address, so success always says
// "Check your email".
func (l *magicLink) done(email string, err error) {
	l.sending = false
	if err != nil {
		l.alert = authapi.Message(err)
		return
	}
	l.sentTo = email
}

// back returns to the form for another address.
func (l *magicLink) back() { *l = magicLink{} }

// unverified is the answer to a password sign-in refused with EMAIL_NOT_VERIFIED: the server has
// just mailed a new verification link, and the alert offers to send another.
type unverified struct {
	email   string // the refused address; "" when the last sign-in was not refused for this
	sending bool
	sent    bool
	alert   string // why the last resend failed
}

// signInDone records a password sign-in's outcome.
func (u *unverified) signInDone(email string, err error) {
	*u = unverified{}
	var apiErr *api.Error
	if errors.As(err, &apiErr) && apiErr.Code == api.CodeEmailNotVerified {
		u.email = email
	}
}

// resend starts a new verification email; ok is false when there is nothing to resend or a
// request already runs.
func (u *unverified) resend() (req api.SendVerificationEmailRequest, ok bool) {
	if u.email == "" || u.sending {
		return req, false
	}
	u.sending, u.sent, u.alert = true, false, ""
	return api.SendVerificationEmailRequest{Email: u.email, CallbackURL: afterVerifyEmail}, true
}

func (u *unverified) resendDone(err error) {
	u.sending = false
	if err != nil {
		u.alert = authapi.Message(err)
		return
	}
	u.sent = true
}

// alertSlot is the form's alert slot: the "verify your email first" alert with its Resend button
// after an EMAIL_NOT_VERIFIED refusal, the form's own alert otherwise.
func (p *Page) alertSlot() app.UI {
	u := p.unverified
	if u.email == "" || p.model.Form.AlertCode() != api.CodeEmailNotVerified {
		return shell.AlertSlot(p.model.Form.Alert())
	}
	resend := app.Button().Type("button").ID("resend-verification").Class("btn", "btn-secondary", "btn-sm").OnClick(p.resendVerification)
	if u.sending {
		resend = resend.Class("is-busy").Aria("disabled", "true").Body(shell.Spinner(), app.Span().Text("Sending…"))
	} else {
		resend = resend.Text("Resend")
	}
	status := ""
	if u.sent {
		status = "Sent. We sent another link."
	}
	return app.Div().Class("form-alert").Body(
		shell.AlertID("email-not-verified", "Verify your email first. We sent a new link to "+u.email+".",
			app.Div().Class("verify-resend").Body(resend, shell.StatusLine("resend-verification-status", status)),
			app.If(u.alert != "", func() app.UI { return app.P().Class("alert-text").Text(u.alert) }),
		),
	)
}

func (p *Page) resendVerification(ctx app.Context, e app.Event) {
	req, ok := p.unverified.resend()
	if !ok {
		return
	}
	shell.Send(ctx, func(ctx app.Context) error { return authapi.Default.SendVerificationEmail(ctx, req) },
		func(ctx app.Context, err error) { p.unverified.resendDone(err) })
}

// magicLinkButton is "Email me a sign-in link", with how the last request failed under it. It is
// a plain button, so Enter in a field still signs in with the password.
func (p *Page) magicLinkButton() app.UI {
	btn := app.Button().Type("button").ID("magic-link-button").Class("btn", "btn-secondary", "btn-block").OnClick(p.magicLinkClick)
	if p.magic.sending {
		btn = btn.Class("is-busy").Aria("disabled", "true").Body(shell.Spinner(), app.Span().Text("Sending…"))
	} else {
		btn = btn.Text("Email me a sign-in link")
	}
	return app.Div().Class("magic-link-entry").Body(
		btn,
		app.Div().Class("form-alert").Body(
			app.If(p.magic.alert != "", func() app.UI { return shell.AlertID("magic-link-error", p.magic.alert) }),
		),
	)
}

func (p *Page) magicLinkClick(ctx app.Context, e app.Event) {
	if p.model.Form.Pending() {
		return
	}
	req, ok, err := p.magic.start(p.model.Email)
	if err != nil {
		// The email field shows the validator's sentence, as a submit would, and takes focus.
		shell.FocusAfterRender(ctx, p.model.Form.Done(err))
		return
	}
	if !ok {
		return
	}
	shell.Send(ctx, func(ctx app.Context) error { return authapi.Default.SignInMagicLink(ctx, req) },
		func(ctx app.Context, err error) { p.magic.done(req.Email, err) })
}

func (p *Page) magicLinkBack(ctx app.Context, e app.Event) {
	p.magic.back()
	shell.FocusAfterRender(ctx, fieldEmail)
}

// magicLinkSent is the card once a sign-in link was asked for.
func (p *Page) magicLinkSent() app.UI {
	return shell.Frame(shell.AuthCard(
		"Check your email",
		"We've sent a sign-in link to "+p.magic.sentTo+".",
		app.Div().ID("magic-link-sent").Class("stack").Role("status").Body(
			app.P().Class("muted").Text("Open it on this device to sign in. It works once and expires soon. Check your spam folder if it doesn't arrive."),
			app.Button().Type("button").ID("magic-link-back").Class("btn", "btn-secondary", "btn-block").
				OnClick(p.magicLinkBack).Text("Use another email"),
		),
		app.Span().Body(
			app.Text("New to Spacerr? "),
			app.A().Href("/sign-up").Text("Create an account"),
		),
	))
}
