package settings

import (
	"sort"
	"time"

	"spacerr/app/activity"
	"spacerr/app/authapi"
	"spacerr/app/stepup"
	"spacerr/shared/api"
)

// busyOthers marks "Sign out of all other sessions" in sessionsModel.busy; any other value is a
// session's id.
const busyOthers = "+others"

// sessionRow is one session as the card shows it.
type sessionRow struct {
	ID         string
	Token      string
	Device     string // "Firefox on macOS"
	IP         string
	Created    string
	LastActive string
	Current    bool
}

// sessionsModel is the sessions card's state, apart from the component so it is tested without a
// browser. All methods run on the UI goroutine.
type sessionsModel struct {
	list       []api.Session
	loaded     bool // list is the server's answer, not the cache's
	cachedAt   time.Time
	confirming bool   // the in-page "Sign out of all other sessions?" is open
	busy       string // busyOthers or the id of the session being signed out
	alert      string
	notice     string
}

// cached shows a cached list until the server answers.
func (m *sessionsModel) cached(list []api.Session, at time.Time) {
	if !m.loaded {
		m.list, m.cachedAt = list, at
	}
}

// listLoaded records the server's answer. A failed load keeps what is shown (cached or not):
// the card never swaps a list for nothing.
func (m *sessionsModel) listLoaded(list []api.Session, err error) {
	if err != nil {
		m.alert = authapi.Message(err)
		return
	}
	m.list, m.loaded, m.alert = list, true, ""
}

// hasOthers reports whether any session besides this device's is listed.
func (m sessionsModel) hasOthers() bool {
	for _, s := range m.list {
		if !s.Current {
			return true
		}
	}
	return false
}

// startRevoke marks session id busy; false when another request runs.
func (m *sessionsModel) startRevoke(id string) bool {
	if m.busy != "" {
		return false
	}
	m.busy, m.alert, m.notice = id, "", ""
	return true
}

// askOthers opens the confirmation for signing out everywhere else.
func (m *sessionsModel) askOthers() bool {
	if m.busy != "" || !m.hasOthers() {
		return false
	}
	m.confirming, m.alert, m.notice = true, "", ""
	return true
}

func (m *sessionsModel) cancelOthers() { m.confirming = false }

// startOthers starts signing out the other sessions, from the open confirmation.
func (m *sessionsModel) startOthers() bool {
	if !m.confirming || m.busy != "" {
		return false
	}
	m.busy = busyOthers
	return true
}

// revoked records the end of a revocation; reload is true when the list should be fetched again.
// A cancelled "Confirm it's you" puts the card back as it was.
func (m *sessionsModel) revoked(err error) (reload bool) {
	others := m.busy == busyOthers
	m.busy = ""
	if stepup.Canceled(err) {
		return false
	}
	m.confirming = false
	if err != nil {
		m.alert = authapi.Message(err)
		return true // the session may be gone anyway
	}
	if others {
		m.notice = "You're signed out everywhere else."
	} else {
		m.notice = "That session is signed out."
	}
	return true
}

// rows orders the sessions for showing: this device first, then the most recently active.
func (m sessionsModel) rows(now time.Time) []sessionRow {
	list := append([]api.Session(nil), m.list...)
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].Current != list[j].Current {
			return list[i].Current
		}
		return list[i].UpdatedAt.After(list[j].UpdatedAt)
	})
	rows := make([]sessionRow, 0, len(list))
	for _, s := range list {
		row := sessionRow{
			ID:         s.ID,
			Token:      s.Token,
			Device:     activity.Device(s.UserAgent),
			IP:         s.IPAddress,
			Created:    day(s.CreatedAt),
			LastActive: lastActive(s.UpdatedAt, now),
			Current:    s.Current,
		}
		if row.IP == "" {
			row.IP = "Unknown address"
		}
		if s.Current {
			row.LastActive = "Active now"
		}
		rows = append(rows, row)
	}
	return rows
}

// lastActive says how long ago t was, as people say it.
func lastActive(t, now time.Time) string {
	if t.IsZero() {
		return "—"
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "Active just now"
	case d < time.Hour:
		return "Active " + activity.Plural(int(d/time.Minute), "minute") + " ago"
	case d < 24*time.Hour:
		return "Active " + activity.Plural(int(d/time.Hour), "hour") + " ago"
	}
	return "Last active " + day(t)
}
