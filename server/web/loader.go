package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// loaderJS serves go-app's app.js with one change: app.wasm's response goes to
// WebAssembly.instantiateStreaming as fetch returned it. go-app wraps the body in a new ReadableStream
// to count bytes for its progress label; a response built in JavaScript has no URL, so Chromium can
// neither keep the compiled code in its wasm code cache nor reuse it, and each chunk passes through
// the main thread. Without the wrapper a warm start (app.wasm from the service worker's Cache Storage)
// loads the compiled code instead of compiling 10 MB again. The cost is the percentage in the label.
//
// The rest of app.js (service worker registration, update and install hooks) is go-app's own, taken
// from its handler so that it stays in step with the go-app version. It panics if go-app's loader no
// longer has the expected call: a go-app upgrade must look at this again, and TestLoaderJS says so.
func loaderJS(shell *app.Handler) http.Handler {
	rec := httptest.NewRecorder()
	shell.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/app.js", nil))
	body, err := patchLoader(rec.Body.String(), shell.Resources.Resolve("/web/app.wasm"))
	if err != nil {
		panic(err)
	}
	sum := sha256.Sum256([]byte(body))
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "application/javascript")
		// Revalidated on every load like go-app's own files: the service worker precaches it by this URL.
		h.Set("Cache-Control", "no-cache")
		h.Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		h.Set("Content-Length", fmt.Sprint(len(body)))
		if r.Method != http.MethodHead {
			_, _ = w.Write([]byte(body))
		}
	})
}

// patchLoader replaces go-app's progress-counting fetch of wasmURL with a plain fetch.
func patchLoader(appJS, wasmURL string) (string, error) {
	wrapped := `fetchWithProgress("` + wasmURL + `", showProgress)`
	if strings.Count(appJS, wrapped) != 1 {
		return "", fmt.Errorf("go-app's app.js does not load app.wasm with %s: review server/web/loader.go for this go-app version", wrapped)
	}
	return strings.Replace(appJS, wrapped, `fetch("`+wasmURL+`")`, 1), nil
}
