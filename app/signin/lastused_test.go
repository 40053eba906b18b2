package signin

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestSignInOrder(t *testing.T) {
	for _, tc := range []struct {
		lastUsed   string
		webAuthn   bool
		google     bool
		emailFirst bool
		badge      string
	}{
		{"", true, true, false, ""},
		{MethodPasskey, true, false, false, MethodPasskey},
		{MethodPasskey, false, true, false, ""}, // no button to mark
		{MethodEmail, true, true, true, MethodEmail},
		{MethodEmail, false, false, true, MethodEmail},
		{MethodGoogle, true, true, false, MethodGoogle},
		{MethodGoogle, false, true, false, MethodGoogle},
		{MethodGoogle, true, false, false, ""}, // Google is not configured (any more)
		{MethodMagicLink, true, true, true, MethodMagicLink},
		{MethodMagicLink, false, false, true, MethodMagicLink},
	} {
		emailFirst, badge := signInOrder(tc.lastUsed, tc.webAuthn, tc.google)
		if emailFirst != tc.emailFirst || badge != tc.badge {
			t.Errorf("%q webauthn=%v google=%v: got %v %q, want %v %q", tc.lastUsed, tc.webAuthn, tc.google, emailFirst, badge, tc.emailFirst, tc.badge)
		}
	}
}

func TestKnownMethod(t *testing.T) {
	if knownMethod("passkey") != "passkey" || knownMethod("<script>") != "" || knownMethod("") != "" {
		t.Fatal("knownMethod let through an unknown value")
	}
	if LastUsedLoginMethod() != "" {
		t.Fatal("outside a browser there is no cookie")
	}
}

func TestLastUsedBadgePlacement(t *testing.T) {
	p := &Page{}
	p.OnInit()
	html := app.HTMLString(p.Render())
	if strings.Contains(html, "last-used-badge") {
		t.Fatalf("badge without a cookie:\n%s", html)
	}

	p.lastUsed = MethodPasskey
	html = app.HTMLString(p.Render())
	badge, button, form := strings.Index(html, "last-used-badge"), strings.Index(html, `id="passkey-sign-in"`), strings.Index(html, "<form")
	if badge < 0 || button < 0 || !(button < badge && badge < form) {
		t.Fatalf("passkey badge misplaced (button %d, badge %d, form %d):\n%s", button, badge, form, html)
	}

	p.lastUsed = MethodEmail
	html = app.HTMLString(p.Render())
	badge, button, form = strings.Index(html, "last-used-badge"), strings.Index(html, `id="passkey-sign-in"`), strings.Index(html, "<form")
	if badge < 0 || !(form < badge && badge < button) {
		t.Fatalf("email badge misplaced (form %d, badge %d, button %d):\n%s", form, badge, button, html)
	}
	if !strings.Contains(html, ">Last used<") {
		t.Fatal("badge text")
	}
}
