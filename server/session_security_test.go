package server_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"spacerr/server/config"
	"spacerr/server/servertest"
	"spacerr/shared/api"
)

const (
	lastMethodCookie = "better-auth.last_used_login_method"
	sessionCookie    = "spacerr.session_token"
	testPassword     = "correct horse battery"
)

func mustOK(t *testing.T, res *servertest.Response, what string) *servertest.Response {
	t.Helper()
	if res.Status != 200 {
		t.Fatalf("%s: %d %s", what, res.Status, res.Body)
	}
	return res
}

func wantCode(t *testing.T, res *servertest.Response, status int, code api.Code) {
	t.Helper()
	var e api.Error
	if err := json.Unmarshal(res.Body, &e); err != nil || res.Status != status || e.Code != code {
		t.Fatalf("want %d %s, got %d %s", status, code, res.Status, res.Body)
	}
}

func signUpClient(t *testing.T, env *servertest.Env, email string) *servertest.Client {
	t.Helper()
	c := env.NewClient(t)
	mustOK(t, c.Do("POST", "/api/auth/sign-up/email", map[string]any{"name": "Ada", "email": email, "password": testPassword}), "sign-up")
	return c
}

func signInClient(t *testing.T, env *servertest.Env, email string) *servertest.Client {
	t.Helper()
	c := env.NewClient(t)
	mustOK(t, c.Do("POST", "/api/auth/sign-in/email", map[string]any{"email": email, "password": testPassword}), "sign-in")
	return c
}

func currentSession(t *testing.T, c *servertest.Client) *api.SessionResponse {
	t.Helper()
	var s *api.SessionResponse
	mustOK(t, c.Do("GET", "/api/auth/get-session", nil), "get-session").JSON(t, &s)
	return s
}

func listSessions(t *testing.T, c *servertest.Client) ([]api.Session, string) {
	t.Helper()
	res := mustOK(t, c.Do("GET", "/api/auth/list-sessions", nil), "list-sessions")
	var out []api.Session
	res.JSON(t, &out)
	return out, string(res.Body)
}

func TestListAndRevokeSessions(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		laptop := signUpClient(t, env, "ada@example.com")
		env.Clock.Advance(2 * time.Minute)
		phone := signInClient(t, env, "ada@example.com")
		eve := signUpClient(t, env, "eve@example.com")

		list, body := listSessions(t, phone)
		if len(list) != 2 {
			t.Fatalf("list-sessions: %s", body)
		}
		phoneID, laptopID := currentSession(t, phone).Session.ID, currentSession(t, laptop).Session.ID
		if list[0].ID != phoneID || !list[0].Current || list[1].ID != laptopID || list[1].Current {
			t.Fatalf("want the phone's session first and current: %s", body)
		}
		for _, c := range []*servertest.Client{laptop, phone} {
			if secret := c.Cookie(sessionCookie); secret == "" || strings.Contains(body, secret) {
				t.Fatalf("a cookie secret is in the list (or no cookie): %s", body)
			}
		}
		for _, s := range list {
			if s.Token != s.ID {
				t.Fatalf("token is not the public id: %+v", s)
			}
		}

		// Eve cannot end Ada's session; the answer does not tell.
		var st api.StatusTrue
		mustOK(t, eve.Do("POST", "/api/auth/revoke-session", map[string]any{"token": laptopID}), "eve's revoke").JSON(t, &st)
		if !st.Status || currentSession(t, laptop) == nil {
			t.Fatalf("another user's revoke-session ended a session (%+v)", st)
		}
		wantCode(t, phone.Do("POST", "/api/auth/revoke-session", map[string]any{}), 400, api.CodeValidation)

		// The phone ends the laptop's session: the laptop is signed out on its next request.
		mustOK(t, phone.Do("POST", "/api/auth/revoke-session", map[string]any{"token": laptopID}), "revoke-session")
		if s := currentSession(t, laptop); s != nil {
			t.Fatalf("the revoked laptop still has a session: %+v", s)
		}
		if list, body := listSessions(t, phone); len(list) != 1 || list[0].ID != phoneID {
			t.Fatalf("after revoke-session: %s", body)
		}

		// revoke-other-sessions keeps only the caller's, and leaves Eve alone.
		tablet := signInClient(t, env, "ada@example.com")
		other := signInClient(t, env, "ada@example.com")
		mustOK(t, tablet.Do("POST", "/api/auth/revoke-other-sessions", nil), "revoke-other-sessions")
		if currentSession(t, phone) != nil || currentSession(t, other) != nil || currentSession(t, tablet) == nil || currentSession(t, eve) == nil {
			t.Fatal("revoke-other-sessions ended the wrong sessions")
		}

		// revoke-sessions ends all of them, the caller's too, and clears its cookie.
		signInClient(t, env, "ada@example.com")
		res := mustOK(t, tablet.Do("POST", "/api/auth/revoke-sessions", nil), "revoke-sessions")
		if !strings.Contains(strings.Join(res.Header.Values("Set-Cookie"), "\n"), sessionCookie+"=;") {
			t.Fatalf("revoke-sessions did not clear the cookie: %v", res.Header.Values("Set-Cookie"))
		}
		n, err := env.Server.Store().DB.NewSelect().Table("sessions").Count(context.Background())
		if err != nil || n != 1 || currentSession(t, eve) == nil {
			t.Fatalf("after revoke-sessions: %d sessions (%v); only Eve's should be left", n, err)
		}
		wantCode(t, tablet.Do("GET", "/api/auth/list-sessions", nil), 401, api.CodeUnauthorized)
	})
}

func TestSensitiveActionsNeedARecentSignIn(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := signUpClient(t, env, "ada@example.com")
		env.Clock.Advance(16 * time.Minute)
		// The session is still valid for everyday use.
		if currentSession(t, c) == nil {
			t.Fatal("a stale session was signed out")
		}
		listSessions(t, c)
		routes := []struct{ method, path string }{
			{"POST", "/api/auth/change-password"},
			{"POST", "/api/auth/set-password"},
			{"POST", "/api/auth/two-factor/enable"},
			{"POST", "/api/auth/two-factor/disable"},
			{"POST", "/api/auth/two-factor/generate-backup-codes"},
			{"POST", "/api/auth/two-factor/get-totp-uri"},
			{"GET", "/api/auth/passkey/generate-register-options"},
			{"POST", "/api/auth/passkey/verify-registration"},
			{"POST", "/api/auth/passkey/delete-passkey"},
			{"POST", "/api/auth/revoke-session"},
			{"POST", "/api/auth/revoke-other-sessions"},
			{"POST", "/api/auth/revoke-sessions"},
		}
		check := func(want api.Code) {
			t.Helper()
			for _, r := range routes {
				var body any
				if r.method == "POST" {
					body = map[string]any{}
				}
				res := c.Do(r.method, r.path, body)
				var e api.Error
				json.Unmarshal(res.Body, &e)
				if want != "" && (res.Status != 403 || e.Code != want) {
					t.Errorf("%s %s: want 403 %s, got %d %s", r.method, r.path, want, res.Status, res.Body)
				}
				if want == "" && e.Code == api.CodeSessionNotFresh {
					t.Errorf("%s %s: still not fresh: %s", r.method, r.path, res.Body)
				}
			}
		}
		check(api.CodeSessionNotFresh)
		if currentSession(t, c) == nil {
			t.Fatal("a refused sensitive action signed the browser out")
		}

		// A wrong password does not make it fresh.
		wantCode(t, c.Do("POST", "/api/auth/verify-password", map[string]any{"password": "wrong password!"}), 400, api.CodeInvalidPassword)
		wantCode(t, c.Do("POST", "/api/auth/verify-password", map[string]any{}), 400, api.CodeInvalidPassword)
		check(api.CodeSessionNotFresh)

		before := currentSession(t, c).Session.ID
		var st api.StatusTrue
		mustOK(t, c.Do("POST", "/api/auth/verify-password", map[string]any{"password": testPassword}), "verify-password").JSON(t, &st)
		if !st.Status || currentSession(t, c).Session.ID != before {
			t.Fatalf("verify-password: %+v, or it replaced the session", st)
		}
		routes = routes[:len(routes)-1] // revoke-sessions would sign the browser out
		check("")

		// Fresh again for FRESH_AGE, then stale again.
		env.Clock.Advance(16 * time.Minute)
		check(api.CodeSessionNotFresh)

		// Signed out: 401, not 403.
		wantCode(t, env.NewClient(t).Do("POST", "/api/auth/change-password", map[string]any{}), 401, api.CodeUnauthorized)
		wantCode(t, env.NewClient(t).Do("POST", "/api/auth/verify-password", map[string]any{"password": testPassword}), 401, api.CodeUnauthorized)
	})
}

func TestFreshAgeZeroTurnsTheCheckOff(t *testing.T) {
	servertest.Each(t, servertest.Setup{Config: func(c *config.Config) { c.FreshAge = 0 }}, func(t *testing.T, env *servertest.Env) {
		c := signUpClient(t, env, "ada@example.com")
		env.Clock.Advance(48 * time.Hour)
		mustOK(t, c.Do("POST", "/api/auth/revoke-other-sessions", nil), "revoke-other-sessions with FRESH_AGE=0")
	})
}

func TestLastLoginMethod(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := env.NewClient(t)
		res := mustOK(t, c.Do("POST", "/api/auth/sign-up/email", map[string]any{"name": "Ada", "email": "ada@example.com", "password": testPassword}), "sign-up")
		var sc string
		for _, h := range res.Header.Values("Set-Cookie") {
			if strings.HasPrefix(h, lastMethodCookie+"=") {
				sc = h
			}
		}
		for _, attr := range []string{lastMethodCookie + "=email", "Path=/", "Max-Age=2592000", "SameSite=Lax"} {
			if !strings.Contains(sc, attr) {
				t.Errorf("last-method cookie lacks %s: %q", attr, sc)
			}
		}
		if strings.Contains(sc, "HttpOnly") {
			t.Errorf("the last-method cookie must be readable by the client: %q", sc)
		}
		var auth api.AuthResponse
		res.JSON(t, &auth)
		if auth.User.LastLoginMethod != "email" || currentSession(t, c).User.LastLoginMethod != "email" {
			t.Fatalf("lastLoginMethod after sign-up: %s", res.Body)
		}

		// A failed sign-in sets nothing.
		b := env.NewClient(t)
		res = b.Do("POST", "/api/auth/sign-in/email", map[string]any{"email": "ada@example.com", "password": "wrong password!"})
		if res.Status != 401 || b.Cookie(lastMethodCookie) != "" {
			t.Fatalf("failed sign-in: %d, cookie %q", res.Status, b.Cookie(lastMethodCookie))
		}
		// The stored method follows the latest sign-in.
		if _, err := env.Server.Store().DB.NewUpdate().Table("users").Set("last_login_method = ?", "passkey").
			Where("email = ?", "ada@example.com").Exec(context.Background()); err != nil {
			t.Fatal(err)
		}
		mustOK(t, b.Do("POST", "/api/auth/sign-in/email", map[string]any{"email": "ada@example.com", "password": testPassword}), "sign-in")
		var stored string
		if err := env.Server.Store().DB.NewSelect().Table("users").Column("last_login_method").Where("email = ?", "ada@example.com").
			Scan(context.Background(), &stored); err != nil || stored != "email" || b.Cookie(lastMethodCookie) != "email" {
			t.Fatalf("after sign-in: stored %q (%v), cookie %q", stored, err, b.Cookie(lastMethodCookie))
		}
	})
}
