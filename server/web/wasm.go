// Package web serves the go-app shell: the prerendered pages, the manifest and service worker, the
// static files under /web/, and app.wasm precompressed (brotli or gzip) with long-lived caching keyed by
// the client's version. It knows nothing of accounts.
package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"
)

// Wasm is the client binary with its precompressed forms.
type Wasm struct {
	Raw, Brotli, Gzip []byte
	Version           string // hex prefix of the raw binary's SHA-256
}

// LoadWasm reads dir/app.wasm and the precompressed copies that `precompress` made of it. Copies made
// from another build (their recorded hash differs) are ignored and the binary is compressed in memory,
// which is slow: `make build` writes them ahead of time.
func LoadWasm(dir string) (*Wasm, error) {
	path := filepath.Join(dir, "app.wasm")
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s is missing: build the client first (make build)", path)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	sum := sha256.Sum256(raw)
	w := &Wasm{Raw: raw, Version: hex.EncodeToString(sum[:6])}
	if recorded, _ := os.ReadFile(path + ".sum"); string(recorded) == hex.EncodeToString(sum[:]) {
		w.Brotli, _ = os.ReadFile(path + ".br")
		w.Gzip, _ = os.ReadFile(path + ".gz")
	}
	if w.Brotli == nil || w.Gzip == nil {
		slog.Warn("app.wasm has no precompressed copies of this build; compressing in memory", "path", path)
		if w.Brotli, w.Gzip, err = Compress(raw); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// Precompress writes app.wasm.br and app.wasm.gz beside dir/app.wasm, and app.wasm.sum, the hash of
// the binary they were made from. It does nothing when the recorded hash already matches.
func Precompress(dir string) (brSize, gzSize int, skipped bool, err error) {
	path := filepath.Join(dir, "app.wasm")
	raw, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, false, fmt.Errorf("read %s: %w", path, err)
	}
	full := sha256.Sum256(raw)
	sum := hex.EncodeToString(full[:])
	if recorded, _ := os.ReadFile(path + ".sum"); string(recorded) == sum {
		br, errBr := os.Stat(path + ".br")
		gz, errGz := os.Stat(path + ".gz")
		if errBr == nil && errGz == nil {
			return int(br.Size()), int(gz.Size()), true, nil
		}
	}
	br, gz, err := Compress(raw)
	if err != nil {
		return 0, 0, false, err
	}
	for ext, b := range map[string][]byte{".br": br, ".gz": gz, ".sum": []byte(sum)} {
		if err := os.WriteFile(path+ext, b, 0o644); err != nil {
			return 0, 0, false, fmt.Errorf("write %s%s: %w", path, ext, err)
		}
	}
	return len(br), len(gz), false, nil
}

// Compress returns the brotli (best) and gzip (best) forms of b.
func Compress(b []byte) (br, gz []byte, err error) {
	var bb, gb bytes.Buffer
	bw := brotli.NewWriterLevel(&bb, brotli.BestCompression)
	if _, err := bw.Write(b); err != nil {
		return nil, nil, fmt.Errorf("brotli: %w", err)
	}
	if err := bw.Close(); err != nil {
		return nil, nil, fmt.Errorf("brotli: %w", err)
	}
	gw, _ := gzip.NewWriterLevel(&gb, gzip.BestCompression)
	if _, err := gw.Write(b); err != nil {
		return nil, nil, fmt.Errorf("gzip: %w", err)
	}
	if err := gw.Close(); err != nil {
		return nil, nil, fmt.Errorf("gzip: %w", err)
	}
	return bb.Bytes(), gb.Bytes(), nil
}

// ServeHTTP sends the best encoding the browser accepts. The URL carries ?v=<version>; when it matches,
// the response may be cached for a year, since a new build has a new URL.
func (wasm *Wasm) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "application/wasm")
	h.Set("Vary", "Accept-Encoding")
	h.Set("ETag", `"`+wasm.Version+`"`)
	setCacheControl(h, r, wasm.Version)
	if r.Header.Get("If-None-Match") == `"`+wasm.Version+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := wasm.Raw
	switch accept := r.Header.Get("Accept-Encoding"); {
	case acceptsEncoding(accept, "br"):
		h.Set("Content-Encoding", "br")
		body = wasm.Brotli
	case acceptsEncoding(accept, "gzip"):
		h.Set("Content-Encoding", "gzip")
		body = wasm.Gzip
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	_, _ = io.Copy(w, bytes.NewReader(body))
}

func acceptsEncoding(header, enc string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), enc) {
			return !strings.Contains(strings.ReplaceAll(params, " ", ""), "q=0") ||
				strings.Contains(params, "q=0.")
		}
	}
	return false
}

func setCacheControl(h http.Header, r *http.Request, version string) {
	if r.URL.Query().Get("v") == version {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
}
