package account_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"spacerr/server/config"
	"spacerr/server/servertest"
	"spacerr/shared/api"
)

// noRedirects makes c stop at a 302, as a test must to see where a mailed link leads.
func noRedirects(c *servertest.Client) {
	c.HTTP.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
}

var linkRE = regexp.MustCompile(`https?://\S+`)

// lastLink returns the link of the newest mail to to, checking its subject.
func lastLink(t *testing.T, env *servertest.Env, to, subject string) string {
	t.Helper()
	msgs := env.Mail.Messages(to)
	if len(msgs) == 0 {
		t.Fatalf("no mail to %s", to)
	}
	m := msgs[len(msgs)-1]
	if !strings.Contains(m.Subject, subject) {
		t.Fatalf("mail subject %q, want %q", m.Subject, subject)
	}
	link := linkRE.FindString(m.Text)
	if link == "" || !strings.Contains(m.HTML, strings.ReplaceAll(link, "&", "&amp;")) {
		t.Fatalf("mail without the same link in text and HTML: %q / %q", m.Text, m.HTML)
	}
	return link
}

// pathOf makes a mailed absolute link into a path the test client sends to the server.
func pathOf(t *testing.T, env *servertest.Env, link string) string {
	t.Helper()
	if !strings.HasPrefix(link, env.URL+"/") {
		t.Fatalf("link %q is not on BASE_URL %s", link, env.URL)
	}
	return strings.TrimPrefix(link, env.URL)
}

func TestPasswordResetEndToEnd(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		old := env.NewClient(t)
		if res := signUp(t, old, "Ada", "ada@example.com", "correct horse battery"); res.Status != 200 {
			t.Fatalf("sign-up: %d %s", res.Status, res.Body)
		}
		c := env.NewClient(t)
		noRedirects(c)
		res := c.Do("POST", "/api/auth/request-password-reset", map[string]any{"email": "Ada@example.com"})
		var body api.RequestPasswordResetResponse
		res.JSON(t, &body)
		if res.Status != 200 || !body.Status || body.Message != api.ResetPasswordMessage {
			t.Fatalf("request reset: %d %s", res.Status, res.Body)
		}
		link := lastLink(t, env, "ada@example.com", "reset your password")
		res = c.Do("GET", pathOf(t, env, link), nil)
		loc, _ := url.Parse(res.Header.Get("Location"))
		token := loc.Query().Get("token")
		if res.Status != http.StatusFound || loc.Path != "/reset-password" || len(token) != 43 {
			t.Fatalf("reset link: %d %q", res.Status, res.Header.Get("Location"))
		}
		if res := c.Do("POST", "/api/auth/reset-password", map[string]any{"token": token, "newPassword": "a brand new passphrase"}); res.Status != 200 {
			t.Fatalf("reset: %d %s", res.Status, res.Body)
		}
		if res := old.Do("GET", "/api/auth/get-session", nil); strings.TrimSpace(string(res.Body)) != "null" {
			t.Fatalf("the old session survived the reset: %s", res.Body)
		}
		if res := c.Do("POST", "/api/auth/sign-in/email", map[string]any{"email": "ada@example.com", "password": "correct horse battery"}); res.Status != 401 {
			t.Fatalf("old password still works: %d", res.Status)
		}
		if res := c.Do("POST", "/api/auth/sign-in/email", map[string]any{"email": "ada@example.com", "password": "a brand new passphrase"}); res.Status != 200 {
			t.Fatalf("new password: %d %s", res.Status, res.Body)
		}
		wantError(t, c.Do("POST", "/api/auth/reset-password", map[string]any{"token": token, "newPassword": "yet another passphrase"}), 400, api.CodeInvalidToken)
		res = c.Do("GET", pathOf(t, env, link), nil)
		if loc := res.Header.Get("Location"); res.Status != http.StatusFound || loc != "/reset-password?error=INVALID_TOKEN" {
			t.Fatalf("spent link: %d %q", res.Status, loc)
		}
		if m := env.Mail.Messages("ada@example.com"); !strings.Contains(m[len(m)-1].Subject, "Your password was reset") {
			t.Fatalf("no reset notice: %+v", m[len(m)-1])
		}

		// A token expires after an hour.
		c.Do("POST", "/api/auth/request-password-reset", map[string]any{"email": "ada@example.com", "redirectTo": "/elsewhere"})
		link = lastLink(t, env, "ada@example.com", "reset your password")
		if !strings.Contains(link, "callbackURL=%2Felsewhere") {
			t.Fatalf("redirectTo not in the link: %s", link)
		}
		token = strings.TrimPrefix(strings.SplitN(pathOf(t, env, link), "?", 2)[0], "/api/auth/reset-password/")
		env.Clock.Advance(time.Hour + time.Second)
		res = c.Do("GET", pathOf(t, env, link), nil)
		if loc := res.Header.Get("Location"); loc != "/elsewhere?error=INVALID_TOKEN" {
			t.Fatalf("expired link: %q", loc)
		}
		wantError(t, c.Do("POST", "/api/auth/reset-password", map[string]any{"token": token, "newPassword": "yet another passphrase"}), 400, api.CodeInvalidToken)
	})
}

func TestPasswordResetOfUnknownEmailLooksTheSame(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := env.NewClient(t)
		signUp(t, c, "Ada", "ada@example.com", "correct horse battery")
		known := c.Do("POST", "/api/auth/request-password-reset", map[string]any{"email": "ada@example.com"})
		before := len(env.Mail.Messages())
		unknown := c.Do("POST", "/api/auth/request-password-reset", map[string]any{"email": "nobody@example.com"})
		if known.Status != unknown.Status || string(known.Body) != string(unknown.Body) {
			t.Fatalf("answers differ: %d %s / %d %s", known.Status, known.Body, unknown.Status, unknown.Body)
		}
		if len(env.Mail.Messages()) != before {
			t.Fatal("a mail went to an unknown address")
		}
		// An untrusted redirect is refused rather than mailed.
		if res := c.Do("POST", "/api/auth/request-password-reset", map[string]any{"email": "ada@example.com", "redirectTo": "https://evil.example/x"}); res.Status != 400 {
			t.Fatalf("untrusted redirectTo: %d", res.Status)
		}
	})
}

func TestPasswordResetRateLimit(t *testing.T) {
	setup := servertest.Setup{Config: func(c *config.Config) { c.RateLimits.Mail = config.DefaultRateLimits().Mail }}
	servertest.Each(t, setup, func(t *testing.T, env *servertest.Env) {
		c := env.NewClient(t)
		for i := range 4 {
			res := c.Do("POST", "/api/auth/request-password-reset", map[string]any{"email": "a@example.com"})
			if want := map[bool]int{true: 200, false: 429}[i < 3]; res.Status != want {
				t.Fatalf("request %d: %d, want %d", i+1, res.Status, want)
			}
		}
	})
}

func TestEmailVerification(t *testing.T) {
	setup := servertest.Setup{Config: func(c *config.Config) { c.Mail.VerifyOnSignUp = true }}
	servertest.Each(t, setup, func(t *testing.T, env *servertest.Env) {
		c := env.NewClient(t)
		noRedirects(c)
		signUp(t, c, "Ada", "ada@example.com", "correct horse battery")
		link := lastLink(t, env, "ada@example.com", "verify your email")
		res := c.Do("GET", pathOf(t, env, link), nil)
		if res.Status != http.StatusFound || res.Header.Get("Location") != "/settings" {
			t.Fatalf("verify: %d %q", res.Status, res.Header.Get("Location"))
		}
		var sess api.SessionResponse
		c.Do("GET", "/api/auth/get-session", nil).JSON(t, &sess)
		if !sess.User.EmailVerified {
			t.Fatalf("email not verified: %+v", sess.User)
		}
		if res := c.Do("GET", pathOf(t, env, link), nil); res.Header.Get("Location") != "/verify-email?error=INVALID_TOKEN" {
			t.Fatalf("spent link: %q", res.Header.Get("Location"))
		}
		// A verified address gets no new link; an unknown one neither; both answer the same.
		before := len(env.Mail.Messages())
		for _, email := range []string{"ada@example.com", "nobody@example.com"} {
			if res := c.Do("POST", "/api/auth/send-verification-email", map[string]any{"email": email}); res.Status != 200 || strings.TrimSpace(string(res.Body)) != `{"status":true}` {
				t.Fatalf("send-verification-email: %d %s", res.Status, res.Body)
			}
		}
		if len(env.Mail.Messages()) != before {
			t.Fatal("a verification mail was sent needlessly")
		}
	})
}

func TestRequireEmailVerification(t *testing.T) {
	setup := servertest.Setup{Config: func(c *config.Config) { c.Mail.RequireEmailVerification = true }}
	servertest.Each(t, setup, func(t *testing.T, env *servertest.Env) {
		c := env.NewClient(t)
		noRedirects(c)
		res := signUp(t, c, "Ada", "ada@example.com", "correct horse battery")
		if res.Status != 200 || !strings.Contains(string(res.Body), `"token":null`) || c.Cookie("spacerr.session_token") != "" {
			t.Fatalf("sign-up made a session: %d %s", res.Status, res.Body)
		}
		signIn := map[string]any{"email": "ada@example.com", "password": "correct horse battery"}
		wantError(t, c.Do("POST", "/api/auth/sign-in/email", signIn), 403, api.CodeEmailNotVerified)
		if n := len(env.Mail.Messages("ada@example.com")); n != 2 {
			t.Fatalf("%d verification mails, want 2 (sign-up and refused sign-in)", n)
		}
		c.Do("GET", pathOf(t, env, lastLink(t, env, "ada@example.com", "verify your email")), nil)
		if res := c.Do("POST", "/api/auth/sign-in/email", signIn); res.Status != 200 {
			t.Fatalf("sign-in after verification: %d %s", res.Status, res.Body)
		}
	})
}

func TestPasswordChangeNotice(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := env.NewClient(t)
		signUp(t, c, "Ada", "ada@example.com", "correct horse battery")
		res := c.Do("POST", "/api/auth/change-password", map[string]any{"currentPassword": "correct horse battery", "newPassword": "a brand new passphrase"})
		if res.Status != 200 {
			t.Fatalf("change-password: %d %s", res.Status, res.Body)
		}
		msgs := env.Mail.Messages("ada@example.com")
		m := msgs[len(msgs)-1]
		if !strings.Contains(m.Subject, "Your password was changed") || !strings.Contains(m.Text, "UTC") ||
			!strings.Contains(m.Text, "IP address: 127.0.0.1") {
			t.Fatalf("notice: %+v", m)
		}
	})
}
