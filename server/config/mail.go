package config

import (
	"fmt"
	"strconv"
	"strings"
)

// Mail is how the server sends mail and what the mailed flows allow.
type Mail struct {
	// SMTPURL is smtp://user:pass@host:port (STARTTLS) or smtps://… (implicit TLS). Empty: mails are
	// logged and written under DATA_DIR/mail instead of sent.
	SMTPURL string
	From    string // MAIL_FROM, default "Spacerr <no-reply@localhost>"
	// MagicLinkSignUp lets a magic link create an account for a new email (MAGIC_LINK_SIGN_UP, default
	// true).
	MagicLinkSignUp bool
	// RequireEmailVerification refuses password sign-in until the email is verified, and sign-up then
	// creates no session (REQUIRE_EMAIL_VERIFICATION, default false).
	RequireEmailVerification bool
	// VerifyOnSignUp mails a verification link on sign-up/email (SEND_VERIFICATION_ON_SIGN_UP, default
	// true; always on when RequireEmailVerification is).
	VerifyOnSignUp bool
}

func loadMail(getenv func(string) string) (Mail, error) {
	m := Mail{
		SMTPURL: strings.TrimSpace(getenv("SMTP_URL")),
		From:    orDefault(strings.TrimSpace(getenv("MAIL_FROM")), "Spacerr <no-reply@localhost>"),
	}
	var err error
	if m.MagicLinkSignUp, err = loadBool(getenv, "MAGIC_LINK_SIGN_UP", true); err != nil {
		return m, err
	}
	if m.RequireEmailVerification, err = loadBool(getenv, "REQUIRE_EMAIL_VERIFICATION", false); err != nil {
		return m, err
	}
	if m.VerifyOnSignUp, err = loadBool(getenv, "SEND_VERIFICATION_ON_SIGN_UP", true); err != nil {
		return m, err
	}
	if m.SMTPURL != "" && !strings.HasPrefix(m.SMTPURL, "smtp://") && !strings.HasPrefix(m.SMTPURL, "smtps://") {
		return m, fmt.Errorf("SMTP_URL must start with smtp:// or smtps://")
	}
	return m, nil
}

func loadBool(getenv func(string) string, name string, def bool) (bool, error) {
	v := strings.TrimSpace(getenv(name))
	if v == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return def, fmt.Errorf("%s must be true or false, got %q", name, v)
	}
	return b, nil
}
