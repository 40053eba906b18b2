//go:build !js

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// listen forwards what the tab reports: console messages and the browser's warnings and errors go to
// the test log; uncaught exceptions, CSP violations, Go panics and 5xx answers fail the test.
func (b *Browser) listen() {
	w := b.watch
	chromedp.ListenTarget(b.ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			text := consoleText(ev.Args)
			w.logf("console.%s: %s", ev.Type, text)
			switch {
			case isCSPViolation(text):
				w.problem("Content-Security-Policy violation: %s", text)
			case goPanic.MatchString(text):
				// wasm_exec.js prints the Go program's stderr with console.log.
				w.problem("the client panicked: %s", text)
			}
		case *runtime.EventBindingCalled:
			if ev.Name == cspBinding {
				w.problem("Content-Security-Policy violation: %s", ev.Payload)
			}
		case *runtime.EventExceptionThrown:
			w.problem("uncaught exception: %s", exceptionText(ev.ExceptionDetails))
		case *log.EventEntryAdded:
			e := ev.Entry
			if e.Level == log.LevelWarning || e.Level == log.LevelError {
				w.logf("browser %s (%s): %s %s", e.Level, e.Source, e.Text, e.URL)
			}
			if isCSPViolation(e.Text) {
				w.problem("Content-Security-Policy violation: %s", e.Text)
			}
		case *network.EventRequestWillBeSent:
			if u, err := url.Parse(ev.Request.URL); err == nil && u.Host == b.base.Host &&
				strings.HasPrefix(u.Path, "/api/") {
				w.request(ev.Request.Method + " " + u.Path)
			}
		case *network.EventResponseReceived:
			if ev.Response.Status >= 500 {
				w.problem("server answered %d to %s", ev.Response.Status, ev.Response.URL)
			}
		}
	})
}

// cspBinding is the function through which every document of the tab reports its CSP violations.
const cspBinding = "e2eReportCSPViolation"

// watchCSP has every document the tab loads report its securitypolicyviolation events. Chromium
// logs most violations to the console as well, but not all: a refused eval that the page catches
// only raises the event. The script is injected by DevTools, so the CSP does not apply to it.
var watchCSP = chromedp.ActionFunc(func(ctx context.Context) error {
	if err := runtime.AddBinding(cspBinding).Do(ctx); err != nil {
		return err
	}
	_, err := page.AddScriptToEvaluateOnNewDocument(`document.addEventListener("securitypolicyviolation", (e) => {
		` + cspBinding + `(e.violatedDirective + " refused " + (e.blockedURI || "inline") +
			" at " + e.sourceFile + ":" + e.lineNumber + (e.sample ? " (" + e.sample + ")" : ""));
	});`).Do(ctx)
	return err
})

func isCSPViolation(text string) bool {
	return strings.Contains(text, "Content Security Policy") || strings.Contains(text, "Refused to")
}

var goPanic = regexp.MustCompile(`(?m)^(panic: |fatal error: )`)

func consoleText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		var s string
		switch {
		case a.Value != nil && json.Unmarshal(a.Value, &s) == nil:
		case a.Value != nil:
			s = string(a.Value)
		case a.Description != "":
			s = a.Description
		default:
			s = string(a.Type)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	s := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		s += " " + d.Exception.Description
	}
	if d.URL != "" {
		s += fmt.Sprintf(" (%s:%d:%d)", d.URL, d.LineNumber+1, d.ColumnNumber+1)
	}
	return s
}

// watcher collects what the browser reports from chromedp's event goroutine. After close it drops
// everything: logging to a finished test panics.
type watcher struct {
	t      testing.TB
	mu     sync.Mutex
	closed bool
	probs  []string
	api    []string
	// report tells the test about a problem; t.Errorf unless the harness's own tests watch it.
	report func(msg string)
}

func (w *watcher) logf(format string, args ...any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.closed {
		w.t.Logf(format, args...)
	}
}

func (w *watcher) problem(format string, args ...any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return
	}
	msg := fmt.Sprintf(format, args...)
	w.probs = append(w.probs, msg)
	if w.report != nil {
		w.report(msg)
		return
	}
	w.t.Errorf("browser: %s", msg)
}

func (w *watcher) request(r string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.api = append(w.api, r)
}

func (w *watcher) problems() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.probs...)
}

func (w *watcher) apiRequests() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.api...)
}

func (w *watcher) close() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.closed = true
}
