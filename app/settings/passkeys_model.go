package settings

import (
	"strconv"
	"time"

	"spacerr/app/passkey"
	"spacerr/app/stepup"
	"spacerr/shared/api"
)

// busyAdd marks the add button's request in passkeysModel.busy; any other value is a passkey's id.
const busyAdd = "+add"

// passkeysModel is the Passkeys card's state, kept apart from the component so its rules are tested
// without a browser: the list, which passkey is being renamed or asked about, which request runs,
// and the messages. All methods run on the UI goroutine.
type passkeysModel struct {
	list        []api.Passkey
	loaded      bool              // list is the server's answer
	status      api.PasskeyStatus // from the cache until the server answers
	statusKnown bool

	editing    string // id of the passkey being renamed
	draft      string // its new name as typed
	draftError string
	confirming string // id of the passkey whose deletion awaits confirmation
	busy       string // busyAdd, or the id of the passkey with a request running

	alert  string // an error about the card, shown with role="alert"
	calm   bool   // alert is a cancellation
	notice string // good news, shown in the role="status" line
}

// cached shows a cached status until the server's answer comes.
func (m *passkeysModel) cached(st api.PasskeyStatus) {
	if !m.statusKnown {
		m.status, m.statusKnown = st, true
	}
}

// listLoaded records the server's list, or why it could not be had.
func (m *passkeysModel) listLoaded(list []api.Passkey, err error) {
	if err != nil {
		m.alert, m.calm = passkey.Message(err), false
		return
	}
	m.list, m.loaded = list, true
	if m.alert != "" && !m.calm {
		m.alert = "" // the earlier failure to load is over
	}
	if m.statusKnown {
		m.status = passkey.WithCount(m.status, len(list))
	}
}

// statusLoaded records the server's status.
func (m *passkeysModel) statusLoaded(st api.PasskeyStatus) {
	m.status, m.statusKnown = st, true
	if m.loaded {
		m.status = passkey.WithCount(m.status, len(m.list))
	}
}

// complete reports whether the list is the account's whole list, as far as the card knows: only
// then may the Signal API be told which passkeys the server accepts.
func (m passkeysModel) complete() bool {
	return m.loaded && (!m.statusKnown || m.status.Count == len(m.list))
}

// summary is the line under the card's title: how many passkeys the account has.
func (m passkeysModel) summary() string {
	n, known := len(m.list), m.loaded
	if !known && m.statusKnown {
		n, known = m.status.Count, true
	}
	switch {
	case !known:
		return "Sign in with your fingerprint, face or screen lock."
	case n == 0:
		return "No passkeys yet."
	case n == 1:
		return "1 passkey"
	}
	return strconv.Itoa(n) + " passkeys"
}

// skeletonRows is how many placeholder rows to show while the list loads: as many as the cached
// status says, within reason.
func (m passkeysModel) skeletonRows() int {
	n := 1
	if m.statusKnown {
		n = m.status.Count
	}
	return min(max(n, 1), 3)
}

// clearMessages starts a new action with a clean slate.
func (m *passkeysModel) clearMessages() { m.alert, m.calm, m.notice = "", false, "" }

// startAdd reports whether the add button may start a request now.
func (m *passkeysModel) startAdd() bool {
	if m.busy != "" {
		return false
	}
	m.clearMessages()
	m.editing, m.confirming = "", ""
	m.busy = busyAdd
	return true
}

// added records the end of an add: the new passkey, or the error (none for an aborted request).
func (m *passkeysModel) added(p api.Passkey, err error) {
	m.busy = ""
	if stepup.Canceled(err) {
		return // the person closed "Confirm it's you": nothing happened
	}
	if err != nil {
		m.alert, m.calm = passkey.Message(err), passkey.Cancelled(err)
		return
	}
	m.list = append(m.list, p)
	m.status = passkey.WithCount(m.status, len(m.list))
	m.notice = "Passkey added. You can use it to sign in now."
}

// startRename opens the inline editor of passkey id, filled with its name.
func (m *passkeysModel) startRename(id string) bool {
	p, ok := m.find(id)
	if !ok || m.busy != "" {
		return false
	}
	m.clearMessages()
	m.editing, m.draft, m.draftError, m.confirming = id, p.Name, "", ""
	return true
}

// cancelRename closes the editor without saving.
func (m *passkeysModel) cancelRename() { m.editing, m.draft, m.draftError = "", "", "" }

// saveRename checks the draft and returns the request to send. ok is false when nothing is to be
// sent: the name is invalid (draftError says why) or unchanged (the editor just closes).
func (m *passkeysModel) saveRename() (req api.UpdatePasskeyRequest, ok bool) {
	p, found := m.find(m.editing)
	if !found || m.busy != "" {
		return req, false
	}
	name, err := api.NormalizePasskeyName(m.draft)
	if err != nil {
		m.draftError = passkey.Message(err)
		return req, false
	}
	if name == p.Name {
		m.cancelRename()
		return req, false
	}
	m.draftError = ""
	m.busy = p.ID
	return api.UpdatePasskeyRequest{ID: p.ID, Name: name}, true
}

// renamed records the end of a rename: the passkey as stored, or the error, shown under the
// editor, which stays open.
func (m *passkeysModel) renamed(id string, p api.Passkey, err error) {
	m.busy = ""
	if err != nil {
		m.draftError = passkey.Message(err)
		return
	}
	if p.ID == "" {
		p.ID = id
	}
	for i := range m.list {
		if m.list[i].ID == id {
			m.list[i] = p
		}
	}
	m.cancelRename()
	m.notice = "Passkey renamed."
}

// askDelete opens the confirmation of passkey id's deletion.
func (m *passkeysModel) askDelete(id string) bool {
	if _, ok := m.find(id); !ok || m.busy != "" {
		return false
	}
	m.clearMessages()
	m.confirming, m.editing = id, ""
	return true
}

// cancelDelete closes the confirmation.
func (m *passkeysModel) cancelDelete() { m.confirming = "" }

// startDelete reports whether the confirmed deletion may be sent now.
func (m *passkeysModel) startDelete(id string) bool {
	if m.confirming != id || m.busy != "" {
		return false
	}
	m.busy = id
	return true
}

// deleted records the end of a deletion. Either way the confirmation closes: a refusal (the last
// way to sign in) will not change by asking again.
func (m *passkeysModel) deleted(id string, err error) {
	if stepup.Canceled(err) {
		m.busy = "" // the person closed "Confirm it's you": the confirmation stays as it was
		return
	}
	m.busy, m.confirming = "", ""
	if err != nil {
		m.alert, m.calm = passkey.Message(err), false
		return
	}
	kept := m.list[:0]
	for _, p := range m.list {
		if p.ID != id {
			kept = append(kept, p)
		}
	}
	m.list = kept
	m.status = passkey.WithCount(m.status, len(m.list))
	m.notice = "Passkey deleted."
}

// lastWayIn reports whether passkey id is, as far as the card knows, the account's only way to
// sign in: the server will refuse to delete it, and the confirmation says so first.
func (m passkeysModel) lastWayIn(id string) bool {
	_, ok := m.find(id)
	return ok && len(m.list) == 1 && m.statusKnown && !m.status.HasPassword
}

func (m passkeysModel) find(id string) (api.Passkey, bool) {
	for _, p := range m.list {
		if p.ID == id && id != "" {
			return p, true
		}
	}
	return api.Passkey{}, false
}

// The words for one passkey's line.

// passkeyKind says where the passkey lives: a synced passkey (backed up by a passkey manager)
// survives the loss of the device; a device-bound one does not.
func passkeyKind(p api.Passkey) string {
	if p.DeviceType == "multiDevice" || p.BackedUp {
		return "Synced"
	}
	return "This device"
}

// isoDay is the machine-readable day for a <time> element, in the reader's time zone as day is.
func isoDay(t time.Time) string { return t.In(time.Local).Format("2006-01-02") }
