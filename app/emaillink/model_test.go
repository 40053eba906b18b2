package emaillink

import (
	"errors"
	"testing"

	"spacerr/shared/api"
)

func TestSendAsksForAValidEmail(t *testing.T) {
	m := newSendModel()
	if ok, focus := m.submit(func() error { return m.magicLinkRequest().Validate() }); ok || focus != fieldEmail {
		t.Fatalf("empty email: ok %v focus %q", ok, focus)
	}
	if m.message() == "" {
		t.Fatal("empty email shows no error")
	}
	m.Email = " Ada@Example.com "
	m.Form.Edit(fieldEmail)
	if ok, _ := m.submit(func() error { return m.magicLinkRequest().Validate() }); !ok {
		t.Fatalf("valid email refused: %q", m.message())
	}
	if req := m.magicLinkRequest(); req.Email != "ada@example.com" || req.CallbackURL != "/settings" {
		t.Fatalf("magic link request %+v", req)
	}
	if req := m.verificationRequest(); req.Email != "ada@example.com" || req.CallbackURL != VerifyEmailPath || req.Validate() != nil {
		t.Fatalf("verification request %+v", req)
	}
	m.done(nil)
	if !m.Sent || m.Form.Pending() {
		t.Fatalf("after success %+v", m)
	}
	m.again()
	if m.Sent || m.Email != "" {
		t.Fatalf("after again %+v", m)
	}
}

func TestSendShowsRefusals(t *testing.T) {
	for _, err := range []error{
		errors.New("offline"),
		&api.Error{Code: api.CodeTooManyRequests, Message: "Too many requests."},
	} {
		m := newSendModel()
		m.Email = "ada@example.com"
		if ok, _ := m.submit(func() error { return nil }); !ok {
			t.Fatal("valid email refused")
		}
		m.done(err)
		if m.Sent || m.Form.Alert() == "" || m.Form.Pending() {
			t.Fatalf("after %v: %+v", err, m)
		}
	}
}

func TestDoubleSubmitSendsOnce(t *testing.T) {
	m := newSendModel()
	m.Email = "ada@example.com"
	m.submit(func() error { return nil })
	if ok, _ := m.submit(func() error { return nil }); ok {
		t.Fatal("second submit while pending was allowed")
	}
}
