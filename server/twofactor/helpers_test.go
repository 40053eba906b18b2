package twofactor_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"spacerr/server/servertest"
	"spacerr/shared/api"
)

const (
	pw      = "correct horse battery"
	signIn  = "/api/auth/sign-in/email"
	enable  = "/api/auth/two-factor/enable"
	verify  = "/api/auth/two-factor/verify-totp"
	backup  = "/api/auth/two-factor/verify-backup-code"
	status  = "/api/auth/two-factor/status"
	disable = "/api/auth/two-factor/disable"
)

// enrolment is what enable handed out.
type enrolment struct {
	secret string // base32, as in the URI
	codes  []string
	uri    string
}

// code is the TOTP code of the secret at t plus steps×30 s.
func (e enrolment) code(t *testing.T, at time.Time, steps int) string {
	t.Helper()
	c, err := totp.GenerateCodeCustom(e.secret, at.Add(time.Duration(steps)*30*time.Second),
		totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// wrongCode is a code no step of the window accepts.
func (e enrolment) wrongCode(t *testing.T, at time.Time) string {
	t.Helper()
	valid := map[string]bool{e.code(t, at, -1): true, e.code(t, at, 0): true, e.code(t, at, 1): true}
	for i := 0; ; i++ {
		if c := fmt.Sprintf("%06d", i); !valid[c] {
			return c
		}
	}
}

func signUp(t *testing.T, env *servertest.Env, email string) *servertest.Client {
	t.Helper()
	c := env.NewClient(t)
	res := c.Do("POST", "/api/auth/sign-up/email", map[string]any{"name": "Ada", "email": email, "password": pw})
	if res.Status != 200 {
		t.Fatalf("sign-up: %d %s", res.Status, res.Body)
	}
	return c
}

func startEnrolment(t *testing.T, c *servertest.Client) enrolment {
	t.Helper()
	res := c.Do("POST", enable, map[string]any{"password": pw})
	if res.Status != 200 {
		t.Fatalf("enable: %d %s", res.Status, res.Body)
	}
	var body api.EnableTwoFactorResponse
	res.JSON(t, &body)
	key, err := otp.NewKeyFromURL(body.TOTPURI)
	if err != nil {
		t.Fatal(err)
	}
	if len(body.BackupCodes) != 10 || body.Method != "totp" {
		t.Fatalf("enable body: %s", res.Body)
	}
	return enrolment{secret: key.Secret(), codes: body.BackupCodes, uri: body.TOTPURI}
}

// enrol turns two-factor authentication on for the signed-in client.
func enrol(t *testing.T, env *servertest.Env, c *servertest.Client) enrolment {
	t.Helper()
	e := startEnrolment(t, c)
	if res := c.Do("POST", verify, map[string]any{"code": e.code(t, env.Clock.Now(), 0)}); res.Status != 200 {
		t.Fatalf("enrolment verify: %d %s", res.Status, res.Body)
	}
	// The enrolment code's step is spent; move on so the next code differs.
	env.Clock.Advance(30 * time.Second)
	return e
}

// signInChallenged signs in with the password and expects the second-factor answer.
func signInChallenged(t *testing.T, c *servertest.Client, email string) {
	t.Helper()
	res := c.Do("POST", signIn, map[string]any{"email": email, "password": pw})
	if res.Status != 200 || string(res.Body) != `{"twoFactorRedirect":true,"twoFactorMethods":["totp"]}`+"\n" {
		t.Fatalf("sign-in: %d %s", res.Status, res.Body)
	}
	for _, sc := range res.Header.Values("Set-Cookie") {
		if strings.Contains(sc, "session_token=") {
			t.Fatalf("a challenged sign-in set a session cookie: %s", sc)
		}
	}
}

func wantError(t *testing.T, res *servertest.Response, status int, code api.Code) {
	t.Helper()
	var e api.Error
	res.JSON(t, &e)
	if res.Status != status || e.Code != code || e.Message == "" {
		t.Fatalf("want %d %s, got %d %s", status, code, res.Status, res.Body)
	}
}

func session(t *testing.T, c *servertest.Client) *api.SessionResponse {
	t.Helper()
	var s *api.SessionResponse
	c.Do("GET", "/api/auth/get-session", nil).JSON(t, &s)
	return s
}

func twoFactorStatus(t *testing.T, c *servertest.Client) api.TwoFactorStatus {
	t.Helper()
	res := c.Do("GET", status, nil)
	if res.Status != 200 {
		t.Fatalf("status: %d %s", res.Status, res.Body)
	}
	var st api.TwoFactorStatus
	res.JSON(t, &st)
	return st
}

func count(t *testing.T, env *servertest.Env, table string) int {
	t.Helper()
	n, err := env.Server.Store().DB.NewSelect().Table(table).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func signOut(t *testing.T, c *servertest.Client) {
	t.Helper()
	if res := c.Do("POST", "/api/auth/sign-out", map[string]any{}); res.Status != 200 {
		t.Fatalf("sign-out: %d %s", res.Status, res.Body)
	}
}

// setCookie puts a cookie in the client's jar as the server would have.
func setCookie(t *testing.T, env *servertest.Env, c *servertest.Client, name, value string) {
	t.Helper()
	u, _ := url.Parse(env.URL + "/api/auth/")
	c.HTTP.Jar.SetCookies(u, []*http.Cookie{{Name: name, Value: value, Path: "/api/auth/"}})
}

// cookieOn is the value of the named cookie the client sends to the auth API.
func cookieOn(env *servertest.Env, c *servertest.Client, name string) string {
	u, _ := url.Parse(env.URL + "/api/auth/")
	for _, ck := range c.HTTP.Jar.Cookies(u) {
		if ck.Name == name {
			return ck.Value
		}
	}
	return ""
}

func setCookieHeader(res *servertest.Response, name string) string {
	for _, sc := range res.Header.Values("Set-Cookie") {
		if strings.HasPrefix(sc, name+"=") {
			return sc
		}
	}
	return ""
}
