package shell

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/shared/api"
)

func TestSessionNavShowsWhatTheSessionAllows(t *testing.T) {
	n := &SessionNav{}
	if html := app.HTMLString(n.Render()); strings.Contains(html, "Admin") || strings.Contains(html, "Viewing as") {
		t.Fatalf("unknown session: %s", html)
	}
	n.session = &api.SessionResponse{User: api.User{ID: "u1", Role: api.RoleUser}}
	if html := app.HTMLString(n.Render()); strings.Contains(html, "admin-link") {
		t.Fatalf("a user got the admin link: %s", html)
	}
	n.session.User.Role = api.RoleAdmin
	if html := app.HTMLString(n.Render()); !strings.Contains(html, `href="/admin"`) || strings.Contains(html, "Viewing as") {
		t.Fatalf("an admin lacks the link: %s", html)
	}
	n.session = &api.SessionResponse{
		Session: api.Session{ImpersonatedBy: "admin1"},
		User:    api.User{ID: "u2", Name: "Ada <Lovelace>", Email: "ada@example.com", Role: api.RoleUser},
	}
	html := app.HTMLString(n.Render())
	for _, want := range []string{"Viewing as", "Ada &lt;Lovelace&gt;", "(ada@example.com)", `id="` + IDStopImpersonating + `"`} {
		if !strings.Contains(html, want) {
			t.Errorf("banner lacks %s:\n%s", want, html)
		}
	}
	if strings.Contains(html, "admin-link") {
		t.Error("the admin link while viewing as a user")
	}
}

func TestAdminUserURLEscapesTheID(t *testing.T) {
	if got := AdminUserURL("a&b c"); got != "/admin/user?id=a%26b+c" {
		t.Fatalf("%s", got)
	}
}
