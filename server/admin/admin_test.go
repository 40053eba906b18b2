package admin_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"spacerr/server/admin"
	"spacerr/server/config"
	"spacerr/server/servertest"
	"spacerr/server/user"
	"spacerr/shared/api"
)

const (
	rootEmail = "root@example.com" // in ADMIN_EMAILS: an admin from sign-up on
	pw        = "correct horse battery"
)

var setup = servertest.Setup{Config: func(c *config.Config) { c.AdminEmails = []string{rootEmail} }}

// signUp makes a signed-in client for a new user and returns it with the user's id.
func signUp(t *testing.T, env *servertest.Env, email string) (*servertest.Client, string) {
	t.Helper()
	c := env.NewClient(t)
	res := c.Do("POST", "/api/auth/sign-up/email", map[string]any{"name": "N " + email, "email": email, "password": pw})
	if res.Status != 200 {
		t.Fatalf("sign-up %s: %d %s", email, res.Status, res.Body)
	}
	var out api.AuthResponse
	res.JSON(t, &out)
	return c, out.User.ID
}

func signIn(env *servertest.Env, t *testing.T, email, password string) *servertest.Response {
	return env.NewClient(t).Do("POST", "/api/auth/sign-in/email", map[string]any{"email": email, "password": password})
}

func wantCode(t *testing.T, res *servertest.Response, status int, code api.Code) {
	t.Helper()
	var e api.Error
	res.JSON(t, &e)
	if res.Status != status || e.Code != code {
		t.Fatalf("got %d %s, want %d %s", res.Status, res.Body, status, code)
	}
}

func wantOK(t *testing.T, res *servertest.Response) {
	t.Helper()
	if res.Status != 200 {
		t.Fatalf("got %d %s, want 200", res.Status, res.Body)
	}
}

var adminRoutes = []struct{ method, path string }{
	{"GET", "/api/auth/admin/list-users"},
	{"GET", "/api/auth/admin/audit-events"},
	{"GET", "/api/auth/admin/user-security"},
	{"GET", "/api/auth/admin/get-user"},
	{"POST", "/api/auth/admin/list-user-sessions"},
	{"POST", "/api/auth/admin/set-role"},
	{"POST", "/api/auth/admin/ban-user"},
	{"POST", "/api/auth/admin/unban-user"},
	{"POST", "/api/auth/admin/revoke-user-session"},
	{"POST", "/api/auth/admin/revoke-user-sessions"},
	{"POST", "/api/auth/admin/remove-user"},
	{"POST", "/api/auth/admin/create-user"},
	{"POST", "/api/auth/admin/set-user-password"},
}

func TestEveryAdminRouteRefusesStrangersAndNonAdmins(t *testing.T) {
	servertest.Each(t, setup, func(t *testing.T, env *servertest.Env) {
		adminClient, _ := signUp(t, env, rootEmail)
		member, memberID := signUp(t, env, "member@example.com")
		stranger := env.NewClient(t)
		for _, rt := range adminRoutes {
			t.Run(rt.path, func(t *testing.T) {
				var body any
				if rt.method == "POST" {
					body = map[string]any{"userId": memberID}
				}
				wantCode(t, stranger.Do(rt.method, rt.path, body), 401, api.CodeUnauthorized)
				wantCode(t, member.Do(rt.method, rt.path, body), 403, api.CodeForbidden)
			})
		}
		// The member is still a plain member, and nothing was done to them.
		res := adminClient.Do("POST", "/api/auth/admin/list-user-sessions", map[string]any{"userId": memberID})
		wantOK(t, res)
		var s api.AdminSessionsResponse
		res.JSON(t, &s)
		if len(s.Sessions) != 1 {
			t.Fatalf("member sessions: %s", res.Body)
		}
	})
}

func TestAnAdminCannotBanDemoteOrRemoveThemselves(t *testing.T) {
	servertest.Each(t, setup, func(t *testing.T, env *servertest.Env) {
		a, id := signUp(t, env, rootEmail)
		wantCode(t, a.Do("POST", "/api/auth/admin/ban-user", map[string]any{"userId": id}), 400, api.CodeCannotBanYourself)
		wantCode(t, a.Do("POST", "/api/auth/admin/set-role", map[string]any{"userId": id, "role": "user"}), 400, api.CodeCannotChangeOwnRole)
		wantCode(t, a.Do("POST", "/api/auth/admin/remove-user", map[string]any{"userId": id}), 400, api.CodeCannotRemoveYourself)
		wantOK(t, a.Do("GET", "/api/auth/admin/list-users", nil)) // still an admin
	})
}

func TestBanEndsSessionsRefusesSignInAndIsAudited(t *testing.T) {
	servertest.Each(t, setup, func(t *testing.T, env *servertest.Env) {
		a, adminID := signUp(t, env, rootEmail)
		m, memberID := signUp(t, env, "member@example.com")
		wantOK(t, a.Do("POST", "/api/auth/admin/ban-user", map[string]any{"userId": memberID, "banReason": "spamming"}))

		wantCode(t, m.Do("GET", "/api/auth/list-sessions", nil), 401, api.CodeUnauthorized)
		res := signIn(env, t, "member@example.com", pw)
		wantCode(t, res, 403, api.CodeBannedUser)
		if !strings.Contains(string(res.Body), "spamming") {
			t.Fatalf("the reason is not in %s", res.Body)
		}

		res = a.Do("GET", "/api/auth/admin/audit-events?userId="+memberID, nil)
		wantOK(t, res)
		var ev api.AuditEventsResponse
		res.JSON(t, &ev)
		// The member's own sign-up is in the log too; the admin action is there once.
		var bans []api.AuditEvent
		for _, e := range ev.Events {
			if e.Action == "ban-user" {
				bans = append(bans, e)
			}
		}
		if len(bans) != 1 || bans[0].ActorID != adminID || bans[0].TargetID != memberID || bans[0].Detail != "spamming" {
			t.Fatalf("audit: %s", res.Body)
		}

		wantOK(t, a.Do("POST", "/api/auth/admin/unban-user", map[string]any{"userId": memberID}))
		wantOK(t, signIn(env, t, "member@example.com", pw))
	})
}

func TestABanLiftsItselfWhenItExpires(t *testing.T) {
	servertest.Each(t, setup, func(t *testing.T, env *servertest.Env) {
		a, _ := signUp(t, env, rootEmail)
		_, memberID := signUp(t, env, "member@example.com")
		res := a.Do("POST", "/api/auth/admin/ban-user", map[string]any{"userId": memberID, "banExpiresIn": 3600})
		wantOK(t, res)
		var u api.UserResponse
		res.JSON(t, &u)
		if !u.User.Banned || u.User.BanExpires == nil || u.User.BanReason != "No reason" {
			t.Fatalf("ban answer: %s", res.Body)
		}
		env.Clock.Advance(59 * time.Minute)
		wantCode(t, signIn(env, t, "member@example.com", pw), 403, api.CodeBannedUser)
		env.Clock.Advance(2 * time.Minute)
		wantOK(t, signIn(env, t, "member@example.com", pw))
	})
}

func TestListUsersSearchesAndPages(t *testing.T) {
	servertest.Each(t, setup, func(t *testing.T, env *servertest.Env) {
		a, _ := signUp(t, env, rootEmail)
		for i := range 5 {
			res := a.Do("POST", "/api/auth/admin/create-user", map[string]any{
				"email": fmt.Sprintf("crew%d@ship.test", i), "name": fmt.Sprintf("Crew %d", i), "password": pw,
			})
			wantOK(t, res)
		}
		wantOK(t, a.Do("POST", "/api/auth/admin/create-user", map[string]any{"email": "cap_tain@ship.test", "name": "Captain"}))
		// A taken email is Better Auth's 400 here (sign-up answers 422 for the same code).
		wantCode(t, a.Do("POST", "/api/auth/admin/create-user", map[string]any{"email": "Cap_Tain@ship.test", "name": "Again"}),
			400, api.CodeUserAlreadyExists)
		list := func(query string) api.ListUsersResponse {
			t.Helper()
			res := a.Do("GET", "/api/auth/admin/list-users?"+query, nil)
			wantOK(t, res)
			var out api.ListUsersResponse
			res.JSON(t, &out)
			return out
		}
		if got := list("searchValue=crew&sortBy=email&limit=2&offset=2"); got.Total != 5 || len(got.Users) != 2 ||
			got.Users[0].Email != "crew2@ship.test" || got.Users[1].Email != "crew3@ship.test" || got.Limit != 2 || got.Offset != 2 {
			t.Fatalf("page: %+v", got)
		}
		if got := list(""); got.Total != 7 || got.Limit != 25 {
			t.Fatalf("all: total %d limit %d", got.Total, got.Limit)
		}
		if got := list("limit=1000"); got.Limit != 100 {
			t.Fatalf("limit is not capped: %d", got.Limit)
		}
		// "_" is literal, not a LIKE wildcard.
		if got := list("searchValue=p_t"); got.Total != 1 || got.Users[0].Name != "Captain" || got.Users[0].HasPassword {
			t.Fatalf("literal underscore: %+v", got)
		}
		if got := list("searchValue=captain&searchField=name&searchOperator=starts_with"); got.Total != 1 {
			t.Fatalf("name search: %+v", got)
		}
		if got := list("searchValue=crew4@ship.test&searchOperator=ends_with"); got.Total != 1 || !got.Users[0].HasPassword ||
			got.Users[0].Role != api.RoleUser {
			t.Fatalf("ends_with: %+v", got)
		}
		wantCode(t, a.Do("GET", "/api/auth/admin/list-users?sortBy=password", nil), 400, api.CodeValidation)
	})
}

func TestAdminManagesUsersAndEveryActionIsAudited(t *testing.T) {
	servertest.Each(t, setup, func(t *testing.T, env *servertest.Env) {
		a, _ := signUp(t, env, rootEmail)
		m, memberID := signUp(t, env, "member@example.com")

		wantOK(t, a.Do("POST", "/api/auth/admin/set-user-password", map[string]any{"userId": memberID, "newPassword": "a brand new secret"}))
		wantCode(t, signIn(env, t, "member@example.com", pw), 401, api.CodeInvalidEmailOrPass)
		wantOK(t, signIn(env, t, "member@example.com", "a brand new secret"))

		res := a.Do("POST", "/api/auth/admin/list-user-sessions", map[string]any{"userId": memberID})
		var s api.AdminSessionsResponse
		res.JSON(t, &s)
		if len(s.Sessions) != 2 {
			t.Fatalf("sessions: %s", res.Body)
		}
		wantOK(t, a.Do("POST", "/api/auth/admin/revoke-user-session", map[string]any{"sessionToken": s.Sessions[0].Token}))
		wantOK(t, a.Do("POST", "/api/auth/admin/revoke-user-sessions", map[string]any{"userId": memberID}))
		wantCode(t, m.Do("GET", "/api/auth/list-sessions", nil), 401, api.CodeUnauthorized)

		wantOK(t, a.Do("POST", "/api/auth/admin/set-role", map[string]any{"userId": memberID, "role": "admin"}))
		wantCode(t, a.Do("POST", "/api/auth/admin/set-role", map[string]any{"userId": memberID, "role": "owner"}), 400, api.CodeInvalidRole)
		wantOK(t, a.Do("POST", "/api/auth/admin/remove-user", map[string]any{"userId": memberID}))
		wantCode(t, a.Do("POST", "/api/auth/admin/remove-user", map[string]any{"userId": memberID}), 404, api.CodeUserNotFound)
		wantCode(t, signIn(env, t, "member@example.com", "a brand new secret"), 401, api.CodeInvalidEmailOrPass)

		res = a.Do("GET", "/api/auth/admin/audit-events?userId="+memberID, nil)
		var ev api.AuditEventsResponse
		res.JSON(t, &ev)
		var actions []string
		for _, e := range ev.Events {
			actions = append(actions, e.Action)
		}
		got := strings.Join(actions, ",")
		for _, want := range []string{"set-user-password", "revoke-user-session", "revoke-user-sessions", "set-role", "remove-user"} {
			if !strings.Contains(got, want) {
				t.Fatalf("audit has no %s: %s", want, got)
			}
		}
	})
}

func TestGrantMakesAnExistingUserAnAdmin(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c, _ := signUp(t, env, "later@example.com")
		wantCode(t, c.Do("GET", "/api/auth/admin/list-users", nil), 403, api.CodeForbidden)
		for range 2 { // the second grant finds an admin: it changes and records nothing
			if err := admin.Grant(context.Background(), env.Server.Store(), "Later@Example.com", env.Clock.Now()); err != nil {
				t.Fatal(err)
			}
		}
		wantOK(t, c.Do("GET", "/api/auth/admin/list-users", nil))
		var activity api.ActivityResponse
		c.Do("GET", "/api/auth/list-activity", nil).JSON(t, &activity)
		var promotions int
		for _, e := range activity.Events {
			if e.Action == "set-role" && e.Detail == api.RoleAdmin && e.ByAdmin {
				promotions++
			}
		}
		if promotions != 1 {
			t.Errorf("the grant is recorded %d times in the user's activity, want once: %+v", promotions, activity.Events)
		}
		if err := admin.Grant(context.Background(), env.Server.Store(), "nobody@example.com", env.Clock.Now()); !errors.Is(err, user.ErrNotFound) {
			t.Fatalf("grant to nobody: %v", err)
		}
	})
}

var mailedLink = regexp.MustCompile(`https?://\S+/api/auth/magic-link/verify\?\S+`)

func TestABannedUsersMagicLinkIsRefused(t *testing.T) {
	servertest.Each(t, setup, func(t *testing.T, env *servertest.Env) {
		a, _ := signUp(t, env, rootEmail)
		_, memberID := signUp(t, env, "member@example.com")
		wantOK(t, a.Do("POST", "/api/auth/admin/ban-user", map[string]any{"userId": memberID, "banReason": "spamming"}))

		c := env.NewClient(t)
		c.HTTP.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		wantOK(t, c.Do("POST", "/api/auth/sign-in/magic-link", map[string]any{"email": "member@example.com"}))
		msgs := env.Mail.Messages("member@example.com")
		if len(msgs) == 0 {
			t.Fatal("no magic link mailed")
		}
		link := mailedLink.FindString(msgs[len(msgs)-1].Text)
		if link == "" {
			t.Fatalf("no link in %q", msgs[len(msgs)-1].Text)
		}
		wantCode(t, c.Do("GET", strings.TrimPrefix(link, env.URL), nil), 403, api.CodeBannedUser)
		wantCode(t, c.Do("GET", "/api/auth/list-sessions", nil), 401, api.CodeUnauthorized)
	})
}
