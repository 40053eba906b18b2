package config

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// GoogleIssuer is Google's OpenID Connect issuer, the default OIDC_ISSUER.
const GoogleIssuer = "https://accounts.google.com"

// OIDC configures "Continue with Google" (server/oidc). The provider is plain OpenID Connect, so
// Issuer may name any OpenID provider; the button keeps Google's name.
type OIDC struct {
	Issuer       string // OIDC_ISSUER, default GoogleIssuer
	ClientID     string // GOOGLE_CLIENT_ID; empty turns social sign-in off
	ClientSecret string // GOOGLE_CLIENT_SECRET
}

// Enabled reports whether social sign-in is configured.
func (o OIDC) Enabled() bool { return o.ClientID != "" }

// loadOIDC reads GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET and OIDC_ISSUER. The id and the secret come
// together or not at all; the issuer must be https, except on this machine (tests, a local provider).
func loadOIDC(getenv func(string) string) (OIDC, error) {
	o := OIDC{
		Issuer:       strings.TrimRight(orDefault(getenv("OIDC_ISSUER"), GoogleIssuer), "/"),
		ClientID:     strings.TrimSpace(getenv("GOOGLE_CLIENT_ID")),
		ClientSecret: strings.TrimSpace(getenv("GOOGLE_CLIENT_SECRET")),
	}
	if (o.ClientID == "") != (o.ClientSecret == "") {
		return o, errors.New("GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET must be set together (or neither, to turn Google sign-in off)")
	}
	u, err := url.Parse(o.Issuer)
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" ||
		(u.Scheme != "https" && !(u.Scheme == "http" && IsLocal(u))) {
		return o, fmt.Errorf("OIDC_ISSUER must be an https URL such as %s (http only on localhost), got %q", GoogleIssuer, getenv("OIDC_ISSUER"))
	}
	return o, nil
}
