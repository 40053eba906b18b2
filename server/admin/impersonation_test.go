package admin_test

import (
	"testing"
	"time"

	"spacerr/server/servertest"
	"spacerr/shared/api"
)

func whoAmI(t *testing.T, c *servertest.Client) string {
	t.Helper()
	res := c.Do("GET", "/api/auth/get-session", nil)
	wantOK(t, res)
	var s *api.SessionResponse
	res.JSON(t, &s)
	if s == nil {
		return ""
	}
	return s.User.Email
}

func TestImpersonationSwitchesAndRestoresTheAdminsSession(t *testing.T) {
	servertest.Each(t, setup, func(t *testing.T, env *servertest.Env) {
		a, adminID := signUp(t, env, rootEmail)
		m, memberID := signUp(t, env, "member@example.com")
		wantCode(t, m.Do("POST", "/api/auth/admin/impersonate-user", map[string]any{"userId": adminID}), 403, api.CodeForbidden)
		wantCode(t, a.Do("POST", "/api/auth/admin/stop-impersonating", nil), 400, api.CodeNotImpersonating)

		res := a.Do("POST", "/api/auth/admin/impersonate-user", map[string]any{"userId": memberID})
		wantOK(t, res)
		var imp api.ImpersonationResponse
		res.JSON(t, &imp)
		if imp.User.ID != memberID || imp.Session.ExpiresAt.Sub(imp.Session.CreatedAt) != time.Hour {
			t.Fatalf("impersonation: %s", res.Body)
		}
		if got := whoAmI(t, a); got != "member@example.com" {
			t.Fatalf("impersonating, the admin is %q", got)
		}
		// The user does not see the admin's session among theirs, and it cannot change their password.
		res = m.Do("GET", "/api/auth/list-sessions", nil)
		var own []api.Session
		res.JSON(t, &own)
		if len(own) != 1 {
			t.Fatalf("the member sees %s", res.Body)
		}
		wantCode(t, a.Do("POST", "/api/auth/change-password", map[string]any{"currentPassword": pw, "newPassword": "taken over now"}),
			403, api.CodeSessionNotFresh)

		wantOK(t, a.Do("POST", "/api/auth/admin/stop-impersonating", nil))
		if got := whoAmI(t, a); got != rootEmail {
			t.Fatalf("after stopping, the admin is %q", got)
		}
		wantOK(t, a.Do("GET", "/api/auth/admin/list-users", nil))
	})
}

func TestAdminsCannotBeImpersonatedAndImpersonationEndsWithinAnHour(t *testing.T) {
	servertest.Each(t, setup, func(t *testing.T, env *servertest.Env) {
		a, _ := signUp(t, env, rootEmail)
		_, otherID := signUp(t, env, "deputy@example.com")
		_, memberID := signUp(t, env, "member@example.com")
		wantOK(t, a.Do("POST", "/api/auth/admin/set-role", map[string]any{"userId": otherID, "role": "admin"}))
		wantCode(t, a.Do("POST", "/api/auth/admin/impersonate-user", map[string]any{"userId": otherID}), 403, api.CodeCannotImpersonateAdmins)

		wantOK(t, a.Do("POST", "/api/auth/admin/impersonate-user", map[string]any{"userId": memberID}))
		env.Clock.Advance(61 * time.Minute)
		if got := whoAmI(t, a); got != "" {
			t.Fatalf("impersonation outlived an hour: %q", got)
		}
	})
}
