package settings

import (
	"errors"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/browser"
	"spacerr/app/twofactor"
	"spacerr/shared/api"
)

// securityCards are the Password and Two-factor authentication cards. They are one component
// because they share one fact, whether the account has a password (from the two-factor status): the
// password card sets one, and the two-factor card needs one. It loads when it appears, which is
// when the page has the session.
type securityCards struct {
	app.Compo
	User    api.User // the signed-in person, set by the page
	Offline bool     // the page has no network: show the cache, send nothing (see offline.go)

	tf      twoFactorModel
	pw      passwordModel
	copied  string // which copy button just worked ("secret", "codes"), for its label
	copyErr string
}

// OnInit prepares the forms; it runs on the server's prerender too.
func (c *securityCards) OnInit() {
	c.tf = newTwoFactorModel()
	c.pw = newPasswordModel()
}

// CompoID makes the cards mount afresh when the page comes back online.
func (c *securityCards) CompoID() string { return compoID(c.Offline) }

// OnMount shows the cached status at once and asks the server for the current one (online).
func (c *securityCards) OnMount(ctx app.Context) {
	if st, ok := twofactor.StatusFor(ctx.LocalStorage(), c.User.ID); ok {
		c.tf.cached(st)
	}
	if c.Offline {
		c.tf.statusLoaded(api.TwoFactorStatus{}, &authapi.NetworkError{})
		return
	}
	c.load(ctx)
}

func (c *securityCards) load(ctx app.Context) {
	ctx.Async(func() {
		st, err := authapi.Default.TwoFactorStatus(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			c.tf.statusLoaded(st, err)
			c.saveStatus(ctx)
		})
	})
}

func (c *securityCards) retry(ctx app.Context, e app.Event) {
	c.tf.alert = ""
	c.load(ctx)
}

// saveStatus caches the status the cards show. It holds no secret and no code (see
// the twofactor status cache), so it is saved whatever flow is open.
func (c *securityCards) saveStatus(ctx app.Context) {
	if c.tf.statusKnown {
		twofactor.SaveStatus(ctx.LocalStorage(), c.User.ID, c.tf.status, time.Now())
	}
}

// Render draws both cards; the page's stack spaces them.
func (c *securityCards) Render() app.UI {
	return app.Div().Class("stack").Body(
		c.passwordCard(),
		c.twoFactorCard(),
	)
}

// copy puts text on the clipboard and says so on the button named what.
func (c *securityCards) copy(what string, text func() string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		t := text()
		ctx.Async(func() {
			err := browser.CopyText(ctx, t)
			ctx.Dispatch(func(ctx app.Context) {
				if err != nil {
					c.copied, c.copyErr = "", "Copying didn't work here. Select the text and copy it yourself."
					return
				}
				c.copied, c.copyErr = what, ""
			})
		})
	}
}

// passwordStateFrom tells the two-factor card what the password card learned.
func (c *securityCards) passwordStateFrom(err error) {
	var apiErr *api.Error
	if !errors.As(err, &apiErr) {
		return
	}
	switch apiErr.Code {
	case api.CodePasswordAlreadySet:
		c.tf.passwordSet()
	case api.CodeCredentialAccountNotFound:
		c.tf.status.HasPassword = false
	}
}
