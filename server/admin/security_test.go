package admin_test

import (
	"encoding/json"
	"testing"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"spacerr/server/passkey/passkeytest"
	"spacerr/server/servertest"
	"spacerr/shared/api"
)

func TestUserSecurity(t *testing.T) {
	servertest.Each(t, setup, func(t *testing.T, env *servertest.Env) {
		a, _ := signUp(t, env, rootEmail)
		m, memberID := signUp(t, env, "member@example.com")

		wantCode(t, m.Do("GET", "/api/auth/admin/user-security?userId="+memberID, nil), 403, api.CodeForbidden)
		wantCode(t, a.Do("GET", "/api/auth/admin/user-security?userId=nobody", nil), 404, api.CodeUserNotFound)

		// The member adds a passkey and turns two-factor on, then spends one backup code.
		opts := m.Do("GET", "/api/auth/passkey/generate-register-options", nil)
		wantOK(t, opts)
		resp, _, err := passkeytest.New(env.URL).Create(opts.Body)
		if err != nil {
			t.Fatal(err)
		}
		wantOK(t, m.Do("POST", "/api/auth/passkey/verify-registration", map[string]any{"response": json.RawMessage(resp), "name": "Phone"}))
		res := m.Do("POST", "/api/auth/two-factor/enable", map[string]any{"password": pw})
		wantOK(t, res)
		var en api.EnableTwoFactorResponse
		res.JSON(t, &en)
		key, err := otp.NewKeyFromURL(en.TOTPURI)
		if err != nil {
			t.Fatal(err)
		}
		code, err := totp.GenerateCode(key.Secret(), env.Clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		wantOK(t, m.Do("POST", "/api/auth/two-factor/verify-totp", map[string]any{"code": code}))
		wantOK(t, m.Do("POST", "/api/auth/two-factor/verify-backup-code", map[string]any{"code": en.BackupCodes[0]}))

		res = a.Do("GET", "/api/auth/admin/user-security?userId="+memberID, nil)
		wantOK(t, res)
		var sec api.AdminUserSecurity
		res.JSON(t, &sec)
		if sec.User.ID != memberID || sec.User.PasskeyCount != 1 || !sec.User.HasPassword || !sec.User.TwoFactorEnabled ||
			len(sec.Passkeys) != 1 || sec.Passkeys[0].Name != "Phone" || sec.BackupCodesLeft != 9 ||
			len(sec.Providers) != 1 || sec.Providers[0] != "credential" {
			t.Fatalf("user-security: %s", res.Body)
		}
		// Sign-up signed the member in, at the injected clock's time.
		if at := sec.User.LastSignInAt; at == nil || !at.Equal(api.Millis(env.Clock.Now())) {
			t.Fatalf("lastSignInAt = %v, want %v", at, api.Millis(env.Clock.Now()))
		}

		// A user created without a password has no provider, passkey or code.
		res = a.Do("POST", "/api/auth/admin/create-user", map[string]any{"email": "new@example.com", "name": "New"})
		wantOK(t, res)
		var created api.UserResponse
		res.JSON(t, &created)
		res = a.Do("GET", "/api/auth/admin/user-security?userId="+created.User.ID, nil)
		wantOK(t, res)
		sec = api.AdminUserSecurity{}
		res.JSON(t, &sec)
		if sec.User.HasPassword || sec.User.PasskeyCount != 0 || sec.Passkeys == nil || len(sec.Passkeys) != 0 ||
			sec.Providers == nil || len(sec.Providers) != 0 || sec.BackupCodesLeft != 0 || sec.User.LastSignInAt != nil {
			t.Fatalf("user-security of a new user: %s", res.Body)
		}
	})
}
