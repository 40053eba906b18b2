package server

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"spacerr/server/httpapi"
	"spacerr/shared/api"
)

// unmatched answers API requests no route took, in the API's error shape: 405 when the path exists
// with another method, else 404.
func unmatched(mux *http.ServeMux) httpapi.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		for _, m := range []string{http.MethodGet, http.MethodPost} {
			probe := r.Clone(r.Context())
			probe.Method = m
			if _, pattern := mux.Handler(probe); pattern != "/api/" {
				return api.Errorf(api.CodeMethodNotAllowed, "This route does not accept "+r.Method+".")
			}
		}
		return api.Errorf(api.CodeNotFound, "There is no such API route.")
	}
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// accessLog logs each request's method, path (never the query, which may carry a token), status and
// duration. What changes something, fails or is slow logs at info level; successful reads (get-session,
// which every page load asks, and the static files) log at debug level: at info they were one more
// write to the log per request, a tenth of get-session's cost under load, and said nothing.
func accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		elapsed := time.Since(start)
		level := slog.LevelDebug
		read := r.Method == http.MethodGet || r.Method == http.MethodHead
		if rec.status >= 400 || elapsed >= slowRequest || (!read && strings.HasPrefix(r.URL.Path, "/api/")) {
			level = slog.LevelInfo
		}
		slog.Log(r.Context(), level, "request", "method", r.Method, "path", r.URL.Path,
			"status", rec.status, "duration_ms", elapsed.Milliseconds())
	})
}

// slowRequest is how long a request takes before the access log reports it whatever it was.
const slowRequest = time.Second
