package api

import "time"

// Security events a user sees in settings ("Recent activity") and an admin sees on the user's page.
// They share the audit_events table with admin actions (whose Action is the admin route's name).
const (
	EventSignIn           = "sign-in"            // Detail: the method (email, passkey, magic-link, google…)
	EventSignInFailed     = "sign-in-failed"     // a wrong password or second factor
	EventTwoFactorEnabled = "two-factor-enabled" //
	EventTwoFactorOff     = "two-factor-disabled"
	EventBackupCodeUsed   = "backup-code-used"
	EventBackupCodesNew   = "backup-codes-regenerated"
	EventPasskeyAdded     = "passkey-added"   // Detail: the passkey's name
	EventPasskeyRemoved   = "passkey-removed" // Detail: the passkey's name
	EventPasswordChanged  = "password-changed"
	EventPasswordSet      = "password-set"
	EventPasswordReset    = "password-reset"
	EventSessionRevoked   = "session-revoked" // Detail: how many, when more than one
	EventEmailVerified    = "email-verified"
	EventAccountLinked    = "account-linked"   // Detail: the provider
	EventAccountUnlinked  = "account-unlinked" // Detail: the provider
)

// ActivityEvent is one security event of the signed-in user, as GET /api/auth/list-activity answers it
// (our addition to Better Auth's API). ByAdmin is set when an admin, not the user, did it.
type ActivityEvent struct {
	ID        string    `json:"id"`
	Action    string    `json:"action"`
	Detail    string    `json:"detail,omitempty"`
	IP        string    `json:"ip"`
	UserAgent string    `json:"userAgent"`
	CreatedAt time.Time `json:"createdAt"`
	ByAdmin   bool      `json:"byAdmin,omitempty"`
}

// ActivityResponse answers GET /api/auth/list-activity: the newest events first.
type ActivityResponse struct {
	Events []ActivityEvent `json:"events"`
}
