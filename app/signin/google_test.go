package signin

import (
	"net/url"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/shared/api"
)

func TestGoogleSignInModel(t *testing.T) {
	var g GoogleSignIn
	g.ProvidersKnown([]string{"github"})
	if g.Offered {
		t.Fatal("offered without google")
	}
	g.ProvidersKnown([]string{"google"})
	if !g.Offered {
		t.Fatal("google not offered")
	}
	req, ok := g.Start()
	if !ok || req.Provider != "google" || req.CallbackURL != afterGoogle || req.Validate() != nil {
		t.Fatalf("start: %+v %v", req, ok)
	}
	if _, again := g.Start(); again {
		t.Fatal("a double click sent two requests")
	}
	g.Done(&api.Error{Code: api.CodeInternal, Message: "Google sign-in is unavailable right now."})
	if g.Leaving || !strings.Contains(g.Alert, "unavailable") {
		t.Fatalf("after a failure: %+v", g)
	}
	if _, ok := g.Start(); !ok || g.Alert != "" {
		t.Fatal("no retry after a failure")
	}
	g.Done(nil)
	if !g.Leaving {
		t.Fatal("the button stopped being busy while the browser leaves")
	}

	var back GoogleSignIn
	back.Returned("")
	if back.Alert != "" {
		t.Fatal("an alert without an error")
	}
	back.Returned(api.SocialErrorNotLinked)
	if !strings.Contains(back.Alert, "Settings") {
		t.Fatalf("not-linked alert: %q", back.Alert)
	}
	back.Returned("<b>made up</b>")
	if strings.Contains(back.Alert, "<") {
		t.Fatalf("the page echoed the query: %q", back.Alert)
	}
}

func TestGoogleButtonAndBadge(t *testing.T) {
	p := &Page{}
	p.OnInit()
	if html := app.HTMLString(p.Render()); strings.Contains(html, "google-sign-in") {
		t.Fatal("Google button without a configured provider")
	}
	p.google.Offered = true
	p.lastUsed = MethodGoogle
	html := app.HTMLString(p.Render())
	button, badge, form := strings.Index(html, `id="google-sign-in"`), strings.Index(html, "last-used-badge"), strings.Index(html, "<form")
	if button < 0 || badge < 0 || !(button < badge && badge < form) || !strings.Contains(html, "Continue with Google") {
		t.Fatalf("Google button or badge misplaced (button %d, badge %d, form %d):\n%s", button, badge, form, html)
	}
	p.google.Alert = api.SocialErrorMessage(api.SocialErrorAccessDenied)
	html = app.HTMLString(p.Render())
	if alert := strings.Index(html, `id="social-error"`); alert < 0 || alert > strings.Index(html, `id="google-sign-in"`) {
		t.Fatalf("the callback's alert does not lead the card:\n%s", html)
	}
}

func TestWithoutErrorForgetsOnlyTheError(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		changed  bool
	}{
		{in: "/sign-in?error=account_not_linked", want: "/sign-in", changed: true},
		{in: "/sign-in?next=%2Fsettings&error=access_denied", want: "/sign-in?next=%2Fsettings", changed: true},
		{in: "/sign-in?next=%2Fsettings", want: "/sign-in?next=%2Fsettings"},
		{in: "/sign-in", want: "/sign-in"},
	} {
		u, err := url.Parse(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		got, changed := withoutError(u)
		if got.String() != tc.want || changed != tc.changed {
			t.Errorf("%s: %s %v, want %s %v", tc.in, got, changed, tc.want, tc.changed)
		}
		if u.String() != tc.in {
			t.Errorf("%s: the page's own URL was changed to %s", tc.in, u)
		}
	}
}
