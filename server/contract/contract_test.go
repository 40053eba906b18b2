// Package contract_test checks that /api/auth speaks Better Auth's HTTP contract by running Better
// Auth's own client (the npm package better-auth, unmodified, pinned in package.json) against the
// whole server on both databases. The stories live in client.test.mjs; this file starts the servers
// and runs node on it. It must never stub the client or patch what it receives: a mismatch here is a
// mismatch a Better Auth front end would hit.
package contract_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"spacerr/server/config"
	"spacerr/server/oidc/oidctest"
	"spacerr/server/servertest"
)

// installHint is how to get the client; CI runs it before the tests.
const installHint = "run `npm ci --legacy-peer-deps --prefix server/contract` from the repository root"

func TestBetterAuthClient(t *testing.T) {
	node := requireClient(t)
	dir, err := os.Getwd() // go test runs in the package directory
	if err != nil {
		t.Fatal(err)
	}
	const adminEmail = "admin@example.com" // ADMIN_EMAILS: the admin plugin's stories sign up with it
	// A real OpenID provider stands in for Google; its authorize endpoint approves at once as the
	// person queued before each run, whose address the social story expects.
	idp := oidctest.Start(t)
	const googleEmail = "grace.google@example.com"
	setup := servertest.Setup{RealClock: true, Config: func(c *config.Config) {
		c.AdminEmails = []string{adminEmail}
		c.OIDC = idp.Settings()
	}}
	servertest.Each(t, setup, func(t *testing.T, env *servertest.Env) {
		idp.Queue(&oidctest.Person{Subject: "g-grace-" + string(env.Server.Store().Dialect), Email: googleEmail, EmailVerified: true, Name: "Grace Hopper"})
		// A second server with the production limits, so one story can meet a 429 while the others
		// sign up and in freely.
		limited := servertest.Start(t, servertest.Setup{
			Dialect:   env.Server.Store().Dialect,
			RealClock: true,
			Config:    func(c *config.Config) { c.RateLimits = config.DefaultRateLimits() },
		})

		ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, node, "--test", "--test-reporter=spec", "client.test.mjs")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "BASE_URL="+env.URL, "RATE_LIMITED_BASE_URL="+limited.URL, "ADMIN_EMAIL="+adminEmail,
			"GOOGLE_EMAIL="+googleEmail, "NO_COLOR=1")
		stdout, stderr := &lineLogger{t: t}, &lineLogger{t: t, prefix: "stderr: "}
		cmd.Stdout, cmd.Stderr = stdout, stderr
		cmd.WaitDelay = 5 * time.Second
		err := cmd.Run()
		stdout.flush()
		stderr.flush()
		if err != nil {
			t.Fatalf("Better Auth's client disagrees with the server (node --test client.test.mjs: %v); the failing stories are logged above", err)
		}
	})
}

// requireClient returns the node binary, or skips the test when node or the npm packages are missing;
// under CI=true it fails instead, because CI must never pass by skipping.
func requireClient(t *testing.T) string {
	t.Helper()
	missing := func(what string) {
		t.Helper()
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s: %s", what, installHint)
		}
		t.Skipf("%s: %s", what, installHint)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node is not on PATH (install Node.js 20+, then)")
	}
	want, err := pinnedVersion("package.json", func(p packageJSON) string { return p.Dependencies["better-auth"] })
	if err != nil {
		t.Fatal(err)
	}
	got, err := pinnedVersion("node_modules/better-auth/package.json", func(p packageJSON) string { return p.Version })
	if errors.Is(err, os.ErrNotExist) {
		missing("better-auth is not installed in server/contract/node_modules")
	} else if err != nil {
		t.Fatal(err)
	}
	if got != want {
		missing("server/contract/node_modules has better-auth " + got + " but package.json pins " + want)
	}
	return node
}

type packageJSON struct {
	Version      string            `json:"version"`
	Dependencies map[string]string `json:"dependencies"`
}

func pinnedVersion(path string, pick func(packageJSON) string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var p packageJSON
	if err := json.Unmarshal(b, &p); err != nil {
		return "", err
	}
	return pick(p), nil
}

// lineLogger sends node's output to the test log a line at a time, so it interleaves readably with
// the server's logs under -v and is shown with the failure otherwise.
type lineLogger struct {
	t      *testing.T
	prefix string
	mu     sync.Mutex
	buf    []byte
}

func (l *lineLogger) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	for {
		i := bytes.IndexByte(l.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		l.t.Log(l.prefix + string(l.buf[:i]))
		l.buf = l.buf[i+1:]
	}
}

func (l *lineLogger) flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.buf) > 0 {
		l.t.Log(l.prefix + string(l.buf))
		l.buf = nil
	}
}
