//go:build bench

package benchmark

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// releaseLDFlags are the Makefile's release flags without the version stamp.
const releaseLDFlags = "-s -w"

// helloWorld is go-app's own getting-started program, verbatim in substance: one component, one
// route, and the server half in the same main (which is how go-app documents it).
const helloWorld = `package main

import (
	"log"
	"net/http"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

type hello struct {
	app.Compo
}

func (h *hello) Render() app.UI {
	return app.H1().Text("Hello World!")
}

func main() {
	app.Route("/", func() app.Composer { return &hello{} })
	app.RunWhenOnBrowser()
	http.Handle("/", &app.Handler{Name: "Hello", Description: "An Hello World! example"})
	if err := http.ListenAndServe(":8000", nil); err != nil {
		log.Fatal(err)
	}
}
`

// build is what the report runs: the release server and a web directory with the client.
type build struct {
	server, web          string
	wasmRaw, wasmBrotli  int
	helloRaw, helloBrotl int
	goAppVersion         string
}

func buildAll(t *testing.T, root, work string) *build {
	t.Helper()
	b := &build{server: filepath.Join(work, "spacerr"), web: filepath.Join(work, "web")}
	if err := os.CopyFS(b.web, os.DirFS(filepath.Join(root, "web"))); err != nil {
		t.Fatalf("copy web/: %v", err)
	}
	for _, f := range []string{"app.wasm", "app.wasm.br", "app.wasm.gz", "app.wasm.sum"} {
		os.Remove(filepath.Join(b.web, f))
	}
	goBuild(t, root, nil, "-o", b.server, ".")
	wasm := filepath.Join(b.web, "app.wasm")
	goBuild(t, root, []string{"GOOS=js", "GOARCH=wasm"}, "-o", wasm, ".")
	// precompress writes app.wasm.br at brotli's best quality (11), as `make build` does; the server
	// then serves the same bytes the size goal judges.
	run(t, root, nil, b.server, "precompress", b.web)
	b.wasmRaw = fileSize(t, wasm)
	b.wasmBrotli = fileSize(t, wasm+".br")

	return b
}

func (b *build) buildHelloWorld(t *testing.T, root, dir string) {
	t.Helper()
	b.goAppVersion = strings.TrimSpace(output(t, root, "go", "list", "-m", "-f", "{{.Version}}", "github.com/maxence-charriere/go-app/v10"))
	b.helloRaw, b.helloBrotl = buildHelloWorld(t, root, dir, b.goAppVersion)
}

// buildHelloWorld builds go-app's hello world as its own module (no replace, same go-app version,
// same Go and flags) and returns its raw and brotli-11 sizes. go.sum is seeded from ours so that the
// build needs no network when the module cache has go-app already; -mod=mod adds anything missing.
func buildHelloWorld(t *testing.T, root, dir, goAppVersion string) (raw, br int) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	goVersion := strings.TrimPrefix(strings.TrimSpace(output(t, root, "go", "env", "GOVERSION")), "go")
	gomod := fmt.Sprintf("module hello\n\ngo %s\n\nrequire github.com/maxence-charriere/go-app/v10 %s\n", goVersion, goAppVersion)
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string][]byte{"go.mod": []byte(gomod), "go.sum": sum, "main.go": []byte(helloWorld)} {
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wasm := filepath.Join(dir, "app.wasm")
	goBuild(t, dir, []string{"GOOS=js", "GOARCH=wasm", "GOFLAGS=-mod=mod"}, "-o", wasm, ".")
	b, err := os.ReadFile(wasm)
	if err != nil {
		t.Fatal(err)
	}
	return len(b), brotliSize(t, b)
}

func goBuild(t *testing.T, dir string, env []string, args ...string) {
	t.Helper()
	run(t, dir, env, "go", append([]string{"build", "-trimpath", "-ldflags=" + releaseLDFlags}, args...)...)
}

func run(t *testing.T, dir string, env []string, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func brotliSize(t *testing.T, b []byte) int {
	t.Helper()
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

func fileSize(t *testing.T, path string) int {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return int(fi.Size())
}

func (b *build) rows() []row {
	ratio := float64(b.wasmBrotli) / float64(b.helloBrotl)
	return []row{
		{metric: "app.wasm, brotli 11", value: fmt.Sprintf("%s (raw %s)", mb(b.wasmBrotli), mb(b.wasmRaw)), goal: "-"},
		{metric: "go-app " + b.goAppVersion + " hello world, brotli 11", value: fmt.Sprintf("%s (raw %s)", mb(b.helloBrotl), mb(b.helloRaw)), goal: "-"},
		{metric: "app.wasm / hello world (brotli)", value: fmt.Sprintf("%.2f×", ratio), goal: "≤ 1.30×", ok: judged(ratio <= 1.3)},
	}
}

func mb(n int) string { return fmt.Sprintf("%.2f MB", float64(n)/1e6) }
