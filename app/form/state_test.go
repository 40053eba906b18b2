package form

import (
	"errors"
	"testing"

	"spacerr/app/authapi"
	"spacerr/shared/api"
	"spacerr/shared/validate"
)

func TestMessagesWaitForTouchOrSubmit(t *testing.T) {
	s := New("email", "password")
	errs := Errors{"email": validate.ErrEmailInvalid, "password": validate.ErrPasswordTooShort}

	if m := s.Message("email", errs); m != "" {
		t.Fatalf("untouched field shows %q", m)
	}
	s.Edit("email") // first keystroke
	if m := s.Message("email", errs); m != "" {
		t.Fatalf("field shows %q while still being typed in", m)
	}
	s.Blur("email")
	if got, want := s.Message("email", errs), validate.Message(validate.ErrEmailInvalid); got != want {
		t.Fatalf("touched field shows %q, want %q", got, want)
	}
	if m := s.Message("email", Errors{}); m != "" {
		t.Fatalf("valid touched field shows %q", m)
	}
	if m := s.Message("password", errs); m != "" {
		t.Fatalf("other untouched field shows %q", m)
	}
}

func TestBlurWithoutTypingDoesNotTouch(t *testing.T) {
	s := New("email")
	s.Blur("email")
	if m := s.Message("email", Errors{"email": validate.ErrEmailInvalid}); m != "" {
		t.Fatalf("tabbing through shows %q", m)
	}
}

func TestSubmitShowsAllAndFocusesFirstInvalid(t *testing.T) {
	s := New("name", "email", "password")
	errs := Errors{"email": validate.ErrEmailInvalid, "password": validate.ErrPasswordTooShort}

	ok, focus := s.Submit(errs)
	if ok || focus != "email" {
		t.Fatalf("Submit = %v, %q; want false, email", ok, focus)
	}
	if s.Pending() {
		t.Fatal("invalid submit left the form pending")
	}
	for _, f := range []string{"email", "password"} {
		if s.Message(f, errs) == "" {
			t.Errorf("%s shows no message after submit", f)
		}
	}
	if m := s.Message("name", errs); m != "" {
		t.Errorf("valid name shows %q", m)
	}
}

func TestSubmitValidGoesPendingOnce(t *testing.T) {
	s := New("email")
	if ok, _ := s.Submit(Errors{}); !ok || !s.Pending() {
		t.Fatalf("valid Submit: ok=%v pending=%v", ok, s.Pending())
	}
	if ok, _ := s.Submit(Errors{}); ok {
		t.Fatal("second Submit while pending was allowed")
	}
	s.Done(nil)
	if s.Pending() || s.Alert() != "" {
		t.Fatalf("after success: pending=%v alert=%q", s.Pending(), s.Alert())
	}
}

func TestServerFieldErrorGoesUnderField(t *testing.T) {
	s := New("name", "email", "password")
	s.Submit(Errors{})
	focus := s.Done(api.FieldError(api.CodeInvalidEmail, "email", "That address can't receive mail."))
	if focus != "email" {
		t.Fatalf("focus = %q, want email", focus)
	}
	if got := s.Message("email", Errors{}); got != "That address can't receive mail." {
		t.Fatalf("email shows %q", got)
	}
	if s.Alert() != "" {
		t.Fatalf("alert = %q, want none", s.Alert())
	}
	if s.FieldCode("email") != api.CodeInvalidEmail || s.FieldCode("name") != "" {
		t.Fatalf("FieldCode = %q / %q", s.FieldCode("email"), s.FieldCode("name"))
	}
	s.Edit("email")
	if m := s.Message("email", Errors{}); m != "" {
		t.Fatalf("server message %q survives an edit", m)
	}
	if s.FieldCode("email") != "" {
		t.Fatal("server code survives an edit")
	}
}

func TestServerErrorWithoutKnownFieldGoesToAlert(t *testing.T) {
	tests := []struct {
		name string
		err  error
		msg  string
		code api.Code
	}{
		{"no field", api.Errorf(api.CodeInvalidEmailOrPass, "Invalid email or password."), "Invalid email or password.", api.CodeInvalidEmailOrPass},
		{"field not on this form", api.FieldError(api.CodeValidation, "callbackURL", "The return address is not allowed."), "The return address is not allowed.", api.CodeValidation},
		{"network", &authapi.NetworkError{Err: errors.New("TypeError")}, "Can't reach the server. Check your connection.", ""},
		{"unknown", errors.New("boom"), "Something went wrong on our side. Please try again.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New("email", "password")
			s.Submit(Errors{})
			if focus := s.Done(tt.err); focus != "" {
				t.Errorf("focus = %q, want none", focus)
			}
			if s.Alert() != tt.msg || s.AlertCode() != tt.code {
				t.Errorf("alert = %q (%s), want %q (%s)", s.Alert(), s.AlertCode(), tt.msg, tt.code)
			}
			for _, f := range []string{"email", "password"} {
				if m := s.Message(f, Errors{}); m != "" {
					t.Errorf("%s shows %q", f, m)
				}
			}
			// The alert stays until the next attempt.
			s.Edit("email")
			if s.Alert() == "" {
				t.Error("alert cleared by an edit")
			}
			s.Submit(Errors{})
			if s.Alert() != "" {
				t.Error("alert not cleared by a new submit")
			}
		})
	}
}

func TestPageErrorsMayBeAPIErrors(t *testing.T) {
	s := New("password")
	s.Submit(Errors{"password": api.FieldError(api.CodeValidation, "password", "Enter your password.")})
	if got := s.Message("password", Errors{"password": api.FieldError(api.CodeValidation, "password", "Enter your password.")}); got != "Enter your password." {
		t.Fatalf("message = %q", got)
	}
}
