//go:build bench

package benchmark

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"spacerr/app/e2e"
)

const startupRuns = 10

// markUsable runs in every new document before the page's own scripts (CDP injects it, so the page's
// CSP does not apply) and records, in page time (milliseconds since navigation start), the moment the
// sign-in form became usable: the document parsed, go-app's loader gone (go-app removes it once
// app.wasm runs) and the email field present and enabled. The parse check matters: the prerendered
// page has the field before the parser reaches the loader. A MutationObserver sees that moment
// exactly, without polling.
const markUsable = `(() => {
  const usable = () => {
    const email = document.getElementById("email");
    return document.readyState !== "loading" && !document.getElementById("app-wasm-loader") &&
      email !== null && !email.disabled;
  };
  const check = () => {
    if (window.__usableAt === undefined && usable()) {
      window.__usableAt = performance.now();
      obs.disconnect();
    }
  };
  const obs = new MutationObserver(check);
  obs.observe(document, {childList: true, subtree: true, attributes: true});
  document.addEventListener("readystatechange", check);
})();`

// awaitUsable resolves with the recorded moment, waiting for it if need be.
const awaitUsable = `new Promise((resolve, reject) => {
  const started = Date.now();
  const check = () => {
    if (window.__usableAt !== undefined) return resolve(window.__usableAt);
    if (Date.now() - started > 15000) return reject(new Error("the sign-in form was not usable 15 s after load"));
    setTimeout(check, 10);
  };
  check();
})`

// awaitWorker resolves once a service worker is active for the page and its cache holds the very
// app.wasm URL the page loaded; it answers that URL, or why not. It does not wait for the worker to
// control this page (go-app's worker claims its clients without waitUntil, which Chromium does not
// always honour): the next navigation is controlled by an active worker either way. Nor does it trust
// "active" to mean "cached", since go-app's install handler does not hold the install open with
// waitUntil either.
const awaitWorker = `(async () => {
  await navigator.serviceWorker.ready;
  const wasm = performance.getEntriesByType("resource").map(e => e.name).find(n => n.includes("app.wasm"));
  if (!wasm) throw new Error("the page loaded no app.wasm");
  const started = Date.now();
  while (!(await caches.match(wasm))) {
    if (Date.now() - started > 15000) return "NOT CACHED: " + wasm + " (cached: " +
      (await Promise.all((await caches.keys()).map(async k => (await (await caches.open(k)).keys()).map(r => r.url)))).flat().join(", ") + ")";
    await new Promise(r => setTimeout(r, 50));
  }
  return wasm;
})()`

// wasmLoad says where the page's app.wasm came from (the service worker, the network or the HTTP
// cache) and when its last byte arrived, in page time: the rest of the start-up is compiling and
// running it.
const wasmLoad = `(() => {
  const e = performance.getEntriesByType("resource").find(e => e.name.includes("app.wasm"));
  if (!e) return {source: "no app.wasm entry (" + performance.getEntriesByType("navigation").map(n => n.type).join() +
    " navigation; entries: " + performance.getEntriesByType("resource").map(e => e.name).join(", ") + ")", end: 0};
  let source = "network (" + e.transferSize + " bytes)";
  if (!navigator.serviceWorker.controller) source = "network, no service worker controls the page";
  else if (e.workerStart > 0 && e.transferSize === 0) source = "service worker";
  else if (e.transferSize === 0) source = "HTTP cache";
  return {source, end: e.responseEnd};
})()`

type wasmLoaded struct {
	Source string  `json:"source"`
	End    float64 `json:"end"`
}

type startup struct {
	cold, warm         []float64 // ms from navigation start to a usable form
	coldWasm, warmWasm []float64 // ms from navigation start to app.wasm's last byte
	sources            map[string]int
	notes              []string
}

func measureStartup(t *testing.T, s *server) *startup {
	t.Helper()
	st := &startup{sources: map[string]int{}}
	signIn := s.base + "/sign-in"
	for i := range startupRuns {
		// Each run is its own subtest so that its browser and profile are gone before the next starts.
		t.Run(fmt.Sprintf("run%d", i+1), func(t *testing.T) {
			b := e2e.NewBrowser(t, s.base)
			b.Run("inject the usable-form probe", chromedp.ActionFunc(func(ctx context.Context) error {
				_, err := page.AddScriptToEvaluateOnNewDocument(markUsable).Do(ctx)
				return err
			}))
			var cold, warm float64
			var coldLoad, warmLoad wasmLoaded
			b.Run("cold load of /sign-in", chromedp.Navigate(signIn), chromedp.Evaluate(awaitUsable, &cold, awaitPromise),
				chromedp.Evaluate(wasmLoad, &coldLoad))
			var wasm string
			b.Run("wait for the service worker", chromedp.Evaluate(awaitWorker, &wasm, awaitPromise))
			if strings.HasPrefix(wasm, "NOT CACHED") {
				st.notes = append(st.notes, "warm start-up: the service worker did not cache the app.wasm the page loads: "+wasm)
			}
			b.Run("warm load of /sign-in", chromedp.Navigate(signIn), chromedp.Evaluate(awaitUsable, &warm, awaitPromise),
				chromedp.Evaluate(wasmLoad, &warmLoad))
			st.cold, st.warm = append(st.cold, cold), append(st.warm, warm)
			st.coldWasm, st.warmWasm = append(st.coldWasm, coldLoad.End), append(st.warmWasm, warmLoad.End)
			st.sources[warmLoad.Source]++
		})
	}
	st.notes = append(st.notes, fmt.Sprintf("start-up: app.wasm's last byte arrived at a median %.0f ms cold and %.0f ms warm; "+
		"the rest, to a usable form, is finishing the (streaming) compile, starting the Go program and its first render", median(st.coldWasm), median(st.warmWasm)))
	if len(st.sources) != 1 || st.sources["service worker"] != startupRuns {
		st.notes = append(st.notes, fmt.Sprintf("warm start-up: app.wasm came from %v (want the service worker every time)", st.sources))
	} else {
		st.notes = append(st.notes, fmt.Sprintf("warm start-up: app.wasm came from the service worker's cache in all %d runs", startupRuns))
	}
	return st
}

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func (st *startup) rows() []row {
	return []row{
		{metric: fmt.Sprintf("start-up cold, median of %d", len(st.cold)), value: spread(st.cold),
			goal: "< 1200 ms", ok: judged(len(st.cold) == startupRuns && median(st.cold) < 1200)},
		{metric: fmt.Sprintf("start-up warm (service worker), median of %d", len(st.warm)), value: spread(st.warm),
			goal: "< 400 ms", ok: judged(len(st.warm) == startupRuns && median(st.warm) < 400)},
	}
}

func spread(v []float64) string {
	if len(v) == 0 {
		return "no run finished"
	}
	return fmt.Sprintf("%.0f ms (min %.0f, max %.0f)", median(v), slices.Min(v), slices.Max(v))
}
