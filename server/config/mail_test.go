package config

import (
	"testing"
	"time"
)

func TestMailSettings(t *testing.T) {
	c, err := Load(env(map[string]string{"DATA_DIR": t.TempDir()}))
	if err != nil {
		t.Fatal(err)
	}
	want := Mail{From: "Spacerr <no-reply@localhost>", MagicLinkSignUp: true, VerifyOnSignUp: true}
	if c.Mail != want {
		t.Fatalf("mail defaults %+v", c.Mail)
	}
	if c.RateLimits.Mail != (RateLimit{Max: 3, Window: time.Minute}) || c.RateLimits.MagicLink != (RateLimit{Max: 5, Window: time.Minute}) {
		t.Fatalf("mail limits %+v %+v", c.RateLimits.Mail, c.RateLimits.MagicLink)
	}
	c, err = Load(env(map[string]string{
		"DATA_DIR": t.TempDir(), "SMTP_URL": "smtps://u:p@mail.example.com", "MAIL_FROM": "X <x@example.com>",
		"MAGIC_LINK_SIGN_UP": "false", "REQUIRE_EMAIL_VERIFICATION": "true", "SEND_VERIFICATION_ON_SIGN_UP": "0",
		"RATE_LIMIT_MAIL": "10/1m", "RATE_LIMIT_MAGIC_LINK": "0",
	}))
	if err != nil {
		t.Fatal(err)
	}
	want = Mail{SMTPURL: "smtps://u:p@mail.example.com", From: "X <x@example.com>", RequireEmailVerification: true}
	if c.Mail != want || c.RateLimits.Mail.Max != 10 || c.RateLimits.MagicLink.Max != 0 {
		t.Fatalf("mail settings %+v %+v", c.Mail, c.RateLimits)
	}
	for k, v := range map[string]string{"SMTP_URL": "http://x", "MAGIC_LINK_SIGN_UP": "maybe", "REQUIRE_EMAIL_VERIFICATION": "yes please"} {
		if _, err := Load(env(map[string]string{"DATA_DIR": t.TempDir(), k: v})); err == nil {
			t.Errorf("%s=%q accepted", k, v)
		}
	}
}
