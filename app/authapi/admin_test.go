package authapi

import (
	"context"
	"encoding/json"
	"testing"

	"spacerr/shared/api"
)

func TestAdminCallsUseTheirRoutes(t *testing.T) {
	ctx := context.Background()
	user := `{"user":{"id":"u2","name":"B","email":"b@example.com","createdAt":"2025-03-04T10:00:00Z","updatedAt":"2025-03-04T10:00:00Z"}}`
	cases := map[string]struct {
		call         func(c *Client) error
		answer       string
		method, path string
	}{
		"list users": {func(c *Client) error {
			_, err := c.ListUsers(ctx, ListUsersQuery{SearchValue: "ada l", SearchField: "name", SortBy: "email", SortDirection: "asc", Limit: 25, Offset: 50})
			return err
		}, `{"users":[],"total":0,"limit":25,"offset":50}`, "GET",
			"/api/auth/admin/list-users?limit=25&offset=50&searchField=name&searchOperator=contains&searchValue=ada+l&sortBy=email&sortDirection=asc"},
		"list users plain": {func(c *Client) error { _, err := c.ListUsers(ctx, ListUsersQuery{}); return err },
			`{"users":[]}`, "GET", "/api/auth/admin/list-users"},
		"security": {func(c *Client) error { _, err := c.AdminUserSecurity(ctx, "u&2"); return err },
			`{"user":{"id":"u2"}}`, "GET", "/api/auth/admin/user-security?userId=u%262"},
		"sessions": {func(c *Client) error { _, err := c.ListUserSessions(ctx, "u2"); return err },
			`{"sessions":null}`, "POST", "/api/auth/admin/list-user-sessions"},
		"audit": {func(c *Client) error { _, err := c.AuditEvents(ctx, "u2"); return err },
			`{"events":[]}`, "GET", "/api/auth/admin/audit-events?userId=u2"},
		"role":       {func(c *Client) error { _, err := c.SetRole(ctx, "u2", api.RoleAdmin); return err }, user, "POST", "/api/auth/admin/set-role"},
		"ban":        {func(c *Client) error { _, err := c.BanUser(ctx, "u2", "spam", 86400); return err }, user, "POST", "/api/auth/admin/ban-user"},
		"unban":      {func(c *Client) error { _, err := c.UnbanUser(ctx, "u2"); return err }, user, "POST", "/api/auth/admin/unban-user"},
		"revoke one": {func(c *Client) error { return c.RevokeUserSession(ctx, "s1") }, `{"success":true}`, "POST", "/api/auth/admin/revoke-user-session"},
		"revoke all": {func(c *Client) error { return c.RevokeUserSessions(ctx, "u2") }, `{"success":true}`, "POST", "/api/auth/admin/revoke-user-sessions"},
		"remove":     {func(c *Client) error { return c.RemoveUser(ctx, "u2") }, `{"success":true}`, "POST", "/api/auth/admin/remove-user"},
		"activity":   {func(c *Client) error { _, err := c.ListActivity(ctx); return err }, `{"events":[]}`, "GET", "/api/auth/list-activity"},
		"set password": {func(c *Client) error {
			return c.SetUserPassword(ctx, api.SetUserPasswordRequest{UserID: "u2", NewPassword: "12345678"})
		}, `{"status":true}`, "POST", "/api/auth/admin/set-user-password"},
	}
	for name, tc := range cases {
		c, seen := fake(200, tc.answer, nil)
		if err := tc.call(c); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if seen.method != tc.method || seen.path != tc.path {
			t.Errorf("%s: sent %s %s, want %s %s", name, seen.method, seen.path, tc.method, tc.path)
		}
	}
}

func TestBanSendsReasonAndSeconds(t *testing.T) {
	c, seen := fake(200, `{"user":{"id":"u2"}}`, nil)
	if _, err := c.BanUser(context.Background(), "u2", "spam", 604800); err != nil {
		t.Fatal(err)
	}
	var got api.BanUserRequest
	if err := json.Unmarshal(seen.body, &got); err != nil || got != (api.BanUserRequest{UserID: "u2", BanReason: "spam", BanExpiresIn: 604800}) {
		t.Fatalf("body %s (%v)", seen.body, err)
	}
}

// The frame learns of impersonation from the sessions the pages and the admin calls see.
func TestSessionSwitchesReachTheWatchers(t *testing.T) {
	var seen []*api.SessionResponse
	stop := WatchSession(func(s *api.SessionResponse) { seen = append(seen, s) })
	defer stop()

	c, _ := fake(200, `{"session":{"id":"s9","userId":"u2","impersonatedBy":"u1"},"user":{"id":"u2","name":"B"}}`, nil)
	if _, err := c.ImpersonateUser(context.Background(), "u2"); err != nil {
		t.Fatal(err)
	}
	if s, ok := KnownSession(); !ok || s == nil || s.Session.ImpersonatedBy != "u1" {
		t.Fatalf("known after impersonating: %+v %v", s, ok)
	}
	c, _ = fake(401, `{"code":"UNAUTHORIZED","message":"Your admin session has ended; sign in again."}`, nil)
	if _, err := c.StopImpersonating(context.Background()); err == nil {
		t.Fatal("stop: want the server's error")
	}
	if s, ok := KnownSession(); !ok || s != nil {
		t.Fatalf("known after a failed stop: %+v %v", s, ok)
	}
	c, _ = fake(200, `null`, nil)
	if _, err := c.GetSession(context.Background()); err != nil {
		t.Fatal(err)
	}
	c, _ = fake(500, ``, nil)
	_, _ = c.GetSession(context.Background()) // an error teaches nothing
	if len(seen) != 3 || seen[0] == nil || seen[1] != nil || seen[2] != nil {
		t.Fatalf("watchers saw %+v", seen)
	}
	stop()
	c, _ = fake(200, `null`, nil)
	_, _ = c.GetSession(context.Background())
	if len(seen) != 3 {
		t.Fatal("a stopped watcher was called")
	}
}
