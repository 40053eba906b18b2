package passkey_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"spacerr/server/config"
	"spacerr/server/servertest"
	"spacerr/server/store"
	"spacerr/shared/api"
)

// restoreCookie puts a ceremony cookie back into the client's jar, as an attacker replaying a captured
// request would send it.
func restoreCookie(t *testing.T, env *servertest.Env, c *servertest.Client, ck *http.Cookie) {
	t.Helper()
	u, err := url.Parse(env.URL + base)
	if err != nil {
		t.Fatal(err)
	}
	c.HTTP.Jar.SetCookies(u, []*http.Cookie{{Name: ck.Name, Value: ck.Value, Path: ck.Path}})
}

func TestACeremonyIsVerifiedOnlyOnce(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c, _ := signedIn(t, env, "Ada", "ada@example.com")
		a := authenticator(env)

		// A registration response posted twice: the second finds no ceremony, even with the old cookie.
		res := ok(t, c.Do("GET", base+"generate-register-options", nil), "options")
		handle := ceremonyCookie(t, res)
		response, cred := createResponse(t, a, res.Body)
		ok(t, verifyRegistration(c, response, ""), "verify-registration")
		wantError(t, verifyRegistration(c, response, ""), 400, api.CodeChallengeNotFound)
		restoreCookie(t, env, c, handle)
		wantError(t, verifyRegistration(c, response, ""), 400, api.CodeChallengeNotFound)

		// A replayed assertion: same response, same cookie, twice.
		signer := env.NewClient(t)
		res = ok(t, signer.Do("GET", base+"generate-authenticate-options", nil), "options")
		handle = ceremonyCookie(t, res)
		assertionJSON, err := a.Get(res.Body, cred)
		if err != nil {
			t.Fatal(err)
		}
		ok(t, verifyAuthentication(signer, assertionJSON), "first sign-in")
		attacker := env.NewClient(t)
		restoreCookie(t, env, attacker, handle)
		wantError(t, verifyAuthentication(attacker, assertionJSON), 400, api.CodeChallengeNotFound)
		if s := session(t, attacker); s != nil {
			t.Fatal("a replayed assertion signed in")
		}

		// A challenge from a finished ceremony, answered again in a new one, fails the challenge check.
		fresh := ok(t, attacker.Do("GET", base+"generate-authenticate-options", nil), "options").Body
		stale, err := a.Get(res.Body, cred) // freshly signed, but over the old challenge
		if err != nil {
			t.Fatal(err)
		}
		wantError(t, verifyAuthentication(attacker, stale), 401, api.CodeAuthenticationFailed)
		// and the new ceremony was spent by that failure.
		good, err := a.Get(fresh, cred)
		if err != nil {
			t.Fatal(err)
		}
		wantError(t, verifyAuthentication(attacker, good), 400, api.CodeChallengeNotFound)

		// No ceremony at all.
		wantError(t, verifyAuthentication(env.NewClient(t), good), 400, api.CodeChallengeNotFound)
	})
}

func TestACeremonyExpiresAfterFiveMinutes(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c, _ := signedIn(t, env, "Ada", "ada@example.com")
		a := authenticator(env)
		response, _ := createResponse(t, a, registerOptions(t, c, ""))
		env.Clock.Advance(6 * time.Minute)
		wantError(t, verifyRegistration(c, response, ""), 400, api.CodeChallengeNotFound)

		_, cred := register(t, c, a, "")
		signInResponse := assertion(t, c, a, cred)
		env.Clock.Advance(6 * time.Minute)
		wantError(t, verifyAuthentication(c, signInResponse), 400, api.CodeChallengeNotFound)

		// Just within five minutes it works, and the server's sweep removes what expired.
		signInResponse = assertion(t, c, a, cred)
		env.Clock.Advance(5*time.Minute - time.Second)
		ok(t, verifyAuthentication(c, signInResponse), "sign-in")
		registerOptions(t, c, "")
		env.Clock.Advance(5 * time.Minute)
		env.Server.Sweep(t.Context())
		if n := count(t, env, "verifications"); n != 0 {
			t.Fatalf("sweep left %d expired verifications", n)
		}
	})
}

func TestACeremonyOnlyFinishesAtItsOwnEndpoint(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c, _ := signedIn(t, env, "Ada", "ada@example.com")
		a := authenticator(env)
		_, cred := register(t, c, a, "")

		// Authentication options answered at verify-registration.
		signInResponse := assertion(t, c, a, cred)
		wantError(t, verifyRegistration(c, signInResponse, ""), 400, api.CodeChallengeNotFound)

		// Registration options answered at verify-authentication.
		response, _ := createResponse(t, a, registerOptions(t, c, ""))
		wantError(t, verifyAuthentication(c, response), 400, api.CodeChallengeNotFound)
		if n := count(t, env, "passkeys"); n != 1 {
			t.Fatalf("%d passkeys", n)
		}
	})
}

// Two servers on one PostgreSQL database act as two replicas behind a load balancer: a ceremony begun
// on one finishes on the other, because its state is in the database, not in a process.
func TestACeremonyBegunOnOneInstanceFinishesOnAnother(t *testing.T) {
	one := servertest.Start(t, servertest.Setup{Dialect: store.Postgres})
	other := servertest.Start(t, servertest.Setup{
		Dialect: store.Postgres, DatabaseURL: one.Config.DatabaseURL,
		// The replicas answer on different ports here; behind a balancer they would share one origin.
		Config: func(cfg *config.Config) { cfg.TrustedOrigins = append(cfg.TrustedOrigins, one.URL) },
	})
	onOne, _ := signedIn(t, one, "Ada", "ada@example.com")
	onOther := other.NewClient(t)
	onOther.HTTP, onOther.Origin = onOne.HTTP, one.URL // the same browser: same cookies (they ignore ports), same page
	a := authenticator(one)

	response, cred := createResponse(t, a, registerOptions(t, onOne, ""))
	ok(t, verifyRegistration(onOther, response, ""), "verify-registration on the other instance")

	ok(t, onOne.Do("POST", "/api/auth/sign-out", map[string]any{}), "sign-out")
	options := ok(t, onOther.Do("GET", base+"generate-authenticate-options", nil), "options on the other instance").Body
	signInResponse, err := a.Get(options, cred)
	if err != nil {
		t.Fatal(err)
	}
	ok(t, verifyAuthentication(onOne, signInResponse), "verify-authentication on the first instance")
	if s := session(t, onOther); s == nil {
		t.Fatal("the session is not seen by the other instance")
	}
}
