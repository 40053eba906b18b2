package passkey_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"spacerr/server/passkey/passkeytest"
	"spacerr/server/servertest"
	"spacerr/shared/api"
)

// ceremonyCookie is the Set-Cookie of the ceremony in res.
func ceremonyCookie(t *testing.T, res *servertest.Response) *http.Cookie {
	t.Helper()
	for _, c := range (&http.Response{Header: res.Header}).Cookies() {
		if c.Name == "spacerr.passkey_ceremony" {
			return c
		}
	}
	t.Fatalf("no ceremony cookie in %v", res.Header["Set-Cookie"])
	return nil
}

func TestRegisterThenSignIn(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c, u := signedIn(t, env, "Ada Lovelace", "ada@example.com")
		a := authenticator(env)

		res := ok(t, c.Do("GET", base+"generate-register-options"+query("authenticatorAttachment", "platform"), nil), "options")
		var opts struct {
			Challenge string `json:"challenge"`
			RP        struct{ ID, Name string }
			User      struct {
				ID          string `json:"id"`
				Name        string `json:"name"`
				DisplayName string `json:"displayName"`
			}
			PubKeyCredParams       []struct{ Alg int }
			Timeout                int
			ExcludeCredentials     []struct{ ID string }
			AuthenticatorSelection map[string]any
			Attestation            string
		}
		res.JSON(t, &opts)
		if opts.RP.ID != "localhost" || opts.RP.Name != "Spacerr" || len(opts.Challenge) < 43 || opts.Timeout != 300000 ||
			opts.Attestation != "none" || len(opts.ExcludeCredentials) != 0 || len(opts.PubKeyCredParams) == 0 {
			t.Fatalf("creation options: %s", res.Body)
		}
		if opts.User.ID != base64.RawURLEncoding.EncodeToString([]byte(u.ID)) || opts.User.Name != "ada@example.com" ||
			opts.User.DisplayName != "Ada Lovelace" {
			t.Fatalf("user entity: %+v (user %s)", opts.User, u.ID)
		}
		sel := opts.AuthenticatorSelection
		if sel["residentKey"] != "required" || sel["requireResidentKey"] != true || sel["userVerification"] != "required" ||
			sel["authenticatorAttachment"] != "platform" {
			t.Fatalf("authenticatorSelection: %v", sel)
		}
		ck := ceremonyCookie(t, res)
		if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.MaxAge != 300 || ck.Path != "/api/auth/passkey/" || len(ck.Value) != 43 {
			t.Fatalf("ceremony cookie: %+v", ck)
		}
		if strings.Contains(string(res.Body), ck.Value) {
			t.Fatal("the ceremony handle is in the options")
		}
		if n := count(t, env, "verifications"); n != 1 {
			t.Fatalf("%d verifications after options", n)
		}

		response, cred := createResponse(t, a, res.Body)
		var p api.Passkey
		ok(t, verifyRegistration(c, response, ""), "verify-registration").JSON(t, &p)
		if p.Name != "iCloud Keychain" || p.AuthenticatorName != "iCloud Keychain" || p.AAGUID != iCloudKeychain ||
			p.UserID != u.ID || p.CredentialID != cred.IDString() || p.DeviceType != "singleDevice" || p.BackedUp ||
			p.Counter != 0 || p.Transports != "internal,hybrid" || p.LastUsedAt != nil || p.ID == "" || p.PublicKey == "" {
			t.Fatalf("passkey: %+v", p)
		}
		if n := count(t, env, "verifications"); n != 0 {
			t.Fatalf("the ceremony outlived its use: %d verifications", n)
		}

		// The next options exclude it; a name given with the options or the verify call wins over the AAGUID.
		env.Clock.Advance(time.Second)
		options := registerOptions(t, c, query("name", "Laptop"))
		var excl struct{ ExcludeCredentials []struct{ ID, Type string } }
		if err := json.Unmarshal(options, &excl); err != nil {
			t.Fatal(err)
		}
		if len(excl.ExcludeCredentials) != 1 || excl.ExcludeCredentials[0].ID != cred.IDString() || excl.ExcludeCredentials[0].Type != "public-key" {
			t.Fatalf("excludeCredentials: %s", options)
		}
		if _, err := a.Recreate(options, cred); err != nil {
			t.Fatal(err)
		}
		response2, _ := createResponse(t, a, options)
		var p2 api.Passkey
		ok(t, verifyRegistration(c, response2, ""), "second passkey").JSON(t, &p2)
		env.Clock.Advance(time.Second)
		p3, _ := register(t, c, a, "  My phone  ")
		if p2.Name != "Laptop" || p3.Name != "My phone" {
			t.Fatalf("names %q %q", p2.Name, p3.Name)
		}
		if list := listPasskeys(t, c); len(list) != 3 || list[0].ID != p3.ID || list[1].ID != p2.ID || list[2].ID != p.ID {
			t.Fatalf("list is not newest first: %+v", list)
		}
		if s := status(t, c); s != (api.PasskeyStatus{Count: 3, HasPasskey: true, HasPassword: true}) {
			t.Fatalf("status %+v", s)
		}

		// The same credential cannot be registered twice, even by a client that ignores excludeCredentials.
		again, err := a.Recreate(registerOptions(t, c, ""), cred)
		if err != nil {
			t.Fatal(err)
		}
		wantError(t, verifyRegistration(c, again, ""), 400, api.CodePreviouslyRegistered)

		// Sign out, then sign in with the first passkey.
		ok(t, c.Do("POST", "/api/auth/sign-out", map[string]any{}), "sign-out")
		res = ok(t, signIn(t, c, a, cred), "verify-authentication")
		var sr api.SessionResponse
		res.JSON(t, &sr)
		if sr.User.ID != u.ID || sr.Session.UserID != u.ID || sr.Session.Token == "" || sr.User.Email != "ada@example.com" {
			t.Fatalf("sign-in answer: %s", res.Body)
		}
		if !strings.Contains(strings.Join(res.Header["Set-Cookie"], "\n"), "spacerr.session_token=") {
			t.Fatalf("no session cookie: %v", res.Header["Set-Cookie"])
		}
		if s := session(t, c); s == nil || s.User.ID != u.ID || s.Session.ID != sr.Session.ID {
			t.Fatalf("get-session after passkey sign-in: %+v", s)
		}
		ok(t, signIn(t, c, a, cred), "second sign-in")
		for _, got := range listPasskeys(t, c) {
			if got.ID == p.ID && (got.Counter != 2 || got.LastUsedAt == nil) {
				t.Fatalf("use not recorded: %+v", got)
			}
		}
	})
}

func TestUnknownAuthenticatorsGetTheDefaultName(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c, _ := signedIn(t, env, "Ada", "ada@example.com")
		a := passkeytest.New(env.URL) // all-zero AAGUID, as Apple sends under attestation "none"
		p, _ := register(t, c, a, "")
		if p.Name != "Passkey" || p.AuthenticatorName != "" || p.AAGUID != "00000000-0000-0000-0000-000000000000" {
			t.Fatalf("%+v", p)
		}
	})
}

func TestRegistrationNeedsTheCeremonysUser(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		anon := env.NewClient(t)
		for _, path := range []string{"generate-register-options", "list-user-passkeys", "get-passkey-status"} {
			wantError(t, anon.Do("GET", base+path, nil), 401, api.CodeUnauthorized)
		}
		wantError(t, anon.Do("POST", base+"update-passkey", map[string]any{"id": "x", "name": "y"}), 401, api.CodeUnauthorized)
		wantError(t, anon.Do("POST", base+"delete-passkey", map[string]any{"id": "x"}), 401, api.CodeUnauthorized)

		c, _ := signedIn(t, env, "Ada", "ada@example.com")
		a := authenticator(env)
		wantError(t, c.Do("GET", base+"generate-register-options"+query("authenticatorAttachment", "usb"), nil), 400, api.CodeValidation)
		wantError(t, c.Do("GET", base+"generate-register-options"+query("name", strings.Repeat("n", 65)), nil), 400, api.CodeValidation)

		// Options made for Ada, who then signs out: the answer needs a session.
		response, _ := createResponse(t, a, registerOptions(t, c, ""))
		ok(t, c.Do("POST", "/api/auth/sign-out", map[string]any{}), "sign-out")
		wantError(t, verifyRegistration(c, response, ""), 401, api.CodeUnauthorized)

		// Options made for Ada, but Eve signs in on the same browser before answering.
		ok(t, c.Do("POST", "/api/auth/sign-in/email", map[string]any{"email": "ada@example.com", "password": "correct horse battery"}), "sign-in")
		response, _ = createResponse(t, a, registerOptions(t, c, ""))
		ok(t, c.Do("POST", "/api/auth/sign-up/email", map[string]any{"name": "Eve", "email": "eve@example.com", "password": "correct horse battery"}), "eve")
		wantError(t, verifyRegistration(c, response, ""), 400, api.CodeChallengeNotFound)
		if n := count(t, env, "passkeys"); n != 0 {
			t.Fatalf("%d passkeys stored", n)
		}
		wantError(t, c.Do("POST", base+"verify-registration", map[string]any{"name": "x"}), 400, api.CodeValidation)
		wantError(t, c.Do("POST", base+"verify-registration", map[string]any{"response": nil}), 400, api.CodeValidation)
	})
}
