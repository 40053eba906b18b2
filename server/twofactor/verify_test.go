package twofactor_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"spacerr/server/servertest"
	"spacerr/shared/api"
)

func TestEnrolThenSignInWithAnAuthenticatorCode(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := signUp(t, env, "ada@example.com")
		before := session(t, c)
		if before.User.TwoFactorEnabled {
			t.Fatal("a new user has two-factor on")
		}
		e := startEnrolment(t, c)
		if st := twoFactorStatus(t, c); st.Enabled || !st.PendingVerification || !st.HasPassword || st.BackupCodesRemaining != 0 {
			t.Fatalf("status during enrolment: %+v", st)
		}
		// Until verified, sign-in asks nothing more.
		other := env.NewClient(t)
		if res := other.Do("POST", signIn, map[string]any{"email": "ada@example.com", "password": pw}); res.Status != 200 || strings.Contains(string(res.Body), "twoFactorRedirect") {
			t.Fatalf("sign-in during enrolment: %d %s", res.Status, res.Body)
		}
		signOut(t, other)

		enrolCode := e.code(t, env.Clock.Now(), 0)
		res := c.Do("POST", verify, map[string]any{"code": enrolCode})
		if res.Status != 200 {
			t.Fatalf("enrolment verify: %d %s", res.Status, res.Body)
		}
		var auth api.AuthResponse
		res.JSON(t, &auth)
		after := session(t, c)
		if !auth.User.TwoFactorEnabled || after == nil || !after.User.TwoFactorEnabled || auth.Token != after.Session.ID {
			t.Fatalf("after enrolment: %s / %+v", res.Body, after)
		}
		if after.Session.ID == before.Session.ID || count(t, env, "sessions") != 1 {
			t.Fatalf("the session was not replaced (%s → %s, %d sessions)", before.Session.ID, after.Session.ID, count(t, env, "sessions"))
		}
		if st := twoFactorStatus(t, c); !st.Enabled || st.PendingVerification || st.BackupCodesRemaining != 10 {
			t.Fatalf("status after enrolment: %+v", st)
		}
		// The secret is sealed at rest.
		var stored string
		if err := env.Server.Store().DB.NewSelect().Table("two_factors").Column("secret").Scan(context.Background(), &stored); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(stored, "v1:") || strings.Contains(stored, e.secret) {
			t.Fatalf("secret stored as %q", stored)
		}

		signOut(t, c)
		signInChallenged(t, c, "ada@example.com")
		if s := session(t, c); s != nil {
			t.Fatal("a challenged sign-in is signed in")
		}
		if count(t, env, "sessions") != 0 {
			t.Fatal("a challenged sign-in made a session")
		}
		// The enrolment code is spent: it cannot sign in, even within its window.
		wantError(t, c.Do("POST", verify, map[string]any{"code": enrolCode}), 401, api.CodeInvalidCode)

		env.Clock.Advance(30 * time.Second)
		code := e.code(t, env.Clock.Now(), 0)
		res = c.Do("POST", verify, map[string]any{"code": code[:3] + " " + code[3:], "trustDevice": false})
		if res.Status != 200 {
			t.Fatalf("sign-in verify: %d %s", res.Status, res.Body)
		}
		res.JSON(t, &auth)
		s := session(t, c)
		if s == nil || auth.Token != s.Session.ID || auth.User.Email != "ada@example.com" {
			t.Fatalf("not signed in: %s / %+v", res.Body, s)
		}
		if sc := setCookieHeader(res, "spacerr.two_factor"); !strings.Contains(sc, "Max-Age=0") {
			t.Fatalf("challenge cookie not cleared: %q", sc)
		}
		// The same code cannot be used again, by another sign-in.
		c2 := env.NewClient(t)
		signInChallenged(t, c2, "ada@example.com")
		wantError(t, c2.Do("POST", verify, map[string]any{"code": code}), 401, api.CodeInvalidCode)
	})
}

func TestChallengeCookie(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{})
	c := signUp(t, env, "ada@example.com")
	e := enrol(t, env, c)
	signOut(t, c)
	res := c.Do("POST", signIn, map[string]any{"email": "ada@example.com", "password": pw, "rememberMe": false})
	sc := setCookieHeader(res, "spacerr.two_factor")
	for _, attr := range []string{"HttpOnly", "SameSite=Lax", "Path=/api/auth/", "Max-Age=600"} {
		if !strings.Contains(sc, attr) {
			t.Errorf("challenge cookie lacks %s: %s", attr, sc)
		}
	}
	handle := cookieOn(env, c, "spacerr.two_factor")
	var identifier string
	if err := env.Server.Store().DB.NewSelect().Table("verifications").Column("identifier").Scan(context.Background(), &identifier); err != nil {
		t.Fatal(err)
	}
	if len(handle) < 43 || strings.Contains(identifier, handle) {
		t.Fatalf("handle %q / identifier %q", handle, identifier)
	}
	// A failed attempt re-stores the challenge under a new handle, for the rest of its life.
	env.Clock.Advance(time.Minute)
	res = c.Do("POST", verify, map[string]any{"code": e.wrongCode(t, env.Clock.Now())})
	if sc := setCookieHeader(res, "spacerr.two_factor"); !strings.Contains(sc, "Max-Age=540") || cookieOn(env, c, "spacerr.two_factor") == handle {
		t.Fatalf("challenge after a wrong code: %q", sc)
	}
	// "Remember me" off at sign-in: the session ends with the browser.
	res = c.Do("POST", verify, map[string]any{"code": e.code(t, env.Clock.Now(), 0)})
	sc = setCookieHeader(res, "spacerr.session_token")
	if res.Status != 200 || sc == "" || strings.Contains(sc, "Max-Age") {
		t.Fatalf("session cookie without remember-me: %d %q", res.Status, sc)
	}
}

func TestSignInWithABackupCode(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := signUp(t, env, "ada@example.com")
		e := enrol(t, env, c)
		signOut(t, c)
		signInChallenged(t, c, "ada@example.com")
		typed := strings.ToLower(strings.ReplaceAll(e.codes[3], "-", ""))
		res := c.Do("POST", backup, map[string]any{"code": typed})
		if res.Status != 200 || session(t, c) == nil {
			t.Fatalf("backup code sign-in: %d %s", res.Status, res.Body)
		}
		if st := twoFactorStatus(t, c); st.BackupCodesRemaining != 9 {
			t.Fatalf("remaining after one use: %+v", st)
		}
		signOut(t, c)
		signInChallenged(t, c, "ada@example.com")
		wantError(t, c.Do("POST", backup, map[string]any{"code": e.codes[3]}), 401, api.CodeInvalidBackupCode)
		// The challenge survives a wrong code; another backup code still works.
		if res := c.Do("POST", backup, map[string]any{"code": e.codes[4]}); res.Status != 200 {
			t.Fatalf("second backup code: %d %s", res.Status, res.Body)
		}
		// Signed in, a backup code can be checked (and is spent) without a challenge.
		if res := c.Do("POST", backup, map[string]any{"code": e.codes[5]}); res.Status != 200 {
			t.Fatalf("signed-in backup code: %d %s", res.Status, res.Body)
		}
		if st := twoFactorStatus(t, c); st.BackupCodesRemaining != 7 {
			t.Fatalf("remaining: %+v", st)
		}
	})
}

func TestOnlyTheWindowAroundNowIsAccepted(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := signUp(t, env, "ada@example.com")
		e := enrol(t, env, c)
		env.Clock.Advance(10 * time.Minute)
		signOut(t, c)
		now := env.Clock.Now()
		signInChallenged(t, c, "ada@example.com")
		for _, steps := range []int{-2, 2} {
			if code := e.code(t, now, steps); code != e.code(t, now, -1) && code != e.code(t, now, 0) && code != e.code(t, now, 1) {
				wantError(t, c.Do("POST", verify, map[string]any{"code": code}), 401, api.CodeInvalidCode)
			}
		}
		// Each of −1, 0 and +1 signs in once; steps are spent in order.
		for _, steps := range []int{-1, 0, 1} {
			if steps != -1 {
				signOut(t, c)
				signInChallenged(t, c, "ada@example.com")
			}
			if res := c.Do("POST", verify, map[string]any{"code": e.code(t, now, steps)}); res.Status != 200 {
				t.Fatalf("code at %+d steps: %d %s", steps, res.Status, res.Body)
			}
		}
		// An earlier step, after a later one was used, is a replay.
		signOut(t, c)
		signInChallenged(t, c, "ada@example.com")
		wantError(t, c.Do("POST", verify, map[string]any{"code": e.code(t, now, 0)}), 401, api.CodeInvalidCode)
	})
}

func TestFiveAttemptsPerChallenge(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := signUp(t, env, "ada@example.com")
		e := enrol(t, env, c)
		signOut(t, c)
		signInChallenged(t, c, "ada@example.com")
		now := env.Clock.Now()
		// Malformed input is refused before it can count.
		wantError(t, c.Do("POST", verify, map[string]any{"code": "12ab56"}), 400, api.CodeValidation)
		wantError(t, c.Do("POST", verify, map[string]any{"code": "123456", "extra": 1}), 400, api.CodeValidation)
		wantError(t, c.Do("POST", backup, map[string]any{"code": "nope"}), 400, api.CodeValidation)
		for i := 0; i < 4; i++ {
			if i%2 == 0 {
				wantError(t, c.Do("POST", verify, map[string]any{"code": e.wrongCode(t, now)}), 401, api.CodeInvalidCode)
			} else {
				wantError(t, c.Do("POST", backup, map[string]any{"code": "AAAAA-AAAAA"}), 401, api.CodeInvalidBackupCode)
			}
		}
		wantError(t, c.Do("POST", verify, map[string]any{"code": e.wrongCode(t, now)}), 401, api.CodeTooManyAttempts)
		wantError(t, c.Do("POST", verify, map[string]any{"code": e.code(t, now, 0)}), 401, api.CodeInvalidTwoFactorCookie)
		if session(t, c) != nil || count(t, env, "sessions") != 0 || count(t, env, "verifications") != 0 {
			t.Fatal("an exhausted challenge left a session or a record")
		}
		// A new sign-in starts a new challenge.
		signInChallenged(t, c, "ada@example.com")
		if res := c.Do("POST", verify, map[string]any{"code": e.code(t, now, 0)}); res.Status != 200 {
			t.Fatalf("after a new sign-in: %d %s", res.Status, res.Body)
		}
	})
}

func TestChallengeExpiresAfterTenMinutes(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := signUp(t, env, "ada@example.com")
		e := enrol(t, env, c)
		signOut(t, c)
		signInChallenged(t, c, "ada@example.com")
		env.Clock.Advance(9 * time.Minute)
		// A wrong attempt re-stores the challenge with its original expiry, not a new one.
		wantError(t, c.Do("POST", verify, map[string]any{"code": e.wrongCode(t, env.Clock.Now())}), 401, api.CodeInvalidCode)
		env.Clock.Advance(time.Minute)
		wantError(t, c.Do("POST", verify, map[string]any{"code": e.code(t, env.Clock.Now(), 0)}), 401, api.CodeInvalidTwoFactorCookie)
		if session(t, c) != nil {
			t.Fatal("signed in with an expired challenge")
		}
	})
}

func TestTenFailuresLockTheSecondFactorForFifteenMinutes(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := signUp(t, env, "ada@example.com")
		e := enrol(t, env, c)
		signOut(t, c)
		for round := 0; round < 2; round++ {
			signInChallenged(t, c, "ada@example.com")
			for i := 0; i < 4; i++ {
				wantError(t, c.Do("POST", verify, map[string]any{"code": e.wrongCode(t, env.Clock.Now())}), 401, api.CodeInvalidCode)
			}
			last := api.CodeTooManyAttempts
			status := 401
			if round == 1 {
				last, status = api.CodeAccountTemporarilyLocked, 429 // the tenth failure in a row
			}
			wantError(t, c.Do("POST", backup, map[string]any{"code": "AAAAA-AAAAA"}), status, last)
		}
		// Locked: even the right code is refused, and trying does not use up the challenge.
		signInChallenged(t, c, "ada@example.com")
		for i := 0; i < 6; i++ {
			wantError(t, c.Do("POST", verify, map[string]any{"code": e.code(t, env.Clock.Now(), 0)}), 429, api.CodeAccountTemporarilyLocked)
		}
		wantError(t, c.Do("POST", backup, map[string]any{"code": e.codes[0]}), 429, api.CodeAccountTemporarilyLocked)
		env.Clock.Advance(15 * time.Minute)
		signInChallenged(t, c, "ada@example.com")
		if res := c.Do("POST", verify, map[string]any{"code": e.code(t, env.Clock.Now(), 0)}); res.Status != 200 {
			t.Fatalf("after the lock: %d %s", res.Status, res.Body)
		}
		// A success ends the run: nine more failures do not lock.
		signOut(t, c)
		for round := 0; round < 2; round++ {
			signInChallenged(t, c, "ada@example.com")
			for i := 0; i < 4; i++ {
				wantError(t, c.Do("POST", verify, map[string]any{"code": e.wrongCode(t, env.Clock.Now())}), 401, api.CodeInvalidCode)
			}
			if round == 0 {
				wantError(t, c.Do("POST", verify, map[string]any{"code": e.wrongCode(t, env.Clock.Now())}), 401, api.CodeTooManyAttempts)
			}
		}
		// That was 5 + 4 = 9 failures; the challenge still has its fifth attempt.
		env.Clock.Advance(30 * time.Second)
		if res := c.Do("POST", verify, map[string]any{"code": e.code(t, env.Clock.Now(), 0)}); res.Status != 200 {
			t.Fatalf("after nine failures: %d %s", res.Status, res.Body)
		}
	})
}

func TestConcurrentUsesOfOneBackupCode(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := signUp(t, env, "ada@example.com")
		e := enrol(t, env, c)
		for round := 0; round < 2; round++ {
			clients := make([]*servertest.Client, 4)
			for i := range clients {
				clients[i] = env.NewClient(t)
				signInChallenged(t, clients[i], "ada@example.com")
			}
			statuses := make([]int, len(clients))
			var wg sync.WaitGroup
			for i, cl := range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					statuses[i] = cl.Do("POST", backup, map[string]any{"code": e.codes[round]}).Status
				}()
			}
			wg.Wait()
			wins := 0
			for _, s := range statuses {
				if s == 200 {
					wins++
				} else if s != 401 {
					t.Fatalf("unexpected status %d", s)
				}
			}
			if wins != 1 {
				t.Fatalf("round %d: %d of %d concurrent uses of one code signed in (%v)", round, wins, len(clients), statuses)
			}
		}
	})
}

func TestSigningInAsAnotherUserFromASignedInBrowser(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{})
	ada := signUp(t, env, "ada@example.com")
	e := enrol(t, env, ada)
	signOut(t, ada)
	c := signUp(t, env, "bob@example.com") // signed in as Bob
	signInChallenged(t, c, "ada@example.com")
	res := c.Do("POST", verify, map[string]any{"code": e.code(t, env.Clock.Now(), 0)})
	if s := session(t, c); res.Status != 200 || s == nil || s.User.Email != "ada@example.com" {
		t.Fatalf("switching to Ada: %d %s", res.Status, res.Body)
	}
}
