package settings

import (
	"net/url"

	"spacerr/app/authapi"
	"spacerr/app/stepup"
	"spacerr/shared/api"
)

// connectedModel is the "Connected accounts" card's state: whether Google is offered, the Google
// account connected to the user (nil when none) and what the last action did. Plain Go, tested under
// WASM like the other card models.
type connectedModel struct {
	loaded  bool
	offered bool         // the server is configured for Google
	google  *api.Account // the connected Google account
	busy    string       // busyLink or busyUnlink while a request runs
	alert   string
	notice  string
}

const (
	busyLink   = "link"
	busyUnlink = "unlink"
)

// providersKnown records which providers the server offers.
func (m *connectedModel) providersKnown(providers []string) {
	for _, p := range providers {
		if p == api.ProviderGoogle {
			m.offered = true
		}
	}
}

// accountsLoaded records the user's accounts.
func (m *connectedModel) accountsLoaded(accs []api.Account, err error) {
	if err != nil {
		m.alert = authapi.Message(err)
		return
	}
	m.loaded, m.google = true, nil
	for i := range accs {
		if accs[i].ProviderID == api.ProviderGoogle {
			a := accs[i]
			m.google = &a
		}
	}
}

// visible reports whether the card has anything to show: Google can be connected, or one is.
func (m *connectedModel) visible() bool { return m.offered || m.google != nil }

// returned reads what the link's callback put in the settings URL: ?linked=google or ?error=CODE.
func (m *connectedModel) returned(errorCode, linked string) {
	switch {
	case errorCode != "":
		m.alert = linkErrorMessage(errorCode)
	case linked == api.ProviderGoogle:
		m.notice = "Google is connected. You can now sign in with it."
	}
}

// withoutReturnParams is u without what the link's callback added (?linked=, ?error=), and whether
// there was any: once the card shows the message, the page replaces its URL with this one, so a reload
// or a bookmark does not tell the news again.
func withoutReturnParams(u *url.URL) (*url.URL, bool) {
	q := u.Query()
	if !q.Has("linked") && !q.Has("error") {
		return u, false
	}
	q.Del("linked")
	q.Del("error")
	clean := *u
	clean.RawQuery = q.Encode()
	return &clean, true
}

// linkErrorMessage says why connecting Google failed, in the words of connecting rather than of
// signing in.
func linkErrorMessage(code string) string {
	switch code {
	case api.SocialErrorAccessDenied:
		return "Connecting Google was cancelled. Your account is unchanged."
	case api.SocialErrorFlowExpired, api.SocialErrorStateMismatch:
		return "That attempt to connect Google expired. Please try again."
	case api.SocialErrorFailed:
		return "Google could not be connected. Please try again."
	}
	return api.SocialErrorMessage(code)
}

// startLink begins connecting; false while another action runs.
func (m *connectedModel) startLink() bool {
	if m.busy != "" {
		return false
	}
	m.busy, m.alert, m.notice = busyLink, "", ""
	return true
}

// linkStarted records the answer to link-social. On success the browser leaves for Google and the
// button stays busy; a cancelled "Confirm it's you" is no error.
func (m *connectedModel) linkStarted(err error) {
	if err == nil {
		return
	}
	m.busy = ""
	if !stepup.Canceled(err) {
		m.alert = authapi.Message(err)
	}
}

// startUnlink begins disconnecting; false while another action runs or nothing is connected.
func (m *connectedModel) startUnlink() bool {
	if m.busy != "" || m.google == nil {
		return false
	}
	m.busy, m.alert, m.notice = busyUnlink, "", ""
	return true
}

// unlinked records the answer to unlink-account.
func (m *connectedModel) unlinked(err error) {
	m.busy = ""
	switch {
	case err == nil:
		m.google = nil
		m.notice = "Google is disconnected. It no longer signs you in."
	case stepup.Canceled(err):
	default:
		m.alert = authapi.Message(err)
	}
}
