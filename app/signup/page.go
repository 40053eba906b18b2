package signup

import (
	"errors"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/browser"
	"spacerr/app/passkey"
	"spacerr/app/shell"
	"spacerr/app/signin"
	"spacerr/shared/api"
)

// Page is the /sign-up page.
type Page struct {
	app.Compo
	model Model

	noWebAuthn bool // the browser has no WebAuthn: the passkey way is hidden
	google     signin.GoogleSignIn
	// After a passkey dialog was cancelled, fresh creation options for the same name and email are
	// fetched at once, so the next click reaches the browser within its user activation (Safari).
	options     passkey.Options
	optionsFor  api.PasskeySignUpRequest
	fetching    bool // those options are being fetched
	clickWaits  bool // a click waits for them
	waitingWith api.PasskeySignUpRequest
}

// OnInit runs on the server's prerender and in the browser.
func (p *Page) OnInit() { p.model = NewModel() }

// OnNav sets the title; it runs on the server too, so it must not call the API.
func (p *Page) OnNav(ctx app.Context) { ctx.Page().SetTitle(shell.Title("Create your account")) }

// OnMount sends a person who is already signed in on to their settings.
func (p *Page) OnMount(ctx app.Context) {
	shell.LeaveIfSignedIn(ctx)
	p.noWebAuthn = !browser.WebAuthnSupported()
	p.google.Fetch(ctx)
}

// Render draws the form from the model.
func (p *Page) Render() app.UI {
	m := p.model
	busy := m.Form.Pending() && !m.WithPasskey
	passkeyBusy := m.Form.Pending() && m.WithPasskey
	passwordType := "password"
	if m.ShowPassword {
		passwordType = "text"
	}

	// An existing account is the one error with a way out: offer it wherever the server put it.
	var alertLink, emailLink app.UI
	if m.Form.AlertCode() == api.CodeUserAlreadyExists {
		alertLink = signInInstead()
	}
	if m.Form.FieldCode(fieldEmail) == api.CodeUserAlreadyExists {
		emailLink = signInInstead()
	}

	form := app.Form().Class("form").NoValidate(true).Aria("busy", busy).OnSubmit(p.submit).Body(
		shell.AlertSlot(m.Form.Alert(), alertLink),
		shell.Field{
			ID:           fieldName,
			Label:        "Name",
			Type:         "text",
			AutoComplete: "name",
			Value:        m.Name,
			Error:        m.Message(fieldName),
			OnInput:      p.edit(fieldName, &p.model.Name),
			OnBlur:       p.blur(fieldName),
		}.UI(),
		shell.Field{
			ID:           fieldEmail,
			Label:        "Email",
			Type:         "email",
			AutoComplete: "email",
			Value:        m.Email,
			Error:        m.Message(fieldEmail),
			ErrorAction:  emailLink,
			OnInput:      p.edit(fieldEmail, &p.model.Email),
			OnBlur:       p.blur(fieldEmail),
		}.UI(),
		shell.Field{
			ID:           fieldPassword,
			Label:        "Password",
			Type:         passwordType,
			AutoComplete: "new-password",
			Value:        m.Password,
			Hint:         passwordHint,
			Error:        m.Message(fieldPassword),
			OnInput:      p.edit(fieldPassword, &p.model.Password),
			OnBlur:       p.blur(fieldPassword),
			Trailing:     shell.RevealToggle(fieldPassword, m.ShowPassword, p.togglePassword),
		}.UI(),
		shell.SubmitButton{Label: "Create account", BusyLabel: "Creating account…", Busy: busy}.UI(),
		app.If(!p.noWebAuthn, func() app.UI {
			return app.Div().Class("passkey-entry").Body(
				shell.Divider("or"),
				p.passkeyButton(passkeyBusy),
				app.P().Class("passkey-hint").Text("No password needed: your device keeps a passkey for Spacerr."),
				p.passkeyAlert(),
			)
		}),
	)

	return shell.Frame(shell.AuthCard(
		"Create your account",
		"It takes less than a minute.",
		app.Div().Body(p.googleOption(), form),
		app.Span().Body(
			app.Text("Already have an account? "),
			app.A().Href("/sign-in").Text("Sign in"),
		),
	))
}

func signInInstead() app.UI {
	return app.A().Class("error-link").Href("/sign-in").Text("Go to sign in")
}

func (p *Page) edit(field string, value *string) app.EventHandler {
	return shell.EditField(&p.Compo, &p.model.Form, field, value)
}

func (p *Page) blur(field string) app.EventHandler { return shell.BlurField(&p.model.Form, field) }

func (p *Page) togglePassword(ctx app.Context, e app.Event) {
	p.model.ShowPassword = !p.model.ShowPassword
}

func (p *Page) passkeyButton(busy bool) app.UI {
	btn := app.Button().Type("button").ID("passkey-sign-up").Class("btn", "btn-secondary", "btn-block").OnClick(p.passkeySubmit)
	if busy {
		return btn.Class("is-busy").Aria("disabled", "true").Body(shell.Spinner(), app.Span().Text("Waiting for your passkey…"))
	}
	return btn.Body(shell.PasskeyIcon(), app.Span().Text("Create account with a passkey"))
}

// passkeyAlert is how the last passkey attempt failed, under its button (id passkey-error).
func (p *Page) passkeyAlert() app.UI {
	m := p.model
	return app.Div().Class("form-alert").Body(
		app.If(m.PasskeyAlert != "", func() app.UI {
			if m.PasskeyCalm {
				return shell.Notice("passkey-error", m.PasskeyAlert)
			}
			var link app.UI
			if m.PasskeyCode == api.CodeUserAlreadyExists {
				link = signInInstead()
			}
			return shell.AlertID("passkey-error", m.PasskeyAlert, link)
		}),
	)
}

// passkeySubmit creates the account with a passkey: creation options for the name and email, the
// browser's dialog, then the server's check, which creates the account and signs it in.
func (p *Page) passkeySubmit(ctx app.Context, e app.Event) {
	ok, focus := p.model.SubmitPasskey()
	if !ok {
		shell.FocusAfterRender(ctx, focus)
		return
	}
	req := p.model.PasskeyRequest()
	if p.fetching && p.optionsFor == req {
		// Fresh options for these values are on their way; a second fetch would race the first for
		// the ceremony cookie.
		p.clickWaits, p.waitingWith = true, req
		return
	}
	var opts passkey.Options
	if p.optionsFor == req && p.options.Ready(time.Now()) {
		opts = p.options
	}
	p.options = passkey.Options{}
	p.runPasskeySignUp(ctx, req, opts)
}

// runPasskeySignUp runs one attempt with opts, fetching options first when it has none. With
// options, the browser call is the goroutine's first step, so it happens within the click.
func (p *Page) runPasskeySignUp(ctx app.Context, req api.PasskeySignUpRequest, opts passkey.Options) {
	ctx.Async(func() {
		var err error
		if !opts.Ready(time.Now()) {
			opts, err = fetchSignUpOptions(ctx, req)
		}
		var cred []byte
		if err == nil {
			cred, err = browser.CreateCredential(ctx, opts.JSON)
		}
		var pk api.Passkey
		if err == nil {
			pk, err = authapi.Default.VerifyPasskeyRegistration(ctx, cred, "")
		}
		ctx.Dispatch(func(ctx app.Context) { p.passkeySignUpDone(ctx, req, opts, cred, pk, err) })
	})
}

func (p *Page) passkeySignUpDone(ctx app.Context, req api.PasskeySignUpRequest, opts passkey.Options, cred []byte, pk api.Passkey, err error) {
	if err == nil {
		p.model.PasskeyDone(nil)
		// The new account has one passkey and no password; settings shows it at once.
		passkey.SaveStatus(ctx.LocalStorage(), pk.UserID, api.PasskeyStatus{Count: 1, HasPasskey: true}, time.Now())
		shell.Redirect(ctx, "/settings")
		return
	}
	shell.FocusAfterRender(ctx, p.model.PasskeyDone(err))
	var ce *browser.CeremonyError
	if opts.JSON != nil && (cred != nil || errors.As(err, &ce)) && !passkey.Silent(err) {
		p.prefetch(ctx, req)
	}
}

// prefetch fetches fresh creation options for req in the background, for the next click.
func (p *Page) prefetch(ctx app.Context, req api.PasskeySignUpRequest) {
	p.fetching, p.optionsFor, p.options = true, req, passkey.Options{}
	ctx.Async(func() {
		opts, err := fetchSignUpOptions(ctx, req)
		ctx.Dispatch(func(ctx app.Context) {
			p.fetching = false
			if err != nil {
				p.optionsFor = api.PasskeySignUpRequest{}
				if p.clickWaits {
					p.clickWaits = false
					p.model.PasskeyDone(err)
				}
				return
			}
			p.options = opts
			if p.clickWaits && p.waitingWith == req {
				p.clickWaits, p.options = false, passkey.Options{}
				p.runPasskeySignUp(ctx, req, opts)
			}
		})
	})
}

// fetchSignUpOptions asks for the creation options of a new account.
func fetchSignUpOptions(ctx app.Context, req api.PasskeySignUpRequest) (passkey.Options, error) {
	raw, err := authapi.Default.GeneratePasskeySignUpOptions(ctx, req)
	if err != nil {
		return passkey.Options{}, err
	}
	return passkey.ParseOptions(raw, time.Now())
}

func (p *Page) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	ok, focus := p.model.Submit()
	if !ok {
		shell.FocusAfterRender(ctx, focus)
		return
	}
	req := p.model.Request()
	shell.SubmitForm(ctx, &p.model.Form, func(ctx app.Context) error {
		_, err := authapi.Default.SignUpEmail(ctx, req)
		return err
	}, "/settings")
}
