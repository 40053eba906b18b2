package magiclink_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"spacerr/server/config"
	"spacerr/server/servertest"
	"spacerr/shared/api"
)

const pw = "correct horse battery"

var linkRE = regexp.MustCompile(`https?://\S+`)

func newClient(t *testing.T, env *servertest.Env) *servertest.Client {
	c := env.NewClient(t)
	c.HTTP.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c
}

// requestLink asks for a link and returns its path.
func requestLink(t *testing.T, env *servertest.Env, c *servertest.Client, body map[string]any) string {
	t.Helper()
	res := c.Do("POST", "/api/auth/sign-in/magic-link", body)
	if res.Status != 200 || strings.TrimSpace(string(res.Body)) != `{"status":true}` {
		t.Fatalf("magic-link: %d %s", res.Status, res.Body)
	}
	msgs := env.Mail.Messages(strings.ToLower(body["email"].(string)))
	if len(msgs) == 0 {
		t.Fatal("no magic link mailed")
	}
	link := linkRE.FindString(msgs[len(msgs)-1].Text)
	if !strings.HasPrefix(link, env.URL+"/api/auth/magic-link/verify?") {
		t.Fatalf("link %q", link)
	}
	return strings.TrimPrefix(link, env.URL)
}

func session(t *testing.T, c *servertest.Client) *api.SessionResponse {
	t.Helper()
	var s *api.SessionResponse
	c.Do("GET", "/api/auth/get-session", nil).JSON(t, &s)
	return s
}

func TestMagicLinkSignsUpANewUser(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := newClient(t, env)
		path := requestLink(t, env, c, map[string]any{"email": "Grace@Example.com", "callbackURL": "/welcome"})
		res := c.Do("GET", path, nil)
		if res.Status != http.StatusFound || res.Header.Get("Location") != "/welcome" {
			t.Fatalf("verify: %d %q", res.Status, res.Header.Get("Location"))
		}
		s := session(t, c)
		if s == nil || s.User.Email != "grace@example.com" || s.User.Name != "grace" || !s.User.EmailVerified {
			t.Fatalf("session after magic link: %+v", s)
		}
		if m := c.Cookie("better-auth.last_used_login_method"); m != "magic-link" || s.User.LastLoginMethod != "magic-link" {
			t.Fatalf("last used method = %q (user %v), want magic-link", m, s.User.LastLoginMethod)
		}
		// The link works once.
		other := newClient(t, env)
		if res := other.Do("GET", path, nil); res.Header.Get("Location") != "/magic-link?error=INVALID_TOKEN" {
			t.Fatalf("reused link: %q", res.Header.Get("Location"))
		}
	})
}

func TestMagicLinkExpiresAfterFiveMinutes(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := newClient(t, env)
		path := requestLink(t, env, c, map[string]any{"email": "grace@example.com"})
		env.Clock.Advance(5*time.Minute + time.Second)
		if res := c.Do("GET", path, nil); res.Header.Get("Location") != "/magic-link?error=INVALID_TOKEN" {
			t.Fatalf("expired link: %q", res.Header.Get("Location"))
		}
		if s := session(t, c); s != nil {
			t.Fatalf("an expired link signed in: %+v", s)
		}
	})
}

func TestMagicLinkAsksForTheSecondFactor(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		owner := env.NewClient(t)
		if res := owner.Do("POST", "/api/auth/sign-up/email", map[string]any{"name": "Ada", "email": "ada@example.com", "password": pw}); res.Status != 200 {
			t.Fatalf("sign-up: %d %s", res.Status, res.Body)
		}
		res := owner.Do("POST", "/api/auth/two-factor/enable", map[string]any{"password": pw})
		var en api.EnableTwoFactorResponse
		res.JSON(t, &en)
		key, err := otp.NewKeyFromURL(en.TOTPURI)
		if err != nil {
			t.Fatalf("enable: %d %s", res.Status, res.Body)
		}
		code, _ := totp.GenerateCodeCustom(key.Secret(), env.Clock.Now(), totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if res := owner.Do("POST", "/api/auth/two-factor/verify-totp", map[string]any{"code": code}); res.Status != 200 {
			t.Fatalf("enrol: %d %s", res.Status, res.Body)
		}
		if m := env.Mail.Messages("ada@example.com"); !strings.Contains(m[len(m)-1].Subject, "Two-factor authentication was turned on") {
			t.Fatalf("no 2FA notice: %q", m[len(m)-1].Subject)
		}

		c := newClient(t, env)
		path := requestLink(t, env, c, map[string]any{"email": "ada@example.com"})
		res = c.Do("GET", path, nil)
		if res.Status != http.StatusFound || res.Header.Get("Location") != "/sign-in/two-factor" {
			t.Fatalf("verify: %d %q", res.Status, res.Header.Get("Location"))
		}
		if !strings.Contains(res.Header.Get("Set-Cookie"), "two_factor") {
			t.Fatalf("no challenge cookie: %q", res.Header.Values("Set-Cookie"))
		}
		if s := session(t, c); s != nil {
			t.Fatalf("a 2FA user got a session from a link alone: %+v", s)
		}
		env.Clock.Advance(30 * time.Second)
		code, _ = totp.GenerateCodeCustom(key.Secret(), env.Clock.Now(), totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if res := c.Do("POST", "/api/auth/two-factor/verify-totp", map[string]any{"code": code}); res.Status != 200 {
			t.Fatalf("second factor after the link: %d %s", res.Status, res.Body)
		}
		if s := session(t, c); s == nil || s.User.Email != "ada@example.com" {
			t.Fatalf("no session after the second factor: %+v", s)
		}
		// The first factor was the link, so that is the method to remember, not the password.
		if m := c.Cookie("better-auth.last_used_login_method"); m != "magic-link" {
			t.Fatalf("last used method after link + 2FA = %q, want magic-link", m)
		}
	})
}

func TestMagicLinkRefusesUntrustedCallback(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := newClient(t, env)
		if res := c.Do("POST", "/api/auth/sign-in/magic-link", map[string]any{"email": "a@example.com", "callbackURL": "https://evil.example/"}); res.Status != 400 {
			t.Fatalf("untrusted callbackURL: %d %s", res.Status, res.Body)
		}
		path := requestLink(t, env, c, map[string]any{"email": "a@example.com"})
		path = strings.Replace(path, "callbackURL=%2Fsettings", "callbackURL=https%3A%2F%2Fevil.example%2F", 1)
		if res := c.Do("GET", path, nil); res.Header.Get("Location") != "/settings" {
			t.Fatalf("an untrusted callbackURL was followed: %q", res.Header.Get("Location"))
		}
	})
}

func TestMagicLinkRateLimit(t *testing.T) {
	setup := servertest.Setup{Config: func(c *config.Config) { c.RateLimits.MagicLink = config.DefaultRateLimits().MagicLink }}
	servertest.Each(t, setup, func(t *testing.T, env *servertest.Env) {
		c := newClient(t, env)
		for i := range 6 {
			res := c.Do("POST", "/api/auth/sign-in/magic-link", map[string]any{"email": "a@example.com"})
			if want := map[bool]int{true: 200, false: 429}[i < 5]; res.Status != want {
				t.Fatalf("request %d: %d, want %d", i+1, res.Status, want)
			}
		}
	})
}
