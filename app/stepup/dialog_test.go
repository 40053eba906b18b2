package stepup

import (
	"testing"

	"spacerr/shared/api"
)

func TestEmptyPasswordIsNotSent(t *testing.T) {
	var m model
	m.show()
	if _, ok := m.startPassword(); ok || m.fieldErr == "" || m.busy {
		t.Fatalf("ok=%v model=%+v", ok, m)
	}
}

func TestWrongPasswordStaysOpenWithFieldError(t *testing.T) {
	var m model
	m.show()
	m.password = "nope"
	if pw, ok := m.startPassword(); !ok || pw != "nope" || !m.busy {
		t.Fatalf("start: %q %v %+v", pw, ok, m)
	}
	if m.done(&api.Error{Code: api.CodeInvalidPassword, Message: "Invalid password"}) {
		t.Fatal("wrong password confirmed")
	}
	if !m.open || m.busy || m.fieldErr == "" {
		t.Fatalf("model %+v", m)
	}
}

func TestRightPasswordConfirms(t *testing.T) {
	var m model
	m.show()
	m.password = "secret-pass"
	m.startPassword()
	if !m.done(nil) {
		t.Fatal("not confirmed")
	}
	m.close()
	if m.open || m.password != "" {
		t.Fatalf("closing kept state: %+v", m)
	}
}

func TestOtherErrorsGoToTheAlert(t *testing.T) {
	var m model
	m.show()
	m.password = "x"
	m.startPassword()
	m.done(&api.Error{Code: api.CodeInternal, Message: "Down."})
	if m.alert != "Down." || m.fieldErr != "" {
		t.Fatalf("model %+v", m)
	}
}
