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
	"spacerr/server/admin"
	"spacerr/server/audit"
	"spacerr/server/config"
	"spacerr/server/httpapi"
	"spacerr/server/magiclink"
	"spacerr/server/mail"
	"spacerr/server/oidc"
	"spacerr/server/passkey"
	"spacerr/server/password"
	"spacerr/server/ratelimit"
	"spacerr/server/secretbox"
	"spacerr/server/session"
	"spacerr/server/store"
	"spacerr/server/twofactor"
	"spacerr/server/verification"
	"spacerr/server/web"
)

// Options are what the caller adds to the configuration.
type Options struct {
	Pages          []string         // the client's routes, precached for offline use
	Now            func() time.Time // the clock; time.Now when nil
	PasswordParams *password.Params // argon2id costs; password.DefaultParams when nil
	Mailer         mail.Mailer      // replaces the configured mailer (tests record mails with it)
}

// Server is the running application.
type Server struct {
	cfg           config.Config
	store         *store.Store
	handler       http.Handler
	sessions      *session.Manager
	limiter       *ratelimit.Limiter
	verifications *verification.Store
	twoFactors    *twofactor.Service
	mailQueue     *mail.Queue // nil when a mailer was injected
	now           func() time.Time
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
		now:      opts.Now,
		sessions: session.NewManager(st.DB, opts.Now, cfg.SecureCookies()),
		limiter:  ratelimit.New(st.DB, opts.Now),

		verifications: verification.New(st.DB, cfg.AuthSecret, opts.Now),
	}
	if err := admin.GrantListed(ctx, st, cfg.AdminEmails, opts.Now()); err != nil {
		st.Close()
		return nil, err
	}
	s.sessions.OnCreate = admin.PromoteListed(cfg.AdminEmails, opts.Now)
	clientIP := func(r *http.Request) string { return httpapi.ClientIP(r, cfg.TrustedProxies) }
	accounts := &account.Service{
		Store: st, Sessions: s.sessions, Hasher: password.NewHasher(params), Now: opts.Now,
		TrustedOrigins: cfg.TrustedOrigins,
		Meta: func(r *http.Request) session.Meta {
			return session.Meta{IP: clientIP(r), UserAgent: r.UserAgent()}
		},
	}
	s.sessions.Meta = accounts.Meta // the audit log's address and browser of revoked sessions
	mailer, queue, err := newMailer(cfg, opts)
	if err != nil {
		st.Close()
		return nil, err
	}
	s.mailQueue = queue
	notify := notifier(cfg, s, mailer, opts.Now)
	accounts.Notify = notify
	accounts.Mail = &account.Mailing{
		Mailer: mailer, Tokens: s.verifications, BaseURL: cfg.BaseURL, SiteName: cfg.SiteName,
		RequireEmailVerification: cfg.Mail.RequireEmailVerification, VerifyOnSignUp: cfg.Mail.VerifyOnSignUp,
	}
	keyring, err := secretbox.New(cfg.AuthSecret, cfg.AuthSecretPrevious...)
	if err != nil {
		st.Close()
		return nil, err
	}
	s.twoFactors, err = twofactor.New(twofactor.Options{
		Store: st, Sessions: s.sessions, Challenges: s.verifications, Keyring: keyring,
		Secrets: append([][]byte{cfg.AuthSecret}, cfg.AuthSecretPrevious...), Now: opts.Now, Meta: accounts.Meta,
		CheckPassword: accounts.CheckPassword, HasPassword: account.HasPassword, Issuer: cfg.SiteName,
		SecureCookies: cfg.SecureCookies(),
	})
	if err != nil {
		st.Close()
		return nil, err
	}
	s.twoFactors.Notify = notify
	// Every sign-in that is not a user-verified passkey goes through the second factor.
	accounts.SecondFactor = s.twoFactors

	apiMux := http.NewServeMux()
	route := func(pattern string, h httpapi.HandlerFunc) { apiMux.Handle(pattern, httpapi.Handle(h)) }
	// fresh marks a sensitive action: it needs a sign-in or re-authentication within FRESH_AGE, else
	// 403 SESSION_NOT_FRESH (see session.RequireFresh). Every such route is wrapped here, in one list.
	fresh := func(h httpapi.HandlerFunc) httpapi.HandlerFunc { return s.sessions.RequireFresh(cfg.FreshAge, h) }
	route("POST /api/auth/sign-up/email", accounts.SignUpEmail)
	route("POST /api/auth/sign-in/email", accounts.SignInEmail)
	route("GET /api/auth/get-session", s.sessions.GetSession)
	route("POST /api/auth/sign-out", s.sessions.SignOut)
	route("POST /api/auth/change-password", fresh(accounts.ChangePassword))
	route("POST /api/auth/set-password", fresh(accounts.SetPassword))
	route("POST /api/auth/verify-password", accounts.VerifyPassword)
	route("GET /api/auth/list-sessions", s.sessions.ListSessions)
	route("POST /api/auth/revoke-session", fresh(s.sessions.RevokeSession))
	route("POST /api/auth/revoke-other-sessions", fresh(s.sessions.RevokeOtherSessions))
	route("POST /api/auth/revoke-sessions", fresh(s.sessions.RevokeSessions))
	route("POST /api/auth/two-factor/enable", fresh(s.twoFactors.Enable))
	route("POST /api/auth/two-factor/verify-totp", s.twoFactors.VerifyTOTP)
	route("POST /api/auth/two-factor/verify-backup-code", s.twoFactors.VerifyBackupCode)
	route("POST /api/auth/two-factor/get-totp-uri", fresh(s.twoFactors.GetTOTPURI))
	route("POST /api/auth/two-factor/generate-backup-codes", fresh(s.twoFactors.GenerateBackupCodes))
	route("POST /api/auth/two-factor/disable", fresh(s.twoFactors.Disable))
	route("GET /api/auth/two-factor/status", s.twoFactors.Status)
	// Mailed flows: password reset, email verification, magic link (their GETs are the mailed links).
	route("POST /api/auth/request-password-reset", accounts.RequestPasswordReset)
	route("GET /api/auth/reset-password/{token}", accounts.ResetPasswordCallback)
	route("POST /api/auth/reset-password", accounts.ResetPassword)
	route("POST /api/auth/send-verification-email", accounts.SendVerificationEmail)
	route("GET /api/auth/verify-email", accounts.VerifyEmail)
	magicLinks := &magiclink.Service{
		Store: st, Sessions: s.sessions, Tokens: s.verifications, Mailer: mailer, SecondFactor: s.twoFactors,
		Meta: accounts.Meta, Now: opts.Now, BaseURL: cfg.BaseURL, SiteName: cfg.SiteName,
		TrustedOrigins: cfg.TrustedOrigins, SignUp: cfg.Mail.MagicLinkSignUp,
	}
	route("POST /api/auth/sign-in/magic-link", magicLinks.SendLink)
	route("GET /api/auth/magic-link/verify", magicLinks.Verify)
	// Social sign-in and connected accounts (server/oidc); starting a flow is refused unless configured.
	social := oidc.New(oidc.Options{
		Store: st, Sessions: s.sessions, Flows: s.verifications, SecondFactor: s.twoFactors,
		AccountSignIns: account.AccountSignIns, Meta: accounts.Meta, Now: opts.Now, BaseURL: cfg.BaseURL,
		TrustedOrigins: cfg.TrustedOrigins, SecureCookies: cfg.SecureCookies(),
		Issuer: cfg.OIDC.Issuer, ClientID: cfg.OIDC.ClientID, ClientSecret: cfg.OIDC.ClientSecret,
	})
	route("GET /api/auth/social-providers", social.Providers)
	route("POST /api/auth/sign-in/social", social.SignInSocial)
	route("GET /api/auth/callback/google", social.Callback)
	route("GET /api/auth/list-accounts", social.ListAccounts)
	route("POST /api/auth/link-social", fresh(social.LinkSocial))
	route("POST /api/auth/unlink-account", fresh(social.UnlinkAccount))
	if cfg.PasskeyRPID == "" {
		slog.Warn("passkeys are off: BASE_URL's host is an IP address, and WebAuthn needs a domain name (use localhost or a real name)")
	} else {
		passkeys, err := passkey.New(passkey.Options{
			Store: st, Sessions: s.sessions, Ceremonies: s.verifications, Now: opts.Now, Meta: accounts.Meta,
			HasPassword: account.HasPassword, AccountSignIns: account.AccountSignIns,
			RPID: cfg.PasskeyRPID, RPName: cfg.SiteName,
			Origins: cfg.TrustedOrigins, SecureCookies: cfg.SecureCookies(),
		})
		if err != nil {
			st.Close()
			return nil, err
		}
		passkeys.Notify = notify
		route("GET /api/auth/passkey/generate-register-options", fresh(passkeys.GenerateRegisterOptions))
		// Also finishes a passkey sign-up, which has no session yet: only signed-in callers need freshness.
		route("POST /api/auth/passkey/verify-registration", s.sessions.RequireFreshIfSignedIn(cfg.FreshAge, passkeys.VerifyRegistration))
		route("GET /api/auth/passkey/generate-authenticate-options", passkeys.GenerateAuthenticateOptions)
		route("POST /api/auth/passkey/verify-authentication", passkeys.VerifyAuthentication)
		route("GET /api/auth/passkey/list-user-passkeys", passkeys.ListUserPasskeys)
		route("POST /api/auth/passkey/update-passkey", passkeys.UpdatePasskey)
		route("POST /api/auth/passkey/delete-passkey", fresh(passkeys.DeletePasskey))
		route("GET /api/auth/passkey/get-passkey-status", passkeys.GetPasskeyStatus)
		route("POST /api/auth/passkey/sign-up/generate-options", passkeys.SignUpGenerateOptions)
		route("GET /api/auth/passkey/generate-reauth-options", passkeys.GenerateReauthOptions)
		route("POST /api/auth/passkey/verify-reauth", passkeys.VerifyReauth)
	}
	// Admin (Better Auth's admin plugin): each handler checks the admin role itself; the changes are
	// sensitive, so they also need a fresh session, checked after the role (Only) so that a non-admin
	// always gets 403 FORBIDDEN.
	admins := &admin.Service{
		DB: st.DB, Sessions: s.sessions, Hasher: accounts.Hasher, SetPassword: account.SetCredential,
		Now: opts.Now, Meta: accounts.Meta, Passkeys: passkey.ListOfUser, BackupCodesLeft: twofactor.BackupCodesLeft,
	}
	route("GET /api/auth/admin/list-users", admins.ListUsers)
	route("GET /api/auth/admin/audit-events", admins.AuditEvents)
	route("GET /api/auth/admin/user-security", admins.UserSecurity)
	route("GET /api/auth/admin/get-user", admins.GetUser)
	// The signed-in user's security events (our addition), from the audit log.
	activity := &audit.Activity{DB: st.DB, SignedInUser: func(w http.ResponseWriter, r *http.Request) (string, error) {
		cur, err := s.sessions.Resolve(w, r)
		if err != nil || cur == nil {
			return "", err
		}
		return cur.User.ID, nil
	}}
	route("GET /api/auth/list-activity", activity.ListActivity)
	route("POST /api/auth/admin/list-user-sessions", admins.ListUserSessions)
	route("POST /api/auth/admin/set-role", admins.Only(fresh(admins.SetRole)))
	route("POST /api/auth/admin/ban-user", admins.Only(fresh(admins.BanUser)))
	route("POST /api/auth/admin/unban-user", admins.Only(fresh(admins.UnbanUser)))
	route("POST /api/auth/admin/revoke-user-session", admins.Only(fresh(admins.RevokeUserSession)))
	route("POST /api/auth/admin/revoke-user-sessions", admins.Only(fresh(admins.RevokeUserSessions)))
	route("POST /api/auth/admin/remove-user", admins.Only(fresh(admins.RemoveUser)))
	route("POST /api/auth/admin/create-user", admins.Only(fresh(admins.CreateUser)))
	route("POST /api/auth/admin/set-user-password", admins.Only(fresh(admins.SetUserPassword)))
	route("POST /api/auth/admin/impersonate-user", admins.Only(fresh(admins.ImpersonateUser)))
	// Not admin-only: the caller is, for now, the impersonated user.
	route("POST /api/auth/admin/stop-impersonating", admins.StopImpersonating)
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

// Close sends the mails still queued and releases the database.
func (s *Server) Close() error {
	if s.mailQueue != nil {
		s.mailQueue.Close()
	}
	return s.store.Close()
}

// Sweep deletes expired sessions, verifications, trusted devices, ended rate-limit windows and audit
// events past their retention (audit.Retention), and re-encrypts two-factor secrets still sealed under a
// previous AUTH_SECRET; RunJanitor calls it periodically.
func (s *Server) Sweep(ctx context.Context) {
	if n, err := s.sessions.SweepExpired(ctx); err != nil {
		slog.WarnContext(ctx, "sweep sessions", "err", err)
	} else if n > 0 {
		slog.InfoContext(ctx, "swept expired sessions", "count", n)
	}
	if _, err := s.limiter.Sweep(ctx); err != nil {
		slog.WarnContext(ctx, "sweep rate limits", "err", err)
	}
	if _, err := s.verifications.Sweep(ctx); err != nil {
		slog.WarnContext(ctx, "sweep verifications", "err", err)
	}
	if _, err := s.twoFactors.SweepExpired(ctx); err != nil {
		slog.WarnContext(ctx, "sweep trusted devices", "err", err)
	}
	if n, err := audit.Sweep(ctx, s.store.DB, s.now()); err != nil {
		slog.WarnContext(ctx, "sweep audit events", "err", err)
	} else if n > 0 {
		slog.InfoContext(ctx, "swept audit events past retention", "count", n)
	}
	if n, err := s.twoFactors.ResealSecrets(ctx); err != nil {
		slog.WarnContext(ctx, "re-encrypt two-factor secrets under the current AUTH_SECRET", "err", err)
	} else if n > 0 {
		slog.InfoContext(ctx, "re-encrypted two-factor secrets under the current AUTH_SECRET", "count", n)
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
// the default one. Reads such as get-session are not counted, so they stay reads. Passkey sign-up
// answers whether an email is taken, like sign-up/email, so it gets the sign-up limit; the passkey
// options are GETs that write a ceremony row, so they count as writes. Changing or setting a password
// checks one, so it shares sign-in's limit; the two-factor routes that check a code or a password have
// their own (Better Auth: 3 per 10 s), while GET /two-factor/status stays an uncounted read.
func (s *Server) rateLimitRule(r *http.Request) (config.RateLimit, bool) {
	p := r.URL.Path
	switch {
	case p == "/api/auth/sign-in/magic-link":
		return s.cfg.RateLimits.MagicLink, true // it sends a mail (Better Auth: 5 per minute)
	case p == "/api/auth/request-password-reset", p == "/api/auth/send-verification-email":
		return s.cfg.RateLimits.Mail, true // each sends a mail: 3 per minute
	case strings.HasPrefix(p, "/api/auth/sign-in/"):
		return s.cfg.RateLimits.SignIn, true
	case strings.HasPrefix(p, "/api/auth/sign-up/"), strings.HasPrefix(p, "/api/auth/passkey/sign-up/"):
		return s.cfg.RateLimits.SignUp, true
	case strings.HasPrefix(p, "/api/auth/passkey/generate-"):
		return s.cfg.RateLimits.Default, true
	case p == "/api/auth/change-password", p == "/api/auth/set-password", p == "/api/auth/verify-password":
		return s.cfg.RateLimits.SignIn, true // a password check, like sign-in (Better Auth: 3 per 10 s)
	case r.Method == http.MethodGet || r.Method == http.MethodHead:
		return config.RateLimit{}, false
	case strings.HasPrefix(p, "/api/auth/two-factor/"):
		return s.cfg.RateLimits.TwoFactor, true
	default:
		return s.cfg.RateLimits.Default, true
	}
}
