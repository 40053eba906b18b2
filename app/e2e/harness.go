//go:build !js

// Package e2e drives the real client, app.wasm built from this repository, in headless Chromium
// against the whole server, and tells stories the way a person would live them: "visit /, create an
// account, sign out, sign in". It never reaches around the UI into the database or the API to make a
// step pass; what a person cannot do in the browser, a story does not do either.
//
// The browser runs under the server's real Content-Security-Policy, so the harness fails a test on
// any CSP violation, any uncaught exception, any Go panic printed by the client and any 5xx answer:
// those are bugs even when the page still looks right.
//
// Waiting is always for a state of the page (an element, a text, a path), never for a fixed time.
// The waits are evaluated with Runtime.evaluate (which the CSP does not govern, so the policy is
// exercised by the app alone) and, unlike chromedp.Poll, they survive a full page load: a story
// need not know whether a step navigates inside the app or reloads the page.
package e2e

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// DefaultChromium is Debian's Chromium; $CHROMIUM names another binary.
const DefaultChromium = "/usr/bin/chromium"

// TestTimeout bounds one test's browser work; StepTimeout bounds one step (a wait, a click). A step
// that times out fails with what it waited for, the page's path and a screenshot, which says more
// than one long timeout at the end of the test would.
var (
	TestTimeout = 60 * time.Second
	StepTimeout = 20 * time.Second
)

// inCI reports whether missing prerequisites must fail instead of skip: CI must never pass by
// skipping the browser tests.
func inCI() bool { return os.Getenv("CI") == "true" }

// RequireChromium returns the Chromium binary to use. Without one the test is skipped, or fails
// under CI=true.
func RequireChromium(t testing.TB) string {
	t.Helper()
	path := os.Getenv("CHROMIUM")
	if path == "" {
		path = DefaultChromium
	}
	if _, err := os.Stat(path); err != nil {
		msg := fmt.Sprintf("browser tests need Chromium at %s (apt-get install chromium, or set CHROMIUM): %v", path, err)
		if inCI() {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return path
}

// RepoRoot is the directory holding go.mod, found by walking up from the test's working directory
// (go test runs each package in its own directory).
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// WebDir returns the repository's web/ directory, which must hold a built app.wasm: browser tests
// run the real client, never a placeholder. Without it the test is skipped, or fails under CI=true.
// E2E_WEB_DIR points the stories at another copy (a client built elsewhere, such as a work in progress
// beside a running build).
func WebDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("E2E_WEB_DIR")
	if dir == "" {
		dir = filepath.Join(RepoRoot(t), "web")
	}
	if _, err := os.Stat(filepath.Join(dir, "app.wasm")); err != nil {
		msg := fmt.Sprintf("browser tests need the built client at %s: run make build (or make wasm) first", filepath.Join(dir, "app.wasm"))
		if inCI() {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return dir
}

// Browser is one tab of a headless Chromium with a fresh profile, pointed at one server. Its methods
// are the steps of a story; each fails the test (with a screenshot) when the page does not get there.
// Use it from the test's goroutine only.
type Browser struct {
	t      testing.TB
	ctx    context.Context // the tab; never time-limited itself, so a failure screenshot is always possible
	cancel context.CancelFunc
	base   *url.URL
	end    time.Time // the test's deadline (TestTimeout after NewBrowser)
	watch  *watcher
	shots  *shots
	tabs   *[]*Browser // every tab of the browser, for the screenshots at failure
}

// NewBrowser starts Chromium for the test and opens a blank tab. The browser is closed when the test
// ends; if the test failed, a last screenshot of every open tab is taken first.
func NewBrowser(t testing.TB, baseURL string) *Browser {
	t.Helper()
	exe := RequireChromium(t)
	base, err := url.Parse(baseURL)
	if err != nil {
		t.Fatalf("base URL %q: %v", baseURL, err)
	}
	profile := t.TempDir() // made before the browser, so removed after it is closed
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(profile),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests run as root in containers, where the sandbox cannot start
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)

	w := &watcher{t: t}
	ctx, cancelTab := chromedp.NewContext(allocCtx,
		chromedp.WithLogf(w.logf), chromedp.WithErrorf(w.logf))
	b := &Browser{
		t: t, ctx: ctx, base: base, end: time.Now().Add(TestTimeout), watch: w,
		shots: newShots(t),
	}
	b.tabs = &[]*Browser{b}
	b.cancel = func() {
		// A graceful close lets Chromium stop its helper processes and finish writing the profile;
		// killing it leaves them writing into the profile folder while the test removes it.
		closeCtx, cancelClose := context.WithTimeout(ctx, 10*time.Second)
		defer cancelClose()
		if err := chromedp.Cancel(closeCtx); err != nil {
			t.Logf("close Chromium: %v", err)
		}
		cancelTab()
		cancelAlloc() // waits for the Chromium process to exit
	}
	b.listen()
	// The first Run starts the browser. It gets the tab's own context: a time-limited one would take
	// the whole browser down when its step ends.
	if err := chromedp.Run(ctx, watchCSP); err != nil {
		cancelTab()
		cancelAlloc()
		t.Fatalf("start Chromium (%s): %v", exe, err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			for i, tab := range *b.tabs {
				tab.shotQuietly(fmt.Sprintf("failed-tab%d", i+1))
			}
		}
		w.close()
		b.cancel()
	})
	return b
}

// NewTab opens another tab in the same browser profile (so it shares cookies, like a second tab a
// person opens). It is closed with the browser.
func (b *Browser) NewTab() *Browser {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	tab := &Browser{
		t: b.t, ctx: ctx, cancel: cancel, base: b.base, end: b.end, watch: b.watch, shots: b.shots,
		tabs: b.tabs,
	}
	tab.listen()
	if err := chromedp.Run(ctx, watchCSP); err != nil {
		b.t.Fatalf("open a tab: %v", err)
	}
	*b.tabs = append(*b.tabs, tab)
	return tab
}

// Context is the tab's chromedp context, for steps the helpers do not cover. Run them with Run so
// they get a step timeout.
//
// The WebAuthn stories will add a virtual authenticator here: on this context, run
// webauthn.Enable() and webauthn.AddVirtualAuthenticator (protocol ctap2, transport internal,
// resident keys and user verification on), then listen for webauthn.EventCredentialAdded and
// EventCredentialAsserted in listen() and let a step wait for them, as Zitadel's tests do, instead of
// waiting for a time. The authenticator belongs to the tab, so NewTab would need its own.
func (b *Browser) Context() context.Context { return b.ctx }

// Run runs chromedp actions in the tab with a step timeout, failing the test on error.
func (b *Browser) Run(what string, actions ...chromedp.Action) {
	b.t.Helper()
	b.stopIfBroken()
	ctx, cancel := b.stepContext()
	defer cancel()
	if err := chromedp.Run(ctx, actions...); err != nil {
		b.fail("%s: %v", what, err)
	}
}

// stepContext bounds one step by StepTimeout and by the test's deadline.
func (b *Browser) stepContext() (context.Context, context.CancelFunc) {
	end := time.Now().Add(StepTimeout)
	if b.end.Before(end) {
		end = b.end
	}
	return context.WithDeadline(b.ctx, end)
}

// fail ends the test with what the page looked like: its path, the problems the browser reported
// and a screenshot (taken at cleanup).
func (b *Browser) fail(format string, args ...any) {
	b.t.Helper()
	msg := fmt.Sprintf(format, args...)
	ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
	defer cancel()
	var where string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`location.pathname + location.search`, &where)); err == nil {
		msg += "\n\tpage: " + where
	}
	var loader string
	if err := chromedp.Run(ctx, chromedp.Evaluate(
		`document.getElementById("app-wasm-loader")?.innerText ?? ""`, &loader)); err == nil && loader != "" {
		msg += "\n\tgo-app loader still shown: " + strings.TrimSpace(loader)
	}
	if time.Now().After(b.end) {
		msg += fmt.Sprintf("\n\tthe test's %s budget is spent", TestTimeout)
	}
	b.t.Fatal(msg)
}

// stopIfBroken ends the test before the next step once the browser reported a problem: the story
// would only time out later with a less useful message.
func (b *Browser) stopIfBroken() {
	b.t.Helper()
	if p := b.watch.problems(); len(p) > 0 {
		b.t.Fatalf("the browser reported %d problem(s); first: %s", len(p), p[0])
	}
}
