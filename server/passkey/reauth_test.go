package passkey_test

import (
	"encoding/json"
	"testing"
	"time"

	"spacerr/server/servertest"
	"spacerr/shared/api"
)

func TestPasskeyReauthMakesTheSessionFresh(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c, _ := signedIn(t, env, "Ada", "ada@example.com")
		a := authenticator(env)
		_, cred := register(t, c, a, "")
		mallory, _ := signedIn(t, env, "Mallory", "mallory@example.com")
		_, malloryCred := register(t, mallory, authenticator(env), "")

		env.Clock.Advance(16 * time.Minute)
		wantError(t, c.Do("GET", base+"generate-register-options", nil), 403, api.CodeSessionNotFresh)

		verify := func(cl *servertest.Client, credOf func([]byte) []byte) *servertest.Response {
			options := ok(t, cl.Do("GET", base+"generate-reauth-options", nil), "generate-reauth-options").Body
			return cl.Do("POST", base+"verify-reauth", map[string]any{"response": json.RawMessage(credOf(options))})
		}
		// Another user's passkey does not re-authenticate Ada, and her session stays stale.
		wantError(t, verify(c, func(o []byte) []byte {
			res, err := authenticator(env).Get(o, malloryCred)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}), 401, api.CodeAuthenticationFailed)
		wantError(t, c.Do("GET", base+"generate-register-options", nil), 403, api.CodeSessionNotFresh)

		// Without user verification it is refused too.
		noUV := authenticator(env)
		noUV.UserVerified = false
		wantError(t, verify(c, func(o []byte) []byte {
			res, err := noUV.Get(o, cred)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}), 401, api.CodeAuthenticationFailed)

		// Her own passkey does, on the same session.
		before := session(t, c).Session.ID
		var st api.StatusTrue
		ok(t, verify(c, func(o []byte) []byte {
			res, err := a.Get(o, cred)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}), "verify-reauth").JSON(t, &st)
		if !st.Status {
			t.Fatalf("verify-reauth: %+v", st)
		}
		if after := session(t, c).Session.ID; after != before {
			t.Fatalf("re-authentication replaced the session: %s → %s", before, after)
		}
		ok(t, c.Do("GET", base+"generate-register-options", nil), "generate-register-options after re-auth")
		if p := listPasskeys(t, c); len(p) != 1 || p[0].LastUsedAt == nil {
			t.Fatalf("passkey use not recorded: %+v", p)
		}

		// Signed out, there is nothing to re-authenticate.
		wantError(t, env.NewClient(t).Do("GET", base+"generate-reauth-options", nil), 401, api.CodeUnauthorized)
	})
}

func TestPasskeySignInsRecordTheLastLoginMethod(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		const cookie = "better-auth.last_used_login_method"
		// A passkey sign-up signs in with a passkey.
		grace := env.NewClient(t)
		signUpWithPasskey(t, grace, authenticator(env), "Grace", "grace@example.com")
		if got := grace.Cookie(cookie); got != "passkey" {
			t.Fatalf("last-method cookie after passkey sign-up: %q", got)
		}
		if s := session(t, grace); s == nil || s.User.LastLoginMethod != "passkey" {
			t.Fatalf("user after passkey sign-up: %+v", s)
		}

		// A password user who adds a passkey signed in with "email"; signing in with the passkey changes it.
		c, _ := signedIn(t, env, "Ada", "ada@example.com")
		a := authenticator(env)
		_, cred := register(t, c, a, "")
		if got := session(t, c).User.LastLoginMethod; got != "email" {
			t.Fatalf("adding a passkey changed the last method to %q", got)
		}
		b := env.NewClient(t)
		// A refused passkey sign-in sets nothing.
		noUV := authenticator(env)
		noUV.UserVerified = false
		wantError(t, verifyAuthentication(b, assertion(t, b, noUV, cred)), 401, api.CodeAuthenticationFailed)
		if got := b.Cookie(cookie); got != "" {
			t.Fatalf("a refused passkey sign-in set the cookie to %q", got)
		}
		var res api.SessionResponse
		ok(t, signIn(t, b, a, cred), "passkey sign-in").JSON(t, &res)
		if res.User.LastLoginMethod != "passkey" || b.Cookie(cookie) != "passkey" {
			t.Fatalf("after passkey sign-in: user %+v, cookie %q", res.User, b.Cookie(cookie))
		}
	})
}
