package signup

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/browser"
	"spacerr/shared/api"
	"spacerr/shared/validate"
)

func TestPasskeySignUpNeedsNoPassword(t *testing.T) {
	m := NewModel()
	m.Name, m.Email = "  Ada  Lovelace ", " Ada@Example.COM"
	ok, focus := m.SubmitPasskey()
	if !ok || focus != "" || !m.Form.Pending() {
		t.Fatalf("SubmitPasskey = %v, %q (pending %v); want it sent without a password", ok, focus, m.Form.Pending())
	}
	if msg := m.Message(fieldPassword); msg != "" {
		t.Errorf("password shows %q during a passkey sign-up", msg)
	}
	if got := m.PasskeyRequest(); got != (api.PasskeySignUpRequest{Name: validate.NormalizeName(m.Name), Email: "ada@example.com"}) {
		t.Errorf("PasskeyRequest = %+v", got)
	}
	if ok, _ := m.SubmitPasskey(); ok {
		t.Error("a second click while pending was allowed")
	}
}

func TestPasskeySignUpValidatesNameAndEmail(t *testing.T) {
	m := NewModel()
	ok, focus := m.SubmitPasskey()
	if ok || focus != fieldName {
		t.Fatalf("SubmitPasskey = %v, %q; want refused on name", ok, focus)
	}
	if m.Message(fieldName) == "" || m.Message(fieldEmail) == "" {
		t.Error("name and email show no message")
	}
	if m.Message(fieldPassword) != "" {
		t.Error("the password is judged for a passkey sign-up")
	}
	m.Name = "Ada"
	if _, focus := m.SubmitPasskey(); focus != fieldEmail {
		t.Fatalf("focus = %q, want email", focus)
	}
}

func TestPasswordSubmitAfterPasskeyJudgesPasswordAgain(t *testing.T) {
	m := NewModel()
	m.Name, m.Email = "Ada", "ada@example.com"
	m.SubmitPasskey()
	m.PasskeyDone(&browser.CeremonyError{Kind: browser.ErrCancelled})
	if m.PasskeyAlert == "" || !m.PasskeyCalm {
		t.Fatalf("cancelled passkey: alert %q calm %v", m.PasskeyAlert, m.PasskeyCalm)
	}
	ok, focus := m.Submit()
	if ok || focus != fieldPassword {
		t.Fatalf("Submit = %v, %q; want refused on password", ok, focus)
	}
	if m.PasskeyAlert != "" {
		t.Error("the passkey message survives a password attempt")
	}
}

func TestPasskeyDoneRoutesErrors(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		focus     string
		alert     string
		code      api.Code
		fieldText string
	}{
		{"taken email, field named", api.FieldError(api.CodeUserAlreadyExists, "email", "Use another email."), fieldEmail, "", "", "Use another email."},
		{"taken email, no field", api.Errorf(api.CodeUserAlreadyExists, "User already exists."), "", "User already exists.", api.CodeUserAlreadyExists, ""},
		{"cancelled", &browser.CeremonyError{Kind: browser.ErrCancelled}, "", browser.ErrCancelled.Error(), "", ""},
		{"aborted", &browser.CeremonyError{Kind: browser.ErrAborted}, "", "", "", ""},
		{"verify failed", api.Errorf(api.CodeFailedToVerifyReg, "We couldn't verify the passkey."), "", "We couldn't verify the passkey.", api.CodeFailedToVerifyReg, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewModel()
			m.Name, m.Email = "Ada", "ada@example.com"
			m.SubmitPasskey()
			focus := m.PasskeyDone(tt.err)
			if focus != tt.focus || m.PasskeyAlert != tt.alert || m.PasskeyCode != tt.code {
				t.Errorf("focus %q alert %q code %q; want %q %q %q", focus, m.PasskeyAlert, m.PasskeyCode, tt.focus, tt.alert, tt.code)
			}
			if got := m.Message(fieldEmail); got != tt.fieldText {
				t.Errorf("email shows %q, want %q", got, tt.fieldText)
			}
			if m.Form.Pending() || m.Form.Alert() != "" {
				t.Errorf("pending %v, form alert %q", m.Form.Pending(), m.Form.Alert())
			}
		})
	}
}

func TestPasskeyAlertOffersSignInForTakenEmail(t *testing.T) {
	p := &Page{}
	p.OnInit()
	p.model.Name, p.model.Email = "Ada", "ada@example.com"
	p.model.SubmitPasskey()
	p.model.PasskeyDone(api.Errorf(api.CodeUserAlreadyExists, "User already exists."))
	html := app.HTMLString(p)
	for _, want := range []string{`id="passkey-error"`, `role="alert"`, `User already exists.`, `href="/sign-in"`, `Go to sign in`} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}
