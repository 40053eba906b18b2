package twofactor_test

import (
	"strings"
	"testing"
	"time"

	"spacerr/server/servertest"
)

func TestTrustedDeviceSkipsTheSecondFactor(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := signUp(t, env, "ada@example.com")
		e := enrol(t, env, c)
		signOut(t, c)
		signInChallenged(t, c, "ada@example.com")
		res := c.Do("POST", verify, map[string]any{"code": e.code(t, env.Clock.Now(), 0), "trustDevice": true})
		if res.Status != 200 {
			t.Fatalf("verify: %d %s", res.Status, res.Body)
		}
		sc := setCookieHeader(res, "spacerr.trust_device")
		for _, attr := range []string{"HttpOnly", "SameSite=Lax", "Path=/api/auth/", "Max-Age=2592000"} {
			if !strings.Contains(sc, attr) {
				t.Errorf("trust cookie lacks %s: %s", attr, sc)
			}
		}
		first := cookieOn(env, c, "spacerr.trust_device")

		signOut(t, c)
		res = c.Do("POST", signIn, map[string]any{"email": "ada@example.com", "password": pw})
		if res.Status != 200 || strings.Contains(string(res.Body), "twoFactorRedirect") || session(t, c) == nil {
			t.Fatalf("trusted sign-in: %d %s", res.Status, res.Body)
		}
		second := cookieOn(env, c, "spacerr.trust_device")
		if second == "" || second == first || count(t, env, "trusted_devices") != 1 {
			t.Fatalf("trust cookie not rotated: %q → %q (%d rows)", first, second, count(t, env, "trusted_devices"))
		}

		// The replaced cookie no longer works; nor does a tampered one; nor does it work for another user.
		for name, value := range map[string]string{
			"replaced": first,
			"tampered": second[:len(second)-2] + flip(second[len(second)-2:]),
			"id only":  strings.Split(second, ".")[0],
			"garbage":  "x.y",
		} {
			signOut(t, c)
			setCookie(t, env, c, "spacerr.trust_device", value)
			res := c.Do("POST", signIn, map[string]any{"email": "ada@example.com", "password": pw})
			if !strings.Contains(string(res.Body), "twoFactorRedirect") {
				t.Fatalf("%s trust cookie skipped the second factor: %s", name, res.Body)
			}
		}
		bob := signUp(t, env, "bob@example.com")
		enrol(t, env, bob)
		signOut(t, bob)
		setCookie(t, env, bob, "spacerr.trust_device", second)
		signInChallenged(t, bob, "bob@example.com")
		// Ada's genuine cookie still works for Ada.
		setCookie(t, env, c, "spacerr.trust_device", second)
		if res := c.Do("POST", signIn, map[string]any{"email": "ada@example.com", "password": pw}); strings.Contains(string(res.Body), "twoFactorRedirect") {
			t.Fatalf("genuine cookie refused: %s", res.Body)
		}
		// It expires after 30 days without use.
		env.Clock.Advance(30*24*time.Hour + time.Minute)
		signOut(t, c)
		signInChallenged(t, c, "ada@example.com")
	})
}

func flip(s string) string {
	b := []byte(s)
	if b[0] == 'A' {
		b[0] = 'B'
	} else {
		b[0] = 'A'
	}
	return string(b)
}

func TestTrustIsRevokedWhenTwoFactorIsTurnedOffOrThePasswordChanges(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := signUp(t, env, "ada@example.com")
		e := enrol(t, env, c)
		trust := func() *servertest.Client {
			t.Helper()
			laptop := env.NewClient(t)
			signInChallenged(t, laptop, "ada@example.com")
			env.Clock.Advance(30 * time.Second)
			if res := laptop.Do("POST", verify, map[string]any{"code": e.code(t, env.Clock.Now(), 0), "trustDevice": true}); res.Status != 200 {
				t.Fatalf("trust: %d %s", res.Status, res.Body)
			}
			signOut(t, laptop)
			return laptop
		}

		laptop := trust()
		if res := c.Do("POST", "/api/auth/change-password", map[string]any{"currentPassword": pw, "newPassword": pw + "!"}); res.Status != 200 {
			t.Fatalf("change-password: %d %s", res.Status, res.Body)
		}
		if count(t, env, "trusted_devices") != 0 {
			t.Fatal("a password change kept trusted devices")
		}
		res := laptop.Do("POST", signIn, map[string]any{"email": "ada@example.com", "password": pw + "!"})
		if !strings.Contains(string(res.Body), "twoFactorRedirect") {
			t.Fatalf("trusted after a password change: %s", res.Body)
		}
		if res := c.Do("POST", "/api/auth/change-password", map[string]any{"currentPassword": pw + "!", "newPassword": pw}); res.Status != 200 {
			t.Fatalf("change-password back: %d %s", res.Status, res.Body)
		}

		laptop = trust()
		if res := c.Do("POST", disable, map[string]any{"password": pw}); res.Status != 200 {
			t.Fatalf("disable: %d %s", res.Status, res.Body)
		}
		e = enrol(t, env, c)
		signInChallenged(t, laptop, "ada@example.com")
	})
}
