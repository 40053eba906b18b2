package server

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"spacerr/server/config"
	"spacerr/server/httpapi"
	"spacerr/server/mail"
	"spacerr/server/user"
)

// newMailer is the mailer the features share: opts.Mailer when a test injects one, otherwise the SMTP
// or development sender behind a background queue (three retries: 2 s, 4 s, 8 s).
func newMailer(cfg config.Config, opts Options) (mail.Mailer, *mail.Queue, error) {
	if opts.Mailer != nil {
		return opts.Mailer, nil, nil
	}
	sender, err := mail.NewSender(mail.Options{SMTPURL: cfg.Mail.SMTPURL, From: cfg.Mail.From, DataDir: cfg.DataDir, Now: opts.Now})
	if err != nil {
		return nil, nil, err
	}
	if cfg.Mail.SMTPURL == "" {
		slog.Warn("SMTP_URL is not set: mails are logged and written under DATA_DIR/mail, not sent")
	}
	q := mail.NewQueue(sender, 256, 3, 2*time.Second)
	return q, q, nil
}

// notifier mails a user a security notice: what happened, when, from which browser and IP address.
// A failure is logged and never fails the action it reports.
func notifier(cfg config.Config, s *Server, mailer mail.Mailer, now func() time.Time) func(ctx context.Context, userID, event string, r *http.Request) {
	return func(ctx context.Context, userID, event string, r *http.Request) {
		u, err := user.ByID(ctx, s.store.DB, userID)
		if err != nil {
			slog.WarnContext(ctx, "security notice not sent", "user_id", userID, "event", event, "err", err)
			return
		}
		ip := httpapi.ClientIP(r, cfg.TrustedProxies)
		if err := mailer.Send(ctx, mail.Notice(cfg.SiteName, u.Email, event, now(), r.UserAgent(), ip)); err != nil {
			slog.WarnContext(ctx, "security notice not sent", "user_id", userID, "event", event, "err", err)
		}
	}
}
