package twofactor_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"spacerr/server/config"
	"spacerr/server/servertest"
	"spacerr/server/store"
	"spacerr/shared/api"
)

func TestRoutesNeedTheSessionAndThePassword(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		anon := env.NewClient(t)
		for _, p := range []string{enable, disable, "/api/auth/two-factor/get-totp-uri", "/api/auth/two-factor/generate-backup-codes"} {
			wantError(t, anon.Do("POST", p, map[string]any{"password": pw}), 401, api.CodeUnauthorized)
		}
		wantError(t, anon.Do("GET", status, nil), 401, api.CodeUnauthorized)
		wantError(t, anon.Do("POST", verify, map[string]any{"code": "123456"}), 401, api.CodeInvalidTwoFactorCookie)

		c := signUp(t, env, "ada@example.com")
		for _, p := range []string{enable, disable, "/api/auth/two-factor/get-totp-uri", "/api/auth/two-factor/generate-backup-codes"} {
			wantError(t, c.Do("POST", p, map[string]any{"password": "wrong password"}), 400, api.CodeInvalidPassword)
			wantError(t, c.Do("POST", p, map[string]any{}), 400, api.CodeValidation)
		}
		if count(t, env, "two_factors")+count(t, env, "backup_codes") != 0 {
			t.Fatal("a refused request wrote something")
		}
		wantError(t, c.Do("POST", "/api/auth/two-factor/get-totp-uri", map[string]any{"password": pw}), 400, api.CodeTOTPNotEnabled)
		wantError(t, c.Do("POST", "/api/auth/two-factor/generate-backup-codes", map[string]any{"password": pw}), 400, api.CodeTwoFactorNotEnabled)
		wantError(t, c.Do("POST", disable, map[string]any{"password": pw}), 400, api.CodeTwoFactorNotEnabled)
		wantError(t, c.Do("POST", verify, map[string]any{"code": "123456"}), 400, api.CodeTOTPNotEnabled)
		wantError(t, c.Do("POST", backup, map[string]any{"code": "AAAAA-AAAAA"}), 400, api.CodeTwoFactorNotEnabled)
		wantError(t, c.Do("POST", enable, map[string]any{"password": pw, "method": "otp"}), 400, api.CodeValidation)
		if count(t, env, "two_factors")+count(t, env, "backup_codes") != 0 {
			t.Fatal("a refused request wrote something")
		}
	})
}

func TestUsersWithoutAPasswordAreAskedToSetOne(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := signUp(t, env, "ada@example.com")
		// As a passkey-only user: no credential account.
		if _, err := env.Server.Store().DB.NewDelete().Table("accounts").Where("1 = 1").Exec(context.Background()); err != nil {
			t.Fatal(err)
		}
		if st := twoFactorStatus(t, c); st.HasPassword || st.Enabled {
			t.Fatalf("status: %+v", st)
		}
		wantError(t, c.Do("POST", enable, map[string]any{"password": pw}), 400, api.CodePasswordRequired)
		if res := c.Do("POST", "/api/auth/set-password", map[string]any{"newPassword": pw}); res.Status != 200 {
			t.Fatalf("set-password: %d %s", res.Status, res.Body)
		}
		if st := twoFactorStatus(t, c); !st.HasPassword {
			t.Fatalf("status after set-password: %+v", st)
		}
		enrol(t, env, c)
	})
}

func TestGetTOTPURIAndRegenerateBackupCodes(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := signUp(t, env, "ada@example.com")
		e := startEnrolment(t, c)
		if !strings.HasPrefix(e.uri, "otpauth://totp/Spacerr:ada@example.com?") || !strings.Contains(e.uri, "issuer=Spacerr") ||
			!strings.Contains(e.uri, "period=30") || !strings.Contains(e.uri, "digits=6") {
			t.Fatalf("URI %s", e.uri)
		}
		var uri api.TOTPURIResponse
		c.Do("POST", "/api/auth/two-factor/get-totp-uri", map[string]any{"password": pw}).JSON(t, &uri)
		if uri.TOTPURI != e.uri {
			t.Fatalf("get-totp-uri during enrolment: %s, want %s", uri.TOTPURI, e.uri)
		}
		// Regenerating needs two-factor on.
		wantError(t, c.Do("POST", "/api/auth/two-factor/generate-backup-codes", map[string]any{"password": pw}), 400, api.CodeTwoFactorNotEnabled)
		if res := c.Do("POST", verify, map[string]any{"code": e.code(t, env.Clock.Now(), 0)}); res.Status != 200 {
			t.Fatalf("verify: %d %s", res.Status, res.Body)
		}
		c.Do("POST", "/api/auth/two-factor/get-totp-uri", map[string]any{"password": pw}).JSON(t, &uri)
		if uri.TOTPURI != e.uri {
			t.Fatalf("get-totp-uri once on: %s", uri.TOTPURI)
		}
		// Spend one code, then regenerate: all ten are new, the old ones are gone.
		if res := c.Do("POST", backup, map[string]any{"code": e.codes[0]}); res.Status != 200 {
			t.Fatalf("backup: %d %s", res.Status, res.Body)
		}
		res := c.Do("POST", "/api/auth/two-factor/generate-backup-codes", map[string]any{"password": pw})
		var fresh api.BackupCodesResponse
		res.JSON(t, &fresh)
		if res.Status != 200 || !fresh.Status || len(fresh.BackupCodes) != 10 {
			t.Fatalf("generate-backup-codes: %d %s", res.Status, res.Body)
		}
		if st := twoFactorStatus(t, c); st.BackupCodesRemaining != 10 || count(t, env, "backup_codes") != 10 {
			t.Fatalf("after regenerating: %+v, %d rows", st, count(t, env, "backup_codes"))
		}
		wantError(t, c.Do("POST", backup, map[string]any{"code": e.codes[1]}), 401, api.CodeInvalidBackupCode)
		if res := c.Do("POST", backup, map[string]any{"code": fresh.BackupCodes[9]}); res.Status != 200 {
			t.Fatalf("new code: %d %s", res.Status, res.Body)
		}
	})
}

func TestDisable(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := signUp(t, env, "ada@example.com")
		enrol(t, env, c)
		before := session(t, c)
		wantError(t, c.Do("POST", disable, map[string]any{"password": "wrong password"}), 400, api.CodeInvalidPassword)
		if st := twoFactorStatus(t, c); !st.Enabled {
			t.Fatal("a wrong password turned two-factor off")
		}
		res := c.Do("POST", disable, map[string]any{"password": pw})
		if res.Status != 200 || string(res.Body) != "{\"status\":true}\n" {
			t.Fatalf("disable: %d %s", res.Status, res.Body)
		}
		after := session(t, c)
		if after == nil || after.Session.ID == before.Session.ID || after.User.TwoFactorEnabled || count(t, env, "sessions") != 1 {
			t.Fatalf("session after disable: %+v (before %s)", after, before.Session.ID)
		}
		for _, table := range []string{"two_factors", "backup_codes", "trusted_devices"} {
			if n := count(t, env, table); n != 0 {
				t.Errorf("%s kept %d rows", table, n)
			}
		}
		signOut(t, c)
		if res := c.Do("POST", signIn, map[string]any{"email": "ada@example.com", "password": pw}); res.Status != 200 || strings.Contains(string(res.Body), "twoFactorRedirect") {
			t.Fatalf("sign-in after disable: %d %s", res.Status, res.Body)
		}
	})
}

func TestReEnrolmentKeepsTheCurrentSecretUntilTheNewOneIsVerified(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := signUp(t, env, "ada@example.com")
		first := enrol(t, env, c)
		second := startEnrolment(t, c)
		if st := twoFactorStatus(t, c); !st.Enabled || !st.PendingVerification || st.BackupCodesRemaining != 10 {
			t.Fatalf("status during re-enrolment: %+v", st)
		}
		// An abandoned re-enrolment changes nothing for sign-in: the old secret and codes work.
		phone := env.NewClient(t)
		signInChallenged(t, phone, "ada@example.com")
		wantError(t, phone.Do("POST", verify, map[string]any{"code": second.code(t, env.Clock.Now(), 0)}), 401, api.CodeInvalidCode)
		if res := phone.Do("POST", verify, map[string]any{"code": first.code(t, env.Clock.Now(), 0)}); res.Status != 200 {
			t.Fatalf("old secret during re-enrolment: %d %s", res.Status, res.Body)
		}
		signOut(t, phone)
		signInChallenged(t, phone, "ada@example.com")
		if res := phone.Do("POST", backup, map[string]any{"code": first.codes[0]}); res.Status != 200 {
			t.Fatalf("old backup code during re-enrolment: %d %s", res.Status, res.Body)
		}
		signOut(t, phone)

		env.Clock.Advance(30 * time.Second)
		// Signed in with an enrolment pending, verify-totp checks the new secret.
		wantError(t, c.Do("POST", verify, map[string]any{"code": first.code(t, env.Clock.Now(), 0)}), 401, api.CodeInvalidCode)
		if res := c.Do("POST", verify, map[string]any{"code": second.code(t, env.Clock.Now(), 0)}); res.Status != 200 {
			t.Fatalf("verify new secret: %d %s", res.Status, res.Body)
		}
		env.Clock.Advance(30 * time.Second)
		signInChallenged(t, phone, "ada@example.com")
		wantError(t, phone.Do("POST", verify, map[string]any{"code": first.code(t, env.Clock.Now(), 0)}), 401, api.CodeInvalidCode)
		wantError(t, phone.Do("POST", backup, map[string]any{"code": first.codes[1]}), 401, api.CodeInvalidBackupCode)
		if res := phone.Do("POST", backup, map[string]any{"code": second.codes[0]}); res.Status != 200 {
			t.Fatalf("new backup code: %d %s", res.Status, res.Body)
		}
	})
}

// Concurrent enables and verifies must never leave two-factor on without a verified secret, nor with
// backup codes from another enrolment than the secret's.
func TestConcurrentEnrolments(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := signUp(t, env, "ada@example.com")
		const n = 6
		enrolments := make([]enrolment, n)
		var wg sync.WaitGroup
		for i := range enrolments {
			wg.Add(1)
			go func() {
				defer wg.Done()
				enrolments[i] = startEnrolment(t, c)
			}()
		}
		wg.Wait()
		checkInvariant(t, env)
		// Exactly one of them (the one stored last) can be verified, even all at once.
		statuses := make([]int, n)
		for i := range enrolments {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = c.Do("POST", verify, map[string]any{"code": enrolments[i].code(t, env.Clock.Now(), 0)}).Status
			}()
		}
		wg.Wait()
		checkInvariant(t, env)
		active := -1
		for i, s := range statuses {
			if s == 200 {
				if active >= 0 {
					t.Fatalf("two enrolments verified: %v", statuses)
				}
				active = i
			}
		}
		if active < 0 {
			t.Fatalf("no enrolment could be verified: %v", statuses)
		}
		// Losers answered with the old session's cookie cleared; sign in again, with the active secret.
		env.Clock.Advance(30 * time.Second)
		c = env.NewClient(t)
		signInChallenged(t, c, "ada@example.com")
		if res := c.Do("POST", verify, map[string]any{"code": enrolments[active].code(t, env.Clock.Now(), 0)}); res.Status != 200 {
			t.Fatalf("active secret: %d %s", res.Status, res.Body)
		}
		// A re-enrolment verified while more enables race with it: whichever wins, the state is whole.
		env.Clock.Advance(30 * time.Second)
		again := startEnrolment(t, c)
		var verified int
		for i := 0; i < 3; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if i == 0 {
					verified = c.Do("POST", verify, map[string]any{"code": again.code(t, env.Clock.Now(), 0)}).Status
				} else {
					c.Do("POST", enable, map[string]any{"password": pw})
				}
			}()
		}
		wg.Wait()
		checkInvariant(t, env)
		want := enrolments[active]
		if verified == 200 {
			want = again
		}
		// That secret and its backup codes are the ones sign-in asks for.
		env.Clock.Advance(30 * time.Second)
		phone := env.NewClient(t)
		signInChallenged(t, phone, "ada@example.com")
		if res := phone.Do("POST", verify, map[string]any{"code": want.code(t, env.Clock.Now(), 0)}); res.Status != 200 {
			t.Fatalf("active secret: %d %s", res.Status, res.Body)
		}
		signOut(t, phone)
		signInChallenged(t, phone, "ada@example.com")
		if res := phone.Do("POST", backup, map[string]any{"code": want.codes[0]}); res.Status != 200 {
			t.Fatalf("active backup code: %d %s", res.Status, res.Body)
		}
	})
}

// checkInvariant: users.two_factor_enabled is true exactly when a verified secret exists, and a user
// with it on has exactly 10 active backup codes.
func checkInvariant(t *testing.T, env *servertest.Env) {
	t.Helper()
	ctx := context.Background()
	var rows []struct {
		ID      string `bun:"id"`
		Enabled bool   `bun:"two_factor_enabled"`
		Secret  *string
		Active  int
	}
	err := env.Server.Store().DB.NewRaw(`SELECT u.id, u.two_factor_enabled, tf.secret,
		(SELECT COUNT(*) FROM backup_codes bc WHERE bc.user_id = u.id AND bc.pending = ?) AS active
		FROM users u LEFT JOIN two_factors tf ON tf.user_id = u.id`, false).Scan(ctx, &rows)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Enabled != (r.Secret != nil) || (r.Enabled && r.Active != 10) {
			t.Fatalf("user %s: enabled=%v, verified secret=%v, active codes=%d", r.ID, r.Enabled, r.Secret != nil, r.Active)
		}
	}
}

func TestTwoFactorRoutesAreRateLimited(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{Config: func(c *config.Config) {
		c.RateLimits.TwoFactor = config.RateLimit{Max: 3, Window: 10 * time.Second}
	}})
	c := signUp(t, env, "ada@example.com")
	for i := 0; i < 3; i++ {
		wantError(t, c.Do("POST", verify, map[string]any{"code": "123456"}), 400, api.CodeTOTPNotEnabled)
	}
	res := c.Do("POST", verify, map[string]any{"code": "123456"})
	wantError(t, res, 429, api.CodeTooManyRequests)
	if res.Header.Get("X-Retry-After") == "" {
		t.Fatal("no X-Retry-After")
	}
	// The status read is not counted.
	for i := 0; i < 5; i++ {
		twoFactorStatus(t, c)
	}
}

// Rotating AUTH_SECRET: a server with the new secret and the old one in AUTH_SECRET_PREVIOUS reads
// what the old server wrote, re-encrypts it, and then the old secret can go.
func TestAuthSecretRotation(t *testing.T) {
	old := servertest.Start(t, servertest.Setup{Dialect: store.Postgres})
	c := signUp(t, old, "ada@example.com")
	e := enrol(t, old, c)
	oldSecret := old.Config.AuthSecret
	newSecret := []byte("a-brand-new-secret-a-brand-new-secret-0123456789")

	rotated := servertest.Start(t, servertest.Setup{Dialect: store.Postgres, DatabaseURL: old.Config.DatabaseURL, Config: func(cfg *config.Config) {
		cfg.AuthSecret, cfg.AuthSecretPrevious = newSecret, [][]byte{oldSecret}
	}})
	rotated.Clock.Advance(old.Clock.Now().Sub(rotated.Clock.Now()) + time.Minute)
	phone := rotated.NewClient(t)
	signInChallenged(t, phone, "ada@example.com")
	if res := phone.Do("POST", verify, map[string]any{"code": e.code(t, rotated.Clock.Now(), 0)}); res.Status != 200 {
		t.Fatalf("TOTP after rotation: %d %s", res.Status, res.Body)
	}
	signOut(t, phone)
	signInChallenged(t, phone, "ada@example.com")
	if res := phone.Do("POST", backup, map[string]any{"code": e.codes[0]}); res.Status != 200 {
		t.Fatalf("backup code after rotation: %d %s", res.Status, res.Body)
	}
	var before, after string
	db := rotated.Server.Store().DB
	if err := db.NewSelect().Table("two_factors").Column("secret").Scan(context.Background(), &before); err != nil {
		t.Fatal(err)
	}
	rotated.Server.Sweep(context.Background())
	if err := db.NewSelect().Table("two_factors").Column("secret").Scan(context.Background(), &after); err != nil {
		t.Fatal(err)
	}
	if before == after || after[:12] == before[:12] {
		t.Fatalf("the janitor did not re-encrypt under the new key: %s… → %s…", before[:12], after[:12])
	}

	newOnly := servertest.Start(t, servertest.Setup{Dialect: store.Postgres, DatabaseURL: old.Config.DatabaseURL, Config: func(cfg *config.Config) {
		cfg.AuthSecret, cfg.AuthSecretPrevious = newSecret, nil
	}})
	newOnly.Clock.Advance(rotated.Clock.Now().Sub(newOnly.Clock.Now()) + time.Minute)
	tablet := newOnly.NewClient(t)
	signInChallenged(t, tablet, "ada@example.com")
	if res := tablet.Do("POST", verify, map[string]any{"code": e.code(t, newOnly.Clock.Now(), 0)}); res.Status != 200 {
		t.Fatalf("TOTP with only the new secret: %d %s", res.Status, res.Body)
	}
}
