package twofactor_test

import (
	"strings"
	"testing"

	"spacerr/server/servertest"
)

const lastMethodCookie = "better-auth.last_used_login_method"

// A challenged sign-in is not a sign-in yet: the last-method cookie comes with the second factor, and
// keeps the first factor's method.
func TestLastLoginMethodWaitsForTheSecondFactor(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := signUp(t, env, "ada@example.com")
		e := enrol(t, env, c)
		b := env.NewClient(t)
		res := b.Do("POST", signIn, map[string]any{"email": "ada@example.com", "password": pw})
		if res.Status != 200 || !strings.Contains(string(res.Body), "twoFactorRedirect") {
			t.Fatalf("sign-in: %d %s", res.Status, res.Body)
		}
		if sc := setCookieHeader(res, lastMethodCookie); sc != "" {
			t.Fatalf("a challenged sign-in set the last-method cookie: %s", sc)
		}
		res = b.Do("POST", verify, map[string]any{"code": e.code(t, env.Clock.Now(), 0)})
		if res.Status != 200 {
			t.Fatalf("verify-totp: %d %s", res.Status, res.Body)
		}
		if got := cookieOn(env, b, lastMethodCookie); got != "email" {
			t.Fatalf("last-method cookie after the second factor: %q", got)
		}
		if s := session(t, b); s == nil || s.User.LastLoginMethod != "email" {
			t.Fatalf("user after the challenge: %+v", s)
		}
	})
}
