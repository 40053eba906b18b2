// Package config reads the server's settings from the environment, applies defaults and checks them,
// so that a bad setting stops the process at start with a clear message instead of failing later.
// It never logs a secret.
package config

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is everything the server needs to know about its surroundings.
type Config struct {
	Port        int
	BaseURL     *url.URL
	DatabaseURL string // empty: the embedded SQLite file under DataDir
	// DBMaxConns caps PostgreSQL connections (DB_MAX_CONNS; 0, the default, is store.DefaultMaxConns:
	// 2 × GOMAXPROCS, at least 4). More queries in flight than the database has cores only queue there.
	DBMaxConns int
	DataDir    string
	AuthSecret []byte
	// AuthSecretPrevious are secrets AUTH_SECRET replaced (AUTH_SECRET_PREVIOUS, comma-separated, newest
	// first). Data encrypted or keyed under them stays readable while it moves to the current secret.
	AuthSecretPrevious [][]byte
	TrustedOrigins     []string // BaseURL's origin first, then TRUSTED_ORIGINS
	// PasskeyRPID is the WebAuthn relying party id (PASSKEY_RP_ID, default BASE_URL's host). Empty when
	// BASE_URL's host is an IP address, which WebAuthn does not accept: passkeys are then off.
	PasskeyRPID    string
	SiteName       string
	WebDir         string         // static assets and the built app.wasm
	TrustedProxies []netip.Prefix // peers whose X-Forwarded-For is believed
	RateLimits     RateLimits
	Mail           Mail // SMTP_URL, MAIL_FROM, MAGIC_LINK_SIGN_UP, REQUIRE_EMAIL_VERIFICATION
	// FreshAge is how recently a session must have signed in or re-authenticated for sensitive actions
	// (FRESH_AGE, default 15m; 0 turns the check off).
	FreshAge time.Duration
	Version  string // the build's version; the client's cache key
	// AdminEmails (ADMIN_EMAILS, comma-separated) are made admins at start-up (server/admin.Grant).
	AdminEmails []string
	// OIDC is "Continue with Google" (GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET, OIDC_ISSUER); off without a client id.
	OIDC OIDC
}

// RateLimit allows Max requests per Window for one key (client IP and path).
type RateLimit struct {
	Max    int
	Window time.Duration
}

// RateLimits holds the limits by purpose. Tests relax them; a zero Max disables that limit.
type RateLimits struct {
	SignIn    RateLimit
	SignUp    RateLimit
	TwoFactor RateLimit // the /two-factor/* routes that change state or check a code or password
	Default   RateLimit
	Mail      RateLimit // request-password-reset and send-verification-email
	MagicLink RateLimit // sign-in/magic-link
}

// DefaultRateLimits are Better Auth's: 3 per 10 s for sign-in, sign-up and two-factor, 100 per 10 s
// otherwise.
func DefaultRateLimits() RateLimits {
	return RateLimits{
		SignIn:    RateLimit{Max: 3, Window: 10 * time.Second},
		SignUp:    RateLimit{Max: 3, Window: 10 * time.Second},
		TwoFactor: RateLimit{Max: 3, Window: 10 * time.Second},
		Default:   RateLimit{Max: 100, Window: 10 * time.Second},
		Mail:      RateLimit{Max: 3, Window: time.Minute},
		MagicLink: RateLimit{Max: 5, Window: time.Minute},
	}
}

// SecureCookies reports whether cookies get the Secure flag and the __Secure- prefix.
func (c Config) SecureCookies() bool { return c.BaseURL.Scheme == "https" }

// SQLitePath is the embedded database file used when DatabaseURL is empty.
func (c Config) SQLitePath() string { return filepath.Join(c.DataDir, "spacerr.db") }

// Load reads the configuration from getenv (os.Getenv in production, a map in tests).
func Load(getenv func(string) string) (Config, error) {
	c := Config{
		DataDir:  orDefault(getenv("DATA_DIR"), "data"),
		SiteName: orDefault(getenv("SITE_NAME"), "Spacerr"),
		WebDir:   orDefault(getenv("WEB_DIR"), "web"),
	}
	limits, err := loadRateLimits(getenv)
	if err != nil {
		return c, err
	}
	c.RateLimits = limits
	for _, e := range strings.Split(getenv("ADMIN_EMAILS"), ",") {
		if e = strings.ToLower(strings.TrimSpace(e)); e != "" {
			c.AdminEmails = append(c.AdminEmails, e)
		}
	}
	if c.Mail, err = loadMail(getenv); err != nil {
		return c, err
	}
	if c.FreshAge, err = loadFreshAge(getenv("FRESH_AGE")); err != nil {
		return c, err
	}
	if c.OIDC, err = loadOIDC(getenv); err != nil {
		return c, err
	}
	port, err := strconv.Atoi(orDefault(getenv("PORT"), "8080"))
	if err != nil || port < 1 || port > 65535 {
		return c, fmt.Errorf("PORT must be a number from 1 to 65535, got %q", getenv("PORT"))
	}
	c.Port = port

	base, err := parseBaseURL(orDefault(getenv("BASE_URL"), "http://localhost:"+strconv.Itoa(port)))
	if err != nil {
		return c, err
	}
	c.BaseURL = base
	c.TrustedOrigins = []string{Origin(base)}
	for _, o := range splitList(getenv("TRUSTED_ORIGINS")) {
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return c, fmt.Errorf("TRUSTED_ORIGINS: %q is not an origin like https://app.example.com", o)
		}
		c.TrustedOrigins = append(c.TrustedOrigins, Origin(u))
	}

	rpID, err := passkeyRPID(getenv("PASSKEY_RP_ID"), base)
	if err != nil {
		return c, err
	}
	c.PasskeyRPID = rpID

	if dbURL := getenv("DATABASE_URL"); dbURL != "" {
		u, err := url.Parse(dbURL)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
			return c, errors.New("DATABASE_URL must be a postgres:// URL such as postgres://user:pass@host:5432/db (the value is not shown because it may hold a password)")
		}
		c.DatabaseURL = dbURL
	}
	if v := strings.TrimSpace(getenv("DB_MAX_CONNS")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10000 {
			return c, fmt.Errorf("DB_MAX_CONNS must be a number of connections from 1 to 10000, got %q", v)
		}
		c.DBMaxConns = n
	}

	for _, p := range splitList(getenv("TRUSTED_PROXIES")) {
		prefix, err := netip.ParsePrefix(p)
		if err != nil {
			addr, aerr := netip.ParseAddr(p)
			if aerr != nil {
				return c, fmt.Errorf("TRUSTED_PROXIES: %q is neither an IP nor a CIDR range", p)
			}
			prefix = netip.PrefixFrom(addr, addr.BitLen())
		}
		c.TrustedProxies = append(c.TrustedProxies, prefix)
	}

	secret, err := loadSecret(getenv("AUTH_SECRET"), base, c.DataDir)
	if err != nil {
		return c, err
	}
	c.AuthSecret = secret
	for _, p := range splitList(getenv("AUTH_SECRET_PREVIOUS")) {
		if len(p) < 32 {
			return c, errors.New("AUTH_SECRET_PREVIOUS: each previous secret must be at least 32 characters (separate several with commas)")
		}
		if p != string(secret) {
			c.AuthSecretPrevious = append(c.AuthSecretPrevious, []byte(p))
		}
	}
	return c, nil
}

// Origin is scheme://host[:port] of u, the form browsers send in the Origin header.
func Origin(u *url.URL) string { return u.Scheme + "://" + u.Host }

// IsLocal reports whether the URL points at this machine, where a generated secret is acceptable.
func IsLocal(u *url.URL) bool {
	host := u.Hostname()
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return nil, fmt.Errorf("BASE_URL must be an absolute http(s) URL such as https://accounts.example.com, got %q", raw)
	}
	if u.Path != "" && u.Path != "/" {
		return nil, fmt.Errorf("BASE_URL must not have a path (serving under a sub-path is not supported), got %q", raw)
	}
	u.Path = ""
	return u, nil
}

// passkeyRPID checks PASSKEY_RP_ID, or derives it from BASE_URL. A browser only accepts an RP ID equal
// to the page's host or one of its parent domains, so any other value would make every passkey ceremony
// fail later; it stops the start instead.
func passkeyRPID(env string, base *url.URL) (string, error) {
	host := strings.ToLower(base.Hostname())
	if env == "" {
		if net.ParseIP(host) != nil {
			return "", nil
		}
		return host, nil
	}
	id := strings.ToLower(strings.TrimSuffix(env, "."))
	if net.ParseIP(id) != nil || strings.ContainsAny(id, ":/ ") || id == "" {
		return "", fmt.Errorf("PASSKEY_RP_ID must be a domain name such as example.com, got %q", env)
	}
	if host != id && !strings.HasSuffix(host, "."+id) {
		return "", fmt.Errorf("PASSKEY_RP_ID %q must be BASE_URL's host (%s) or one of its parent domains", env, host)
	}
	return id, nil
}

// loadSecret takes AUTH_SECRET when given. Outside localhost it is required; locally a random secret is
// made once and kept in the data directory so sessions and encrypted data survive restarts.
func loadSecret(env string, base *url.URL, dataDir string) ([]byte, error) {
	if env != "" {
		if len(env) < 32 {
			return nil, errors.New("AUTH_SECRET must be at least 32 characters (for example: openssl rand -hex 32)")
		}
		return []byte(env), nil
	}
	if !IsLocal(base) {
		return nil, fmt.Errorf("AUTH_SECRET is required when BASE_URL (%s) is not localhost", Origin(base))
	}
	path := filepath.Join(dataDir, "auth_secret")
	if b, err := os.ReadFile(path); err == nil {
		s := strings.TrimSpace(string(b))
		if len(s) < 32 {
			return nil, fmt.Errorf("the generated secret in %s is damaged; delete it to make a new one", path)
		}
		return []byte(s), nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("read the local secret: %w", err)
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory %s: %w", dataDir, err)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, fmt.Errorf("generate the local secret: %w", err)
	}
	s := hex.EncodeToString(raw)
	if err := os.WriteFile(path, []byte(s+"\n"), 0o600); err != nil {
		return nil, fmt.Errorf("store the local secret: %w", err)
	}
	return []byte(s), nil
}

func orDefault(v, def string) string {
	if strings.TrimSpace(v) == "" {
		return def
	}
	return strings.TrimSpace(v)
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
