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
