package shell

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// SubmitButton is a form's main button. While Busy it says BusyLabel next to a spinner
// ("Signing in…") and is marked aria-disabled, not disabled: a disabled button drops keyboard
// focus to the page's start in most browsers, and the person would have to tab back after an
// error. The form state refuses a second submit while one is pending, so nothing is sent twice.
type SubmitButton struct {
	Label     string
	BusyLabel string
	Busy      bool
}

// UI renders the button.
func (b SubmitButton) UI() app.UI {
	btn := app.Button().Type("submit").Class("btn", "btn-primary", "btn-block")
	if b.Busy {
		return btn.Class("is-busy").Aria("disabled", "true").Body(
			Spinner(),
			app.Span().Text(b.BusyLabel),
		)
	}
	return btn.Text(b.Label)
}

// Spinner is a small decorative spinner; the text next to it says what is happening.
func Spinner() app.UI {
	return app.Span().Class("spinner").Aria("hidden", "true")
}

// AlertSlot is the place at the top of a form where its Alert appears. The slot is always rendered,
// empty or not, so the fields after it keep their place in go-app's index-based diff: otherwise an
// alert appearing would shift every field and the focused input element would be reused for
// another field.
func AlertSlot(message string, more ...app.UI) app.UI {
	return app.Div().Class("form-alert").Body(
		app.If(message != "", func() app.UI { return Alert(message, more...) }),
	)
}

// Alert is a form-level error, announced at once by screen readers (role="alert"). more is drawn
// after the message, for a link that offers a way out.
func Alert(message string, more ...app.UI) app.UI {
	return app.Div().Class("alert", "alert-error").Role("alert").Body(
		app.Span().Class("alert-icon").Aria("hidden", "true").Text("!"),
		app.Div().Class("alert-body").Body(
			app.P().Class("alert-text").Text(message),
			app.Range(more).Slice(func(i int) app.UI { return more[i] }),
		),
	)
}
