//go:build !js

package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"spacerr/server/servertest"
)

// The harness must catch what the server's Content-Security-Policy refuses, or every story would
// pass with a page the policy broke. Chromium logs a refused inline script; a refused eval that the
// page catches is only seen through the securitypolicyviolation event. Both must fail a test.
func TestHarnessReportsCSPViolations(t *testing.T) {
	RequireChromium(t)
	env := servertest.Start(t, servertest.Setup{}) // the placeholder client is enough: no story runs
	b := NewBrowser(t, env.URL)
	reported := make(chan string, 16)
	b.watch.report = func(msg string) { reported <- msg }
	b.Run("open a page the server sends with its CSP", chromedp.Navigate(env.URL+"/web/none"))

	b.Run("add an inline script", chromedp.Evaluate(`(() => {
		const s = document.createElement("script");
		s.textContent = "window.inlineRan = true";
		document.head.append(s);
	})()`, nil))
	waitForReports(t, b, reported, "Executing inline script violates", "script-src-elem refused inline")
	var ran bool
	b.Run("check the script did not run", chromedp.Evaluate(`window.inlineRan === true`, &ran))
	if ran {
		t.Error("the inline script ran: the page has no CSP")
	}

	// The eval runs from a timer: code DevTools evaluates directly is exempt from the CSP.
	b.Run("eval a string and swallow the error", chromedp.Evaluate(`new Promise((done) => setTimeout(() => {
		try { eval("1") } catch (e) {}
		done();
	}, 0))`, nil, awaitPromise))
	waitForReports(t, b, reported, "script-src refused eval")
}

// waitForReports reads problem reports until each want has been seen in one, then forgets them so
// the test can go on.
func waitForReports(t *testing.T, b *Browser, reported <-chan string, want ...string) {
	t.Helper()
	for len(want) > 0 {
		msg := <-reported // a missing report ends in the test's timeout, naming this line
		t.Logf("reported: %s", msg)
		for i, w := range want {
			if strings.Contains(msg, w) {
				want = append(want[:i], want[i+1:]...)
				break
			}
		}
	}
	b.watch.mu.Lock()
	b.watch.probs = nil
	b.watch.mu.Unlock()
}
