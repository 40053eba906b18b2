package oidc_test

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/oauth2-proxy/mockoidc"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"spacerr/server/config"
	"spacerr/server/oidc/oidctest"
	"spacerr/server/servertest"
	"spacerr/shared/api"
)

const pw = "correct horse battery"

// each runs fn on both dialects against its own provider.
func each(t *testing.T, fn func(t *testing.T, env *servertest.Env, idp *oidctest.Provider)) {
	t.Helper()
	idp := oidctest.Start(t)
	servertest.Each(t, servertest.Setup{Config: func(c *config.Config) { c.OIDC = idp.Settings() }},
		func(t *testing.T, env *servertest.Env) { fn(t, env, idp) })
}

// browser is a client that does not follow redirects, so each hop can be checked.
func browser(t *testing.T, env *servertest.Env) *servertest.Client {
	c := env.NewClient(t)
	c.HTTP.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c
}

// get fetches an absolute URL and returns the status and the Location.
func get(t *testing.T, c *servertest.Client, u string) (int, string) {
	t.Helper()
	res, err := c.HTTP.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode, res.Header.Get("Location")
}

// begin starts a sign-in and returns the provider's consent URL.
func begin(t *testing.T, c *servertest.Client, path string, body any) string {
	t.Helper()
	res := c.Do("POST", path, body)
	var out api.SocialRedirect
	if res.Status != http.StatusOK {
		t.Fatalf("%s: %d %s", path, res.Status, res.Body)
	}
	res.JSON(t, &out)
	if !out.Redirect || out.URL == "" {
		t.Fatalf("%s: %s", path, res.Body)
	}
	return out.URL
}

// consent visits the provider, which approves at once, and returns the callback URL it sends back to.
func consent(t *testing.T, env *servertest.Env, c *servertest.Client, authURL string) string {
	t.Helper()
	status, loc := get(t, c, authURL)
	if status != http.StatusFound || !strings.HasPrefix(loc, env.URL+"/api/auth/callback/google?") {
		t.Fatalf("provider: %d %q", status, loc)
	}
	return loc
}

// callback follows the provider's redirect back and returns where the server sends the browser.
func callback(t *testing.T, c *servertest.Client, u string) string {
	t.Helper()
	status, loc := get(t, c, u)
	if status != http.StatusFound {
		t.Fatalf("callback: %d", status)
	}
	return loc
}

// signIn runs a whole Google sign-in for person and returns where it ends.
func signIn(t *testing.T, env *servertest.Env, idp *oidctest.Provider, c *servertest.Client, person *oidctest.Person) string {
	t.Helper()
	idp.Queue(person)
	u := begin(t, c, "/api/auth/sign-in/social", map[string]any{"provider": "google", "callbackURL": "/settings"})
	return callback(t, c, consent(t, env, c, u))
}

func session(t *testing.T, c *servertest.Client) *api.SessionResponse {
	t.Helper()
	var s *api.SessionResponse
	c.Do("GET", "/api/auth/get-session", nil).JSON(t, &s)
	return s
}

func accounts(t *testing.T, c *servertest.Client) []api.Account {
	t.Helper()
	var out []api.Account
	res := c.Do("GET", "/api/auth/list-accounts", nil)
	if res.Status != http.StatusOK {
		t.Fatalf("list-accounts: %d %s", res.Status, res.Body)
	}
	res.JSON(t, &out)
	return out
}

func ada() *oidctest.Person {
	return &oidctest.Person{Subject: "g-ada", Email: "Ada@Example.com", EmailVerified: true, Name: "Ada Lovelace",
		Picture: "https://lh3.example.com/ada.png"}
}

func TestGoogleSignInCreatesTheAccountThenFindsIt(t *testing.T) {
	each(t, func(t *testing.T, env *servertest.Env, idp *oidctest.Provider) {
		c := browser(t, env)
		if got := signIn(t, env, idp, c, ada()); got != "/settings" {
			t.Fatalf("landed on %q", got)
		}
		s := session(t, c)
		if s == nil || s.User.Email != "ada@example.com" || s.User.Name != "Ada Lovelace" || !s.User.EmailVerified ||
			s.User.Image == nil || *s.User.Image != "https://lh3.example.com/ada.png" || s.User.LastLoginMethod != "google" {
			t.Fatalf("session after Google: %+v", s)
		}
		if m := c.Cookie("better-auth.last_used_login_method"); m != "google" {
			t.Fatalf("last used = %q", m)
		}
		accs := accounts(t, c)
		if len(accs) != 1 || accs[0].ProviderID != "google" || accs[0].AccountID != "g-ada" || accs[0].Email != "ada@example.com" {
			t.Fatalf("accounts: %+v", accs)
		}
		// The flow cookie is gone, and the provider's tokens were not kept anywhere.
		if c.Cookie("spacerr.oidc_flow") != "" {
			t.Fatal("the flow cookie outlived the callback")
		}
		var n int
		if err := env.Server.Store().DB.NewRaw("SELECT count(*) FROM verifications").Scan(t.Context(), &n); err != nil || n != 0 {
			t.Fatalf("verifications left: %d %v", n, err)
		}

		// The same Google account signs in to the same user, even after it changed its email.
		again := browser(t, env)
		p := ada()
		p.Email = "ada.l@example.com"
		if got := signIn(t, env, idp, again, p); got != "/settings" {
			t.Fatalf("second sign-in landed on %q", got)
		}
		if s2 := session(t, again); s2 == nil || s2.User.ID != s.User.ID {
			t.Fatalf("second sign-in: %+v", s2)
		}
		if accs := accounts(t, again); len(accs) != 1 || accs[0].Email != "ada.l@example.com" {
			t.Fatalf("account email not refreshed: %+v", accs)
		}
	})
}

func TestSocialProvidersAndUnconfigured(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := env.NewClient(t)
		var p api.SocialProviders
		c.Do("GET", "/api/auth/social-providers", nil).JSON(t, &p)
		if len(p.Providers) != 0 {
			t.Fatalf("providers without configuration: %+v", p)
		}
		res := c.Do("POST", "/api/auth/sign-in/social", map[string]any{"provider": "google"})
		if res.Status != http.StatusBadRequest || !strings.Contains(string(res.Body), "VALIDATION_ERROR") {
			t.Fatalf("sign-in/social unconfigured: %d %s", res.Status, res.Body)
		}
	})
	each(t, func(t *testing.T, env *servertest.Env, idp *oidctest.Provider) {
		c := env.NewClient(t)
		var p api.SocialProviders
		c.Do("GET", "/api/auth/social-providers", nil).JSON(t, &p)
		if len(p.Providers) != 1 || p.Providers[0] != "google" {
			t.Fatalf("providers: %+v", p)
		}
		for _, body := range []map[string]any{
			{"provider": "github"},
			{"provider": "google", "callbackURL": "https://evil.example.com/"},
			{"provider": "google", "errorCallbackURL": "//evil.example.com"},
			{"provider": "google", "extra": 1},
		} {
			if res := c.Do("POST", "/api/auth/sign-in/social", body); res.Status != http.StatusBadRequest {
				t.Errorf("%v: %d %s", body, res.Status, res.Body)
			}
		}
		// The consent URL carries PKCE (S256), a state and a nonce, and the registered redirect URI.
		u, err := url.Parse(begin(t, c, "/api/auth/sign-in/social", map[string]any{"provider": "google"}))
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		if q.Get("code_challenge_method") != "S256" || len(q.Get("code_challenge")) < 43 || len(q.Get("state")) < 43 ||
			len(q.Get("nonce")) < 43 || q.Get("redirect_uri") != env.URL+"/api/auth/callback/google" ||
			q.Get("client_id") != idp.ClientID || !strings.Contains(q.Get("scope"), "openid") {
			t.Fatalf("consent URL: %s", u)
		}
	})
}

// tamperState returns u with another state.
func tamperState(t *testing.T, u string) string {
	p, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	q := p.Query()
	q.Set("state", q.Get("state")+"x")
	p.RawQuery = q.Encode()
	return p.String()
}

// changePayload swaps the ID token's subject but keeps its signature.
func changePayload(t *testing.T) func(string) string {
	return func(tok string) string {
		parts := strings.Split(tok, ".")
		raw, err := base64.RawURLEncoding.DecodeString(parts[1])
		if err != nil {
			t.Errorf("payload: %v", err)
			return tok
		}
		parts[1] = base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(string(raw), `"sub":"g-ada"`, `"sub":"g-eve"`, 1)))
		return strings.Join(parts, ".")
	}
}

func TestCallbackRefusesWhatDoesNotCheckOut(t *testing.T) {
	each(t, func(t *testing.T, env *servertest.Env, idp *oidctest.Provider) {
		cases := []struct {
			name   string
			person func(p *oidctest.Person)
			tamper func(string) string
			before func(c *servertest.Client)
			url    func(string) string
			// elsewhere follows the callback in another browser, without the flow cookie.
			elsewhere bool
			want      string
		}{
			{name: "state tampered", url: func(u string) string { return tamperState(t, u) }, want: api.SocialErrorStateMismatch},
			{name: "nonce tampered", person: func(p *oidctest.Person) {
				p.Edit = func(c *mockoidc.IDTokenClaims) { c.Nonce = "not-the-flows" }
			}, want: api.SocialErrorFailed},
			{name: "wrong audience", person: func(p *oidctest.Person) {
				p.Edit = func(c *mockoidc.IDTokenClaims) { c.Audience = []string{"someone-else"} }
			}, want: api.SocialErrorFailed},
			{name: "wrong issuer", person: func(p *oidctest.Person) {
				p.Edit = func(c *mockoidc.IDTokenClaims) { c.Issuer = "https://evil.example.com" }
			}, want: api.SocialErrorFailed},
			{name: "signed by another key", tamper: oidctest.SignWithForeignKey(t), want: api.SocialErrorFailed},
			{name: "payload changed after signing", tamper: changePayload(t), want: api.SocialErrorFailed},
			{name: "another browser", elsewhere: true, want: api.SocialErrorFlowExpired},
			{name: "consent denied", url: func(u string) string {
				p := mustURL(t, u)
				q := p.Query()
				q.Del("code")
				q.Set("error", "access_denied")
				p.RawQuery = q.Encode()
				return p.String()
			}, want: api.SocialErrorAccessDenied},
			// Last: the clock does not go back.
			{name: "flow expired", before: func(*servertest.Client) { env.Clock.Advance(11 * time.Minute) }, want: api.SocialErrorFlowExpired},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				c := browser(t, env)
				p := ada()
				if tc.person != nil {
					tc.person(p)
				}
				idp.Queue(p)
				back := consent(t, env, c, begin(t, c, "/api/auth/sign-in/social", map[string]any{"provider": "google"}))
				if tc.tamper != nil {
					idp.TamperIDToken(tc.tamper)
				}
				if tc.before != nil {
					tc.before(c)
				}
				if tc.url != nil {
					back = tc.url(back)
				}
				if tc.elsewhere {
					c = browser(t, env)
				}
				if got, want := callback(t, c, back), "/sign-in?error="+tc.want; got != want {
					t.Fatalf("landed on %q, want %q", got, want)
				}
				if s := session(t, c); s != nil {
					t.Fatalf("signed in anyway: %+v", s.User)
				}
			})
		}
	})
}

func mustURL(t *testing.T, raw string) *url.URL {
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestExpiredIDTokenIsRefused(t *testing.T) {
	each(t, func(t *testing.T, env *servertest.Env, idp *oidctest.Provider) {
		idp.AccessTTL = time.Minute // the ID token's lifetime too
		c := browser(t, env)
		idp.Queue(ada())
		back := consent(t, env, c, begin(t, c, "/api/auth/sign-in/social", map[string]any{"provider": "google"}))
		env.Clock.Advance(3 * time.Minute) // the flow still lives; the token does not
		if got := callback(t, c, back); got != "/sign-in?error="+api.SocialErrorFailed {
			t.Fatalf("landed on %q", got)
		}
	})
}

func TestReplayedCallbackIsRefused(t *testing.T) {
	each(t, func(t *testing.T, env *servertest.Env, idp *oidctest.Provider) {
		c := browser(t, env)
		idp.Queue(ada())
		back := consent(t, env, c, begin(t, c, "/api/auth/sign-in/social", map[string]any{"provider": "google"}))
		var handle string
		for _, ck := range c.HTTP.Jar.Cookies(mustURL(t, env.URL+"/api/auth/callback/google")) {
			if ck.Name == "spacerr.oidc_flow" {
				handle = ck.Value
			}
		}
		if handle == "" {
			t.Fatal("no flow cookie")
		}
		if got := callback(t, c, back); got != "/settings" {
			t.Fatalf("first callback landed on %q", got)
		}
		// An attacker who captured both the callback URL and the flow cookie gets nothing: the flow is spent.
		thief := browser(t, env)
		thief.HTTP.Jar.SetCookies(mustURL(t, env.URL+"/api/auth/callback/"), []*http.Cookie{{Name: "spacerr.oidc_flow", Value: handle}})
		if got := callback(t, thief, back); got != "/sign-in?error="+api.SocialErrorFlowExpired {
			t.Fatalf("replay landed on %q", got)
		}
		if s := session(t, thief); s != nil {
			t.Fatalf("replay signed in: %+v", s.User)
		}
	})
}

// signUp makes a password user, optionally with a verified email.
func signUp(t *testing.T, env *servertest.Env, email string, verified bool) *servertest.Client {
	t.Helper()
	c := browser(t, env)
	if res := c.Do("POST", "/api/auth/sign-up/email", map[string]any{"name": "Ada", "email": email, "password": pw}); res.Status != 200 {
		t.Fatalf("sign-up: %d %s", res.Status, res.Body)
	}
	if verified {
		if _, err := env.Server.Store().DB.NewRaw("UPDATE users SET email_verified = ? WHERE email = ?", true, email).Exec(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func TestExistingEmailLinksOnlyWhenBothSidesAreVerified(t *testing.T) {
	each(t, func(t *testing.T, env *servertest.Env, idp *oidctest.Provider) {
		owner := signUp(t, env, "ada@example.com", true)
		unverified := ada()
		unverified.EmailVerified = false
		c := browser(t, env)
		if got := signIn(t, env, idp, c, unverified); got != "/sign-in?error="+api.SocialErrorNotLinked {
			t.Fatalf("unverified Google email landed on %q", got)
		}
		if s := session(t, c); s != nil {
			t.Fatal("an unverified Google email signed in to an existing account")
		}
		if accs := accounts(t, owner); len(accs) != 1 || accs[0].ProviderID != "credential" {
			t.Fatalf("an account was linked: %+v", accs)
		}

		if got := signIn(t, env, idp, c, ada()); got != "/settings" {
			t.Fatalf("verified Google email landed on %q", got)
		}
		if s := session(t, c); s == nil || s.User.Email != "ada@example.com" {
			t.Fatalf("not signed in to the existing account: %+v", s)
		}
		if accs := accounts(t, owner); len(accs) != 2 {
			t.Fatalf("accounts after linking: %+v", accs)
		}

		// A local address nobody verified may belong to someone who squatted it: no link.
		signUp(t, env, "bob@example.com", false)
		bob := &oidctest.Person{Subject: "g-bob", Email: "bob@example.com", EmailVerified: true}
		if got := signIn(t, env, idp, browser(t, env), bob); got != "/sign-in?error="+api.SocialErrorNotLinked {
			t.Fatalf("squatted address landed on %q", got)
		}
	})
}

func TestGoogleSignInAsksForTheSecondFactor(t *testing.T) {
	each(t, func(t *testing.T, env *servertest.Env, idp *oidctest.Provider) {
		owner := signUp(t, env, "ada@example.com", true)
		res := owner.Do("POST", "/api/auth/two-factor/enable", map[string]any{"password": pw})
		var en api.EnableTwoFactorResponse
		res.JSON(t, &en)
		key, err := otp.NewKeyFromURL(en.TOTPURI)
		if err != nil {
			t.Fatalf("enable: %d %s", res.Status, res.Body)
		}
		code := func() string {
			c, _ := totp.GenerateCodeCustom(key.Secret(), env.Clock.Now(), totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
			return c
		}
		if res := owner.Do("POST", "/api/auth/two-factor/verify-totp", map[string]any{"code": code()}); res.Status != 200 {
			t.Fatalf("enrol: %d %s", res.Status, res.Body)
		}

		c := browser(t, env)
		if got := signIn(t, env, idp, c, ada()); got != "/sign-in/two-factor" {
			t.Fatalf("a 2FA user landed on %q", got)
		}
		if s := session(t, c); s != nil {
			t.Fatal("Google alone signed in a 2FA user")
		}
		env.Clock.Advance(30 * time.Second)
		if res := c.Do("POST", "/api/auth/two-factor/verify-totp", map[string]any{"code": code()}); res.Status != 200 {
			t.Fatalf("second factor: %d %s", res.Status, res.Body)
		}
		if s := session(t, c); s == nil || s.User.Email != "ada@example.com" {
			t.Fatalf("no session after the second factor: %+v", s)
		}
		if m := c.Cookie("better-auth.last_used_login_method"); m != "google" {
			t.Fatalf("last used after Google + 2FA = %q", m)
		}
	})
}

func TestLinkAndUnlinkFromSettings(t *testing.T) {
	each(t, func(t *testing.T, env *servertest.Env, idp *oidctest.Provider) {
		owner := signUp(t, env, "ada@example.com", false)
		// Linking needs a session, and a fresh one.
		if res := browser(t, env).Do("POST", "/api/auth/link-social", map[string]any{"provider": "google"}); res.Status != http.StatusUnauthorized {
			t.Fatalf("link signed out: %d %s", res.Status, res.Body)
		}
		// Another address than the account's is fine: the user is signed in and proves the Google one.
		idp.Queue(&oidctest.Person{Subject: "g-ada", Email: "ada.work@example.com", EmailVerified: true})
		u := begin(t, owner, "/api/auth/link-social", map[string]any{"provider": "google", "callbackURL": "/settings"})
		if got := callback(t, owner, consent(t, env, owner, u)); got != "/settings?linked=google" {
			t.Fatalf("link landed on %q", got)
		}
		accs := accounts(t, owner)
		if len(accs) != 2 || google(accs) == nil || google(accs).Email != "ada.work@example.com" {
			t.Fatalf("accounts after link: %+v", accs)
		}
		var activity api.ActivityResponse
		owner.Do("GET", "/api/auth/list-activity", nil).JSON(t, &activity)
		if !hasEvent(activity, api.EventAccountLinked, "google") {
			t.Fatalf("no link event: %+v", activity.Events)
		}

		// The same Google account cannot be linked to someone else.
		eve := signUp(t, env, "eve@example.com", false)
		idp.Queue(&oidctest.Person{Subject: "g-ada", Email: "ada.work@example.com", EmailVerified: true})
		u = begin(t, eve, "/api/auth/link-social", map[string]any{"provider": "google", "callbackURL": "/settings"})
		if got := callback(t, eve, consent(t, env, eve, u)); got != "/settings?error="+api.SocialErrorAlreadyLinked {
			t.Fatalf("second link landed on %q", got)
		}

		// Google signs in to the linked account.
		g := browser(t, env)
		if got := signIn(t, env, idp, g, &oidctest.Person{Subject: "g-ada", Email: "ada.work@example.com", EmailVerified: true}); got != "/settings" {
			t.Fatalf("sign-in with the linked account landed on %q", got)
		}
		if s := session(t, g); s == nil || s.User.Email != "ada@example.com" {
			t.Fatalf("linked sign-in: %+v", s)
		}

		// Unlinking needs a fresh session.
		env.Clock.Advance(16 * time.Minute)
		if res := owner.Do("POST", "/api/auth/unlink-account", map[string]any{"providerId": "google"}); res.Status != http.StatusForbidden ||
			!strings.Contains(string(res.Body), "SESSION_NOT_FRESH") {
			t.Fatalf("stale unlink: %d %s", res.Status, res.Body)
		}
		if res := owner.Do("POST", "/api/auth/verify-password", map[string]any{"password": pw}); res.Status != 200 {
			t.Fatalf("verify-password: %d %s", res.Status, res.Body)
		}
		if res := owner.Do("POST", "/api/auth/unlink-account", map[string]any{"providerId": "google"}); res.Status != 200 {
			t.Fatalf("unlink: %d %s", res.Status, res.Body)
		}
		if accs := accounts(t, owner); len(accs) != 1 {
			t.Fatalf("accounts after unlink: %+v", accs)
		}
		owner.Do("GET", "/api/auth/list-activity", nil).JSON(t, &activity)
		if !hasEvent(activity, api.EventAccountUnlinked, "google") {
			t.Fatalf("no unlink event: %+v", activity.Events)
		}
		// Better Auth's answer for an account that is not there: 400 ACCOUNT_NOT_FOUND.
		if res := owner.Do("POST", "/api/auth/unlink-account", map[string]any{"providerId": "google"}); res.Status != http.StatusBadRequest ||
			!strings.Contains(string(res.Body), string(api.CodeAccountNotFound)) {
			t.Fatalf("unlink again: %d %s", res.Status, res.Body)
		}
		// Nor may the password's row be removed by its id (Better Auth 1.7 names accounts so).
		for _, a := range accounts(t, owner) {
			if res := owner.Do("POST", "/api/auth/unlink-account", map[string]any{"accountId": a.ID}); res.Status != http.StatusBadRequest ||
				!strings.Contains(string(res.Body), string(api.CodeValidation)) {
				t.Fatalf("unlink the password by id: %d %s", res.Status, res.Body)
			}
		}
		if res := owner.Do("POST", "/api/auth/unlink-account", map[string]any{"providerId": "credential"}); res.Status != http.StatusBadRequest {
			t.Fatalf("unlink the password: %d %s", res.Status, res.Body)
		}
	})
}

func google(accs []api.Account) *api.Account {
	for i := range accs {
		if accs[i].ProviderID == "google" {
			return &accs[i]
		}
	}
	return nil
}

func hasEvent(a api.ActivityResponse, action, detail string) bool {
	for _, e := range a.Events {
		if e.Action == action && e.Detail == detail {
			return true
		}
	}
	return false
}

func TestUnlinkRefusesTheLastWayIn(t *testing.T) {
	each(t, func(t *testing.T, env *servertest.Env, idp *oidctest.Provider) {
		c := browser(t, env)
		if got := signIn(t, env, idp, c, ada()); got != "/settings" {
			t.Fatalf("landed on %q", got)
		}
		res := c.Do("POST", "/api/auth/unlink-account", map[string]any{"providerId": "google"})
		if res.Status != http.StatusBadRequest || !strings.Contains(string(res.Body), string(api.CodeFailedToUnlinkLastAccount)) {
			t.Fatalf("unlink the only way in: %d %s", res.Status, res.Body)
		}
		if accs := accounts(t, c); len(accs) != 1 {
			t.Fatalf("accounts: %+v", accs)
		}
		// With a password set, Google can go.
		if res := c.Do("POST", "/api/auth/set-password", map[string]any{"newPassword": pw}); res.Status != 200 {
			t.Fatalf("set-password: %d %s", res.Status, res.Body)
		}
		if res := c.Do("POST", "/api/auth/unlink-account", map[string]any{"providerId": "google"}); res.Status != 200 {
			t.Fatalf("unlink with a password: %d %s", res.Status, res.Body)
		}
	})
}
