package signup

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestGoogleButtonOnlyWhenOffered(t *testing.T) {
	p := &Page{}
	p.OnInit()
	if html := app.HTMLString(p.Render()); strings.Contains(html, "google-sign-up") {
		t.Fatal("Google button without a configured provider")
	}
	p.google.Offered = true
	html := app.HTMLString(p.Render())
	button, form := strings.Index(html, `id="google-sign-up"`), strings.Index(html, "<form")
	if button < 0 || button > form || !strings.Contains(html, "Continue with Google") {
		t.Fatalf("Google button missing or below the form (button %d, form %d)", button, form)
	}
}
