package server_test

import (
	"net/http"
	"strings"
	"testing"

	"spacerr/server/httpapi"
	"spacerr/server/servertest"
	"spacerr/shared/api"
)

func TestOriginIsCheckedOnStateChangingRequests(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{})
	c := env.NewClient(t)
	body := map[string]any{"name": "Ada", "email": "ada@example.com", "password": "correct horse battery"}
	if res := c.Do("POST", "/api/auth/sign-up/email", body); res.Status != 200 {
		t.Fatalf("sign-up: %d %s", res.Status, res.Body)
	}
	cases := []struct {
		origin string
		code   api.Code
	}{
		{"", api.CodeMissingOrNullOrigin}, // a cookie-carrying request with no Origin
		{"https://evil.example", api.CodeInvalidOrigin},
		{"null", api.CodeInvalidOrigin},
	}
	for _, tc := range cases {
		c.Origin = tc.origin
		res := c.Do("POST", "/api/auth/sign-out", map[string]any{})
		var e api.Error
		res.JSON(t, &e)
		if res.Status != 403 || e.Code != tc.code {
			t.Errorf("origin %q: want 403 %s, got %d %s", tc.origin, tc.code, res.Status, res.Body)
		}
	}
	c.Origin = env.URL
	var s *api.SessionResponse
	c.Do("GET", "/api/auth/get-session", nil).JSON(t, &s)
	if s == nil {
		t.Fatal("a refused sign-out ended the session")
	}
	// Without cookies, an untrusted Origin still cannot sign in (login CSRF).
	anon := env.NewClient(t)
	anon.Origin = "https://evil.example"
	if res := anon.Do("POST", "/api/auth/sign-in/email", map[string]any{"email": "ada@example.com", "password": "correct horse battery"}); res.Status != 403 {
		t.Fatalf("cross-site sign-in: %d %s", res.Status, res.Body)
	}
	// A server-to-server call with neither cookies nor Origin is allowed.
	anon.Origin = ""
	if res := anon.Do("POST", "/api/auth/sign-in/email", map[string]any{"email": "ada@example.com", "password": "correct horse battery"}); res.Status != 200 {
		t.Fatalf("sign-in without Origin or cookies: %d %s", res.Status, res.Body)
	}
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{})
	for _, path := range []string{"/api/auth/get-session", "/healthz", "/web/app.wasm", "/nope"} {
		res, err := http.Get(env.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		h := res.Header
		if h.Get("Content-Security-Policy") != httpapi.ContentSecurityPolicy || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("Referrer-Policy") == "" || !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("%s: missing security headers: %v", path, h)
		}
	}
	csp := httpapi.ContentSecurityPolicy
	if !strings.Contains(csp, "'wasm-unsafe-eval'") || strings.Contains(csp, "'unsafe-eval'") || strings.Contains(csp, "'unsafe-inline'") {
		t.Fatalf("CSP allows more than WASM needs: %s", csp)
	}
}

func TestUnknownRoutesAndMethodsAnswerInTheErrorShape(t *testing.T) {
	env := servertest.Start(t, servertest.Setup{})
	c := env.NewClient(t)
	for _, tc := range []struct {
		method, path string
		status       int
		code         api.Code
	}{
		{"GET", "/api/auth/nope", 404, api.CodeNotFound},
		{"POST", "/api/auth/get-session", 405, api.CodeMethodNotAllowed},
		{"GET", "/api/auth/sign-in/email", 405, api.CodeMethodNotAllowed},
	} {
		res := c.Do(tc.method, tc.path, nil)
		var e api.Error
		res.JSON(t, &e)
		if res.Status != tc.status || e.Code != tc.code {
			t.Errorf("%s %s: want %d %s, got %d %s", tc.method, tc.path, tc.status, tc.code, res.Status, res.Body)
		}
	}
	// Form posts are refused: JSON only.
	res := c.Do("POST", "/api/auth/sign-in/email", nil)
	var e api.Error
	res.JSON(t, &e)
	if res.Status != 415 || e.Code != api.CodeUnsupportedMediaType {
		t.Errorf("POST without JSON: %d %s", res.Status, res.Body)
	}
}

func TestHealthAndReadiness(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		for _, p := range []string{"/healthz", "/readyz"} {
			res, err := http.Get(env.URL + p)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != 200 {
				t.Errorf("%s: %d", p, res.StatusCode)
			}
		}
		env.Server.Close()
		res, err := http.Get(env.URL + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 503 {
			t.Errorf("/readyz with the database closed: %d", res.StatusCode)
		}
	})
}
