package passkey_test

import (
	"net/http"
	"strings"
	"testing"

	"spacerr/server/config"
	"spacerr/server/oidc/oidctest"
	"spacerr/server/servertest"
	"spacerr/shared/api"
)

// signInWithGoogle signs c up with Google as person (the provider approves at once) and returns where
// the server sends the browser in the end.
func signInWithGoogle(t *testing.T, env *servertest.Env, idp *oidctest.Provider, c *servertest.Client, person *oidctest.Person) string {
	t.Helper()
	idp.Queue(person)
	var start api.SocialRedirect
	ok(t, c.Do("POST", "/api/auth/sign-in/social", map[string]any{"provider": "google", "callbackURL": "/settings"}), "sign-in/social").JSON(t, &start)
	u := start.URL
	// Provider, then our callback: each hop answers a redirect, carried by hand.
	for hop := 0; hop < 2; hop++ {
		res, err := c.HTTP.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusFound {
			t.Fatalf("hop %d (%s): %d", hop, u, res.StatusCode)
		}
		u = res.Header.Get("Location")
	}
	return u
}

// A linked Google account is a way in: a Google user may delete their only passkey, and then the Google
// account becomes the one that stays. A user with nothing but one passkey still keeps it.
func TestTheLastPasskeyMayGoWhenAGoogleAccountIsLinked(t *testing.T) {
	idp := oidctest.Start(t)
	setup := servertest.Setup{Config: func(c *config.Config) { c.OIDC = idp.Settings() }}
	servertest.Each(t, setup, func(t *testing.T, env *servertest.Env) {
		c := env.NewClient(t)
		c.HTTP.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		end := signInWithGoogle(t, env, idp, c, &oidctest.Person{Subject: "g-ada", Email: "ada@example.com", EmailVerified: true, Name: "Ada"})
		if !strings.HasSuffix(end, "/settings") {
			t.Fatalf("Google sign-in ended at %q", end)
		}
		only, _ := register(t, c, authenticator(env), "")
		ok(t, c.Do("POST", base+"delete-passkey", map[string]any{"id": only.ID}), "delete the Google user's only passkey")
		if left := listPasskeys(t, c); len(left) != 0 {
			t.Fatalf("%d passkeys left", len(left))
		}
		// The same rule from the other side: with no passkey left, Google is the last way in.
		wantError(t, c.Do("POST", "/api/auth/unlink-account", map[string]any{"providerId": "google"}), 400, api.CodeFailedToUnlinkLastAccount)

		// With a passkey again, Google may go, and then the passkey is the last way in.
		again, _ := register(t, c, authenticator(env), "")
		ok(t, c.Do("POST", "/api/auth/unlink-account", map[string]any{"providerId": "google"}), "unlink Google")
		wantError(t, c.Do("POST", base+"delete-passkey", map[string]any{"id": again.ID}), 400, api.CodeCannotDeleteLastLogin)

		grace := env.NewClient(t)
		first := signUpWithPasskey(t, grace, authenticator(env), "Grace", "grace@example.com")
		wantError(t, grace.Do("POST", base+"delete-passkey", map[string]any{"id": first.ID}), 400, api.CodeCannotDeleteLastLogin)
	})
}
