package mail

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	gomail "github.com/wneessen/go-mail"
)

// SMTP sends through a mail server.
type SMTP struct {
	from string
	opts []gomail.Option
	host string
}

// NewSMTP parses smtp://user:pass@host:port (STARTTLS required) or smtps://user:pass@host:port
// (implicit TLS). The password never appears in an error.
func NewSMTP(raw, from string) (*SMTP, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "smtp" && u.Scheme != "smtps") {
		return nil, fmt.Errorf("SMTP_URL must look like smtp://user:pass@host:587 or smtps://user:pass@host:465")
	}
	opts := []gomail.Option{}
	port := 587
	if u.Scheme == "smtps" {
		port = 465
		opts = append(opts, gomail.WithSSL())
	} else {
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("SMTP_URL: bad port %q", p)
		}
		port = n
	}
	opts = append(opts, gomail.WithPort(port))
	if u.User != nil {
		pass, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(pass))
	}
	return &SMTP{from: from, opts: opts, host: u.Hostname()}, nil
}

// withOptions adds client options (tests relax TLS with it).
func (s *SMTP) withOptions(o ...gomail.Option) *SMTP {
	c := *s
	c.opts = append(append([]gomail.Option{}, s.opts...), o...)
	return &c
}

// Send delivers m with one connection.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg, err := build(s.from, m)
	if err != nil {
		return err
	}
	c, err := gomail.NewClient(s.host, s.opts...)
	if err != nil {
		return fmt.Errorf("smtp client: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("send mail through %s: %w", s.host, err)
	}
	return nil
}
