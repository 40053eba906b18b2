package settings

import (
	"time"

	"spacerr/app/authapi"
	"spacerr/shared/api"
)

// activityShown is how many events "Recent activity" shows before "Show all" (which shows every event
// the server sent, at most 50).
const activityShown = 10

// activityModel is the Recent activity card's state, apart from the component so it is tested
// without a browser. All methods run on the UI goroutine.
type activityModel struct {
	events  []api.ActivityEvent
	loaded  bool
	alert   string
	showAll bool
}

func (m *activityModel) listLoaded(events []api.ActivityEvent, err error) {
	if err != nil {
		m.alert = authapi.Message(err)
		return
	}
	m.events, m.loaded, m.alert = events, true, ""
}

// hidden is how many events "Show all" would add.
func (m activityModel) hidden() int {
	if m.showAll || len(m.events) <= activityShown {
		return 0
	}
	return len(m.events) - activityShown
}

// activityRow is one event as the card shows it.
type activityRow struct {
	ID      string
	Text    string // "Signed in with a passkey"
	Detail  string // the passkey's name, the provider…; "" for none
	Device  string // "Firefox 128 on macOS"; "" for an admin's action
	IP      string
	When    string // "5 minutes ago"
	At      time.Time
	ByAdmin bool
	Warning bool // worth a second look: a failed sign-in, a factor turned off
}

// rows are the events to show, newest first (as the server sends them).
func (m activityModel) rows(now time.Time) []activityRow {
	events := m.events
	if !m.showAll && len(events) > activityShown {
		events = events[:activityShown]
	}
	rows := make([]activityRow, 0, len(events))
	for _, e := range events {
		text, detail := activityText(e.Action, e.Detail, e.ByAdmin)
		r := activityRow{
			ID: e.ID, Text: text, Detail: detail, IP: e.IP, When: timeAgo(e.CreatedAt, now), At: e.CreatedAt,
			ByAdmin: e.ByAdmin,
			Warning: e.Action == api.EventSignInFailed || e.Action == api.EventTwoFactorOff || e.Action == "ban-user",
		}
		if !e.ByAdmin {
			r.Device = deviceLabel(describeDevice(e.UserAgent))
		}
		rows = append(rows, r)
	}
	return rows
}

// activityText is what happened, in the account holder's words, with the detail worth showing.
// byAdmin changes the wording of the events only an admin causes.
func activityText(action, detail string, byAdmin bool) (text, shown string) {
	switch action {
	case api.EventSignIn:
		return signInMethodText(detail), ""
	case api.EventSignInFailed:
		return "Failed sign-in attempt", ""
	case api.EventTwoFactorEnabled:
		return "Two-factor authentication turned on", ""
	case api.EventTwoFactorOff:
		return "Two-factor authentication turned off", ""
	case api.EventBackupCodeUsed:
		return "Backup code used to sign in", ""
	case api.EventBackupCodesNew:
		return "New backup codes created", ""
	case api.EventPasskeyAdded:
		return "Passkey added", detail
	case api.EventPasskeyRemoved:
		return "Passkey removed", detail
	case api.EventPasswordChanged:
		return "Password changed", ""
	case api.EventPasswordSet, "set-user-password":
		return "Password set", ""
	case api.EventPasswordReset:
		return "Password reset with an emailed link", ""
	case api.EventSessionRevoked:
		if detail != "" && detail != "1" {
			return "Signed out of " + detail + " sessions", ""
		}
		return "Signed out of a session", ""
	case "revoke-user-session":
		return "Signed out of a session", ""
	case "revoke-user-sessions":
		return "Signed out everywhere", ""
	case api.EventEmailVerified:
		return "Email address verified", ""
	case api.EventAccountLinked:
		return "Account connected", providerName(detail)
	case api.EventAccountUnlinked:
		return "Account disconnected", providerName(detail)
	case "set-role":
		if detail == api.RoleAdmin {
			return "Made an administrator", ""
		}
		return "Administrator role removed", ""
	case "ban-user":
		return "Account suspended", ""
	case "unban-user":
		return "Suspension lifted", ""
	case "create-user":
		return "Account created", ""
	case "impersonate-user":
		return "Account viewed as you", ""
	case "stop-impersonating":
		return "Viewing as you ended", ""
	}
	if byAdmin {
		return "Changed by an administrator", ""
	}
	return "Account activity", ""
}

func signInMethodText(method string) string {
	switch method {
	case "email", "password", "credential":
		return "Signed in with your password"
	case "passkey":
		return "Signed in with a passkey"
	case "magic-link":
		return "Signed in with an email link"
	case "":
		return "Signed in"
	}
	return "Signed in with " + providerName(method)
}

func providerName(id string) string {
	switch id {
	case "google":
		return "Google"
	case "github":
		return "GitHub"
	case "credential":
		return "Password"
	}
	return id
}

// timeAgo says how long before now t was: "Just now", "5 minutes ago", "Yesterday", "3 days ago", and
// past a week the day.
func timeAgo(t, now time.Time) string {
	if t.IsZero() {
		return "—"
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "Just now"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute") + " ago"
	case d < 24*time.Hour:
		return plural(int(d/time.Hour), "hour") + " ago"
	case d < 48*time.Hour:
		return "Yesterday"
	case d < 7*24*time.Hour:
		return plural(int(d/(24*time.Hour)), "day") + " ago"
	}
	return day(t)
}
