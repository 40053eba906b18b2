package settings

import (
	"net/url"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/stepup"
	"spacerr/shared/api"
)

func TestConnectedModel(t *testing.T) {
	var m connectedModel
	if m.visible() {
		t.Fatal("visible before anything is known")
	}
	m.providersKnown([]string{"google"})
	m.accountsLoaded([]api.Account{{ProviderID: "credential"}}, nil)
	if !m.visible() || m.google != nil || !m.loaded {
		t.Fatalf("offered, not connected: %+v", m)
	}
	if !m.startLink() || m.startLink() || m.startUnlink() {
		t.Fatal("link started twice, or unlink with nothing connected")
	}
	m.linkStarted(&stepup.CanceledError{})
	if m.busy != "" || m.alert != "" {
		t.Fatalf("a cancelled step-up left %+v", m)
	}
	m.startLink()
	m.linkStarted(nil)
	if m.busy != busyLink {
		t.Fatal("the button stopped being busy while the browser leaves for Google")
	}

	var c connectedModel
	c.accountsLoaded([]api.Account{{ProviderID: "credential"}, {ProviderID: "google", AccountID: "1", Email: "ada@gmail.com"}}, nil)
	if !c.visible() || c.google == nil || c.google.Email != "ada@gmail.com" {
		t.Fatalf("connected, Google no longer configured: %+v", c)
	}
	if !c.startUnlink() {
		t.Fatal("unlink refused")
	}
	c.unlinked(&api.Error{Code: api.CodeFailedToUnlinkLastAccount, Message: "This is your only way to sign in."})
	if c.google == nil || !strings.Contains(c.alert, "only way") || c.busy != "" {
		t.Fatalf("refused unlink: %+v", c)
	}
	c.startUnlink()
	c.unlinked(nil)
	if c.google != nil || c.alert != "" || !strings.Contains(c.notice, "disconnected") {
		t.Fatalf("after unlink: %+v", c)
	}
}

func TestConnectedReturnFromGoogle(t *testing.T) {
	var m connectedModel
	m.returned("", "google")
	if !strings.Contains(m.notice, "connected") {
		t.Fatalf("notice: %q", m.notice)
	}
	for code, want := range map[string]string{
		api.SocialErrorAlreadyLinked: "another account",
		api.SocialErrorAccessDenied:  "cancelled",
		api.SocialErrorFailed:        "could not be connected",
		api.SocialErrorFlowExpired:   "expired",
		"<i>odd</i>":                 "Google",
	} {
		var m connectedModel
		m.returned(code, "")
		if !strings.Contains(m.alert, want) || strings.Contains(m.alert, "<") {
			t.Errorf("%s: %q", code, m.alert)
		}
	}
}

func TestConnectedCardRender(t *testing.T) {
	c := &connectedCard{}
	if html := app.HTMLString(c.Render()); !strings.Contains(html, "hidden") || strings.Contains(html, "Connected accounts") {
		t.Fatalf("card shown with nothing to connect:\n%s", html)
	}
	c.m.offered, c.m.loaded = true, true
	html := app.HTMLString(c.Render())
	if !strings.Contains(html, `id="connect-google"`) || !strings.Contains(html, "Not connected") {
		t.Fatalf("not connected:\n%s", html)
	}
	c.m.google = &api.Account{ProviderID: "google", Email: "ada@gmail.com"}
	html = app.HTMLString(c.Render())
	if !strings.Contains(html, `id="disconnect-google"`) || !strings.Contains(html, "ada@gmail.com") || strings.Contains(html, `id="connect-google"`) {
		t.Fatalf("connected:\n%s", html)
	}
}

func TestWithoutReturnParams(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		changed  bool
	}{
		{in: "https://example.com/settings?linked=google", want: "https://example.com/settings", changed: true},
		{in: "https://example.com/settings?error=account_already_linked_to_different_user#connected",
			want: "https://example.com/settings#connected", changed: true},
		{in: "https://example.com/settings?tab=security&linked=google", want: "https://example.com/settings?tab=security", changed: true},
		{in: "https://example.com/settings", want: "https://example.com/settings"},
	} {
		u, err := url.Parse(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		got, changed := withoutReturnParams(u)
		if got.String() != tc.want || changed != tc.changed {
			t.Errorf("%s: %s %v, want %s %v", tc.in, got, changed, tc.want, tc.changed)
		}
		if u.String() != tc.in {
			t.Errorf("%s: the page's own URL was changed to %s", tc.in, u)
		}
	}
}
