package session_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"spacerr/server/servertest"
	"spacerr/shared/api"
)

func signUp(t *testing.T, c *servertest.Client, remember bool) {
	t.Helper()
	res := c.Do("POST", "/api/auth/sign-up/email", map[string]any{
		"name": "Ada", "email": "ada@example.com", "password": "correct horse battery", "rememberMe": remember,
	})
	if res.Status != 200 {
		t.Fatalf("sign-up: %d %s", res.Status, res.Body)
	}
}

func getSession(t *testing.T, c *servertest.Client) (*api.SessionResponse, *servertest.Response) {
	t.Helper()
	res := c.Do("GET", "/api/auth/get-session", nil)
	if res.Status != 200 {
		t.Fatalf("get-session: %d %s", res.Status, res.Body)
	}
	var s *api.SessionResponse
	res.JSON(t, &s)
	return s, res
}

func TestTheDatabaseKeepsOnlyTheTokensHash(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := env.NewClient(t)
		signUp(t, c, true)
		secret := c.Cookie("spacerr.session_token")
		if len(secret) < 43 {
			t.Fatalf("session secret %q is shorter than 256 bits", secret)
		}
		var hashes []string
		if err := env.Server.Store().DB.NewSelect().Table("sessions").Column("token_hash").Scan(context.Background(), &hashes); err != nil {
			t.Fatal(err)
		}
		if len(hashes) != 1 || hashes[0] == secret || strings.Contains(hashes[0], secret) || len(hashes[0]) != 64 {
			t.Fatalf("stored %v for secret %q", hashes, secret)
		}
		s, _ := getSession(t, c)
		if s.Session.Token == secret || strings.Contains(string(mustJSON(t, s)), secret) {
			t.Fatal("get-session sends the cookie secret back")
		}
	})
}

func TestRememberedSessionSlidesAndExpires(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := env.NewClient(t)
		signUp(t, c, true)
		first, res := getSession(t, c)
		if want := env.Clock.Now().Add(7 * 24 * time.Hour); first.Session.ExpiresAt.Sub(want).Abs() > time.Second {
			t.Fatalf("expires %v, want about %v", first.Session.ExpiresAt, want)
		}
		if res.Header.Get("Set-Cookie") != "" {
			t.Fatal("a young session's cookie was re-set")
		}
		env.Clock.Advance(36 * time.Hour)
		second, res := getSession(t, c)
		if !second.Session.ExpiresAt.After(first.Session.ExpiresAt.Add(35 * time.Hour)) {
			t.Fatalf("not slid: %v then %v", first.Session.ExpiresAt, second.Session.ExpiresAt)
		}
		if !strings.Contains(res.Header.Get("Set-Cookie"), "Max-Age=604800") {
			t.Fatalf("slid session cookie not re-set for 7 days: %q", res.Header.Get("Set-Cookie"))
		}
		env.Clock.Advance(7*24*time.Hour + time.Second)
		if s, res := getSession(t, c); s != nil || !strings.Contains(res.Header.Get("Set-Cookie"), "Max-Age=0") {
			t.Fatalf("expired session still answers: %+v (cookie %q)", s, res.Header.Get("Set-Cookie"))
		}
	})
}

func TestSessionWithoutRememberMeLastsADayAndEndsWithTheBrowser(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := env.NewClient(t)
		res := c.Do("POST", "/api/auth/sign-up/email", map[string]any{
			"name": "Ada", "email": "ada@example.com", "password": "correct horse battery", "rememberMe": false,
		})
		if sc := res.Header.Get("Set-Cookie"); strings.Contains(sc, "Max-Age") || strings.Contains(sc, "Expires") {
			t.Fatalf("a session without remember-me got a persistent cookie: %s", sc)
		}
		env.Clock.Advance(23 * time.Hour)
		if s, _ := getSession(t, c); s == nil {
			t.Fatal("ended before a day")
		}
		env.Clock.Advance(2 * time.Hour)
		if s, _ := getSession(t, c); s != nil {
			t.Fatal("lasted more than a day")
		}
	})
}

func TestRevokedSessionIsRefusedOnItsNextRequest(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := env.NewClient(t)
		signUp(t, c, true)
		if s, _ := getSession(t, c); s == nil {
			t.Fatal("no session")
		}
		if _, err := env.Server.Store().DB.NewDelete().Table("sessions").Where("1 = 1").Exec(context.Background()); err != nil {
			t.Fatal(err)
		}
		if s, _ := getSession(t, c); s != nil {
			t.Fatal("a deleted session still answers")
		}
	})
}

func TestStaleTabCanSignOut(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{})
	c := env.NewClient(t)
	if res := c.Do("POST", "/api/auth/sign-out", map[string]any{}); res.Status != 200 {
		t.Fatalf("sign-out without a session: %d %s", res.Status, res.Body)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
