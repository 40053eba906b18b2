package settings

import (
	"errors"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestVerifyEmailSendsOnceAndSaysSent(t *testing.T) {
	var m verifyEmailModel
	req, ok := m.send("ada@example.com")
	if !ok || req.Email != "ada@example.com" || req.CallbackURL != "/verify-email" || req.Validate() != nil {
		t.Fatalf("send %+v %v", req, ok)
	}
	if _, again := m.send("ada@example.com"); again {
		t.Fatal("a second click while sending sent again")
	}
	m.done(nil)
	if m.sending || !strings.HasPrefix(m.status(), "Sent") {
		t.Fatalf("after success %+v %q", m, m.status())
	}
}

func TestVerifyEmailShowsFailure(t *testing.T) {
	var m verifyEmailModel
	m.send("ada@example.com")
	m.done(errors.New("offline"))
	if m.sent || m.status() != "" || m.alert == "" || m.sending {
		t.Fatalf("after failure %+v", m)
	}
	if _, ok := m.send("ada@example.com"); !ok {
		t.Fatal("cannot retry after a failure")
	}
}

func TestVerifyEmailNoticeRenders(t *testing.T) {
	html := app.HTMLString(&emailVerification{Email: "ada@example.com"})
	for _, want := range []string{"Your email is not verified", `id="send-verification"`, "Send verification link"} {
		if !strings.Contains(html, want) {
			t.Errorf("notice lacks %s:\n%s", want, html)
		}
	}
}
