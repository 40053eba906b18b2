package twofactor_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"spacerr/server/servertest"
	"spacerr/server/store/storetest"
	"spacerr/shared/api"
)

// BenchmarkVerifyTOTP is the server's cost of one second-factor sign-in with a TOTP code
// (POST /two-factor/verify-totp after a password sign-in), per database: reading the challenge and the
// sealed secret, opening it, checking the code, spending its time step and starting the session. The
// request goes straight into the server's handler, so neither the loopback nor a client is counted;
// the password sign-in that makes each challenge is done with the timer stopped.
func BenchmarkVerifyTOTP(b *testing.B) {
	for _, d := range storetest.Dialects {
		b.Run(string(d), func(b *testing.B) {
			env := servertest.Start(b, servertest.Setup{Dialect: d})
			c := env.NewClient(b)
			const email = "bench@example.com"
			mustOK(b, c.Do("POST", "/api/auth/sign-up/email", map[string]any{"name": "Bench", "email": email, "password": pw}), "sign-up")
			var en api.EnableTwoFactorResponse
			mustOK(b, c.Do("POST", enable, map[string]any{"password": pw}), "enable").JSON(b, &en)
			key, err := otp.NewKeyFromURL(en.TOTPURI)
			if err != nil {
				b.Fatal(err)
			}
			mustOK(b, c.Do("POST", verify, map[string]any{"code": benchCode(b, key.Secret(), env.Clock.Now())}), "enrolment verify")
			apiURL, _ := url.Parse(env.URL + "/api/auth/")
			handler := env.Server.Handler()

			for b.Loop() {
				b.StopTimer()
				// A code works once per 30-second step: each sign-in gets the next step.
				env.Clock.Advance(30 * time.Second)
				mustOK(b, c.Do("POST", signIn, map[string]any{"email": email, "password": pw}), "sign-in")
				body, _ := json.Marshal(map[string]string{"code": benchCode(b, key.Secret(), env.Clock.Now())})
				req := httptest.NewRequest("POST", env.URL+verify, bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Origin", env.URL)
				for _, ck := range c.HTTP.Jar.Cookies(apiURL) {
					req.AddCookie(ck)
				}
				w := httptest.NewRecorder()
				b.StartTimer()

				handler.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("verify-totp: %d %s", w.Code, w.Body)
				}
			}
		})
	}
}

func benchCode(b *testing.B, secret string, at time.Time) string {
	b.Helper()
	code, err := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		b.Fatal(err)
	}
	return code
}

func mustOK(b *testing.B, res *servertest.Response, what string) *servertest.Response {
	b.Helper()
	if res.Status != http.StatusOK {
		b.Fatalf("%s: %d %s", what, res.Status, res.Body)
	}
	return res
}
