package passwordreset

import (
	"errors"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/shared/api"
)

func TestForgotAsksForAValidEmail(t *testing.T) {
	m := newForgotModel()
	if ok, focus := m.submit(); ok || inputID(focus) != idEmail {
		t.Fatalf("empty email: ok %v focus %q", ok, focus)
	}
	m.Email = " Ada@Example.com "
	m.Form.Edit(fieldEmail)
	if ok, _ := m.submit(); !ok {
		t.Fatalf("valid email refused: %q", m.message(fieldEmail))
	}
	if req := m.request(); req.Email != "ada@example.com" || req.RedirectTo != ResetPath {
		t.Fatalf("request %+v", req)
	}
	m.done(nil)
	if !m.Sent || m.Form.Pending() {
		t.Fatalf("after success %+v", m)
	}
}

func TestForgotShowsNetworkErrors(t *testing.T) {
	m := newForgotModel()
	m.Email = "ada@example.com"
	m.submit()
	m.done(errors.New("offline"))
	if m.Sent || m.Form.Alert() == "" {
		t.Fatalf("after failure %+v", m)
	}
}

func TestResetLinkWithoutTokenOrWithErrorIsExpired(t *testing.T) {
	if newResetModel("", "").State != resetExpired || newResetModel("tok", "INVALID_TOKEN").State != resetExpired {
		t.Fatal("a dead link shows the form")
	}
	if newResetModel("tok", "").State != resetForm {
		t.Fatal("a live link does not show the form")
	}
}

func TestResetFlow(t *testing.T) {
	m := newResetModel("tok", "")
	m.NewPassword = "short"
	if ok, focus := m.submit(); ok || inputID(focus) != idNewPassword {
		t.Fatalf("short password: %v %q", ok, focus)
	}
	m.NewPassword = "long enough password"
	m.Form.Edit(fieldNewPassword)
	if ok, _ := m.submit(); !ok {
		t.Fatal("good password refused")
	}
	if req := m.request(); req.Token != "tok" || req.NewPassword != "long enough password" {
		t.Fatalf("request %+v", req)
	}
	m.done(nil)
	if m.State != resetDone || m.NewPassword != "" {
		t.Fatalf("after success %+v", m)
	}
}

func TestResetWithUsedTokenShowsExpired(t *testing.T) {
	m := newResetModel("tok", "")
	m.NewPassword = "long enough password"
	m.submit()
	m.done(&api.Error{Code: api.CodeInvalidToken, Message: "Invalid token"})
	if m.State != resetExpired || m.Form.Pending() {
		t.Fatalf("after INVALID_TOKEN %+v", m)
	}
}

func TestPagesRender(t *testing.T) {
	f := &ForgotPage{}
	f.OnInit()
	html := app.HTMLString(f.Render())
	for _, want := range []string{`id="forgot-email"`, "Send reset link", `href="/sign-in"`} {
		if !strings.Contains(html, want) {
			t.Errorf("forgot page lacks %s", want)
		}
	}
	f.m.Email, f.m.Sent = "ada@example.com", true
	if html := app.HTMLString(f.Render()); !strings.Contains(html, "Check your email") {
		t.Errorf("sent page:\n%s", html)
	}

	r := &ResetPage{m: newResetModel("tok", "")}
	if html := app.HTMLString(r.Render()); !strings.Contains(html, `id="reset-new-password"`) {
		t.Errorf("reset form:\n%s", html)
	}
	r.m.State = resetExpired
	html = app.HTMLString(r.Render())
	if !strings.Contains(html, "This link has expired or was already used") || !strings.Contains(html, "Send a new link") {
		t.Errorf("expired:\n%s", html)
	}
	r.m.State = resetDone
	html = app.HTMLString(r.Render())
	if !strings.Contains(html, "Your password is changed") || !strings.Contains(html, `href="/sign-in"`) {
		t.Errorf("done:\n%s", html)
	}
}
