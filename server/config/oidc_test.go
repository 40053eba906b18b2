package config

import (
	"strings"
	"testing"
)

func TestLoadOIDC(t *testing.T) {
	for _, tc := range []struct {
		name    string
		env     map[string]string
		want    OIDC
		wantErr string
	}{
		{"off by default", nil, OIDC{Issuer: GoogleIssuer}, ""},
		{"google", map[string]string{"GOOGLE_CLIENT_ID": " id.apps ", "GOOGLE_CLIENT_SECRET": "s3cret"},
			OIDC{Issuer: GoogleIssuer, ClientID: "id.apps", ClientSecret: "s3cret"}, ""},
		{"another issuer", map[string]string{"OIDC_ISSUER": "https://login.example.com/realms/x/", "GOOGLE_CLIENT_ID": "a", "GOOGLE_CLIENT_SECRET": "b"},
			OIDC{Issuer: "https://login.example.com/realms/x", ClientID: "a", ClientSecret: "b"}, ""},
		{"local http issuer", map[string]string{"OIDC_ISSUER": "http://127.0.0.1:5556/oidc"},
			OIDC{Issuer: "http://127.0.0.1:5556/oidc"}, ""},
		{"id without secret", map[string]string{"GOOGLE_CLIENT_ID": "a"}, OIDC{}, "set together"},
		{"secret without id", map[string]string{"GOOGLE_CLIENT_SECRET": "b"}, OIDC{}, "set together"},
		{"remote http issuer", map[string]string{"OIDC_ISSUER": "http://login.example.com"}, OIDC{}, "https"},
		{"not a URL", map[string]string{"OIDC_ISSUER": "accounts.google.com"}, OIDC{}, "https"},
		{"query", map[string]string{"OIDC_ISSUER": "https://x.example.com/?a=b"}, OIDC{}, "https"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := loadOIDC(env(tc.env))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one mentioning %q", err, tc.wantErr)
				}
				if strings.Contains(err.Error(), "s3cret") {
					t.Fatal("the error echoes the secret")
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tc.want)
			}
			if got.Enabled() != (tc.want.ClientID != "") {
				t.Fatal("Enabled disagrees with the client id")
			}
		})
	}
}

func TestLoadReadsOIDC(t *testing.T) {
	c, err := Load(env(map[string]string{"DATA_DIR": t.TempDir(), "GOOGLE_CLIENT_ID": "a", "GOOGLE_CLIENT_SECRET": "b"}))
	if err != nil || c.OIDC.ClientID != "a" || c.OIDC.Issuer != GoogleIssuer {
		t.Fatalf("got %+v, %v", c.OIDC, err)
	}
	if _, err := Load(env(map[string]string{"DATA_DIR": t.TempDir(), "GOOGLE_CLIENT_ID": "a"})); err == nil {
		t.Fatal("a client id without its secret was accepted")
	}
}
