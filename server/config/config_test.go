package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaults(t *testing.T) {
	dir := t.TempDir()
	c, err := Load(env(map[string]string{"DATA_DIR": dir}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Port != 8080 || c.BaseURL.String() != "http://localhost:8080" || c.DatabaseURL != "" || c.SiteName != "Spacerr" ||
		c.SecureCookies() || c.SQLitePath() != filepath.Join(dir, "spacerr.db") || c.TrustedOrigins[0] != "http://localhost:8080" {
		t.Fatalf("defaults: %+v", c)
	}
	if c.DBMaxConns != 0 {
		t.Fatalf("DB_MAX_CONNS unset gave %d, want 0 (the store's default)", c.DBMaxConns)
	}
	if c, err := Load(env(map[string]string{"DATA_DIR": dir, "DB_MAX_CONNS": " 6 "})); err != nil || c.DBMaxConns != 6 {
		t.Fatalf("DB_MAX_CONNS=6 gave %d, %v", c.DBMaxConns, err)
	}
	if c.RateLimits.SignIn != (RateLimit{Max: 3, Window: 10 * time.Second}) {
		t.Fatalf("sign-in limit %+v", c.RateLimits.SignIn)
	}
	// The generated local secret is kept and reused.
	again, err := Load(env(map[string]string{"DATA_DIR": dir}))
	if err != nil || string(again.AuthSecret) != string(c.AuthSecret) || len(c.AuthSecret) < 32 {
		t.Fatalf("local secret not kept: %v", err)
	}
	info, err := os.Stat(filepath.Join(dir, "auth_secret"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("secret file: %v %v", info, err)
	}
}

func TestProductionNeedsASecretAndHTTPSGetsSecureCookies(t *testing.T) {
	_, err := Load(env(map[string]string{"BASE_URL": "https://accounts.example.com", "DATA_DIR": t.TempDir()}))
	if err == nil || !strings.Contains(err.Error(), "AUTH_SECRET is required") {
		t.Fatalf("want AUTH_SECRET required, got %v", err)
	}
	c, err := Load(env(map[string]string{
		"BASE_URL": "https://accounts.example.com/", "AUTH_SECRET": strings.Repeat("s", 32),
		"TRUSTED_ORIGINS": "https://app.example.com, https://admin.example.com", "TRUSTED_PROXIES": "10.0.0.0/8,192.0.2.1",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if !c.SecureCookies() || len(c.TrustedOrigins) != 3 || c.TrustedOrigins[2] != "https://admin.example.com" || len(c.TrustedProxies) != 2 {
		t.Fatalf("%+v", c)
	}
}

func TestBadSettingsAreClearErrors(t *testing.T) {
	for name, m := range map[string]map[string]string{
		"port":          {"PORT": "eighty"},
		"base url":      {"BASE_URL": "localhost:8080"},
		"base path":     {"BASE_URL": "http://localhost:8080/app"},
		"database":      {"DATABASE_URL": "mysql://root:secretpw@db/x"},
		"short secret":  {"AUTH_SECRET": "short"},
		"origin":        {"TRUSTED_ORIGINS": "not a url"},
		"trusted proxy": {"TRUSTED_PROXIES": "somewhere"},
		"no conns":      {"DB_MAX_CONNS": "0"},
		"conns word":    {"DB_MAX_CONNS": "many"},
	} {
		m["DATA_DIR"] = t.TempDir()
		_, err := Load(env(m))
		if err == nil {
			t.Errorf("%s: accepted %v", name, m)
			continue
		}
		if strings.Contains(err.Error(), "secretpw") {
			t.Errorf("%s: error shows the password: %v", name, err)
		}
	}
}

func TestPasskeyRPID(t *testing.T) {
	for _, tc := range []struct{ base, env, want, err string }{
		{base: "http://localhost:8080", want: "localhost"},
		{base: "https://Accounts.Example.com", env: "", want: "accounts.example.com"},
		{base: "https://accounts.example.com", env: "example.com", want: "example.com"},
		{base: "https://accounts.example.com", env: "Accounts.Example.COM", want: "accounts.example.com"},
		{base: "http://127.0.0.1:8080", want: ""}, // WebAuthn refuses IP addresses: passkeys are off
		{base: "https://accounts.example.com", env: "other.com", err: "parent domains"},
		{base: "https://accounts.example.com", env: "ample.com", err: "parent domains"},
		{base: "https://accounts.example.com", env: "https://example.com", err: "domain name"},
		{base: "http://127.0.0.1:8080", env: "127.0.0.1", err: "domain name"},
	} {
		c, err := Load(env(map[string]string{
			"BASE_URL": tc.base, "PASSKEY_RP_ID": tc.env, "AUTH_SECRET": strings.Repeat("s", 32), "DATA_DIR": t.TempDir(),
		}))
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s %q: want an error about %q, got %v", tc.base, tc.env, tc.err, err)
			}
			continue
		}
		if err != nil || c.PasskeyRPID != tc.want {
			t.Errorf("%s %q: got %q, %v; want %q", tc.base, tc.env, c.PasskeyRPID, err, tc.want)
		}
	}
}

func TestPreviousAuthSecrets(t *testing.T) {
	base := map[string]string{"BASE_URL": "https://accounts.example.com", "AUTH_SECRET": strings.Repeat("n", 32), "DATA_DIR": t.TempDir()}
	with := func(prev string) map[string]string {
		m := map[string]string{"AUTH_SECRET_PREVIOUS": prev}
		for k, v := range base {
			m[k] = v
		}
		return m
	}
	c, err := Load(env(with(strings.Repeat("a", 32) + " , " + strings.Repeat("b", 40) + "," + strings.Repeat("n", 32))))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.AuthSecretPrevious) != 2 || string(c.AuthSecretPrevious[0]) != strings.Repeat("a", 32) || string(c.AuthSecretPrevious[1]) != strings.Repeat("b", 40) {
		t.Fatalf("previous secrets %q (the current one must be left out)", c.AuthSecretPrevious)
	}
	if _, err := Load(env(with("short"))); err == nil || !strings.Contains(err.Error(), "AUTH_SECRET_PREVIOUS") {
		t.Fatalf("a short previous secret: %v", err)
	}
	if c, err := Load(env(base)); err != nil || c.AuthSecretPrevious != nil || c.RateLimits.TwoFactor != (RateLimit{Max: 3, Window: 10 * time.Second}) {
		t.Fatalf("defaults: %+v, %v", c.RateLimits, err)
	}
	if c, err := Load(env(with(""))); err != nil || c.AuthSecretPrevious != nil {
		t.Fatal(err)
	}
	b := with("")
	b["RATE_LIMIT_TWO_FACTOR"] = "5/1m"
	if c, err := Load(env(b)); err != nil || c.RateLimits.TwoFactor != (RateLimit{Max: 5, Window: time.Minute}) {
		t.Fatalf("RATE_LIMIT_TWO_FACTOR: %+v, %v", c.RateLimits.TwoFactor, err)
	}
}

func TestAdminEmailsAreTrimmedAndLowerCased(t *testing.T) {
	c, err := Load(env(map[string]string{"DATA_DIR": t.TempDir(), "ADMIN_EMAILS": " Root@Example.com, ,ops@example.com "}))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.AdminEmails, "|") != "root@example.com|ops@example.com" {
		t.Fatalf("admin emails %q", c.AdminEmails)
	}
}
