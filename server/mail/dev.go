package mail

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// DevSender is the development mailer: it logs each mail, links included (that is how a developer
// follows a reset link without a mail server), and writes it as an .eml file a mail client can open.
type DevSender struct {
	Dir  string
	From string
	Now  func() time.Time
}

func dirFor(dataDir string) string { return filepath.Join(dataDir, "mail") }

// Send logs m and writes it under Dir.
func (d *DevSender) Send(ctx context.Context, m Message) error {
	slog.InfoContext(ctx, "mail (no SMTP_URL: not sent)", "to", m.To, "subject", m.Subject, "body", m.Text)
	msg, err := build(d.From, m)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(d.Dir, 0o700); err != nil {
		return fmt.Errorf("create the mail directory: %w", err)
	}
	var suffix [4]byte
	rand.Read(suffix[:])
	name := d.Now().UTC().Format("20060102T150405.000000000Z") + "-" + hex.EncodeToString(suffix[:]) + ".eml"
	f, err := os.OpenFile(filepath.Join(d.Dir, name), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("write mail file: %w", err)
	}
	if _, err := msg.WriteTo(f); err != nil {
		f.Close()
		return fmt.Errorf("write mail file: %w", err)
	}
	return f.Close()
}

// build turns m into a MIME message.
func build(from string, m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("mail sender %q: %w", from, err)
	}
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("mail recipient: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}
