package account_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"spacerr/server/config"
	"spacerr/server/servertest"
	"spacerr/shared/api"
)

func signUp(t *testing.T, c *servertest.Client, name, email, pw string) *servertest.Response {
	t.Helper()
	return c.Do("POST", "/api/auth/sign-up/email", map[string]any{"name": name, "email": email, "password": pw})
}

func wantError(t *testing.T, res *servertest.Response, status int, code api.Code) {
	t.Helper()
	var e api.Error
	res.JSON(t, &e)
	if res.Status != status || e.Code != code || e.Message == "" {
		t.Fatalf("want %d %s, got %d %s", status, code, res.Status, res.Body)
	}
}

func count(t *testing.T, env *servertest.Env, table string) int {
	t.Helper()
	n, err := env.Server.Store().DB.NewSelect().Table(table).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func TestSignUpSignOutSignIn(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := env.NewClient(t)
		res := signUp(t, c, "  Ada Lovelace ", "Ada@Example.com", "correct horse battery")
		if res.Status != 200 {
			t.Fatalf("sign-up: %d %s", res.Status, res.Body)
		}
		var auth api.AuthResponse
		res.JSON(t, &auth)
		if auth.User.Email != "ada@example.com" || auth.User.Name != "Ada Lovelace" || auth.User.ID == "" || auth.Token == "" {
			t.Fatalf("sign-up body: %s", res.Body)
		}
		setCookie := res.Header.Get("Set-Cookie")
		for _, attr := range []string{"spacerr.session_token=", "HttpOnly", "SameSite=Lax", "Path=/", "Max-Age="} {
			if !strings.Contains(setCookie, attr) {
				t.Errorf("session cookie lacks %s: %s", attr, setCookie)
			}
		}

		var sess api.SessionResponse
		c.Do("GET", "/api/auth/get-session", nil).JSON(t, &sess)
		if sess.User.ID != auth.User.ID || sess.Session.UserID != auth.User.ID || sess.Session.Token != auth.Token {
			t.Fatalf("get-session: %+v", sess)
		}
		if sess.Session.UserAgent == "" || sess.Session.IPAddress != "127.0.0.1" {
			t.Errorf("session metadata not recorded: %+v", sess.Session)
		}

		if res := c.Do("POST", "/api/auth/sign-out", map[string]any{}); res.Status != 200 || string(res.Body) != "{\"success\":true}\n" {
			t.Fatalf("sign-out: %d %s", res.Status, res.Body)
		}
		if res := c.Do("GET", "/api/auth/get-session", nil); string(res.Body) != "null\n" {
			t.Fatalf("after sign-out get-session = %s", res.Body)
		}
		if n := count(t, env, "sessions"); n != 0 {
			t.Fatalf("sign-out left %d sessions", n)
		}

		res = c.Do("POST", "/api/auth/sign-in/email", map[string]any{"email": "ADA@example.com ", "password": "correct horse battery"})
		if res.Status != 200 {
			t.Fatalf("sign-in: %d %s", res.Status, res.Body)
		}
		c.Do("GET", "/api/auth/get-session", nil).JSON(t, &sess)
		if sess.User.ID != auth.User.ID {
			t.Fatalf("signed in as %+v", sess.User)
		}
	})
}

func TestSignUpRejectsBadInputAndChangesNothing(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := env.NewClient(t)
		if res := signUp(t, c, "Ada", "ada@example.com", "correct horse battery"); res.Status != 200 {
			t.Fatalf("first sign-up: %d %s", res.Status, res.Body)
		}
		other := env.NewClient(t)
		wantError(t, signUp(t, other, "Eve", "ADA@example.com", "another password"), 422, api.CodeUserAlreadyExists)
		wantError(t, signUp(t, other, "Eve", "not-an-email", "another password"), 400, api.CodeInvalidEmail)
		wantError(t, signUp(t, other, "Eve", "eve@example.com", "short"), 400, api.CodePasswordTooShort)
		wantError(t, signUp(t, other, "Eve", "eve@example.com", strings.Repeat("p", 129)), 400, api.CodePasswordTooLong)
		wantError(t, signUp(t, other, "   ", "eve@example.com", "another password"), 400, api.CodeInvalidName)
		wantError(t, other.Do("POST", "/api/auth/sign-up/email", map[string]any{
			"name": "Eve", "email": "eve@example.com", "password": "another password", "role": "admin",
		}), 400, api.CodeValidation)
		wantError(t, other.Do("POST", "/api/auth/sign-up/email", []byte(`{"name":"Eve"`)), 400, api.CodeValidation)
		wantError(t, other.Do("POST", "/api/auth/sign-up/email", []byte(`{"name":1}`)), 400, api.CodeValidation)
		wantError(t, other.Do("POST", "/api/auth/sign-up/email", []byte(`{} {}`)), 400, api.CodeValidation)
		wantError(t, other.Do("POST", "/api/auth/sign-up/email", map[string]any{
			"name": "Eve", "email": "eve@example.com", "password": "another password", "callbackURL": "https://evil.example/",
		}), 400, api.CodeValidation)
		big := []byte(`{"name":"` + strings.Repeat("a", 70<<10) + `"}`)
		wantError(t, other.Do("POST", "/api/auth/sign-up/email", big), 413, api.CodePayloadTooLarge)
		if n := count(t, env, "users"); n != 1 {
			t.Fatalf("bad sign-ups left %d users", n)
		}
		if n := count(t, env, "sessions"); n != 1 {
			t.Fatalf("bad sign-ups left %d sessions", n)
		}
	})
}

func TestSignInFailuresLookAlike(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := env.NewClient(t)
		signUp(t, c, "Ada", "ada@example.com", "correct horse battery")
		anon := env.NewClient(t)
		wrong := anon.Do("POST", "/api/auth/sign-in/email", map[string]any{"email": "ada@example.com", "password": "wrong password"})
		unknown := anon.Do("POST", "/api/auth/sign-in/email", map[string]any{"email": "bob@example.com", "password": "wrong password"})
		wantError(t, wrong, 401, api.CodeInvalidEmailOrPass)
		if string(wrong.Body) != string(unknown.Body) || wrong.Status != unknown.Status {
			t.Fatalf("unknown email answers differently: %s vs %s", wrong.Body, unknown.Body)
		}
		if wrong.Header.Get("Set-Cookie") != "" {
			t.Fatal("a failed sign-in set a cookie")
		}
		wantError(t, anon.Do("POST", "/api/auth/sign-in/email", map[string]any{"email": "ada@example.com", "password": strings.Repeat("x", 600)}), 401, api.CodeInvalidEmailOrPass)
	})
}

func TestSignUpAndSignInAreRateLimited(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{Config: func(c *config.Config) { c.RateLimits = config.DefaultRateLimits() }})
	c := env.NewClient(t)
	for i := range 3 {
		res := c.Do("POST", "/api/auth/sign-in/email", map[string]any{"email": "x@example.com", "password": "whatever1"})
		if res.Status != 401 {
			t.Fatalf("attempt %d: %d %s", i+1, res.Status, res.Body)
		}
	}
	res := c.Do("POST", "/api/auth/sign-in/email", map[string]any{"email": "x@example.com", "password": "whatever1"})
	wantError(t, res, 429, api.CodeTooManyRequests)
	if res.Header.Get("X-Retry-After") == "" {
		t.Fatal("429 without X-Retry-After")
	}
	// Another path has its own window.
	if res := signUp(t, c, "Ada", "ada@example.com", "correct horse battery"); res.Status != 200 {
		t.Fatalf("sign-up after sign-in limit: %d %s", res.Status, res.Body)
	}
	// The window ends with time.
	env.Clock.Advance(11 * time.Second)
	if res := c.Do("POST", "/api/auth/sign-in/email", map[string]any{"email": "ada@example.com", "password": "correct horse battery"}); res.Status != 200 {
		t.Fatalf("after the window: %d %s", res.Status, res.Body)
	}
}
