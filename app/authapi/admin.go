package authapi

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"sync"

	"spacerr/shared/api"
)

// The admin routes (Better Auth's admin plugin, /admin/*) answer 403 FORBIDDEN to anyone but an
// admin. Those that change something also need a fresh session (SESSION_NOT_FRESH): pages send them
// through stepup.Do.

// ListUsersQuery is list-users' search, sort and paging; zero values leave the server's defaults
// (newest first, 25 a page).
type ListUsersQuery struct {
	SearchValue   string // matched as "contains", case-insensitively
	SearchField   string // "email" or "name"
	SortBy        string // "createdAt", "email" or "name"
	SortDirection string // "asc" or "desc"
	Limit         int
	Offset        int
}

// encode is the query string, without the empty parameters.
func (q ListUsersQuery) encode() string {
	v := url.Values{}
	if q.SearchValue != "" {
		v.Set("searchValue", q.SearchValue)
		v.Set("searchField", q.SearchField)
		v.Set("searchOperator", "contains")
	}
	if q.SortBy != "" {
		v.Set("sortBy", q.SortBy)
	}
	if q.SortDirection != "" {
		v.Set("sortDirection", q.SortDirection)
	}
	if q.Limit > 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	if q.Offset > 0 {
		v.Set("offset", strconv.Itoa(q.Offset))
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// ListUsers returns one page of users with how each signs in.
func (c *Client) ListUsers(ctx context.Context, q ListUsersQuery) (api.ListUsersResponse, error) {
	var res api.ListUsersResponse
	err := c.call(ctx, "GET", "/admin/list-users"+q.encode(), nil, &res)
	return res, err
}

// AdminUserSecurity returns what the admin's user page shows about how userID signs in.
// USER_NOT_FOUND when nobody has that id.
func (c *Client) AdminUserSecurity(ctx context.Context, userID string) (api.AdminUserSecurity, error) {
	var res api.AdminUserSecurity
	err := c.call(ctx, "GET", "/admin/user-security?userId="+url.QueryEscape(userID), nil, &res)
	return res, err
}

// ListUserSessions returns the user's unexpired sessions; their Token is the public id
// RevokeUserSession takes.
func (c *Client) ListUserSessions(ctx context.Context, userID string) ([]api.Session, error) {
	var res api.AdminSessionsResponse
	if err := c.call(ctx, "POST", "/admin/list-user-sessions", api.UserIDRequest{UserID: userID}, &res); err != nil {
		return nil, err
	}
	if res.Sessions == nil {
		res.Sessions = []api.Session{}
	}
	return res.Sessions, nil
}

// AuditEvents returns the newest events by or on userID, newest first.
func (c *Client) AuditEvents(ctx context.Context, userID string) ([]api.AuditEvent, error) {
	var res api.AuditEventsResponse
	if err := c.call(ctx, "GET", "/admin/audit-events?userId="+url.QueryEscape(userID), nil, &res); err != nil {
		return nil, err
	}
	return res.Events, nil
}

// SetRole makes the user an admin or a user. CANNOT_CHANGE_OWN_ROLE for the caller themself.
func (c *Client) SetRole(ctx context.Context, userID, role string) (api.User, error) {
	var res api.UserResponse
	err := c.call(ctx, "POST", "/admin/set-role", api.SetRoleRequest{UserID: userID, Role: role}, &res)
	return res.User, err
}

// BanUser bans the user, for expiresIn seconds (0: until unbanned), and ends their sessions at once.
// CANNOT_BAN_YOURSELF for the caller themself.
func (c *Client) BanUser(ctx context.Context, userID, reason string, expiresIn int64) (api.User, error) {
	var res api.UserResponse
	err := c.call(ctx, "POST", "/admin/ban-user", api.BanUserRequest{UserID: userID, BanReason: reason, BanExpiresIn: expiresIn}, &res)
	return res.User, err
}

// UnbanUser lifts the user's ban.
func (c *Client) UnbanUser(ctx context.Context, userID string) (api.User, error) {
	var res api.UserResponse
	err := c.call(ctx, "POST", "/admin/unban-user", api.UserIDRequest{UserID: userID}, &res)
	return res.User, err
}

// RevokeUserSession signs one session out; token is the session's public id.
func (c *Client) RevokeUserSession(ctx context.Context, token string) error {
	var res api.StatusResponse
	return c.call(ctx, "POST", "/admin/revoke-user-session", api.RevokeUserSessionRequest{SessionToken: token}, &res)
}

// RevokeUserSessions signs the user out everywhere.
func (c *Client) RevokeUserSessions(ctx context.Context, userID string) error {
	var res api.StatusResponse
	return c.call(ctx, "POST", "/admin/revoke-user-sessions", api.UserIDRequest{UserID: userID}, &res)
}

// SetUserPassword replaces the user's password; their sessions stay.
func (c *Client) SetUserPassword(ctx context.Context, req api.SetUserPasswordRequest) error {
	var res api.StatusTrue
	return c.call(ctx, "POST", "/admin/set-user-password", req, &res)
}

// RemoveUser deletes the user and ends their sessions. CANNOT_REMOVE_YOURSELF for the caller themself.
func (c *Client) RemoveUser(ctx context.Context, userID string) error {
	var res api.StatusResponse
	return c.call(ctx, "POST", "/admin/remove-user", api.UserIDRequest{UserID: userID}, &res)
}

// CreateUser creates an account; without a password its owner signs in another way.
func (c *Client) CreateUser(ctx context.Context, req api.CreateUserRequest) (api.User, error) {
	var res api.UserResponse
	err := c.call(ctx, "POST", "/admin/create-user", req, &res)
	return res.User, err
}

// ImpersonateUser switches this browser to a one-hour session of the user (the admin's own session is
// kept aside by the server). CANNOT_IMPERSONATE_ADMINS for an admin.
func (c *Client) ImpersonateUser(ctx context.Context, userID string) (api.ImpersonationResponse, error) {
	var res api.ImpersonationResponse
	err := c.call(ctx, "POST", "/admin/impersonate-user", api.UserIDRequest{UserID: userID}, &res)
	if err == nil {
		noteSession(&api.SessionResponse{Session: res.Session, User: res.User})
	}
	return res, err
}

// StopImpersonating ends the impersonation and brings the admin's own session back. UNAUTHORIZED when
// the admin's session ended meanwhile (the browser is then signed out).
func (c *Client) StopImpersonating(ctx context.Context) (api.ImpersonationResponse, error) {
	var res api.ImpersonationResponse
	err := c.call(ctx, "POST", "/admin/stop-impersonating", struct{}{}, &res)
	switch {
	case err == nil:
		noteSession(&api.SessionResponse{Session: res.Session, User: res.User})
	case isCode(err, api.CodeUnauthorized):
		noteSession(nil)
	}
	return res, err
}

func isCode(err error, code api.Code) bool {
	var e *api.Error
	return errors.As(err, &e) && e.Code == code
}

// The session the browser last learned of. Every page asks get-session when it opens, and the frame
// shows "Viewing as…" (and the admin link) from it without a request of its own: the pages' answers,
// and those of the calls above that switch sessions, reach it here.
var known struct {
	sync.Mutex
	set      bool
	session  *api.SessionResponse // nil: signed out
	next     int
	watchers map[int]func(*api.SessionResponse)
}

// noteSession records s (nil: signed out) as the browser's session and tells the watchers.
func noteSession(s *api.SessionResponse) {
	known.Lock()
	known.set, known.session = true, s
	ws := make([]func(*api.SessionResponse), 0, len(known.watchers))
	for _, w := range known.watchers {
		ws = append(ws, w)
	}
	known.Unlock()
	for _, w := range ws {
		w(s)
	}
}

// KnownSession is the session the browser last learned of; ok is false before any answer came.
func KnownSession() (s *api.SessionResponse, ok bool) {
	known.Lock()
	defer known.Unlock()
	return known.session, known.set
}

// WatchSession calls f (on the goroutine that learned it) with every session the browser learns of
// from now on, until stop is called.
func WatchSession(f func(*api.SessionResponse)) (stop func()) {
	known.Lock()
	defer known.Unlock()
	if known.watchers == nil {
		known.watchers = map[int]func(*api.SessionResponse){}
	}
	id := known.next
	known.next++
	known.watchers[id] = f
	return func() {
		known.Lock()
		defer known.Unlock()
		delete(known.watchers, id)
	}
}
