package settings

import (
	"time"

	"spacerr/app/activity"
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
	When    string // "5 minutes ago", "yesterday"
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
			ID: e.ID, Text: text, Detail: detail, IP: e.IP, When: activity.Ago(e.CreatedAt, now), At: e.CreatedAt,
			ByAdmin: e.ByAdmin,
			Warning: e.Action == api.EventSignInFailed || e.Action == api.EventTwoFactorOff || e.Action == "ban-user",
		}
		if !e.ByAdmin {
			r.Device = activity.Device(e.UserAgent)
		}
		rows = append(rows, r)
	}
	return rows
}

// activityText is what happened, in the account holder's words (app/activity keeps the vocabulary
// the admin area shares), with the detail worth showing. An action this client has no words for
// still says who caused it.
func activityText(action, detail string, byAdmin bool) (text, shown string) {
	if text, shown, known := activity.Describe(action, detail, activity.Holder); known {
		return text, shown
	}
	if byAdmin {
		return "Changed by an administrator", ""
	}
	return "Account activity", ""
}
