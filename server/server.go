// Package server composes the features into one http.Handler: it opens the store, applies migrations,
// builds each feature's service and mounts the routes under /api/auth beside the go-app shell. It is the
// only package that knows every feature; features do not import each other's internals.
package server

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"spacerr/server/account"
	"spacerr/server/config"
	"spacerr/server/httpapi"
	"spacerr/server/password"
	"spacerr/server/ratelimit"
	"spacerr/server/session"
	"spacerr/server/store"
	"spacerr/server/web"
)

// Options are what the caller adds to the configuration.
type Options struct {
	Pages          []string         // the client's routes, precached for offline use
	Now            func() time.Time // the clock; time.Now when nil
	PasswordParams *password.Params // argon2id costs; password.DefaultParams when nil
}

// Server is the running application.
type Server struct {
	cfg      config.Config
	store    *store.Store
	handler  http.Handler
	sessions *session.Manager
	limiter  *ratelimit.Limiter
}

// New opens and migrates the database and builds the handler.
func New(ctx context.Context, cfg config.Config, opts Options) (*Server, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	params := password.DefaultParams
	if opts.PasswordParams != nil {
		params = *opts.PasswordParams
	}
	wasm, err := web.LoadWasm(cfg.WebDir)
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, cfg.DatabaseURL, cfg.SQLitePath(), store.Options{})
	if err != nil {
		return nil, err
	}
	if _, err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, fmt.Errorf("migrate the database: %w", err)
	}
	s := &Server{
		cfg:      cfg,
		store:    st,
		sessions: session.NewManager(st.DB, opts.Now, cfg.SecureCookies()),
		limiter:  ratelimit.New(st.DB, opts.Now),
	}
	clientIP := func(r *http.Request) string { return httpapi.ClientIP(r, cfg.TrustedProxies) }
	accounts := &account.Service{
		Store: st, Sessions: s.sessions, Hasher: password.NewHasher(params), Now: opts.Now,
		TrustedOrigins: cfg.TrustedOrigins,
		Meta: func(r *http.Request) session.Meta {
			return session.Meta{IP: clientIP(r), UserAgent: r.UserAgent()}
		},
	}

	apiMux := http.NewServeMux()
	route := func(pattern string, h httpapi.HandlerFunc) { apiMux.Handle(pattern, httpapi.Handle(h)) }
	route("POST /api/auth/sign-up/email", accounts.SignUpEmail)
	route("POST /api/auth/sign-in/email", accounts.SignInEmail)
	route("GET /api/auth/get-session", s.sessions.GetSession)
	route("POST /api/auth/sign-out", s.sessions.SignOut)
	route("/api/", unmatched(apiMux))
	apiHandler := httpapi.OriginCheck(cfg.TrustedOrigins,
		ratelimit.Middleware(s.limiter, s.rateLimitRule, clientIP, apiMux))

	root := http.NewServeMux()
	root.Handle("/api/", apiHandler)
	root.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		httpapi.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	root.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := st.Ping(ctx); err != nil {
			slog.WarnContext(ctx, "database not ready", "err", err)
			httpapi.WriteJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "database unreachable"})
			return
		}
		httpapi.WriteJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	root.Handle("/", web.Handler(web.Options{SiteName: cfg.SiteName, Domain: cfg.BaseURL.Host, WebDir: cfg.WebDir, Pages: opts.Pages}, wasm))
	s.handler = httpapi.SecurityHeaders(cfg.SecureCookies(), accessLog(root))
	slog.Info("server ready", "dialect", st.Dialect, "base_url", cfg.BaseURL.String(), "client_version", wasm.Version)
	return s, nil
}

// Handler is the whole application.
func (s *Server) Handler() http.Handler { return s.handler }

// Store is the open database (tests and commands use it).
func (s *Server) Store() *store.Store { return s.store }

// Close releases the database.
func (s *Server) Close() error { return s.store.Close() }

// Sweep deletes expired sessions and ended rate-limit windows; Run calls it periodically.
func (s *Server) Sweep(ctx context.Context) {
	if n, err := s.sessions.SweepExpired(ctx); err != nil {
		slog.WarnContext(ctx, "sweep sessions", "err", err)
	} else if n > 0 {
		slog.InfoContext(ctx, "swept expired sessions", "count", n)
	}
	if _, err := s.limiter.Sweep(ctx); err != nil {
		slog.WarnContext(ctx, "sweep rate limits", "err", err)
	}
}

// RunJanitor sweeps every interval until ctx ends. Every replica may run it: the deletes are idempotent.
func (s *Server) RunJanitor(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.Sweep(ctx)
		}
	}
}

// rateLimitRule: sign-in and sign-up have their strict limits; every other state-changing API call has
// the default one. Reads such as get-session are not counted, so they stay reads.
func (s *Server) rateLimitRule(r *http.Request) (config.RateLimit, bool) {
	p := r.URL.Path
	switch {
	case strings.HasPrefix(p, "/api/auth/sign-in/"):
		return s.cfg.RateLimits.SignIn, true
	case strings.HasPrefix(p, "/api/auth/sign-up/"):
		return s.cfg.RateLimits.SignUp, true
	case r.Method == http.MethodGet || r.Method == http.MethodHead:
		return config.RateLimit{}, false
	default:
		return s.cfg.RateLimits.Default, true
	}
}
