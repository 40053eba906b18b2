package signup

import (
	"strings"
	"testing"

	"spacerr/shared/api"
	"spacerr/shared/validate"
)

func TestSubmitEmptyShowsEveryRuleAndFocusesName(t *testing.T) {
	m := NewModel()
	ok, focus := m.Submit()
	if ok || focus != fieldName {
		t.Fatalf("Submit = %v, %q; want false, name", ok, focus)
	}
	want := map[string]error{
		fieldName:     validate.ErrNameEmpty,
		fieldEmail:    validate.ErrEmailInvalid,
		fieldPassword: validate.ErrPasswordTooShort,
	}
	for field, err := range want {
		if got := m.Message(field); got != validate.Message(err) {
			t.Errorf("%s message = %q, want %q", field, got, validate.Message(err))
		}
	}
}

func TestFocusGoesToFirstInvalidInPageOrder(t *testing.T) {
	m := NewModel()
	m.Name, m.Email, m.Password = "Ada Lovelace", "ada@example", "short"
	if _, focus := m.Submit(); focus != fieldEmail {
		t.Fatalf("focus = %q, want email", focus)
	}
	m.Email = "ada@example.com"
	if _, focus := m.Submit(); focus != fieldPassword {
		t.Fatalf("focus = %q, want password", focus)
	}
}

func TestValidatesAsYouTypeOnlyAfterBlur(t *testing.T) {
	m := NewModel()
	m.Password = "abc"
	m.Form.Edit(fieldPassword)
	if got := m.Message(fieldPassword); got != "" {
		t.Fatalf("message on first keystrokes = %q", got)
	}
	m.Form.Blur(fieldPassword)
	if got := m.Message(fieldPassword); got != validate.Message(validate.ErrPasswordTooShort) {
		t.Fatalf("message after blur = %q", got)
	}
	m.Password = "abcdefgh" // typing on: the message follows the value
	if got := m.Message(fieldPassword); got != "" {
		t.Fatalf("message for a valid password = %q", got)
	}
	m.Password = strings.Repeat("x", validate.MaxPasswordChars+1)
	if got := m.Message(fieldPassword); got != validate.Message(validate.ErrPasswordTooLong) {
		t.Fatalf("message for a long password = %q", got)
	}
}

func TestValidSubmitSendsNormalisedRequest(t *testing.T) {
	m := NewModel()
	m.Name, m.Email, m.Password = "  Ada Lovelace ", " ADA@example.com", "correct horse battery"
	ok, focus := m.Submit()
	if !ok || focus != "" {
		t.Fatalf("Submit = %v, %q", ok, focus)
	}
	r := m.Request()
	if r.Name != "Ada Lovelace" || r.Email != "ada@example.com" || r.Password != "correct horse battery" {
		t.Fatalf("Request = %+v", r)
	}
	if err := r.Validate(); err != nil {
		t.Fatalf("Request fails the shared validator: %v", err)
	}
}

func TestExistingAccountAndServerFieldErrors(t *testing.T) {
	m := NewModel()
	m.Name, m.Email, m.Password = "Ada", "ada@example.com", "correct horse battery"
	m.Submit()
	m.Form.Done(api.Errorf(api.CodeUserAlreadyExists, "User already exists. Use another email."))
	if m.Form.Alert() == "" || m.Form.AlertCode() != api.CodeUserAlreadyExists {
		t.Fatalf("alert = %q (%s)", m.Form.Alert(), m.Form.AlertCode())
	}

	m.Submit()
	if focus := m.Form.Done(api.FieldError(api.CodeInvalidName, "name", "Enter your name.")); focus != fieldName {
		t.Fatalf("focus = %q, want name", focus)
	}
	if got := m.Message(fieldName); got != "Enter your name." {
		t.Fatalf("name message = %q", got)
	}
}
