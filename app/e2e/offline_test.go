//go:build !js

package e2e

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"net/http"
	"net/http/httptest"
	"sync/atomic"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"spacerr/app/routes"
	"spacerr/server/servertest"
	"spacerr/server/web"
)

// Chromium says the app can be installed, and its manifest carries what an installed app needs.
func TestInstallable(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{WebDir: WebDir(t), Pages: routes.Paths})
	b := NewBrowser(t, env.URL)
	b.Visit("/sign-in")
	waitServiceWorker(b)

	var errs []*page.InstallabilityError
	var raw string
	b.Run("ask Chromium whether the app is installable", chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		if errs, err = page.GetInstallabilityErrors().Do(ctx); err != nil {
			return err
		}
		_, _, raw, _, err = page.GetAppManifest().Do(ctx)
		return err
	}))
	for _, e := range errs {
		t.Errorf("installability error %s %v", e.ErrorID, e.ErrorArguments)
	}
	var m struct {
		Name, ShortName, StartURL, Display, Scope, BackgroundColor, ThemeColor string
		Icons                                                                  []struct{ Src, Sizes, Purpose string }
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &fields); err != nil {
		t.Fatalf("manifest %q: %v", raw, err)
	}
	str := func(k string) string { var s string; json.Unmarshal(fields[k], &s); return s }
	m.Name, m.ShortName, m.StartURL, m.Display = str("name"), str("short_name"), str("start_url"), str("display")
	m.Scope, m.BackgroundColor, m.ThemeColor = str("scope"), str("background_color"), str("theme_color")
	json.Unmarshal(fields["icons"], &m.Icons)
	if m.Name == "" || m.ShortName == "" || m.StartURL != "/settings" || m.Display != "standalone" || m.Scope != "/" ||
		m.BackgroundColor == "" || m.ThemeColor == "" {
		t.Errorf("manifest lacks a field an installed app needs: %s", raw)
	}
	has := map[string]bool{}
	for _, ic := range m.Icons {
		has[ic.Sizes+" "+ic.Purpose] = true
	}
	for _, want := range []string{"192x192 ", "512x512 ", "512x512 maskable"} {
		if !has[want] {
			t.Errorf("manifest has no %q icon: %s", want, raw)
		}
	}
}

// waitServiceWorker waits until the app's service worker is installed and active (it controls the
// pages loaded from then on).
func waitServiceWorker(b *Browser) {
	b.t.Helper()
	b.waitAsync("the service worker to be active", `async () => {
		const r = await navigator.serviceWorker.getRegistration();
		return !!r && !!r.active && r.active.state === "activated";
	}`)
}

// waitPrecached waits until the service worker's cache holds the pages and the app.wasm the page
// loaded, so the next visit can open with no network.
func waitPrecached(b *Browser) {
	b.t.Helper()
	b.waitAsync("the service worker to cache the pages and app.wasm", `async () => {
		const wasm = performance.getEntriesByType("resource").map((e) => new URL(e.name)).
			find((u) => u.pathname === "/web/app.wasm");
		if (!wasm) return false;
		for (const p of ["/", "/settings", "/sign-in", "/app.js", "/wasm_exec.js", wasm.pathname + wasm.search]) {
			if (!(await caches.match(p))) return false;
		}
		return true;
	}`)
}

// waitAsync waits until the async page function pred resolves to true.
func (b *Browser) waitAsync(what, pred string) {
	b.t.Helper()
	ctx, cancel := b.stepContext()
	defer cancel()
	for {
		var ok bool
		err := chromedp.Run(ctx, chromedp.Evaluate("("+pred+")()", &ok, awaitPromise))
		if err == nil && ok {
			return
		}
		select {
		case <-ctx.Done():
			b.fail("waited %s for %s (last error: %v)", StepTimeout, what, err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// setOffline cuts the tab's network, or gives it back, as DevTools' "Offline" does.
func setOffline(b *Browser, offline bool) {
	b.t.Helper()
	what := "go back online"
	if offline {
		what = "go offline"
	}
	b.Run(what, network.EmulateNetworkConditions(offline, 0, -1, -1))
}

// spacerrKeys lists the local storage keys the app's caches use.
func spacerrKeys(b *Browser) []string {
	b.t.Helper()
	var keys []string
	b.Run("read local storage", chromedp.Evaluate(`Object.keys(localStorage).filter((k) => k.startsWith("/spacerr/"))`, &keys))
	return keys
}

// waitDisabled waits until the element matching sel cannot be used (it matches :disabled).
func waitDisabled(b *Browser, sel string) {
	b.t.Helper()
	b.waitFor(sel+" to be disabled", `(sel) => { const el = document.querySelector(sel); return !!el && el.matches(":disabled") }`, sel)
}

// On a train with no signal, Ada opens settings: she sees her passkey, two-factor and sessions as
// this device saved them, and buttons that say they need a connection. Back online, the page
// refreshes by itself; signing out leaves nothing of hers in the browser.
func TestSettingsOffline(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{WebDir: WebDir(t), Pages: routes.Paths})
	b := NewBrowser(t, env.URL)
	phone := NewBrowser(t, env.URL) // opened first: a new browser starts the test's screenshots afresh
	auth := b.AddAuthenticator(AuthenticatorOptions{})
	const email, password = "ada@example.com", "analytical engine 1843"
	signUpWithPassword(b, "Ada Lovelace", email)
	b.Click("#add-passkey")
	auth.WaitAdded(1)
	waitPasskeyCount(b, 1)

	// Two-factor on, so its state and the backup codes left are part of what is saved.
	b.Click("#enable-2fa")
	b.Fill(`[id="2fa-password"]`, password)
	b.ClickButton("Continue")
	b.WaitVisible("#totp-secret")
	secret := strings.TrimSpace(b.Text("#totp-secret"))
	b.Fill(`[id="2fa-verify-code"]`, totpCode(t, secret, env.Clock.Now()))
	b.ClickButton("Verify")
	b.WaitVisible("#backup-codes")
	var codes []string
	b.Run("read the backup codes", chromedp.Evaluate(
		`[...document.querySelectorAll("#backup-codes .backup-code")].map((e) => e.textContent.trim())`, &codes))
	b.Click("#saved-codes")
	b.Click("#finish-2fa")
	b.WaitText("#two-factor", "On")

	// One online visit, and the service worker has what the next one needs.
	b.Visit("/settings")
	waitPasskeyCount(b, 1)
	waitSessionCount(b, 1)
	b.WaitText("#backup-codes-remaining", "10")
	waitServiceWorker(b)
	waitPrecached(b)

	// Nothing secret is saved: no TOTP secret, backup code or session token.
	var stored string
	b.Run("read local storage", chromedp.Evaluate(`JSON.stringify(localStorage)`, &stored))
	t.Logf("local storage after an online visit: %s", stored)
	for _, secretValue := range append([]string{secret}, codes...) {
		if strings.Contains(stored, secretValue) {
			t.Fatalf("local storage holds a secret %q: %s", secretValue, stored)
		}
	}
	for _, cookie := range b.cookieValues() {
		for _, part := range append(strings.Split(cookie, "."), cookie) {
			if len(part) > 8 && strings.Contains(stored, part) {
				t.Fatalf("local storage holds a cookie's value: %s", stored)
			}
		}
	}

	// The connection drops while the page is up: the page stays as it is (nothing typed is lost) and
	// says so, and the notice goes when the connection is back.
	b.Fill("#new-password", "half typed")
	setOffline(b, true)
	b.WaitText("#link-down-banner", "You're offline — this is your account as it was at ")
	if got := b.Value("#new-password"); got != "half typed" {
		t.Errorf("going offline lost what was typed: %q", got)
	}
	b.Shot("connection-lost")
	setOffline(b, false)
	b.WaitGone("#link-down-banner")

	setOffline(b, true)
	b.Visit("/settings")
	var fromWorker bool
	b.Run("check the service worker served the page", chromedp.Evaluate(
		`performance.getEntriesByType("navigation")[0].workerStart > 0 && !!navigator.serviceWorker.controller`, &fromWorker))
	if !fromWorker {
		t.Fatal("offline, /settings did not come from the service worker")
	}
	b.WaitText("#offline-banner", "Offline — showing what this device saved at ")
	waitPasskeyCount(b, 1)
	b.WaitText("#passkey-list", "This device")
	b.WaitText("#two-factor", "On")
	b.WaitText("#backup-codes-remaining", "10")
	waitSessionCount(b, 1)
	b.WaitText(profile, email)
	for _, sel := range []string{"#add-passkey", "#disable-2fa", "#regenerate-codes", "#new-password"} {
		waitDisabled(b, sel)
	}
	b.WaitText("#passkeys", "You're offline. Connect to change this.")
	b.WaitText("#two-factor", "You're offline. Connect to change this.")
	if got := b.Text("#offline-banner"); !regexp.MustCompile(`saved at \d\d:\d\d`).MatchString(got) {
		t.Errorf("the banner does not say when: %q", got)
	}
	b.Shot("offline-settings")
	b.Run("narrow the window to a phone's", chromedp.EmulateViewport(375, 812))
	b.Shot("offline-settings-phone")
	b.Run("widen the window again", chromedp.EmulateViewport(1280, 900))

	// The sign-in page opens too.
	b.Visit("/sign-in")
	b.WaitVisible("#email")
	b.Visit("/settings")
	b.WaitVisible("#offline-banner")

	// Meanwhile she signs in on her phone; back online, the laptop's page shows it without a reload.
	env.Clock.Advance(30 * time.Second)
	signInWithPassword(phone, email, password)
	phone.WaitURL("/sign-in/two-factor")
	phone.Fill("#totp-code", totpCode(t, secret, env.Clock.Now()))
	phone.ClickButton("Verify")
	phone.WaitURL("/settings")

	b.Run("mark the page", chromedp.Evaluate(`window.e2eSamePage = true`, nil))
	setOffline(b, false)
	b.WaitGone("#offline-banner")
	waitSessionCount(b, 2)
	b.WaitGone(".offline-note")
	b.waitFor("the buttons to work again", `() => { const el = document.querySelector("#add-passkey"); return !!el && !el.matches(":disabled") }`)
	var same bool
	b.Run("check the page was not reloaded", chromedp.Evaluate(`window.e2eSamePage === true`, &same))
	if !same {
		t.Error("coming back online reloaded the page")
	}
	b.Shot("back-online")

	b.ClickButton("Sign out")
	b.WaitURL("/sign-in")
	if keys := spacerrKeys(b); len(keys) != 0 {
		t.Errorf("signing out left %v in local storage", keys)
	}
}

// Ada leaves a shared computer without signing out and Bob signs up there: nothing of Ada's stays in
// the browser, online or offline.
func TestAnotherPersonSignsInOnTheSameBrowser(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{WebDir: WebDir(t), Pages: routes.Paths})
	b := NewBrowser(t, env.URL)
	signUpWithPassword(b, "Ada Lovelace", "ada@example.com")
	waitSessionCount(b, 1)
	if len(spacerrKeys(b)) == 0 {
		t.Fatal("settings cached nothing for Ada")
	}

	// Ada's session expires unseen (she never signs out) and Bob creates his account right away.
	env.Clock.Advance(60 * 24 * time.Hour)
	signUpWithPassword(b, "Bob Babbage", "bob@example.com")
	waitSessionCount(b, 1)
	var stored string
	b.Run("read local storage", chromedp.Evaluate(`JSON.stringify(localStorage)`, &stored))
	if strings.Contains(stored, "ada@example.com") || strings.Contains(stored, "Ada") {
		t.Fatalf("Bob's browser still holds Ada's account: %s", stored)
	}
	if !strings.Contains(stored, "bob@example.com") {
		t.Fatalf("Bob's profile was not cached: %s", stored)
	}
}

// cookieValues are the values of the tab's cookies (the session's among them).
func (b *Browser) cookieValues() []string {
	b.t.Helper()
	var values []string
	b.Run("read the cookies", chromedp.ActionFunc(func(ctx context.Context) error {
		cookies, err := network.GetCookies().Do(ctx)
		for _, c := range cookies {
			values = append(values, c.Value)
		}
		return err
	}))
	return values
}

// A new version is deployed while the app is open: the service worker installs it in the background
// and the page offers "Reload to update", which brings the new version in.
//
// The story needs the same origin before and after the deploy, so it serves the shell alone (go-app's
// pages, the worker, app.wasm) and swaps it for a build with another version; no page here needs the
// API for it.
func TestUpdatePrompt(t *testing.T) {
	dir := WebDir(t)
	v1, err := web.LoadWasm(dir)
	if err != nil {
		t.Fatal(err)
	}
	v2 := *v1
	v2.Version = v1.Version + "next" // the same binary under a new version: a new worker, a new cache
	shell := func(w *web.Wasm) http.Handler {
		return web.Handler(web.Options{SiteName: "Spacerr", WebDir: dir, Pages: routes.Paths}, w)
	}
	var current atomic.Value
	current.Store(shell(v1))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/auth/get-session" {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte("null")) // signed out, so the sign-in page stays put
			return
		}
		current.Load().(http.Handler).ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)

	b := NewBrowser(t, srv.URL)
	b.Visit("/sign-in")
	waitServiceWorker(b)
	waitPrecached(b)
	b.WaitGone("#update-prompt")

	current.Store(shell(&v2))
	b.Visit("/sign-in") // a navigation makes the browser look for a new worker
	b.WaitText("#update-prompt", "A new version is available.")
	b.Shot("update-available")
	b.Click("#update-reload")
	b.WaitAppReady()
	b.waitAsync("the page to run the new version", `async () => {
		const wasm = performance.getEntriesByType("resource").find((e) => new URL(e.name).pathname === "/web/app.wasm");
		return !!wasm && new URL(wasm.name).searchParams.get("v") === `+jsString(v2.Version)+`;
	}`)
	b.WaitGone("#update-prompt")
}
