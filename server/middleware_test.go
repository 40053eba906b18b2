package server

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Successful reads stay out of an info-level log; writes, failures and slow requests are in it.
func TestAccessLogLevels(t *testing.T) {
	var buf bytes.Buffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo})))
	t.Cleanup(func() { slog.SetDefault(prev) })

	h := accessLog(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/auth/missing" {
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	for _, c := range []struct {
		method, path string
		logged       bool
	}{
		{"GET", "/api/auth/get-session", false},
		{"GET", "/web/app.css", false},
		{"POST", "/api/auth/sign-in/email", true},
		{"GET", "/api/auth/missing", true},
		{"POST", "/settings", false},
	} {
		buf.Reset()
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(c.method, c.path+"?token=secret", nil))
		if got := strings.Contains(buf.String(), "path="+c.path); got != c.logged {
			t.Errorf("%s %s logged at info: %v, want %v (%q)", c.method, c.path, got, c.logged, buf.String())
		}
		if strings.Contains(buf.String(), "secret") {
			t.Errorf("%s %s: the query reached the log: %q", c.method, c.path, buf.String())
		}
	}
}
