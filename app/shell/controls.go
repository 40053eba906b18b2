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
func Alert(message string, more ...app.UI) app.UI { return AlertID("", message, more...) }

// AlertID is an Alert with an element id, so tests and links can find it; "" gives none.
func AlertID(id, message string, more ...app.UI) app.UI {
	return alertBox(id, "alert-error", "!", message, more)
}

// Notice is a calm message that is still announced at once (role="alert"): something did not
// happen, but nothing went wrong, as when the person closed the passkey dialog.
func Notice(id, message string, more ...app.UI) app.UI {
	return alertBox(id, "alert-calm", "i", message, more)
}

func alertBox(id, class, icon, message string, more []app.UI) app.UI {
	box := app.Div().Class("alert", class).Role("alert")
	if id != "" {
		box = box.ID(id)
	}
	return box.Body(
		app.Span().Class("alert-icon").Aria("hidden", "true").Text(icon),
		app.Div().Class("alert-body").Body(
			app.P().Class("alert-text").Text(message),
			app.Range(more).Slice(func(i int) app.UI { return more[i] }),
		),
	)
}

// StatusLine is a polite live region (role="status") for good news such as "Passkey added.". It is
// always rendered, empty or not: screen readers announce changes to a live region that already
// exists, and may miss one inserted together with its text. CSS hides it while empty.
func StatusLine(id, message string) app.UI {
	return app.P().ID(id).Class("status-line").Role("status").Text(message)
}

// Divider is a horizontal rule with a word in its middle ("or") between two ways to do one thing.
func Divider(word string) app.UI {
	return app.Div().Class("divider").Body(app.Span().Class("divider-word").Text(word))
}

// passkeyIconBody is a person with a key, the usual passkey symbol, drawn with currentColor. It is
// a constant: Raw never carries untrusted markup here.
const passkeyIconBody = `viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" ` +
	`stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">` +
	`<circle cx="9" cy="7.5" r="3.5"/>` +
	`<path d="M2.5 19.5c0-3.3 2.9-6 6.5-6 1.3 0 2.5.3 3.5.9"/>` +
	`<circle cx="17.5" cy="13.5" r="2.5"/>` +
	`<path d="M17.5 16v5.5M17.5 19.5h2M17.5 21.5h1.5"/>` +
	`</svg>`

// PasskeyIcon is the passkey symbol, hidden from screen readers: the text next to it says it.
func PasskeyIcon() app.UI {
	return app.Raw(`<svg class="icon passkey-icon" ` + passkeyIconBody)
}
