//go:build !js

package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Visit opens path, which may carry a query (like typing the address), and waits until the client is
// running.
func (b *Browser) Visit(path string) {
	b.t.Helper()
	ref, err := url.Parse(path)
	if err != nil {
		b.t.Fatalf("visit %q: %v", path, err)
	}
	u := b.base.ResolveReference(ref)
	b.Run("open "+u.String(), chromedp.Navigate(u.String()))
	b.WaitAppReady()
}

// WaitAppReady waits until app.wasm runs. Until then the page is go-app's prerendered HTML, which
// looks right but does nothing; go-app removes its loader (#app-wasm-loader) once the Go program
// has started.
func (b *Browser) WaitAppReady() {
	b.t.Helper()
	b.waitFor("the client (app.wasm) to start", `() => !document.getElementById("app-wasm-loader")`)
}

// WaitVisible waits until the element matching the CSS selector is shown.
func (b *Browser) WaitVisible(sel string) {
	b.t.Helper()
	b.waitFor(fmt.Sprintf("%s to be visible", sel), `(sel) => visible(document.querySelector(sel))`, sel)
}

// WaitGone waits until no shown element matches the CSS selector.
func (b *Browser) WaitGone(sel string) {
	b.t.Helper()
	b.waitFor(fmt.Sprintf("%s to go away", sel), `(sel) => !visible(document.querySelector(sel))`, sel)
}

// WaitText waits until the element matching the selector is shown and its text contains text.
func (b *Browser) WaitText(sel, text string) {
	b.t.Helper()
	b.waitFor(fmt.Sprintf("%s to say %q", sel, text),
		`(sel, text) => { const el = document.querySelector(sel); return visible(el) && el.innerText.includes(text) }`,
		sel, text)
}

// WaitFocused waits until the element matching the selector has the keyboard focus.
func (b *Browser) WaitFocused(sel string) {
	b.t.Helper()
	b.waitFor(fmt.Sprintf("%s to have the focus", sel),
		`(sel) => document.activeElement !== null && document.activeElement === document.querySelector(sel)`, sel)
}

// WaitURL waits until the page's path (location.pathname) is path, whether it got there by a
// client-side route change or a full navigation.
func (b *Browser) WaitURL(path string) {
	b.t.Helper()
	b.waitFor(fmt.Sprintf("the address to be %s", path), `(path) => location.pathname === path`, path)
}

// Text is the shown text of the element matching the selector, once it is visible.
func (b *Browser) Text(sel string) string {
	b.t.Helper()
	b.WaitVisible(sel)
	var s string
	b.Run("read the text of "+sel, chromedp.Evaluate(
		fmt.Sprintf(`document.querySelector(%s).innerText`, jsString(sel)), &s))
	return strings.TrimSpace(s)
}

// Value is the current value of the input matching the selector.
func (b *Browser) Value(sel string) string {
	b.t.Helper()
	b.WaitVisible(sel)
	var s string
	b.Run("read the value of "+sel, chromedp.Evaluate(
		fmt.Sprintf(`document.querySelector(%s).value`, jsString(sel)), &s))
	return s
}

// Path is the page's current path.
func (b *Browser) Path() string {
	b.t.Helper()
	var p string
	b.Run("read the address", chromedp.Evaluate(`location.pathname`, &p))
	return p
}

// Fill types text into the input matching the selector, replacing what it held, with real key
// presses (so the page sees keydown, input and keyup as from a keyboard), then checks that the input
// holds exactly text: a re-render that drops keystrokes is a bug a person would notice.
func (b *Browser) Fill(sel, text string) {
	b.t.Helper()
	b.waitFor(fmt.Sprintf("%s to be visible and enabled", sel),
		`(sel) => { const el = document.querySelector(sel); return visible(el) && !el.disabled && !el.readOnly }`, sel)
	// Clearing by script is the one shortcut: select-all differs by platform and input type. The
	// input event lets the page's state follow, as it would after a person deleted the text.
	b.Run("focus and clear "+sel, chromedp.Evaluate(fmt.Sprintf(`(() => {
		const el = document.querySelector(%s);
		el.focus();
		if (el.value !== "") {
			el.value = "";
			el.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "deleteContentBackward"}));
		}
	})()`, jsString(sel)), nil))
	b.Run(fmt.Sprintf("type into %s", sel), chromedp.KeyEvent(text))
	b.waitFor(fmt.Sprintf("%s to hold what was typed", sel),
		`(sel, text) => document.querySelector(sel)?.value === text`, sel, text)
}

// Tab presses the Tab key, moving focus on (and so blurring the focused field).
func (b *Browser) Tab() {
	b.t.Helper()
	b.Run("press Tab", chromedp.KeyEvent(kb.Tab))
}

// Click clicks the middle of the element matching the selector with the mouse, once it is shown and
// enabled.
func (b *Browser) Click(sel string) {
	b.t.Helper()
	b.click(sel, `(sel) => document.querySelector(sel)`, sel)
}

// ClickButton clicks the button whose text is label ("Sign in"), as a person finds it: by what it says.
func (b *Browser) ClickButton(label string) {
	b.t.Helper()
	b.click(fmt.Sprintf("the %q button", label),
		`(label) => [...document.querySelectorAll("button, [role=button], input[type=submit]")]
			.find(el => visible(el) && (el.innerText || el.value || "").trim() === label)`, label)
}

// ClickLink clicks the link whose text is label.
func (b *Browser) ClickLink(label string) {
	b.t.Helper()
	b.click(fmt.Sprintf("the %q link", label),
		`(label) => [...document.querySelectorAll("a[href]")]
			.find(el => visible(el) && el.innerText.trim() === label)`, label)
}

// APIRequests lists the API requests the browser's tabs have sent so far, in order, as
// "POST /api/auth/sign-in/email".
func (b *Browser) APIRequests() []string { return b.watch.apiRequests() }

// click finds the element with the find function (a JS function of args returning an element),
// waits until it is shown and enabled, scrolls it into view and clicks its centre.
func (b *Browser) click(what, find string, args ...any) {
	b.t.Helper()
	b.waitFor(what+" to be visible and enabled",
		fmt.Sprintf(`(...args) => { const el = (%s)(...args); return visible(el) && !el.disabled }`, find), args...)
	var at struct{ X, Y float64 }
	b.Run("find where to click "+what, chromedp.Evaluate(fmt.Sprintf(`(() => {
		%s
		const el = (%s)(...%s);
		el.scrollIntoView({block: "center", inline: "center"});
		const r = el.getBoundingClientRect();
		return {X: r.left + r.width / 2, Y: r.top + r.height / 2};
	})()`, jsVisible, find, jsArgs(args)), &at))
	b.Run("click "+what, chromedp.MouseClickXY(at.X, at.Y))
}

// waitFor waits until the JS predicate pred (a function source) returns a truthy value for args.
// Inside pred, visible(el) says whether an element is rendered and not hidden.
//
// Each evaluation watches the page for up to a second (re-checking on every DOM change and every
// 50 ms) and then returns, so a wait survives a full navigation: the next evaluation runs in the
// new document.
func (b *Browser) waitFor(what, pred string, args ...any) {
	b.t.Helper()
	b.stopIfBroken()
	expr := fmt.Sprintf(`(async () => {
		%s
		const pred = %s;
		const args = %s;
		const check = () => { try { return !!pred(...args) } catch (e) { return false } };
		const until = Date.now() + 1000;
		while (!check()) {
			if (Date.now() > until) return false;
			await new Promise((done) => {
				const obs = new MutationObserver(() => { obs.disconnect(); done() });
				obs.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
				setTimeout(() => { obs.disconnect(); done() }, 50);
			});
		}
		return true;
	})()`, jsVisible, pred, jsArgs(args))
	ctx, cancel := b.stepContext()
	defer cancel()
	var lastErr error
	for {
		var ok bool
		err := chromedp.Run(ctx, chromedp.Evaluate(expr, &ok, awaitPromise))
		if err == nil && ok {
			return
		}
		if ctx.Err() != nil {
			if lastErr != nil && !errors.Is(lastErr, context.DeadlineExceeded) {
				b.fail("waited %s for %s (last error: %v)", StepTimeout, what, lastErr)
			}
			b.fail("waited %s for %s", StepTimeout, what)
		}
		if err != nil {
			// The document is being replaced (a navigation): there is no page to ask until the new
			// one exists. Ask again shortly rather than spinning on the protocol.
			lastErr = err
			select {
			case <-ctx.Done():
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
}

// jsVisible defines visible(el) for the page functions: rendered, in the document and not hidden.
const jsVisible = `const visible = (el) => !!el && el.isConnected && el.getClientRects().length > 0 &&
	getComputedStyle(el).visibility !== "hidden";`

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

func jsString(s string) string {
	j, _ := json.Marshal(s)
	return string(j)
}

// jsArgs is args as a JS array literal; JSON is valid JS for strings, numbers and booleans.
func jsArgs(args []any) string {
	if len(args) == 0 {
		return "[]"
	}
	j, err := json.Marshal(args)
	if err != nil {
		panic(fmt.Sprintf("e2e: arguments %v are not JSON: %v", args, err))
	}
	return string(j)
}
