package activity

import (
	"strings"
	"time"

	"spacerr/shared/api"
)

// Reader is who reads an event. Most events read the same for everyone. An admin's own actions on
// an account are worded differently: the holder's words are gentler ("Account suspended"), and the
// admin also sees the record behind them (a ban's reason and end).
type Reader int

const (
	Holder Reader = iota // the account's owner, in settings: "Signed in with your password"
	Admin                // an administrator on someone's user page: "Signed in with a password"
)

// Describe returns an event's action in words for r, with the part of its detail worth showing.
// known is false for an action this client has no words for (a newer server), so the caller can
// choose its fallback.
func Describe(action, detail string, r Reader) (text, shown string, known bool) {
	admin := r == Admin
	switch action {
	case api.EventSignIn:
		return SignInMethod(detail, r), "", true
	case api.EventSignInFailed:
		return "Failed sign-in attempt", adminOnly(admin, detail), true
	case api.EventTwoFactorEnabled:
		return "Two-factor authentication turned on", "", true
	case api.EventTwoFactorOff:
		return "Two-factor authentication turned off", "", true
	case api.EventBackupCodeUsed:
		return "Backup code used to sign in", "", true
	case api.EventBackupCodesNew:
		return "New backup codes created", "", true
	case api.EventPasskeyAdded:
		return "Passkey added", detail, true
	case api.EventPasskeyRemoved:
		return "Passkey removed", detail, true
	case api.EventPasswordChanged:
		return "Password changed", "", true
	case api.EventPasswordSet, "set-user-password":
		return "Password set", "", true
	case api.EventPasswordReset:
		return "Password reset with an emailed link", "", true
	case api.EventSessionRevoked:
		if detail != "" && detail != "1" {
			return "Signed out of " + detail + " sessions", "", true
		}
		return "Signed out of a session", "", true
	case "revoke-user-session":
		return "Session signed out", "", true
	case "revoke-user-sessions":
		return "Signed out everywhere", "", true
	case api.EventEmailVerified:
		return "Email address verified", "", true
	case api.EventAccountLinked:
		return "Account connected", Provider(detail), true
	case api.EventAccountUnlinked:
		return "Account disconnected", Provider(detail), true
	case "set-role":
		if detail == api.RoleAdmin {
			return "Made an administrator", "", true
		}
		return "Administrator role removed", "", true
	case "ban-user":
		if admin {
			return "Banned", banDetail(detail), true
		}
		return "Account suspended", "", true
	case "unban-user":
		if admin {
			return "Ban lifted", "", true
		}
		return "Suspension lifted", "", true
	case "create-user":
		return "Account created", adminOnly(admin, detail), true
	case "remove-user":
		return "Account removed", adminOnly(admin, detail), true
	case "impersonate-user":
		if admin {
			return "Impersonation started", "", true
		}
		return "Account viewed as you", "", true
	case "stop-impersonating":
		if admin {
			return "Impersonation ended", "", true
		}
		return "Viewing as you ended", "", true
	}
	return "", "", false
}

// adminOnly keeps a detail that only an admin needs: a failed attempt's reason, the address an
// admin created or removed.
func adminOnly(admin bool, detail string) string {
	if admin {
		return detail
	}
	return ""
}

// SignInMethod is a sign-in event for r: "Signed in with a passkey", "Signed in with Google".
func SignInMethod(method string, r Reader) string {
	switch method {
	case "email", "password", "credential":
		if r == Admin {
			return "Signed in with a password"
		}
		return "Signed in with your password"
	case "passkey":
		return "Signed in with a passkey"
	case "magic-link":
		return "Signed in with an email link"
	case "":
		return "Signed in"
	}
	return "Signed in with " + Provider(method)
}

// Provider names a sign-in provider as people know it: "Google", "Email and password".
func Provider(id string) string {
	switch id {
	case "credential":
		return "Email and password"
	case "google":
		return "Google"
	case "github":
		return "GitHub"
	case "":
		return "Unknown"
	}
	return strings.ToUpper(id[:1]) + id[1:]
}

// banDetail shows the ban's record, "reason (until 2026-03-11T12:00:00Z)", as "reason · until Mar 11, 2026".
func banDetail(detail string) string {
	i := strings.LastIndex(detail, " (until ")
	if i < 0 || !strings.HasSuffix(detail, ")") {
		return detail
	}
	until, err := time.Parse(time.RFC3339, detail[i+len(" (until "):len(detail)-1])
	if err != nil {
		return detail
	}
	return detail[:i] + " · until " + Day(until)
}
