// Package servertest starts the whole server for tests, on a real SQLite file or a private PostgreSQL
// schema, behind a real listener, and gives a client that keeps cookies and sends an Origin like a
// browser. It is for tests only.
package servertest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"spacerr/server"
	"spacerr/server/config"
	"spacerr/server/mail"
	"spacerr/server/password"
	"spacerr/server/store"
	"spacerr/server/store/storetest"
)

// Clock is a settable clock for servers under test.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock starts at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now is the clock's time.
func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// Env is a running server.
type Env struct {
	URL    string // http://localhost:PORT
	Server *server.Server
	Config config.Config
	Clock  *Clock
	Mail   *mail.Recorder // the mails sent, unless Setup.Mailer was given
}

// Setup tunes a test server before it starts.
type Setup struct {
	Dialect store.Dialect
	WebDir  string // a directory with app.wasm; a placeholder is made when empty
	Pages   []string
	// Config edits the configuration (rate limits, origins) before the server starts.
	Config func(*config.Config)
	// RealPasswordCost uses production argon2id costs; otherwise tests hash cheaply.
	RealPasswordCost bool
	// RealClock uses time.Now instead of a settable clock.
	RealClock bool
	// DatabaseURL, with Dialect Postgres, shares another Env's database (its Config.DatabaseURL)
	// instead of making a new schema: two servers on one database act as two replicas.
	DatabaseURL string
	// Mailer receives the server's mails; a Recorder is made when nil (Env.Mail).
	Mailer mail.Mailer
}

// FastPasswords are argon2id settings cheap enough for many sign-ins per test.
var FastPasswords = password.Params{MemoryKiB: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

var quietLogs sync.Once

// Start runs a server for the test and stops it at cleanup. Server logs are dropped unless the test
// runs with -v.
func Start(t testing.TB, s Setup) *Env {
	t.Helper()
	quietLogs.Do(func() {
		if !testing.Verbose() {
			slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
		}
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	env := map[string]string{
		"PORT":        itoa(port),
		"BASE_URL":    "http://localhost:" + itoa(port),
		"DATA_DIR":    t.TempDir(),
		"AUTH_SECRET": "test-secret-test-secret-test-secret-0123456789",
		"WEB_DIR":     s.WebDir,
	}
	if s.WebDir == "" {
		env["WEB_DIR"] = placeholderWeb(t)
	}
	if s.Dialect == store.Postgres {
		env["DATABASE_URL"] = s.DatabaseURL
		if s.DatabaseURL == "" {
			env["DATABASE_URL"] = storetest.URLForSchema(t)
		}
	}
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	cfg.RateLimits = config.RateLimits{} // unlimited unless a test sets limits
	// No verification mail on sign-up unless a test asks: other tests count verification rows.
	cfg.Mail.VerifyOnSignUp = false
	if s.Config != nil {
		s.Config(&cfg)
	}
	clock := NewClock(time.Now())
	rec := &mail.Recorder{}
	opts := server.Options{Pages: s.Pages, Now: clock.Now, Mailer: s.Mailer}
	if s.Mailer == nil {
		opts.Mailer = rec
	}
	if s.RealClock {
		opts.Now = time.Now
	}
	if !s.RealPasswordCost {
		p := FastPasswords
		opts.PasswordParams = &p
	}
	srv, err := server.New(context.Background(), cfg, opts)
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 5 * time.Second}
	go hs.Serve(ln)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(ctx)
		srv.Close()
	})
	return &Env{URL: cfg.BaseURL.String(), Server: srv, Config: cfg, Clock: clock, Mail: rec}
}

// Each runs fn against a fresh server per dialect.
func Each(t *testing.T, s Setup, fn func(t *testing.T, env *Env)) {
	t.Helper()
	for _, d := range storetest.Dialects {
		t.Run(string(d), func(t *testing.T) {
			s := s
			s.Dialect = d
			fn(t, Start(t, s))
		})
	}
}

// Client is a browser-like API client: it keeps cookies and sends the server's Origin.
type Client struct {
	t    testing.TB
	env  *Env
	HTTP *http.Client
	// Origin is sent on every request; empty sends none.
	Origin string
}

// NewClient returns a client with an empty cookie jar. Its idle connections are closed when the test
// ends, before the server shuts down: a connection the transport dialled for a concurrent request but
// never used would otherwise hold http.Server.Shutdown for 5 seconds.
func (e *Env) NewClient(t testing.TB) *Client {
	jar, _ := cookiejar.New(nil)
	c := &Client{t: t, env: e, HTTP: &http.Client{Jar: jar, Timeout: 30 * time.Second}, Origin: e.URL}
	t.Cleanup(c.HTTP.CloseIdleConnections)
	return c
}

// Response is a decoded answer.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v, failing the test when it is not JSON.
func (r *Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %q: %v", r.Body, err)
	}
}

// Do sends a request; body is JSON-encoded unless it is a []byte or nil.
func (c *Client) Do(method, path string, body any) *Response {
	c.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, c.env.URL+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.Origin != "" {
		req.Header.Set("Origin", c.Origin)
	}
	res, err := c.HTTP.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return &Response{Status: res.StatusCode, Header: res.Header, Body: b}
}

// Cookie returns the value of the named cookie the client holds for the server, or "".
func (c *Client) Cookie(name string) string {
	u, _ := url.Parse(c.env.URL)
	for _, ck := range c.HTTP.Jar.Cookies(u) {
		if ck.Name == name {
			return ck.Value
		}
	}
	return ""
}

func placeholderWeb(t testing.TB) string {
	dir := t.TempDir()
	// The smallest valid WebAssembly module: the magic number and version.
	if err := os.WriteFile(filepath.Join(dir, "app.wasm"), []byte("\x00asm\x01\x00\x00\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func itoa(n int) string { return strconv.Itoa(n) }
