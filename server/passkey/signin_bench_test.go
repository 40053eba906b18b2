package passkey_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"spacerr/server/servertest"
	"spacerr/server/store/storetest"
)

// BenchmarkVerifyAuthentication is the server's cost of one passkey sign-in (POST
// /passkey/verify-authentication), per database: consuming the ceremony, finding the credential,
// checking the ECDSA P-256 signature and the flags, moving the counter and starting the session. The
// request goes straight into the server's handler; fetching the options and signing the assertion
// (the browser's and the authenticator's work) happen with the timer stopped.
func BenchmarkVerifyAuthentication(b *testing.B) {
	for _, d := range storetest.Dialects {
		b.Run(string(d), func(b *testing.B) {
			env := servertest.Start(b, servertest.Setup{Dialect: d})
			c := env.NewClient(b)
			res := c.Do("POST", "/api/auth/sign-up/email", map[string]any{"name": "Bench", "email": "bench@example.com", "password": "correct horse battery"})
			if res.Status != http.StatusOK {
				b.Fatalf("sign-up: %d %s", res.Status, res.Body)
			}
			a := authenticator(env)
			opts := c.Do("GET", base+"generate-register-options", nil)
			if opts.Status != http.StatusOK {
				b.Fatalf("generate-register-options: %d %s", opts.Status, opts.Body)
			}
			created, cred, err := a.Create(opts.Body)
			if err != nil {
				b.Fatal(err)
			}
			if res := verifyRegistration(c, created, "bench"); res.Status != http.StatusOK {
				b.Fatalf("verify-registration: %d %s", res.Status, res.Body)
			}
			apiURL, _ := url.Parse(env.URL + base)
			handler := env.Server.Handler()

			for b.Loop() {
				b.StopTimer()
				opts := c.Do("GET", base+"generate-authenticate-options", nil)
				if opts.Status != http.StatusOK {
					b.Fatalf("generate-authenticate-options: %d %s", opts.Status, opts.Body)
				}
				assertion, err := a.Get(opts.Body, cred)
				if err != nil {
					b.Fatal(err)
				}
				body, _ := json.Marshal(map[string]any{"response": json.RawMessage(assertion)})
				req := httptest.NewRequest("POST", env.URL+base+"verify-authentication", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Origin", env.URL)
				for _, ck := range c.HTTP.Jar.Cookies(apiURL) {
					req.AddCookie(ck)
				}
				w := httptest.NewRecorder()
				b.StartTimer()

				handler.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("verify-authentication: %d %s", w.Code, w.Body)
				}
			}
		})
	}
}
