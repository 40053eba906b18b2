package passkey_test

import (
	"encoding/base64"
	"testing"

	"spacerr/server/passkey/passkeytest"
	"spacerr/server/servertest"
	"spacerr/shared/api"
)

func signUpOptions(c *servertest.Client, name, email string) *servertest.Response {
	return c.Do("POST", base+"sign-up/generate-options", map[string]any{"name": name, "email": email})
}

// signUpWithPasskey creates a passwordless account on c and returns its passkey.
func signUpWithPasskey(t *testing.T, c *servertest.Client, a *passkeytest.Authenticator, name, email string) api.Passkey {
	t.Helper()
	options := ok(t, signUpOptions(c, name, email), "sign-up options").Body
	response, _ := createResponse(t, a, options)
	var p api.Passkey
	ok(t, verifyRegistration(c, response, ""), "sign-up verify-registration").JSON(t, &p)
	return p
}

func TestSignUpWithAPasskeyAlone(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := env.NewClient(t)
		a := authenticator(env)
		res := ok(t, signUpOptions(c, "  Grace Hopper ", "Grace@Example.com"), "options")
		var opts struct {
			User struct {
				ID          string `json:"id"`
				Name        string `json:"name"`
				DisplayName string `json:"displayName"`
			}
			AuthenticatorSelection map[string]any
		}
		res.JSON(t, &opts)
		if opts.User.Name != "grace@example.com" || opts.User.DisplayName != "Grace Hopper" ||
			opts.AuthenticatorSelection["userVerification"] != "required" || opts.AuthenticatorSelection["residentKey"] != "required" {
			t.Fatalf("options %s", res.Body)
		}
		if n := count(t, env, "users"); n != 0 {
			t.Fatal("options created a user")
		}
		response, cred := createResponse(t, a, res.Body)
		res = ok(t, verifyRegistration(c, response, "Grace's Mac"), "verify-registration")
		var p api.Passkey
		res.JSON(t, &p)
		handle, _ := base64.RawURLEncoding.DecodeString(opts.User.ID)
		if p.Name != "Grace's Mac" || p.UserID != string(handle) {
			t.Fatalf("passkey %+v, user handle %q", p, handle)
		}
		s := session(t, c)
		if s == nil || s.User.ID != p.UserID || s.User.Email != "grace@example.com" || s.User.Name != "Grace Hopper" {
			t.Fatalf("not signed in after sign-up: %+v", s)
		}
		if st := status(t, c); st != (api.PasskeyStatus{Count: 1, HasPasskey: true}) {
			t.Fatalf("status %+v", st)
		}
		if n := count(t, env, "accounts"); n != 0 {
			t.Fatalf("a passkey sign-up made %d password accounts", n)
		}
		wantError(t, c.Do("POST", "/api/auth/sign-in/email", map[string]any{"email": "grace@example.com", "password": "anything at all"}),
			401, api.CodeInvalidEmailOrPass)

		// Sign out and back in with the passkey: the user handle is the user's id.
		ok(t, c.Do("POST", "/api/auth/sign-out", map[string]any{}), "sign-out")
		var sr api.SessionResponse
		ok(t, signIn(t, c, a, cred), "sign-in").JSON(t, &sr)
		if sr.User.ID != p.UserID {
			t.Fatalf("signed in as %+v", sr.User)
		}
	})
}

func TestSignUpWithATakenEmail(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		signedIn(t, env, "Ada", "ada@example.com")
		c := env.NewClient(t)
		wantError(t, signUpOptions(c, "Eve", " ADA@example.com"), 422, api.CodeUserAlreadyExists)
		wantError(t, signUpOptions(c, "", "eve@example.com"), 400, api.CodeInvalidName)
		wantError(t, signUpOptions(c, "Eve", "not-an-email"), 400, api.CodeInvalidEmail)
		wantError(t, c.Do("POST", base+"sign-up/generate-options", map[string]any{"name": "Eve", "email": "eve@example.com", "password": "x"}),
			400, api.CodeValidation)

		// The email was free for the options, then taken before the answer: nothing is created.
		a := authenticator(env)
		response, _ := createResponse(t, a, ok(t, signUpOptions(c, "Late", "late@example.com"), "options").Body)
		signedIn(t, env, "Quick", "late@example.com")
		users, sessions := count(t, env, "users"), count(t, env, "sessions")
		wantError(t, verifyRegistration(c, response, ""), 422, api.CodeUserAlreadyExists)
		if count(t, env, "users") != users || count(t, env, "sessions") != sessions || count(t, env, "passkeys") != 0 {
			t.Fatal("a failed sign-up left rows behind")
		}
		if s := session(t, c); s != nil {
			t.Fatalf("signed in as %+v", s)
		}
	})
}
