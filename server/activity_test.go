package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"spacerr/server/audit"
	"spacerr/server/config"
	"spacerr/server/passkey/passkeytest"
	"spacerr/server/servertest"
	"spacerr/shared/api"
)

// event is what a test checks of one audit_events row.
type event struct{ actor, action, target, detail string }

// eventsOf are the rows whose target is userID, oldest first (by action within one instant), checked for the test client's address
// and browser.
func eventsOf(t *testing.T, env *servertest.Env, userID string) []event {
	t.Helper()
	var rows []audit.Row
	err := env.Server.Store().DB.NewSelect().Model(&rows).Where("target_id = ?", userID).
		OrderExpr("created_at, action").Scan(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := make([]event, len(rows))
	for i, r := range rows {
		if r.IP != "127.0.0.1" || r.UserAgent != "Go-http-client/1.1" {
			t.Errorf("event %s recorded from %q %q", r.Action, r.IP, r.UserAgent)
		}
		out[i] = event{r.ActorID, r.Action, r.TargetID, r.Detail}
	}
	return out
}

func countEvents(t *testing.T, env *servertest.Env) int {
	t.Helper()
	n, err := env.Server.Store().DB.NewSelect().Model((*audit.Row)(nil)).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func userID(t *testing.T, c *servertest.Client) string {
	t.Helper()
	s := currentSession(t, c)
	if s == nil {
		t.Fatal("not signed in")
	}
	return s.User.ID
}

func totpCode(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	c, err := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var mailedLinkRE = regexp.MustCompile(`https?://\S+`)

// mailedPath is the path of the link in the newest mail to to.
func mailedPath(t *testing.T, env *servertest.Env, to string) string {
	t.Helper()
	msgs := env.Mail.Messages(to)
	if len(msgs) == 0 {
		t.Fatalf("no mail to %s", to)
	}
	return strings.TrimPrefix(mailedLinkRE.FindString(msgs[len(msgs)-1].Text), env.URL)
}

func noFollow(c *servertest.Client) *servertest.Client {
	c.HTTP.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c
}

// TestEverySecurityEventIsRecordedOnce drives each event through the API and compares the user's whole
// log with what happened, in order.
func TestEverySecurityEventIsRecordedOnce(t *testing.T) {
	setup := servertest.Setup{Config: func(c *config.Config) { c.Mail.VerifyOnSignUp = true }}
	servertest.Each(t, setup, func(t *testing.T, env *servertest.Env) {
		const email = "ada@example.com"
		tick := func() { env.Clock.Advance(time.Second) }
		ada := noFollow(signUpClient(t, env, email))
		id := userID(t, ada)
		want := []event{{id, api.EventSignIn, id, "email"}}
		tick()

		if res := ada.Do("GET", mailedPath(t, env, email), nil); res.Header.Get("Location") != "/settings" {
			t.Fatalf("verify email: %d %q", res.Status, res.Header.Get("Location"))
		}
		want = append(want, event{id, api.EventEmailVerified, id, ""})
		tick()

		wantCode(t, env.NewClient(t).Do("POST", "/api/auth/sign-in/email", map[string]any{"email": email, "password": "not the password"}),
			401, api.CodeInvalidEmailOrPass)
		want = append(want, event{id, api.EventSignInFailed, id, "email"})
		tick()
		before := countEvents(t, env)
		wantCode(t, env.NewClient(t).Do("POST", "/api/auth/sign-in/email", map[string]any{"email": "nobody@example.com", "password": testPassword}),
			401, api.CodeInvalidEmailOrPass)
		if n := countEvents(t, env); n != before {
			t.Fatalf("a failed sign-in of an unknown email wrote %d events", n-before)
		}

		other := signInClient(t, env, email)
		want = append(want, event{id, api.EventSignIn, id, "email"})
		tick()
		mustOK(t, ada.Do("POST", "/api/auth/change-password", map[string]any{"currentPassword": testPassword, "newPassword": "a brand new passphrase"}), "change-password")
		mustOK(t, ada.Do("POST", "/api/auth/change-password", map[string]any{"currentPassword": "a brand new passphrase", "newPassword": testPassword}), "change-password back")
		want = append(want, event{id, api.EventPasswordChanged, id, ""}, event{id, api.EventPasswordChanged, id, ""})
		tick()

		// Two-factor: on, new backup codes, a sign-in with a wrong code, a wrong backup code and a right one.
		var en api.EnableTwoFactorResponse
		mustOK(t, ada.Do("POST", "/api/auth/two-factor/enable", map[string]any{"password": testPassword}), "enable").JSON(t, &en)
		key, err := otp.NewKeyFromURL(en.TOTPURI)
		if err != nil {
			t.Fatal(err)
		}
		mustOK(t, ada.Do("POST", "/api/auth/two-factor/verify-totp", map[string]any{"code": totpCode(t, key.Secret(), env.Clock.Now())}), "verify-totp")
		want = append(want, event{id, api.EventTwoFactorEnabled, id, ""})
		tick()
		var codes api.BackupCodesResponse
		mustOK(t, ada.Do("POST", "/api/auth/two-factor/generate-backup-codes", map[string]any{"password": testPassword}), "backup codes").JSON(t, &codes)
		want = append(want, event{id, api.EventBackupCodesNew, id, ""})
		tick()
		b := env.NewClient(t)
		mustOK(t, b.Do("POST", "/api/auth/sign-in/email", map[string]any{"email": email, "password": testPassword}), "challenged sign-in")
		wrong := "000000"
		if wrong == totpCode(t, key.Secret(), env.Clock.Now()) {
			wrong = "111111"
		}
		wantCode(t, b.Do("POST", "/api/auth/two-factor/verify-totp", map[string]any{"code": wrong}), 401, api.CodeInvalidCode)
		want = append(want, event{id, api.EventSignInFailed, id, "totp"})
		tick()
		wantCode(t, b.Do("POST", "/api/auth/two-factor/verify-backup-code", map[string]any{"code": "AAAAA-AAAAA"}), 401, api.CodeInvalidBackupCode)
		want = append(want, event{id, api.EventSignInFailed, id, "backup-code"})
		tick()
		mustOK(t, b.Do("POST", "/api/auth/two-factor/verify-backup-code", map[string]any{"code": codes.BackupCodes[0]}), "backup code")
		want = append(want, event{id, api.EventBackupCodeUsed, id, ""}, event{id, api.EventSignIn, id, "email"})
		tick()
		mustOK(t, ada.Do("POST", "/api/auth/two-factor/disable", map[string]any{"password": testPassword}), "disable")
		want = append(want, event{id, api.EventTwoFactorOff, id, ""})
		tick()

		// Passkeys: added and removed, by name.
		a := passkeytest.New(env.URL)
		opts := mustOK(t, ada.Do("GET", "/api/auth/passkey/generate-register-options", nil), "register options").Body
		resp, cred, err := a.Create(opts)
		if err != nil {
			t.Fatal(err)
		}
		var pk api.Passkey
		mustOK(t, ada.Do("POST", "/api/auth/passkey/verify-registration", map[string]any{"response": json.RawMessage(resp), "name": "Work laptop"}), "verify-registration").JSON(t, &pk)
		want = append(want, event{id, api.EventPasskeyAdded, id, "Work laptop"})
		tick()
		pc := env.NewClient(t)
		assertion, err := a.Get(mustOK(t, pc.Do("GET", "/api/auth/passkey/generate-authenticate-options", nil), "authenticate options").Body, cred)
		if err != nil {
			t.Fatal(err)
		}
		mustOK(t, pc.Do("POST", "/api/auth/passkey/verify-authentication", map[string]any{"response": json.RawMessage(assertion)}), "passkey sign-in")
		want = append(want, event{id, api.EventSignIn, id, "passkey"})
		tick()
		mustOK(t, ada.Do("POST", "/api/auth/passkey/delete-passkey", map[string]any{"id": pk.ID}), "delete-passkey")
		want = append(want, event{id, api.EventPasskeyRemoved, id, "Work laptop"})
		tick()

		// Sessions: one by id, the three others, then all (ada's own included). Revoking none records nothing.
		sessions, _ := listSessions(t, ada)
		otherID := userSessionID(t, other)
		mustOK(t, ada.Do("POST", "/api/auth/revoke-session", map[string]any{"token": otherID}), "revoke-session")
		mustOK(t, ada.Do("POST", "/api/auth/revoke-session", map[string]any{"token": otherID}), "revoke-session again")
		want = append(want, event{id, api.EventSessionRevoked, id, ""})
		tick()
		if len(sessions) != 4 {
			t.Fatalf("sessions before revoking: %d", len(sessions))
		}
		signInClient(t, env, email)
		want = append(want, event{id, api.EventSignIn, id, "email"})
		tick()
		mustOK(t, ada.Do("POST", "/api/auth/revoke-other-sessions", nil), "revoke-other-sessions")
		want = append(want, event{id, api.EventSessionRevoked, id, "3"})
		tick()
		mustOK(t, ada.Do("POST", "/api/auth/revoke-sessions", nil), "revoke-sessions")
		want = append(want, event{id, api.EventSessionRevoked, id, ""})
		tick()

		// A reset by mail, then a magic-link sign-in of a user without a password who sets one.
		mustOK(t, ada.Do("POST", "/api/auth/request-password-reset", map[string]any{"email": email}), "request reset")
		token := strings.TrimPrefix(strings.SplitN(mailedPath(t, env, email), "?", 2)[0], "/api/auth/reset-password/")
		mustOK(t, ada.Do("POST", "/api/auth/reset-password", map[string]any{"token": token, "newPassword": "a brand new passphrase"}), "reset-password")
		want = append(want, event{id, api.EventPasswordReset, id, ""})
		assertEvents(t, eventsOf(t, env, id), want)

		grace := noFollow(env.NewClient(t))
		mustOK(t, grace.Do("POST", "/api/auth/sign-in/magic-link", map[string]any{"email": "grace@example.com"}), "magic link")
		if res := grace.Do("GET", mailedPath(t, env, "grace@example.com"), nil); res.Status != http.StatusFound {
			t.Fatalf("magic link: %d", res.Status)
		}
		gid := userID(t, grace)
		tick()
		mustOK(t, grace.Do("POST", "/api/auth/set-password", map[string]any{"newPassword": testPassword}), "set-password")
		assertEvents(t, eventsOf(t, env, gid), []event{{gid, api.EventSignIn, gid, "magic-link"}, {gid, api.EventPasswordSet, gid, ""}})

		// A magic link verifies the email of a user who had not verified it.
		bob := noFollow(signUpClient(t, env, "bob@example.com"))
		bid := userID(t, bob)
		tick()
		mustOK(t, bob.Do("POST", "/api/auth/sign-in/magic-link", map[string]any{"email": "bob@example.com"}), "magic link")
		if res := bob.Do("GET", mailedPath(t, env, "bob@example.com"), nil); res.Status != http.StatusFound {
			t.Fatalf("magic link: %d", res.Status)
		}
		assertEvents(t, eventsOf(t, env, bid), []event{
			{bid, api.EventSignIn, bid, "email"}, {bid, api.EventEmailVerified, bid, "magic-link"}, {bid, api.EventSignIn, bid, "magic-link"},
		})
	})
}

func userSessionID(t *testing.T, c *servertest.Client) string {
	t.Helper()
	return currentSession(t, c).Session.ID
}

func assertEvents(t *testing.T, got, want []event) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d events, want %d", len(got), len(want))
	}
	for i := range max(len(got), len(want)) {
		var g, w event
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Errorf("event %d = %+v, want %+v", i, g, w)
		}
	}
}

func listActivity(t *testing.T, c *servertest.Client) []api.ActivityEvent {
	t.Helper()
	var out api.ActivityResponse
	mustOK(t, c.Do("GET", "/api/auth/list-activity", nil), "list-activity").JSON(t, &out)
	return out.Events
}

func TestListActivityShowsOnlyTheCallersEventsNewestFirst(t *testing.T) {
	setup := servertest.Setup{Config: func(c *config.Config) { c.AdminEmails = []string{"root@example.com"} }}
	servertest.Each(t, setup, func(t *testing.T, env *servertest.Env) {
		wantCode(t, env.NewClient(t).Do("GET", "/api/auth/list-activity", nil), 401, api.CodeUnauthorized)
		root := signUpClient(t, env, "root@example.com")
		env.Clock.Advance(time.Second)
		ada := signUpClient(t, env, "ada@example.com")
		adaID := userID(t, ada)
		env.Clock.Advance(time.Second)
		signInClient(t, env, "ada@example.com")
		env.Clock.Advance(time.Second)
		mustOK(t, root.Do("POST", "/api/auth/admin/ban-user", map[string]any{"userId": adaID, "banReason": "spam"}), "ban")
		env.Clock.Advance(time.Second)
		mustOK(t, root.Do("POST", "/api/auth/admin/unban-user", map[string]any{"userId": adaID}), "unban")
		env.Clock.Advance(time.Second)
		ada = signInClient(t, env, "ada@example.com")

		got := listActivity(t, ada)
		var actions []string
		for _, e := range got {
			actions = append(actions, e.Action)
		}
		if want := "sign-in unban-user ban-user sign-in sign-in"; strings.Join(actions, " ") != want {
			t.Fatalf("activity %q, want %q", strings.Join(actions, " "), want)
		}
		ban := got[2]
		if !ban.ByAdmin || ban.Detail != "spam" || ban.IP != "" || got[0].ByAdmin || got[0].IP != "127.0.0.1" {
			t.Fatalf("events: %+v", got)
		}
		for i := 1; i < len(got); i++ {
			if got[i].CreatedAt.After(got[i-1].CreatedAt) {
				t.Fatalf("not newest first: %+v", got)
			}
		}
		// The admin's id is nowhere in ada's answer; root sees only root's own sign-up and the
		// promotion ADMIN_EMAILS gave root, by the system rather than an admin.
		rootID := userID(t, root)
		if body := ada.Do("GET", "/api/auth/list-activity", nil).Body; strings.Contains(string(body), rootID) {
			t.Fatalf("the admin's id leaked: %s", body)
		}
		mine := listActivity(t, root)
		var rootActions []string
		for _, e := range mine {
			rootActions = append(rootActions, e.Action+"/"+e.Detail)
		}
		slices.Sort(rootActions)
		if want := "set-role/admin sign-in/email"; strings.Join(rootActions, " ") != want {
			t.Fatalf("root's activity %q, want %q: %+v", strings.Join(rootActions, " "), want, mine)
		}
	})
}

func TestImpersonatingAdminIsTheActor(t *testing.T) {
	setup := servertest.Setup{Config: func(c *config.Config) {
		c.AdminEmails = []string{"root@example.com"}
		c.FreshAge = 0 // an impersonation session is never fresh; with the check off it may revoke
	}}
	servertest.Each(t, setup, func(t *testing.T, env *servertest.Env) {
		root := signUpClient(t, env, "root@example.com")
		rootID := userID(t, root)
		ada := signUpClient(t, env, "ada@example.com")
		adaID := userID(t, ada)
		sessions, _ := listSessions(t, ada)
		mustOK(t, root.Do("POST", "/api/auth/admin/impersonate-user", map[string]any{"userId": adaID}), "impersonate")
		env.Clock.Advance(time.Second)
		mustOK(t, root.Do("POST", "/api/auth/revoke-session", map[string]any{"token": sessions[0].ID}), "revoke as ada")
		got := eventsOf(t, env, adaID)
		last := got[len(got)-1]
		if last != (event{rootID, api.EventSessionRevoked, adaID, ""}) {
			t.Fatalf("events: %+v", got)
		}
	})
}

func TestAuditEventsPastRetentionAreSwept(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := signUpClient(t, env, "ada@example.com")
		id := userID(t, c)
		env.Clock.Advance(audit.Retention - time.Hour)
		signInClient(t, env, "ada@example.com")
		env.Clock.Advance(2 * time.Hour)
		env.Server.Sweep(context.Background())
		if got := eventsOf(t, env, id); len(got) != 1 {
			t.Fatalf("after the sweep: %+v", got)
		}
	})
}
