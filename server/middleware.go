package server

import (
	"log/slog"
	"net/http"
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
// duration. Static files and the shell log at debug level to keep the log about the API.
func accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		level := slog.LevelDebug
		if len(r.URL.Path) > 5 && r.URL.Path[:5] == "/api/" {
			level = slog.LevelInfo
		}
		slog.Log(r.Context(), level, "request", "method", r.Method, "path", r.URL.Path,
			"status", rec.status, "duration_ms", time.Since(start).Milliseconds())
	})
}
