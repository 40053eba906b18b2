package admin

import (
	"testing"

	"spacerr/shared/api"
)

func TestCreateUserChecksBeforeSending(t *testing.T) {
	var m createModel
	m.show()
	if ok, focus := m.submit(); ok || focus != fieldName {
		t.Fatalf("empty form: ok %v focus %q", ok, focus)
	}
	m.form.Done(nil)
	m.name, m.email, m.password = "  Lord   Byron ", "Byron@Example.com", "short"
	if ok, focus := m.submit(); ok || focus != fieldPassword {
		t.Fatalf("short password: ok %v focus %q", ok, focus)
	}
	m.password = "" // passwordless
	m.admin = true
	if ok, _ := m.submit(); !ok {
		t.Fatalf("valid form refused: %q %q", m.message(fieldName), m.message(fieldEmail))
	}
	req := m.request()
	if req != (api.CreateUserRequest{Name: "Lord   Byron", Email: "byron@example.com", Role: api.RoleAdmin}) {
		t.Fatalf("request %+v", req)
	}
	m.form.Done(api.FieldError(api.CodeUserAlreadyExists, "email", "An account with this email already exists."))
	if m.message(fieldEmail) != "An account with this email already exists." {
		t.Fatalf("the server's answer is not under the email: %q", m.message(fieldEmail))
	}
}
