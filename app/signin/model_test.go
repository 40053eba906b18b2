package signin

import (
	"strings"
	"testing"

	"spacerr/shared/api"
	"spacerr/shared/validate"
)

func TestNewModelRemembers(t *testing.T) {
	m := NewModel()
	if !m.Remember || m.Request().RememberMe == nil || !*m.Request().RememberMe {
		t.Fatal("Remember me is not on by default")
	}
}

func TestSubmitEmptyFocusesEmail(t *testing.T) {
	m := NewModel()
	ok, focus := m.Submit()
	if ok || focus != fieldEmail {
		t.Fatalf("Submit = %v, %q; want false, email", ok, focus)
	}
	if got := m.Message(fieldEmail); got != validate.Message(validate.ErrEmailInvalid) {
		t.Errorf("email message = %q", got)
	}
	if got := m.Message(fieldPassword); got != "Enter your password." {
		t.Errorf("password message = %q", got)
	}
}

func TestSubmitMissingPasswordFocusesPassword(t *testing.T) {
	m := NewModel()
	m.Email = "ada@example.com"
	if ok, focus := m.Submit(); ok || focus != fieldPassword {
		t.Fatalf("Submit = %v, %q; want false, password", ok, focus)
	}
}

func TestShortPasswordIsNotJudged(t *testing.T) {
	m := NewModel()
	m.Email, m.Password = "ada@example.com", "short"
	if ok, focus := m.Submit(); !ok {
		t.Fatalf("Submit refused a short password (focus %q): sign-in must not apply sign-up rules", focus)
	}
}

func TestRequestNormalisesEmail(t *testing.T) {
	m := NewModel()
	m.Email, m.Password, m.Remember = "  Ada@Example.COM ", " pass word ", false
	r := m.Request()
	if r.Email != "ada@example.com" || r.Password != " pass word " || r.Remember() {
		t.Fatalf("Request = %+v", r)
	}
}

func TestSharedValidatorHasLastWord(t *testing.T) {
	m := NewModel()
	m.Email = "ada@example.com"
	m.Password = strings.Repeat("a", validate.MaxPasswordBytes+1)
	ok, focus := m.Submit()
	if ok || focus != fieldPassword || m.Form.Pending() {
		t.Fatalf("Submit = %v, %q (pending %v); want refused on password", ok, focus, m.Form.Pending())
	}
	if m.Message(fieldPassword) == "" {
		t.Error("password shows no message")
	}
}

func TestWrongPasswordGoesToAlert(t *testing.T) {
	m := NewModel()
	m.Email, m.Password = "ada@example.com", "wrong password"
	if ok, _ := m.Submit(); !ok {
		t.Fatal("valid form refused")
	}
	m.Form.Done(api.Errorf(api.CodeInvalidEmailOrPass, "Invalid email or password."))
	if m.Form.Alert() != "Invalid email or password." {
		t.Fatalf("alert = %q", m.Form.Alert())
	}
	if m.Message(fieldEmail) != "" || m.Message(fieldPassword) != "" {
		t.Error("a wrong password must not blame one field")
	}
}
