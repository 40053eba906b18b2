// Package mail sends the server's mails: links for password resets, magic links and email
// verification, and security notices. Features depend on the small Mailer interface; the server picks
// an SMTP sender when SMTP_URL is set and a development sender (log + .eml files) otherwise, and wraps
// either in a Queue so that no request waits for a mail server. The package must never log a mail's
// body when it sends through SMTP: the body holds single-use links.
package mail

import (
	"context"
	"time"
)

// Message is one mail to one recipient.
type Message struct {
	To      string
	Subject string
	Text    string // the plain-text body
	HTML    string // an optional HTML alternative
}

// Mailer sends a message. A Queue's Send only enqueues; a Sender's Send talks to the mail server.
type Mailer interface {
	Send(ctx context.Context, m Message) error
}

// MailerFunc adapts a function to Mailer (tests record with it).
type MailerFunc func(ctx context.Context, m Message) error

// Send calls f.
func (f MailerFunc) Send(ctx context.Context, m Message) error { return f(ctx, m) }

// Options configure the sender chosen by New.
type Options struct {
	SMTPURL string // smtp://user:pass@host:port (STARTTLS) or smtps://… (implicit TLS); empty: dev mode
	From    string // "Spacerr <no-reply@localhost>" when empty
	DataDir string // dev mode writes $DataDir/mail/*.eml
	Now     func() time.Time
}

// DefaultFrom is the sender when MAIL_FROM is not set.
const DefaultFrom = "Spacerr <no-reply@localhost>"

// NewSender returns the SMTP sender when o.SMTPURL is set, the development sender otherwise.
func NewSender(o Options) (Mailer, error) {
	if o.From == "" {
		o.From = DefaultFrom
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.SMTPURL != "" {
		return NewSMTP(o.SMTPURL, o.From)
	}
	return &DevSender{Dir: dirFor(o.DataDir), From: o.From, Now: o.Now}, nil
}
