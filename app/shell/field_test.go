package shell

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestFieldWiresLabelHintAndError(t *testing.T) {
	html := app.HTMLString(Field{
		ID:           "password",
		Label:        "Password",
		Type:         "password",
		AutoComplete: "new-password",
		Hint:         "At least 8 characters.",
		Error:        "Use at least 8 characters for your password.",
	}.UI())

	for _, want := range []string{
		`for="password"`,
		`id="password"`,
		`name="password"`,
		`autocomplete="new-password"`,
		`aria-describedby="password-hint password-error"`,
		`aria-invalid`,
		`id="password-hint"`,
		`id="password-error"`,
		`Use at least 8 characters for your password.`,
		` required`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("field HTML lacks %s:\n%s", want, html)
		}
	}
	if strings.Contains(html, "style=") {
		t.Errorf("field HTML has an inline style:\n%s", html)
	}
}

func TestValidFieldIsNotInvalid(t *testing.T) {
	html := app.HTMLString(Field{ID: "email", Label: "Email", Type: "email", AutoComplete: "username webauthn"}.UI())
	for _, bad := range []string{"aria-invalid", "aria-describedby", "email-error"} {
		if strings.Contains(html, bad) {
			t.Errorf("valid field HTML has %s:\n%s", bad, html)
		}
	}
	if !strings.Contains(html, `autocomplete="username webauthn"`) {
		t.Errorf("autocomplete lost:\n%s", html)
	}
}

func TestDescribedBy(t *testing.T) {
	tests := []struct {
		f    Field
		want string
	}{
		{Field{ID: "x"}, ""},
		{Field{ID: "x", Hint: "h"}, "x-hint"},
		{Field{ID: "x", Error: "e"}, "x-error"},
		{Field{ID: "x", Hint: "h", Error: "e"}, "x-hint x-error"},
	}
	for _, tt := range tests {
		if got := tt.f.DescribedBy(); got != tt.want {
			t.Errorf("DescribedBy(%+v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

func TestFalseBooleansAreLeftOut(t *testing.T) {
	// go-app would write disabled="false", which HTML reads as disabled.
	for name, ui := range map[string]app.UI{
		"idle button":         SubmitButton{Label: "Sign in", BusyLabel: "Signing in…"}.UI(),
		"unchecked checkbox":  Checkbox{ID: "remember", Label: "Remember me"}.UI(),
		"optional field":      Field{ID: "n", Label: "N", Type: "text", Optional: true}.UI(),
		"alert slot, nothing": AlertSlot(""),
	} {
		html := app.HTMLString(ui)
		for _, attr := range []string{"disabled", "checked", "required", "=\"false\"", "role=\"alert\""} {
			if strings.Contains(html, attr) {
				t.Errorf("%s has %s:\n%s", name, attr, html)
			}
		}
	}
}

func TestBusyButton(t *testing.T) {
	html := app.HTMLString(SubmitButton{Label: "Sign in", BusyLabel: "Signing in…", Busy: true}.UI())
	if !strings.Contains(html, "aria-disabled") || !strings.Contains(html, "Signing in…") || strings.Contains(html, ">Sign in<") {
		t.Errorf("busy button:\n%s", html)
	}
}

func TestAlertIsAnnounced(t *testing.T) {
	html := app.HTMLString(AlertSlot("Invalid email or password."))
	if !strings.Contains(html, `role="alert"`) || !strings.Contains(html, "Invalid email or password.") {
		t.Errorf("alert:\n%s", html)
	}
}

func TestRevealToggleName(t *testing.T) {
	hidden := app.HTMLString(RevealToggle("password", false, nil))
	shown := app.HTMLString(RevealToggle("password", true, nil))
	if !strings.Contains(hidden, "Show") || !strings.Contains(shown, "Hide") {
		t.Errorf("toggle text: %s / %s", hidden, shown)
	}
	if !strings.Contains(hidden, `type="button"`) || !strings.Contains(hidden, `aria-controls="password"`) {
		t.Errorf("toggle must not submit and must name its input:\n%s", hidden)
	}
}

func TestTitle(t *testing.T) {
	if got := Title("Sign in"); got != "Sign in · Spacerr" {
		t.Errorf("Title = %q", got)
	}
	if got := Title(""); got != "Spacerr" {
		t.Errorf("Title(\"\") = %q", got)
	}
}
