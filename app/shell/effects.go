package shell

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/browser"
	"spacerr/app/form"
)

// Redirect shows the page at path in place of the current one in the history, as a redirect should
// (Back must not land on a page that only sent the person on). Without a browser it falls back to
// an ordinary navigation.
func Redirect(ctx app.Context, path string) {
	if err := browser.ReplaceRoute(path); err != nil {
		ctx.Navigate(path)
	}
}

// FocusAfterRender moves focus to the element with id once the current update is drawn, so the
// screen reader reads the field with the error text and aria-invalid that this update adds.
func FocusAfterRender(ctx app.Context, id string) {
	if id == "" {
		return
	}
	ctx.Defer(func(app.Context) { browser.Focus(id) })
}

// KeyName is the key a keyboard event is about, as the browser names it ("Enter", "Escape").
func KeyName(e app.Event) string { return e.Get("key").String() }

// EditField returns an input handler that stores the field's value (through the component's ValueTo)
// and tells the form the field changed.
func EditField(c *app.Compo, f *form.State, field string, value *string) app.EventHandler {
	store := c.ValueTo(value)
	return func(ctx app.Context, e app.Event) {
		store(ctx, e)
		f.Edit(field)
	}
}

// BlurField returns a blur handler that marks the field touched, so its error may show.
func BlurField(f *form.State, field string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { f.Blur(field) }
}

// SubmitForm runs a form's request off the UI goroutine. On success it goes to next; on failure the
// form shows the error and focus moves to the field it is about (or the form alert).
func SubmitForm(ctx app.Context, f *form.State, send func(ctx app.Context) error, next string) {
	Send(ctx, send, func(ctx app.Context, err error) {
		if err == nil {
			Redirect(ctx, next)
			return
		}
		FocusAfterRender(ctx, f.Done(err))
	})
}

// Send runs call (a request to the server) off the UI goroutine and hands its error to done back on
// the UI goroutine, where the page may change its state; go-app redraws after it.
func Send(ctx app.Context, call func(ctx app.Context) error, done func(ctx app.Context, err error)) {
	ctx.Async(func() {
		err := call(ctx)
		ctx.Dispatch(func(ctx app.Context) { done(ctx, err) })
	})
}

// LeaveIfSignedIn sends a person who is already signed in from a sign-in or sign-up page on to their
// settings. Call it from OnMount: it asks the server, which prerendering must not do.
func LeaveIfSignedIn(ctx app.Context) {
	ctx.Async(func() {
		s, err := authapi.Default.GetSession(ctx)
		if err == nil && s != nil {
			ctx.Dispatch(func(ctx app.Context) { Redirect(ctx, "/settings") })
		}
	})
}
