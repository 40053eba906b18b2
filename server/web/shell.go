package web

import (
	_ "embed"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Options describe the shell.
type Options struct {
	SiteName string
	Domain   string // host of BASE_URL, for the pages' og:url
	WebDir   string
	Pages    []string // routed pages, precached by the service worker so they open offline
}

// Handler serves everything that is not the API: /web/app.wasm, other /web/ files, and go-app.
func Handler(opts Options, wasm *Wasm) http.Handler {
	v := wasm.Version
	shell := &app.Handler{
		Name:        opts.SiteName,
		ShortName:   opts.SiteName,
		Title:       opts.SiteName,
		Description: "Sign in to " + opts.SiteName + " and keep your account secure.",
		Lang:        "en",
		Domain:      opts.Domain,
		Icon: app.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			Maskable: "/web/icon-maskable-512.png",
			SVG:      "/web/icon.svg",
		},
		BackgroundColor: "#0f1117",
		ThemeColor:      "#4f46e5",
		// No percentage: app.js hands app.wasm's response to the compiler untouched (see loaderJS).
		LoadingLabel:       "Loading…",
		Styles:             []string{"/web/app.css?v=" + v},
		Version:            v,
		WasmContentLength:  strconv.Itoa(len(wasm.Raw)),
		Resources:          versionedResolver{version: v},
		CacheableResources: pagesExceptRoot(opts.Pages),
		// The installed app opens at settings: it sends a signed-out person to sign in, and offline it
		// shows what the device saved (the home page would only say it can't check the session).
		StartURL:              "/settings",
		ServiceWorkerTemplate: appWorkerJS,
		// app.wasm is requested while the page is parsed rather than once the deferred app.js runs:
		// the scripts' round trips (through the service worker on a warm start) then overlap its
		// download. crossorigin makes the preload's request the one app.js's fetch() makes (mode cors,
		// same-origin credentials), so the fetch takes the preloaded response instead of loading it twice.
		RawHeaders: []string{`<link rel="preload" href="` + versionedResolver{version: v}.Resolve("/web/app.wasm") +
			`" as="fetch" type="application/wasm" crossorigin="anonymous">`},
	}
	files := staticFiles(opts.WebDir, v)
	appJS := loaderJS(shell)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/app.js" || r.URL.Path == "/goapp.js":
			appJS.ServeHTTP(w, r)
		case r.URL.Path == "/web/app.wasm":
			wasm.ServeHTTP(w, r)
		case strings.HasPrefix(r.URL.Path, "/web/"):
			files.ServeHTTP(w, r)
		default:
			shell.ServeHTTP(w, r)
		}
	})
}

// appWorkerJS is the service worker go-app fills in with the version and the files to precache.
//
//go:embed app-worker.js
var appWorkerJS string

// versionedResolver puts the client's version in app.wasm's URL so the browser and the service worker
// can cache it for good; every other path is left as go-app's pages write it.
type versionedResolver struct{ version string }

func (v versionedResolver) Resolve(p string) string {
	if p == "/web/app.wasm" {
		return p + "?v=" + v.version
	}
	if p == "" {
		return "/"
	}
	return p
}

// staticFiles serves files under dir (never listings). Files requested with the current ?v= are
// immutable; the rest revalidate.
func staticFiles(dir, version string) http.Handler {
	fs := http.StripPrefix("/web/", http.FileServer(http.Dir(dir)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") || strings.HasPrefix(path.Base(r.URL.Path), ".") ||
			strings.HasSuffix(r.URL.Path, ".br") || strings.HasSuffix(r.URL.Path, ".gz") {
			http.NotFound(w, r)
			return
		}
		setCacheControl(w.Header(), r, version)
		fs.ServeHTTP(w, r)
	})
}

func pagesExceptRoot(pages []string) []string {
	var out []string
	for _, p := range pages {
		if p != "/" {
			out = append(out, p)
		}
	}
	return out
}
