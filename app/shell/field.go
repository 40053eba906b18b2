package shell

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Field is a labelled input with its hint and error text, wired for assistive technology: the label
// points at the input, aria-invalid is set while there is an error, and aria-describedby names the
// hint and error elements so a screen reader reads them when the input gets focus.
type Field struct {
	ID           string // element id; also the input's name and the API field name
	Label        string
	Type         string // "text", "email", "password"
	AutoComplete string // the autocomplete token list, e.g. "username webauthn"
	Value        string
	Hint         string // help shown under the input, or ""
	Error        string // the message to show now, or ""
	ErrorAction  app.UI // drawn after the error message, e.g. a link out; nil for none
	Optional     bool   // not required; the label says so
	OnInput      app.EventHandler
	OnBlur       app.EventHandler
	Trailing     app.UI // drawn inside the input's box, at its end (the show/hide button)
}

// ErrorID is the id of the field's error text.
func (f Field) ErrorID() string { return f.ID + "-error" }

// HintID is the id of the field's hint text.
func (f Field) HintID() string { return f.ID + "-hint" }

// DescribedBy is the value of aria-describedby: the ids of the hint and error that are shown.
func (f Field) DescribedBy() string {
	ids := ""
	if f.Hint != "" {
		ids = f.HintID()
	}
	if f.Error != "" {
		if ids != "" {
			ids += " "
		}
		ids += f.ErrorID()
	}
	return ids
}

// UI renders the field.
func (f Field) UI() app.UI {
	input := app.Input().
		ID(f.ID).
		Name(f.ID).
		Class("input").
		Type(f.Type).
		Value(f.Value).
		Attr("autocomplete", f.AutoComplete).
		OnInput(f.OnInput).
		OnBlur(f.OnBlur)
	if f.Type != "text" || f.AutoComplete == "email" {
		// Emails and passwords are not prose: no capitalisation or spell-check squiggles.
		input = input.Attr("autocapitalize", "none").Spellcheck(false)
	}
	if !f.Optional {
		input = input.Required(true)
	}
	if f.Error != "" {
		input = input.Aria("invalid", "true")
	}
	if d := f.DescribedBy(); d != "" {
		input = input.Aria("describedby", d)
	}

	controlClass := "field-control"
	if f.Trailing != nil {
		controlClass += " has-trailing"
	}
	fieldClass := "field"
	if f.Error != "" {
		fieldClass += " is-invalid"
	}

	return app.Div().Class(fieldClass).Body(
		app.Label().Class("field-label").For(f.ID).Body(
			app.Text(f.Label),
			app.If(f.Optional, func() app.UI {
				return app.Span().Class("field-optional").Text(" (optional)")
			}),
		),
		app.Div().Class(controlClass).Body(input, f.Trailing),
		app.If(f.Hint != "", func() app.UI {
			return app.P().ID(f.HintID()).Class("field-hint").Text(f.Hint)
		}),
		app.If(f.Error != "", func() app.UI {
			return app.P().ID(f.ErrorID()).Class("field-error").Body(
				app.Span().Class("field-error-icon").Aria("hidden", "true").Text("!"),
				app.Span().Body(app.Text(f.Error+" "), f.ErrorAction),
			)
		}),
	)
}

// RevealToggle is the button inside a password field that shows or hides what was typed. Its
// accessible name is "Show password" or "Hide password"; the visible part is "Show" or "Hide".
func RevealToggle(controls string, shown bool, onClick app.EventHandler) app.UI {
	verb := "Show"
	if shown {
		verb = "Hide"
	}
	return app.Button().
		Type("button").
		Class("field-toggle").
		Aria("controls", controls).
		OnClick(onClick).
		Body(
			app.Text(verb),
			app.Span().Class("visually-hidden").Text(" password"),
		)
}

// Checkbox is a labelled checkbox.
type Checkbox struct {
	ID       string
	Label    string
	Checked  bool
	OnChange app.EventHandler
}

// UI renders the checkbox.
func (c Checkbox) UI() app.UI {
	box := app.Input().Type("checkbox").ID(c.ID).Name(c.ID).Class("checkbox").OnChange(c.OnChange)
	if c.Checked {
		box = box.Checked(true)
	}
	return app.Div().Class("check").Body(
		box,
		app.Label().For(c.ID).Class("check-label").Text(c.Label),
	)
}
