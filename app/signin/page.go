package signin

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/browser"
	"spacerr/app/passkey"
	"spacerr/app/shell"
)

// Page is the /sign-in page.
type Page struct {
	app.Compo
	model Model

	passkey       passkeyFlow
	noWebAuthn    bool   // the browser has no WebAuthn: the passkey button is hidden
	conditionalOK bool   // the browser offers passkeys in the email field's autofill
	hasPasskey    bool   // the cached status says the last account here has a passkey
	lastUsed      string // how this browser last signed in, from the cookie; read before the first render
	magic         magicLink
	unverified    unverified
	google        GoogleSignIn
}

// OnInit runs on the server's prerender and in the browser. The cookie is read here, before the
// first render in the browser, not in OnMount: read later, it reordered the ways in just after the
// page became usable, replacing the email field under the cursor of someone already typing (the
// server's prerender has no cookie and keeps the default order).
func (p *Page) OnInit() {
	p.model = NewModel()
	p.lastUsed = LastUsedLoginMethod()
}

// OnNav sets the title; it runs on the server too, so it must not call the API.
func (p *Page) OnNav(ctx app.Context) { ctx.Page().SetTitle(shell.Title("Sign in")) }

// OnMount sends a person who is already signed in on to their settings, and gets passkey sign-in
// ready: options fetched before any click, and the email field's autofill offering passkeys where
// the browser can.
func (p *Page) OnMount(ctx app.Context) {
	shell.LeaveIfSignedIn(ctx)
	u := ctx.Page().URL()
	p.google.Returned(u.Query().Get("error"))
	if clean, changed := withoutError(u); changed {
		ctx.Page().ReplaceURL(clean) // the alert stays on screen; only the address forgets it
	}
	p.fetchProviders(ctx)
	if c, ok := passkey.LoadStatus(ctx.LocalStorage()); ok {
		p.hasPasskey = c.Status.HasPasskey
	}
	if !browser.WebAuthnSupported() {
		p.noWebAuthn = true
		return
	}
	p.passkey.wantQuiet = true
	ctx.Async(func() {
		ok := browser.ConditionalMediationAvailable(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			p.conditionalOK = ok
			p.startPasskey(ctx, p.passkey.startConditional(time.Now(), ok))
		})
	})
	p.fetchPasskeyOptions(ctx)
}

// OnDismount stops the waiting autofill request: the page that would use its answer is gone.
func (p *Page) OnDismount() { browser.AbortConditional() }

// Render draws the form from the model.
func (p *Page) Render() app.UI {
	// The order is decided by the cookie, never by starting anything: the passkey dialog opens only
	// on a click (or in the email field's autofill).
	emailFirst, badge := signInOrder(p.lastUsed, !p.noWebAuthn, p.google.Offered)
	if p.magic.sentTo != "" {
		return p.magicLinkSent()
	}
	m := p.model
	busy := m.Form.Pending()
	passwordType := "password"
	if m.ShowPassword {
		passwordType = "text"
	}

	form := app.Form().Class("form").NoValidate(true).Aria("busy", busy).OnSubmit(p.submit).Body(
		p.alertSlot(),
		shell.Field{
			ID:           fieldEmail,
			Label:        "Email",
			Type:         "email",
			AutoComplete: "username webauthn",
			Value:        m.Email,
			Error:        m.Message(fieldEmail),
			OnInput:      p.edit(fieldEmail, &p.model.Email),
			OnBlur:       p.blur(fieldEmail),
		}.UI(),
		shell.Field{
			ID:           fieldPassword,
			Label:        "Password",
			Type:         passwordType,
			AutoComplete: "current-password",
			Value:        m.Password,
			Error:        m.Message(fieldPassword),
			OnInput:      p.edit(fieldPassword, &p.model.Password),
			OnBlur:       p.blur(fieldPassword),
			Trailing:     shell.RevealToggle(fieldPassword, m.ShowPassword, p.togglePassword),
		}.UI(),
		app.Div().Class("signin-row").Body(
			shell.Checkbox{
				ID:       "remember",
				Label:    "Remember me",
				Checked:  m.Remember,
				OnChange: p.toggleRemember,
			}.UI(),
			app.A().Href("/forgot-password").ID("forgot-password-link").Class("forgot-link").Text("Forgot password?"),
		),
		shell.SubmitButton{Label: "Sign in", BusyLabel: "Signing in…", Busy: busy}.UI(),
		lastUsed(badge == MethodMagicLink, p.magicLinkButton()),
	)
	emailOption := lastUsed(badge == MethodEmail, form)
	// The other ways in (Google, a passkey) share one block, on the side of the divider the cookie says.
	var others []app.UI
	if p.google.Offered {
		others = append(others, lastUsed(badge == MethodGoogle, p.googleButton()))
	}
	if !p.noWebAuthn {
		others = append(others,
			lastUsed(badge == MethodPasskey, p.passkeyButton()),
			app.If(p.hasPasskey, func() app.UI {
				return app.P().Class("passkey-hint").Text("Your account has a passkey: use it to sign in without a password.")
			}),
			passkeyMessage(p.passkey.message, p.passkey.calm),
		)
	}
	var othersOption app.UI = app.If(len(others) > 0, func() app.UI {
		if emailFirst {
			return app.Div().Class("passkey-entry").Body(append([]app.UI{shell.Divider("or")}, others...)...)
		}
		return app.Div().Class("passkey-entry").Body(append(others, shell.Divider("or"))...)
	})
	// A Google sign-in that failed comes back here; its alert leads the card, above every way in.
	socialAlert := app.If(p.google.Alert != "", func() app.UI {
		return app.Div().Class("social-alert").Body(shell.AlertID("social-error", p.google.Alert))
	})
	options := app.Div().Body(socialAlert, othersOption, emailOption)
	if emailFirst {
		options = app.Div().Body(socialAlert, emailOption, othersOption)
	}

	return shell.Frame(shell.AuthCard(
		"Sign in to Spacerr",
		"Welcome back. Enter your details to continue.",
		options,
		app.Span().Body(
			app.Text("New to Spacerr? "),
			app.A().Href("/sign-up").Text("Create an account"),
		),
	))
}

func (p *Page) edit(field string, value *string) app.EventHandler {
	return shell.EditField(&p.Compo, &p.model.Form, field, value)
}

func (p *Page) blur(field string) app.EventHandler { return shell.BlurField(&p.model.Form, field) }

func (p *Page) togglePassword(ctx app.Context, e app.Event) {
	p.model.ShowPassword = !p.model.ShowPassword
}

func (p *Page) toggleRemember(ctx app.Context, e app.Event) {
	p.model.Remember = !p.model.Remember
}

func (p *Page) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	ok, focus := p.model.Submit()
	if !ok {
		shell.FocusAfterRender(ctx, focus)
		return
	}
	req := p.model.Request()
	ctx.Async(func() {
		res, err := authapi.Default.SignInEmail(ctx, req)
		ctx.Dispatch(func(ctx app.Context) {
			p.unverified.signInDone(req.Email, err)
			if err != nil {
				shell.FocusAfterRender(ctx, p.model.Form.Done(err))
				return
			}
			next := afterSignIn(res)
			if res.TwoFactorRedirect {
				// A step forward, not a redirect: Back returns to this form.
				ctx.Navigate(next)
				return
			}
			shell.Redirect(ctx, next)
		})
	})
}

// passkeyButton is "Sign in with a passkey". It lives outside the form, so Enter in a field still
// signs in with the password.
func (p *Page) passkeyButton() app.UI {
	btn := app.Button().Type("button").ID("passkey-sign-in").Class("btn", "btn-secondary", "btn-block").OnClick(p.passkeyClick)
	if p.passkey.busy() {
		label := "Waiting for your passkey…"
		if p.passkey.verifying {
			label = "Signing in…"
		}
		return btn.Class("is-busy").Aria("disabled", "true").Body(shell.Spinner(), app.Span().Text(label))
	}
	return btn.Body(shell.PasskeyIcon(), app.Span().Text("Sign in with a passkey"))
}

// passkeyMessage is how the last passkey attempt ended, under the button: calm for a cancellation,
// an error otherwise. Both are announced (role="alert").
func passkeyMessage(message string, calm bool) app.UI {
	return app.Div().Class("form-alert").Body(
		app.If(message != "", func() app.UI {
			if calm {
				return shell.Notice("passkey-error", message)
			}
			return shell.AlertID("passkey-error", message)
		}),
	)
}

func (p *Page) passkeyClick(ctx app.Context, e app.Event) {
	if p.passkey.busy() {
		return
	}
	// The autofill request must stop before the dialog's request starts: browsers allow one.
	browser.AbortConditional()
	s, fetch := p.passkey.click(time.Now())
	if fetch {
		p.fetchPasskeyOptions(ctx)
	}
	p.startPasskey(ctx, s)
}

// fetchPasskeyOptions fetches request options in the background, unless a fetch already runs.
func (p *Page) fetchPasskeyOptions(ctx app.Context) {
	if !p.passkey.beginFetch() {
		return
	}
	ctx.Async(func() {
		raw, err := authapi.Default.GeneratePasskeyAuthenticateOptions(ctx)
		var o passkey.Options
		if err == nil {
			o, err = passkey.ParseOptions(raw, time.Now())
		}
		ctx.Dispatch(func(ctx app.Context) {
			p.startPasskey(ctx, p.passkey.optionsFetched(o, err, time.Now(), p.conditionalOK))
		})
	})
}

// startPasskey runs request s: the browser's part, then the server's check. The browser call is
// the goroutine's first step, so a request started by a click reaches the browser within it.
func (p *Page) startPasskey(ctx app.Context, s passkeyStart) {
	if s.id == 0 {
		return
	}
	ctx.Async(func() {
		cred, err := browser.GetCredential(ctx, s.options.JSON, s.conditional)
		if err == nil {
			ctx.Dispatch(func(ctx app.Context) { p.passkey.credentialReceived(s.id) })
			_, err = authapi.Default.VerifyPasskeyAuthentication(ctx, cred)
		}
		ctx.Dispatch(func(ctx app.Context) { p.passkeyFinished(ctx, s, cred, err) })
	})
}

func (p *Page) passkeyFinished(ctx app.Context, s passkeyStart, cred []byte, err error) {
	end := p.passkey.finished(s.id, cred, err)
	if end.signedIn {
		shell.Redirect(ctx, "/settings")
		return
	}
	if end.signalUnknown {
		passkey.SignalUnknown(s.options, cred)
	}
	if end.fetch {
		p.fetchPasskeyOptions(ctx)
	}
}
