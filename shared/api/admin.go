package api

import (
	"time"

	"spacerr/shared/validate"
)

// Roles of Better Auth's admin plugin. Only admins may call /api/auth/admin/*.
const (
	RoleUser  = "user"
	RoleAdmin = "admin"
)

// AdminUser is a user as an admin sees it in list-users: the user plus how they can sign in.
type AdminUser struct {
	User
	PasskeyCount int        `json:"passkeyCount"`
	HasPassword  bool       `json:"hasPassword"`
	LastSignInAt *time.Time `json:"lastSignInAt,omitempty"` // newest session's creation, if any is live
}

// ListUsersResponse answers GET /admin/list-users.
type ListUsersResponse struct {
	Users  []AdminUser `json:"users"`
	Total  int         `json:"total"`
	Limit  int         `json:"limit"`
	Offset int         `json:"offset"`
}

// UserIDRequest is the body of the admin routes that act on one user.
type UserIDRequest struct {
	UserID string `json:"userId"`
}

// SetRoleRequest is the body of POST /admin/set-role.
type SetRoleRequest struct {
	UserID string `json:"userId"`
	Role   string `json:"role"`
}

// BanUserRequest is the body of POST /admin/ban-user; BanExpiresIn is in seconds, 0 or absent for a ban
// without end.
type BanUserRequest struct {
	UserID       string `json:"userId"`
	BanReason    string `json:"banReason,omitempty"`
	BanExpiresIn int64  `json:"banExpiresIn,omitempty"`
}

// RevokeUserSessionRequest is the body of POST /admin/revoke-user-session; SessionToken is the
// session's public id.
type RevokeUserSessionRequest struct {
	SessionToken string `json:"sessionToken"`
}

// CreateUserRequest is the body of POST /admin/create-user; without a password the user is passwordless.
type CreateUserRequest struct {
	Email    string `json:"email"`
	Password string `json:"password,omitempty"`
	Name     string `json:"name"`
	Role     string `json:"role,omitempty"`
}

// SetUserPasswordRequest is the body of POST /admin/set-user-password.
type SetUserPasswordRequest struct {
	UserID      string `json:"userId"`
	NewPassword string `json:"newPassword"`
}

// UserResponse is {user}.
type UserResponse struct {
	User User `json:"user"`
}

// AdminSessionsResponse answers POST /admin/list-user-sessions.
type AdminSessionsResponse struct {
	Sessions []Session `json:"sessions"`
}

// AuditEvent is one admin action as recorded.
type AuditEvent struct {
	ID        string    `json:"id"`
	ActorID   string    `json:"actorId"`
	Action    string    `json:"action"`
	TargetID  string    `json:"targetId"`
	IP        string    `json:"ip"`
	UserAgent string    `json:"userAgent"`
	CreatedAt time.Time `json:"createdAt"`
	Detail    string    `json:"detail"`
}

// AuditEventsResponse answers GET /admin/audit-events.
type AuditEventsResponse struct {
	Events []AuditEvent `json:"events"`
}

// ValidRole reports whether role is one this server knows.
func ValidRole(role string) bool { return role == RoleUser || role == RoleAdmin }

// Validate checks the request the same way on both sides.
func (r CreateUserRequest) Validate() error {
	if err := validate.Name(r.Name); err != nil {
		return fieldErr("name", err)
	}
	if err := validate.Email(r.Email); err != nil {
		return fieldErr("email", err)
	}
	if r.Password != "" {
		if err := validate.Password(r.Password); err != nil {
			return fieldErr("password", err)
		}
	}
	if r.Role != "" && !ValidRole(r.Role) {
		return FieldError(CodeInvalidRole, "role", "The role must be \"user\" or \"admin\".")
	}
	return nil
}

// Validate checks the request the same way on both sides.
func (r SetUserPasswordRequest) Validate() error {
	if err := validate.Password(r.NewPassword); err != nil {
		return fieldErr("newPassword", err)
	}
	return nil
}

// ImpersonationResponse answers POST /admin/impersonate-user and /admin/stop-impersonating: the
// session now in the cookie and its user.
type ImpersonationResponse struct {
	Session Session `json:"session"`
	User    User    `json:"user"`
}

// AdminUserSecurity answers GET /admin/user-security?userId= (our addition): everything the admin's
// user page shows about how the user signs in. Sessions come from list-user-sessions and events from
// audit-events, as Better Auth's admin client already calls them.
type AdminUserSecurity struct {
	User            AdminUser `json:"user"`
	Passkeys        []Passkey `json:"passkeys"`
	BackupCodesLeft int       `json:"backupCodesLeft"`
	Providers       []string  `json:"providers"` // accounts rows: "credential", "google"…
}
