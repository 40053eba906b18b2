package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

type testPage struct{ app.Compo }

func (*testPage) Render() app.UI { return app.Div() }

func testWasm(t *testing.T) (string, *Wasm) {
	t.Helper()
	dir := t.TempDir()
	raw := bytes.Repeat([]byte("\x00asm\x01\x00\x00\x00 go-app client "), 2000)
	if err := os.WriteFile(filepath.Join(dir, "app.wasm"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "app.css"), []byte("body{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := Precompress(dir); err != nil {
		t.Fatal(err)
	}
	w, err := LoadWasm(dir)
	if err != nil {
		t.Fatal(err)
	}
	return dir, w
}

func TestWasmIsServedPrecompressedWithTheRightType(t *testing.T) {
	_, w := testWasm(t)
	for _, tc := range []struct{ accept, enc string }{
		{"gzip, deflate, br, zstd", "br"}, {"gzip", "gzip"}, {"", ""}, {"br;q=0, gzip", "gzip"},
	} {
		req := httptest.NewRequest("GET", "/web/app.wasm?v="+w.Version, nil)
		req.Header.Set("Accept-Encoding", tc.accept)
		rec := httptest.NewRecorder()
		w.ServeHTTP(rec, req)
		h := rec.Header()
		if h.Get("Content-Type") != "application/wasm" || h.Get("Content-Encoding") != tc.enc || h.Get("Vary") != "Accept-Encoding" {
			t.Fatalf("accept %q: headers %v", tc.accept, h)
		}
		if h.Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Fatalf("versioned URL not cached for good: %q", h.Get("Cache-Control"))
		}
		if got := decode(t, tc.enc, rec.Body.Bytes()); !bytes.Equal(got, w.Raw) {
			t.Fatalf("accept %q: body does not decode to app.wasm", tc.accept)
		}
		if h.Get("Content-Length") != strconv.Itoa(rec.Body.Len()) {
			t.Fatalf("Content-Length %s for %d bytes", h.Get("Content-Length"), rec.Body.Len())
		}
	}
	rec := httptest.NewRecorder()
	w.ServeHTTP(rec, httptest.NewRequest("GET", "/web/app.wasm?v=old", nil))
	if rec.Header().Get("Cache-Control") != "no-cache" {
		t.Fatalf("a stale version must revalidate, got %q", rec.Header().Get("Cache-Control"))
	}
	req := httptest.NewRequest("GET", "/web/app.wasm", nil)
	req.Header.Set("If-None-Match", `"`+w.Version+`"`)
	rec = httptest.NewRecorder()
	w.ServeHTTP(rec, req)
	if rec.Code != 304 {
		t.Fatalf("If-None-Match: %d", rec.Code)
	}
}

func TestCopiesOfAnotherBuildAreIgnored(t *testing.T) {
	dir, _ := testWasm(t)
	if _, _, skipped, err := Precompress(dir); err != nil || !skipped {
		t.Fatalf("unchanged app.wasm recompressed: skipped=%v %v", skipped, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "app.wasm"), []byte("\x00asm\x01\x00\x00\x00 a new build"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := LoadWasm(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(decode(t, "br", w.Brotli), w.Raw) || !bytes.Equal(decode(t, "gzip", w.Gzip), w.Raw) {
		t.Fatal("copies of the previous build were served")
	}
}

func TestShell(t *testing.T) {
	dir, w := testWasm(t)
	h := Handler(Options{SiteName: "Spacerr", WebDir: dir, Pages: []string{"/", "/sign-in"}}, w)
	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		return rec
	}
	appJS := get("/app.js").Body.String()
	if !strings.Contains(appJS, "/web/app.wasm?v="+w.Version) || !strings.Contains(appJS, strconv.Itoa(len(w.Raw))) {
		t.Fatal("app.js does not load the versioned app.wasm with its real length")
	}
	// The compiler gets fetch's own response (cacheable, with its URL), not go-app's progress wrapper.
	if !strings.Contains(appJS, `instantiateStreaming(
      fetch("/web/app.wasm?v=`+w.Version+`")`) || strings.Contains(appJS, "fetchWithProgress(\"") {
		t.Errorf("app.js does not hand app.wasm's response to instantiateStreaming as fetched:\n%s", appJS)
	}
	if rec := get("/app.js"); rec.Header().Get("Content-Type") != "application/javascript" || rec.Header().Get("Cache-Control") != "no-cache" {
		t.Errorf("app.js headers: %v", rec.Header())
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/app.js", nil)
	req.Header.Set("If-None-Match", get("/app.js").Header().Get("ETag"))
	h.ServeHTTP(rec, req)
	if rec.Code != 304 {
		t.Errorf("app.js with its ETag: %d, want 304", rec.Code)
	}
	// The page asks for app.wasm while it is parsed, the same request app.js's fetch makes.
	app.Route("/sign-in", func() app.Composer { return &testPage{} })
	if page := get("/sign-in").Body.String(); !strings.Contains(page, `<link rel="preload" href="/web/app.wasm?v=`+w.Version+
		`" as="fetch" type="application/wasm" crossorigin="anonymous">`) {
		t.Errorf("the page does not preload app.wasm:\n%s", page)
	}
	worker := get("/app-worker.js").Body.String()
	for _, want := range []string{"/sign-in", "/web/app.wasm?v=" + w.Version, "/web/app.css?v=" + w.Version, "/web/icon-maskable-512.png"} {
		if !strings.Contains(worker, want) {
			t.Errorf("service worker does not precache %s", want)
		}
	}
	manifest := get("/manifest.webmanifest").Body.String()
	for _, want := range []string{`"name":"Spacerr"`, "maskable", "icon-512.png", `"display":"standalone"`, `"start_url":"/settings"`} {
		if !strings.Contains(manifest, want) {
			t.Errorf("manifest lacks %s: %s", want, manifest)
		}
	}
	if rec := get("/web/"); rec.Code != 404 {
		t.Errorf("directory listing served: %d", rec.Code)
	}
	if rec := get("/web/app.wasm.br"); rec.Code != 404 {
		t.Errorf("raw compressed file served: %d", rec.Code)
	}
	if rec := get("/web/app.css?v=" + w.Version); rec.Code != 200 || !strings.Contains(rec.Header().Get("Cache-Control"), "immutable") {
		t.Errorf("versioned css: %d %v", rec.Code, rec.Header())
	}
}

func decode(t *testing.T, enc string, b []byte) []byte {
	t.Helper()
	var r io.Reader = bytes.NewReader(b)
	switch enc {
	case "br":
		r = brotli.NewReader(r)
	case "gzip":
		gz, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		r = gz
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The worker waits for its precache before it takes over, and the version decides its cache name,
// so a new build installs beside the old one and the page hears of the update.
func TestWorkerPrecachesBeforeItTakesOver(t *testing.T) {
	dir, w := testWasm(t)
	h := Handler(Options{SiteName: "Spacerr", WebDir: dir, Pages: []string{"/", "/sign-in", "/settings"}}, w)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/app-worker.js", nil))
	worker := rec.Body.String()
	if strings.Contains(worker, "{{") {
		t.Fatalf("the worker template was not filled in: %s", worker)
	}
	for _, want := range []string{
		`"app-" + "` + w.Version + `"`,
		`"/settings"`, `"/sign-in"`, `"/"`, `"/app.js"`, `"/wasm_exec.js"`, `"/manifest.webmanifest"`,
		"event.waitUntil", "cache.addAll", "ignoreSearch",
	} {
		if !strings.Contains(worker, want) {
			t.Errorf("service worker lacks %s:\n%s", want, worker)
		}
	}
	if strings.Contains(worker, `"/web/app.wasm"`) {
		t.Error("the worker precaches app.wasm without its version, a URL the page never loads")
	}
}

// A go-app upgrade that changes how app.js loads app.wasm must fail loudly, not serve go-app's loader.
func TestPatchLoaderNeedsGoAppsCall(t *testing.T) {
	const url = "/web/app.wasm?v=1"
	got, err := patchLoader(`x = await instantiateStreaming(fetchWithProgress("`+url+`", showProgress), go.importObject)`, url)
	if err != nil || got != `x = await instantiateStreaming(fetch("`+url+`"), go.importObject)` {
		t.Errorf("patchLoader = %q, %v", got, err)
	}
	for _, js := range []string{`instantiateStreaming(fetch("` + url + `"))`, `fetchWithProgress("/web/app.wasm?v=2", showProgress)`} {
		if _, err := patchLoader(js, url); err == nil {
			t.Errorf("patchLoader accepted app.js without go-app's call: %s", js)
		}
	}
}
