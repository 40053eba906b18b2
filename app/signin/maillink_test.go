package signin

import (
	"errors"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/shared/api"
)

func TestMagicLinkChecksTheEmailFirst(t *testing.T) {
	var l magicLink
	_, ok, err := l.start("not an email")
	var apiErr *api.Error
	if ok || !errors.As(err, &apiErr) || apiErr.Field != fieldEmail {
		t.Fatalf("invalid email: ok %v err %v", ok, err)
	}
	if l.sending {
		t.Fatal("an invalid email started a request")
	}

	req, ok, err := l.start(" Ada@Example.com ")
	if !ok || err != nil || req.Email != "ada@example.com" || req.CallbackURL != "/settings" {
		t.Fatalf("valid email: %+v %v %v", req, ok, err)
	}
	if _, again, _ := l.start("ada@example.com"); again {
		t.Fatal("a second click while sending started another request")
	}
	l.done(req.Email, nil)
	if l.sending || l.sentTo != "ada@example.com" {
		t.Fatalf("after success %+v", l)
	}
	l.back()
	if l.sentTo != "" {
		t.Fatalf("after back %+v", l)
	}
}

func TestMagicLinkShowsRefusals(t *testing.T) {
	var l magicLink
	req, _, _ := l.start("ada@example.com")
	l.done(req.Email, &api.Error{Code: api.CodeTooManyRequests, Message: "Too many requests. Try again later."})
	if l.sentTo != "" || l.alert != "Too many requests. Try again later." || l.sending {
		t.Fatalf("after 429 %+v", l)
	}
}

func TestUnverifiedOffersResend(t *testing.T) {
	var u unverified
	u.signInDone("ada@example.com", &api.Error{Code: api.CodeInvalidEmailOrPass, Message: "x"})
	if _, ok := u.resend(); ok || u.email != "" {
		t.Fatal("a wrong password offers a verification email")
	}
	u.signInDone("ada@example.com", &api.Error{Code: api.CodeEmailNotVerified, Message: "Email not verified"})
	req, ok := u.resend()
	if !ok || req.Email != "ada@example.com" || req.CallbackURL != "/verify-email" || req.Validate() != nil {
		t.Fatalf("resend %+v %v", req, ok)
	}
	if _, again := u.resend(); again {
		t.Fatal("a second click while sending resent")
	}
	u.resendDone(nil)
	if !u.sent || u.sending {
		t.Fatalf("after resend %+v", u)
	}
	u.signInDone("ada@example.com", nil)
	if u.email != "" {
		t.Fatal("a later sign-in keeps the notice")
	}
}

func TestRenderMagicLinkAndUnverified(t *testing.T) {
	p := &Page{}
	p.OnInit()
	if html := app.HTMLString(p.Render()); !strings.Contains(html, `id="magic-link-button"`) || !strings.Contains(html, "Email me a sign-in link") {
		t.Errorf("no magic link button:\n%s", html)
	}

	p.model.Email = "ada@example.com"
	p.model.Password = "pw"
	p.model.Submit()
	err := &api.Error{Code: api.CodeEmailNotVerified, Message: "Email not verified"}
	p.unverified.signInDone("ada@example.com", err)
	p.model.Form.Done(err)
	html := app.HTMLString(p.Render())
	for _, want := range []string{"Verify your email first. We sent a new link to ada@example.com.", `id="resend-verification"`} {
		if !strings.Contains(html, want) {
			t.Errorf("unverified alert lacks %s", want)
		}
	}

	p.magic.sentTo = "ada@example.com"
	html = app.HTMLString(p.Render())
	for _, want := range []string{`id="magic-link-sent"`, "ada@example.com", "Use another email", "Check your email"} {
		if !strings.Contains(html, want) {
			t.Errorf("sent card lacks %s", want)
		}
	}
}
