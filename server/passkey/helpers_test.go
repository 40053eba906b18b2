package passkey_test

import (
	"context"
	"encoding/json"
	"net/url"
	"testing"

	"spacerr/server/passkey/passkeytest"
	"spacerr/server/servertest"
	"spacerr/shared/api"
)

const (
	base           = "/api/auth/passkey/"
	iCloudKeychain = "fbfc3007-154e-4ecc-8c0b-6e020557d7bd"
)

var iCloudAAGUID = [16]byte{0xfb, 0xfc, 0x30, 0x07, 0x15, 0x4e, 0x4e, 0xcc, 0x8c, 0x0b, 0x6e, 0x02, 0x05, 0x57, 0xd7, 0xbd}

// signedIn is a browser signed in with a password as a fresh user.
func signedIn(t *testing.T, env *servertest.Env, name, email string) (*servertest.Client, api.User) {
	t.Helper()
	c := env.NewClient(t)
	res := c.Do("POST", "/api/auth/sign-up/email", map[string]any{"name": name, "email": email, "password": "correct horse battery"})
	if res.Status != 200 {
		t.Fatalf("sign-up: %d %s", res.Status, res.Body)
	}
	var auth api.AuthResponse
	res.JSON(t, &auth)
	return c, auth.User
}

// authenticator is an iCloud-Keychain-like authenticator on the server's origin.
func authenticator(env *servertest.Env) *passkeytest.Authenticator {
	a := passkeytest.New(env.URL)
	a.AAGUID = iCloudAAGUID
	return a
}

// ok fails the test unless res is a 200.
func ok(t *testing.T, res *servertest.Response, what string) *servertest.Response {
	t.Helper()
	if res.Status != 200 {
		t.Fatalf("%s: %d %s", what, res.Status, res.Body)
	}
	return res
}

func wantError(t *testing.T, res *servertest.Response, status int, code api.Code) {
	t.Helper()
	var e api.Error
	if err := json.Unmarshal(res.Body, &e); err != nil || res.Status != status || e.Code != code || e.Message == "" {
		t.Fatalf("want %d %s, got %d %s", status, code, res.Status, res.Body)
	}
}

// registerOptions asks for creation options.
func registerOptions(t *testing.T, c *servertest.Client, query string) []byte {
	t.Helper()
	return ok(t, c.Do("GET", base+"generate-register-options"+query, nil), "generate-register-options").Body
}

// createResponse makes a new credential for options.
func createResponse(t *testing.T, a *passkeytest.Authenticator, options []byte) ([]byte, *passkeytest.Credential) {
	t.Helper()
	res, cred, err := a.Create(options)
	if err != nil {
		t.Fatal(err)
	}
	return res, cred
}

func verifyRegistration(c *servertest.Client, response []byte, name string) *servertest.Response {
	body := map[string]any{"response": json.RawMessage(response)}
	if name != "" {
		body["name"] = name
	}
	return c.Do("POST", base+"verify-registration", body)
}

// register adds a passkey for the signed-in client and returns it with its credential.
func register(t *testing.T, c *servertest.Client, a *passkeytest.Authenticator, name string) (api.Passkey, *passkeytest.Credential) {
	t.Helper()
	response, cred := createResponse(t, a, registerOptions(t, c, ""))
	var p api.Passkey
	ok(t, verifyRegistration(c, response, name), "verify-registration").JSON(t, &p)
	return p, cred
}

// assertion begins a sign-in and answers it with cred.
func assertion(t *testing.T, c *servertest.Client, a *passkeytest.Authenticator, cred *passkeytest.Credential) []byte {
	t.Helper()
	options := ok(t, c.Do("GET", base+"generate-authenticate-options", nil), "generate-authenticate-options").Body
	res, err := a.Get(options, cred)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func verifyAuthentication(c *servertest.Client, response []byte) *servertest.Response {
	return c.Do("POST", base+"verify-authentication", map[string]any{"response": json.RawMessage(response)})
}

// signIn signs c in with cred and returns the answer.
func signIn(t *testing.T, c *servertest.Client, a *passkeytest.Authenticator, cred *passkeytest.Credential) *servertest.Response {
	t.Helper()
	return verifyAuthentication(c, assertion(t, c, a, cred))
}

func listPasskeys(t *testing.T, c *servertest.Client) []api.Passkey {
	t.Helper()
	var out []api.Passkey
	ok(t, c.Do("GET", base+"list-user-passkeys", nil), "list-user-passkeys").JSON(t, &out)
	return out
}

func status(t *testing.T, c *servertest.Client) api.PasskeyStatus {
	t.Helper()
	var s api.PasskeyStatus
	ok(t, c.Do("GET", base+"get-passkey-status", nil), "get-passkey-status").JSON(t, &s)
	return s
}

func session(t *testing.T, c *servertest.Client) *api.SessionResponse {
	t.Helper()
	var s *api.SessionResponse
	ok(t, c.Do("GET", "/api/auth/get-session", nil), "get-session").JSON(t, &s)
	return s
}

func count(t *testing.T, env *servertest.Env, table string) int {
	t.Helper()
	n, err := env.Server.Store().DB.NewSelect().Table(table).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func query(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return "?" + v.Encode()
}
