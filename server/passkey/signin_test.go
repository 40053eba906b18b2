package passkey_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"sync"
	"testing"
	"time"

	"spacerr/server/config"
	"spacerr/server/passkey/passkeytest"
	"spacerr/server/servertest"
	"spacerr/shared/api"
)

func TestForgedRegistrationsAreRefused(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c, _ := signedIn(t, env, "Ada", "ada@example.com")
		for name, forge := range map[string]func(a *passkeytest.Authenticator){
			"origin of a phishing page": func(a *passkeytest.Authenticator) { a.Origin = "https://evil.example" },
			"origin on another port":    func(a *passkeytest.Authenticator) { a.Origin = "http://localhost:1" },
			"RP ID of another site":     func(a *passkeytest.Authenticator) { a.RPID = "evil.example" },
			"no user verification":      func(a *passkeytest.Authenticator) { a.UserVerified = false },
		} {
			a := authenticator(env)
			forge(a)
			response, _ := createResponse(t, a, registerOptions(t, c, ""))
			res := verifyRegistration(c, response, "")
			if res.Status != 400 {
				t.Errorf("%s: %d %s", name, res.Status, res.Body)
				continue
			}
			wantError(t, res, 400, api.CodeFailedToVerifyReg)
		}
		registerOptions(t, c, "") // not a credential at all
		wantError(t, verifyRegistration(c, []byte(`{"id":"x","type":"public-key"}`), ""), 400, api.CodeFailedToVerifyReg)
		if n := count(t, env, "passkeys"); n != 0 {
			t.Fatalf("forged registrations stored %d passkeys", n)
		}
	})
}

func TestForgedSignInsAreRefused(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		owner, _ := signedIn(t, env, "Ada", "ada@example.com")
		_, cred := register(t, owner, authenticator(env), "")
		_, other := register(t, owner, authenticator(env), "")

		c := env.NewClient(t)
		for name, forge := range map[string]func(a *passkeytest.Authenticator, cr *passkeytest.Credential){
			"origin of a phishing page": func(a *passkeytest.Authenticator, _ *passkeytest.Credential) { a.Origin = "https://evil.example" },
			"RP ID of another site":     func(a *passkeytest.Authenticator, _ *passkeytest.Credential) { a.RPID = "evil.example" },
			"no user verification":      func(a *passkeytest.Authenticator, _ *passkeytest.Credential) { a.UserVerified = false },
			"someone else's user handle": func(_ *passkeytest.Authenticator, cr *passkeytest.Credential) {
				cr.UserHandle = []byte("another-user-id")
			},
			"signed with another key": func(_ *passkeytest.Authenticator, cr *passkeytest.Credential) {
				cr.Key, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
			},
			"another credential's key": func(_ *passkeytest.Authenticator, cr *passkeytest.Credential) { cr.Key = other.Key },
			"claims to be synced":      func(_ *passkeytest.Authenticator, cr *passkeytest.Credential) { cr.BackupEligible = true },
		} {
			a := authenticator(env)
			forged := *cred
			forge(a, &forged)
			res := signIn(t, c, a, &forged)
			if res.Status != 401 {
				t.Errorf("%s: %d %s", name, res.Status, res.Body)
				continue
			}
			wantError(t, res, 401, api.CodeAuthenticationFailed)
			cred.Counter = forged.Counter // the authenticator's counter moved on
		}

		// A credential this server has never seen.
		unknown := &passkeytest.Credential{ID: []byte("never-registered-credential-id-0"), UserHandle: []byte("x"), Counter: 0}
		unknown.Key, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		wantError(t, signIn(t, c, authenticator(env), unknown), 401, api.CodePasskeyNotFound)

		// Not a credential at all, and no response.
		assertion(t, c, authenticator(env), cred)
		wantError(t, verifyAuthentication(c, []byte(`{"id":"AAAA","type":"public-key"}`)), 401, api.CodeAuthenticationFailed)
		wantError(t, c.Do("POST", base+"verify-authentication", map[string]any{}), 400, api.CodeValidation)

		if s := session(t, c); s != nil {
			t.Fatalf("a forged sign-in made a session: %+v", s)
		}
		if n := count(t, env, "sessions"); n != 1 { // the owner's password session only
			t.Fatalf("%d sessions", n)
		}
		ok(t, signIn(t, c, authenticator(env), cred), "the genuine sign-in still works")
	})
}

func TestSignatureCounter(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		owner, _ := signedIn(t, env, "Ada", "ada@example.com")
		c := env.NewClient(t)

		// A device-bound key (a security key): its counter must move forward.
		key := authenticator(env)
		_, cred := register(t, owner, key, "")
		ok(t, signIn(t, c, key, cred), "counter 1")
		cred.Counter = 4
		ok(t, signIn(t, c, key, cred), "counter 5")
		cred.Counter = 1
		wantError(t, signIn(t, c, key, cred), 401, api.CodeAuthenticationFailed) // 2 after 5: a clone
		cred.Counter = 4
		wantError(t, signIn(t, c, key, cred), 401, api.CodeAuthenticationFailed) // 5 again
		cred.Counter = ^uint32(0)                                                // the next signature says 0: a device-bound key cannot go back to 0
		wantError(t, signIn(t, c, key, cred), 401, api.CodeAuthenticationFailed)
		cred.Counter = 5
		ok(t, signIn(t, c, key, cred), "counter 6")
		if got := counterOf(t, owner, cred); got != 6 {
			t.Fatalf("stored counter %d, want 6", got)
		}

		// A synced passkey always says 0, and may jump around: accepted, the stored counter never goes back.
		synced := authenticator(env)
		synced.BackupEligible, synced.BackedUp = true, true
		p, scred := register(t, owner, synced, "")
		if p.DeviceType != "multiDevice" || !p.BackedUp {
			t.Fatalf("synced passkey: %+v", p)
		}
		for range 3 {
			ok(t, signIn(t, c, synced, scred), "synced, counter 0")
		}
		scred.Counter = 10
		ok(t, signIn(t, c, synced, scred), "synced, counter 10")
		scred.Counter = 3
		ok(t, signIn(t, c, synced, scred), "synced, counter 3 after 10")
		if got := counterOf(t, owner, scred); got != 10 {
			t.Fatalf("synced stored counter %d, want 10", got)
		}
	})
}

// Two sign-ins with the same counter at the same moment (a cloned device-bound key used twice): at most
// one may pass, however they interleave.
func TestConcurrentSignInsWithOneCounterValue(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		owner, _ := signedIn(t, env, "Ada", "ada@example.com")
		a := authenticator(env)
		_, cred := register(t, owner, a, "")
		for round := range 4 {
			const racers = 4
			clients := make([]*servertest.Client, racers)
			responses := make([][]byte, racers)
			start := cred.Counter
			for i := range racers {
				clients[i] = env.NewClient(t)
				cred.Counter = start // every copy signs with the same next counter
				responses[i] = assertion(t, clients[i], a, cred)
			}
			var wg sync.WaitGroup
			statuses := make([]int, racers)
			for i := range racers {
				wg.Go(func() { statuses[i] = verifyAuthentication(clients[i], responses[i]).Status })
			}
			wg.Wait()
			passed := 0
			for _, s := range statuses {
				if s == 200 {
					passed++
				} else if s != 401 {
					t.Fatalf("round %d: status %d", round, s)
				}
			}
			if passed != 1 {
				t.Fatalf("round %d: %d sign-ins with one counter value passed, want 1 (%v)", round, passed, statuses)
			}
		}
	})
}

func counterOf(t *testing.T, c *servertest.Client, cred *passkeytest.Credential) uint32 {
	t.Helper()
	for _, p := range listPasskeys(t, c) {
		if p.CredentialID == cred.IDString() {
			return p.Counter
		}
	}
	t.Fatalf("passkey %s not listed", cred.IDString())
	return 0
}

// The options are GETs, but each one writes a ceremony row, so they are rate limited like writes.
func TestOptionsAreRateLimited(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{Config: func(cfg *config.Config) {
		cfg.RateLimits.Default = config.RateLimit{Max: 2, Window: time.Minute}
	}})
	c := env.NewClient(t)
	for range 2 {
		ok(t, c.Do("GET", base+"generate-authenticate-options", nil), "options")
	}
	wantError(t, c.Do("GET", base+"generate-authenticate-options", nil), 429, api.CodeTooManyRequests)
	if n := count(t, env, "verifications"); n != 2 {
		t.Fatalf("%d ceremonies stored", n)
	}
}
