package server_test

import (
	"strings"
	"testing"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"spacerr/server/servertest"
	"spacerr/shared/api"
)

// TestSecurityNotices: turning two-factor on and off, spending a backup code and setting a password
// after a reset each mail the user what happened, when, from which browser and IP address.
func TestSecurityNotices(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		const pw = "correct horse battery"
		c := env.NewClient(t)
		if res := c.Do("POST", "/api/auth/sign-up/email", map[string]any{"name": "Ada", "email": "ada@example.com", "password": pw}); res.Status != 200 {
			t.Fatalf("sign-up: %d %s", res.Status, res.Body)
		}
		lastSubject := func() string {
			m := env.Mail.Messages("ada@example.com")
			if len(m) == 0 {
				return ""
			}
			return m[len(m)-1].Subject
		}
		res := c.Do("POST", "/api/auth/two-factor/enable", map[string]any{"password": pw})
		var en api.EnableTwoFactorResponse
		res.JSON(t, &en)
		key, err := otp.NewKeyFromURL(en.TOTPURI)
		if err != nil {
			t.Fatalf("enable: %d %s", res.Status, res.Body)
		}
		code, _ := totp.GenerateCodeCustom(key.Secret(), env.Clock.Now(), totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if res := c.Do("POST", "/api/auth/two-factor/verify-totp", map[string]any{"code": code}); res.Status != 200 {
			t.Fatalf("enrol: %d %s", res.Status, res.Body)
		}
		if !strings.Contains(lastSubject(), "Two-factor authentication was turned on") {
			t.Fatalf("after enrolment: %q", lastSubject())
		}
		c.Do("POST", "/api/auth/sign-out", nil)
		if res := c.Do("POST", "/api/auth/sign-in/email", map[string]any{"email": "ada@example.com", "password": pw}); res.Status != 200 {
			t.Fatalf("sign-in: %d %s", res.Status, res.Body)
		}
		if res := c.Do("POST", "/api/auth/two-factor/verify-backup-code", map[string]any{"code": en.BackupCodes[0]}); res.Status != 200 {
			t.Fatalf("backup code: %d %s", res.Status, res.Body)
		}
		if !strings.Contains(lastSubject(), "A backup code was used") {
			t.Fatalf("after a backup code: %q", lastSubject())
		}
		if res := c.Do("POST", "/api/auth/two-factor/disable", map[string]any{"password": pw}); res.Status != 200 {
			t.Fatalf("disable: %d %s", res.Status, res.Body)
		}
		m := env.Mail.Messages("ada@example.com")
		last := m[len(m)-1]
		if !strings.Contains(last.Subject, "Two-factor authentication was turned off") ||
			!strings.Contains(last.Text, "IP address: 127.0.0.1") || !strings.Contains(last.Text, " UTC") {
			t.Fatalf("after disable: %+v", last)
		}
	})
}
