package account_test

import (
	"context"
	"testing"
	"time"

	"spacerr/server/config"
	"spacerr/server/servertest"
	"spacerr/shared/api"
)

const changePassword = "/api/auth/change-password"

func signIn(c *servertest.Client, pw string) *servertest.Response {
	return c.Do("POST", "/api/auth/sign-in/email", map[string]any{"email": "ada@example.com", "password": pw})
}

func currentSession(t *testing.T, c *servertest.Client) *api.SessionResponse {
	t.Helper()
	var s *api.SessionResponse
	c.Do("GET", "/api/auth/get-session", nil).JSON(t, &s)
	return s
}

func TestChangePassword(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		laptop := env.NewClient(t)
		if res := signUp(t, laptop, "Ada", "ada@example.com", "correct horse battery"); res.Status != 200 {
			t.Fatalf("sign-up: %d %s", res.Status, res.Body)
		}
		phone := env.NewClient(t)
		if res := signIn(phone, "correct horse battery"); res.Status != 200 {
			t.Fatalf("sign-in: %d %s", res.Status, res.Body)
		}
		anon := env.NewClient(t)
		wantError(t, anon.Do("POST", changePassword, map[string]any{"currentPassword": "correct horse battery", "newPassword": "new password 1"}), 401, api.CodeUnauthorized)
		wantError(t, laptop.Do("POST", changePassword, map[string]any{"currentPassword": "wrong password", "newPassword": "new password 1"}), 400, api.CodeInvalidPassword)
		wantError(t, laptop.Do("POST", changePassword, map[string]any{"currentPassword": "correct horse battery", "newPassword": "short"}), 400, api.CodePasswordTooShort)
		if res := signIn(env.NewClient(t), "correct horse battery"); res.Status != 200 {
			t.Fatal("a refused change changed the password")
		}

		// Without revocation: token null, every session stays.
		res := laptop.Do("POST", changePassword, map[string]any{"currentPassword": "correct horse battery", "newPassword": "new password 1"})
		var body struct {
			Token *string  `json:"token"`
			User  api.User `json:"user"`
		}
		res.JSON(t, &body)
		if res.Status != 200 || body.Token != nil || body.User.Email != "ada@example.com" {
			t.Fatalf("change-password: %d %s", res.Status, res.Body)
		}
		if currentSession(t, phone) == nil || currentSession(t, laptop) == nil {
			t.Fatal("a change without revocation ended a session")
		}
		wantError(t, signIn(env.NewClient(t), "correct horse battery"), 401, api.CodeInvalidEmailOrPass)
		if res := signIn(env.NewClient(t), "new password 1"); res.Status != 200 {
			t.Fatalf("new password: %d %s", res.Status, res.Body)
		}

		// With revocation: every other session ends; this browser gets a new one.
		before := currentSession(t, laptop)
		res = laptop.Do("POST", changePassword, map[string]any{"currentPassword": "new password 1", "newPassword": "new password 2", "revokeOtherSessions": true})
		res.JSON(t, &body)
		after := currentSession(t, laptop)
		if res.Status != 200 || body.Token == nil || after == nil || *body.Token != after.Session.ID || after.Session.ID == before.Session.ID {
			t.Fatalf("change-password with revocation: %d %s (session %+v)", res.Status, res.Body, after)
		}
		if currentSession(t, phone) != nil {
			t.Fatal("another session survived revokeOtherSessions")
		}
		if n := count(t, env, "sessions"); n != 1 {
			t.Fatalf("%d sessions left, want 1", n)
		}
	})
}

func TestSetPasswordOnlyWithoutOne(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := env.NewClient(t)
		if res := signUp(t, c, "Ada", "ada@example.com", "correct horse battery"); res.Status != 200 {
			t.Fatalf("sign-up: %d %s", res.Status, res.Body)
		}
		wantError(t, c.Do("POST", "/api/auth/set-password", map[string]any{"newPassword": "another password"}), 400, api.CodePasswordAlreadySet)
		wantError(t, env.NewClient(t).Do("POST", "/api/auth/set-password", map[string]any{"newPassword": "another password"}), 401, api.CodeUnauthorized)

		// A user without a password (a passkey-only account): the row is gone, or its password is null.
		for _, clear := range []string{"DELETE FROM accounts", "UPDATE accounts SET password = NULL"} {
			if _, err := env.Server.Store().DB.ExecContext(context.Background(), clear); err != nil {
				t.Fatal(err)
			}
			wantError(t, c.Do("POST", changePassword, map[string]any{"currentPassword": "correct horse battery", "newPassword": "new password 1"}), 400, api.CodeCredentialAccountNotFound)
			wantError(t, c.Do("POST", "/api/auth/set-password", map[string]any{"newPassword": "short"}), 400, api.CodePasswordTooShort)
			res := c.Do("POST", "/api/auth/set-password", map[string]any{"newPassword": "brand new password"})
			if res.Status != 200 || string(res.Body) != "{\"status\":true}\n" {
				t.Fatalf("set-password after %q: %d %s", clear, res.Status, res.Body)
			}
			if n := count(t, env, "accounts"); n != 1 {
				t.Fatalf("%d credential rows", n)
			}
			if res := signIn(env.NewClient(t), "brand new password"); res.Status != 200 {
				t.Fatalf("sign-in with the set password: %d %s", res.Status, res.Body)
			}
			wantError(t, c.Do("POST", "/api/auth/set-password", map[string]any{"newPassword": "yet another one"}), 400, api.CodePasswordAlreadySet)
		}
	})
}

func TestChangePasswordSharesTheSignInRateLimit(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{Config: func(c *config.Config) {
		c.RateLimits.SignIn = config.RateLimit{Max: 3, Window: 10 * time.Second}
	}})
	c := env.NewClient(t)
	if res := signUp(t, c, "Ada", "ada@example.com", "correct horse battery"); res.Status != 200 {
		t.Fatalf("sign-up: %d %s", res.Status, res.Body)
	}
	for i := 0; i < 3; i++ {
		wantError(t, c.Do("POST", changePassword, map[string]any{"currentPassword": "wrong password", "newPassword": "new password 1"}), 400, api.CodeInvalidPassword)
	}
	wantError(t, c.Do("POST", changePassword, map[string]any{"currentPassword": "correct horse battery", "newPassword": "new password 1"}), 429, api.CodeTooManyRequests)
	env.Clock.Advance(10 * time.Second)
	if res := c.Do("POST", changePassword, map[string]any{"currentPassword": "correct horse battery", "newPassword": "new password 1"}); res.Status != 200 {
		t.Fatalf("after the window: %d %s", res.Status, res.Body)
	}
}
