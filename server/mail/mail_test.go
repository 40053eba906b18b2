package mail

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	gomail "github.com/wneessen/go-mail"
)

// backend records the mails an in-process SMTP server receives; refuse makes the first attempts fail.
type backend struct {
	mu       sync.Mutex
	refuse   int
	attempts int
	got      []received
	done     chan struct{}
}

type received struct {
	from string
	to   []string
	data []byte
}

func (b *backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &smtpSession{b: b}, nil }

type smtpSession struct {
	b   *backend
	cur received
}

func (s *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	s.b.mu.Lock()
	defer s.b.mu.Unlock()
	s.b.attempts++
	if s.b.attempts <= s.b.refuse {
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	s.cur = received{from: from}
	return nil
}

func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.cur.to = append(s.cur.to, to)
	return nil
}

func (s *smtpSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.data = b
	s.b.mu.Lock()
	s.b.got = append(s.b.got, s.cur)
	s.b.mu.Unlock()
	s.b.done <- struct{}{}
	return nil
}

func (s *smtpSession) Reset()        {}
func (s *smtpSession) Logout() error { return nil }

// startSMTP runs an SMTP server without TLS and returns its address.
func startSMTP(t *testing.T, be *backend) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := smtp.NewServer(be)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// textPart returns the decoded text/plain part of a raw mail.
func textPart(t *testing.T, raw []byte) (*netmail.Message, string) {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var find func(h map[string][]string, body io.Reader) string
	find = func(h map[string][]string, body io.Reader) string {
		ct, params, _ := mime.ParseMediaType(netmail.Header(h).Get("Content-Type"))
		if strings.HasPrefix(ct, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			for {
				p, err := mr.NextRawPart()
				if err != nil {
					return ""
				}
				if s := find(p.Header, p); s != "" {
					return s
				}
			}
		}
		if ct != "text/plain" {
			return ""
		}
		if strings.EqualFold(netmail.Header(h).Get("Content-Transfer-Encoding"), "quoted-printable") {
			body = quotedprintable.NewReader(body)
		}
		b, _ := io.ReadAll(body)
		return string(b)
	}
	return msg, find(msg.Header, msg.Body)
}

func TestSMTPQueueRetriesAndDelivers(t *testing.T) {
	be := &backend{refuse: 1, done: make(chan struct{}, 1)}
	addr := startSMTP(t, be)
	sender, err := NewSMTP("smtp://"+addr, "Spacerr <no-reply@example.com>")
	if err != nil {
		t.Fatal(err)
	}
	q := NewQueue(sender.withOptions(gomail.WithTLSPolicy(gomail.NoTLS)), 4, 2, 10*time.Millisecond)
	defer q.Close()
	link := "http://localhost:8080/api/auth/reset-password/abc?callbackURL=%2Freset-password"
	if err := q.Send(context.Background(), Link("Spacerr", "ada@example.com", "Spacerr: reset your password", "Intro.", "Reset your password", link, "Outro.")); err != nil {
		t.Fatal(err)
	}
	select {
	case <-be.done:
	case <-time.After(10 * time.Second):
		t.Fatal("the mail never arrived")
	}
	be.mu.Lock()
	defer be.mu.Unlock()
	if be.attempts != 2 || len(be.got) != 1 {
		t.Fatalf("attempts %d, delivered %d: want a retry after the refusal", be.attempts, len(be.got))
	}
	got := be.got[0]
	if got.from != "no-reply@example.com" || len(got.to) != 1 || got.to[0] != "ada@example.com" {
		t.Fatalf("envelope from %q to %q", got.from, got.to)
	}
	msg, text := textPart(t, got.data)
	if msg.Header.Get("Subject") != "Spacerr: reset your password" || !strings.Contains(text, link) {
		t.Fatalf("subject %q, text %q", msg.Header.Get("Subject"), text)
	}
}

func TestDevSenderWritesEMLFiles(t *testing.T) {
	dir := t.TempDir()
	m, err := NewSender(Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Send(context.Background(), Notice("Spacerr", "ada@example.com", "Your password was changed",
		time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC), "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0", "203.0.113.9")); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "mail", "*.eml"))
	if len(files) != 1 {
		t.Fatalf("eml files: %v", files)
	}
	raw, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	msg, text := textPart(t, raw)
	if msg.Header.Get("To") != "<ada@example.com>" && msg.Header.Get("To") != "ada@example.com" {
		t.Fatalf("To %q", msg.Header.Get("To"))
	}
	for _, want := range []string{"Your password was changed", "2026-01-02 03:04 UTC", "Firefox 120 on Linux", "203.0.113.9"} {
		if !strings.Contains(text, want) {
			t.Errorf("notice lacks %q: %q", want, text)
		}
	}
}

func TestNewSMTPRefusesBadURLs(t *testing.T) {
	for _, raw := range []string{"http://host", "smtp://", "smtp://host:99999", "smtp://host:x"} {
		if _, err := NewSMTP(raw, DefaultFrom); err == nil {
			t.Errorf("%q accepted", raw)
		}
	}
	s, err := NewSMTP("smtps://user:secret@mail.example.com", DefaultFrom)
	if err != nil || s.host != "mail.example.com" {
		t.Fatalf("smtps URL: %v", err)
	}
}

func TestQueueGivesUpAfterTheRetries(t *testing.T) {
	var mu sync.Mutex
	tries := 0
	q := NewQueue(MailerFunc(func(context.Context, Message) error {
		mu.Lock()
		tries++
		mu.Unlock()
		return errors.New("refused")
	}), 1, 2, time.Millisecond)
	q.Send(context.Background(), Message{To: "a@example.com", Subject: "x"})
	q.Close()
	if tries != 3 {
		t.Fatalf("%d tries, want 3", tries)
	}
}
