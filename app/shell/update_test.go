package shell

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestUpdatePromptShowsOnlyOnceAnUpdateIsInstalled(t *testing.T) {
	u := &updatePrompt{}
	if html := app.HTMLString(u.Render()); strings.Contains(html, idUpdatePrompt) || !strings.Contains(html, `aria-live="polite"`) {
		t.Fatalf("before an update: %s", html)
	}
	u.OnAppUpdate(app.Context{})
	html := app.HTMLString(u.Render())
	for _, want := range []string{`id="update-prompt"`, "A new version is available.", `id="update-reload"`, "Reload to update", `type="button"`} {
		if !strings.Contains(html, want) {
			t.Errorf("update prompt lacks %s: %s", want, html)
		}
	}
}
