package settings

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/offline"
	"spacerr/shared/api"
)

// Offline settings. When get-session gets no answer (the browser is offline or the server out of
// reach, not a server error), the page draws itself from what this device cached for the account,
// marks itself "Offline — showing what this device saved at HH:MM", and disables every action that
// needs the server. It tries again by itself when the browser comes back online.
//
// How a card takes part (the cards added later do the same):
//   - it has an exported `Offline bool` field, which the page sets: `&myCard{User: p.user, Offline: p.offline}`;
//   - in OnMount, when Offline, it shows what it cached and sends no request;
//   - it implements CompoID as `func (c *myCard) CompoID() string { return compoID(c.Offline) }`, so the
//     page's return online mounts it afresh and it loads from the server as usual;
//   - it needs nothing to disable its buttons: the page draws every card inside a fieldset that is
//     disabled offline, which disables every button and input in it (they match :disabled). A card
//     may add offlineNote(c.Offline) where its buttons are, to say why they do nothing.

// offlineReason is the one line that says why an action is disabled offline.
const offlineReason = "You're offline. Connect to change this."

// idOfflineReason is the id of the banner's reason line, which the disabled fieldset points to.
const idOfflineReason = "offline-reason"

// compoID tells go-app a card drawn offline and the same card drawn online are different
// components, so coming back online mounts the card again and it loads the server's state.
func compoID(offline bool) string {
	if offline {
		return "offline"
	}
	return "online"
}

// offlineNote is a card's line saying why its actions are disabled; nothing online.
func offlineNote(isOffline bool) app.UI {
	return app.If(isOffline, func() app.UI {
		return app.P().Class("offline-note").Text(offlineReason)
	})
}

// savedAtLabel is the banner's time, the local hour and minute the cache was written.
func savedAtLabel(at time.Time) string {
	if at.IsZero() {
		return "Offline — showing what this device saved earlier"
	}
	return "Offline — showing what this device saved at " + at.In(time.Local).Format("15:04")
}

// loadedAtLabel is the title of the notice shown when the connection drops while the page is up.
func loadedAtLabel(at time.Time) string {
	return "You're offline — this is your account as it was at " + at.In(time.Local).Format("15:04")
}

// cachedPasskey is what the passkey list cache keeps of a passkey: what the card shows, never the
// credential id or the public key, which the page has no use for offline.
type cachedPasskey struct {
	ID                string     `json:"id"`
	Name              string     `json:"name"`
	DeviceType        string     `json:"deviceType"`
	BackedUp          bool       `json:"backedUp"`
	AuthenticatorName string     `json:"authenticatorName,omitempty"`
	CreatedAt         time.Time  `json:"createdAt"`
	LastUsedAt        *time.Time `json:"lastUsedAt"`
}

// passkeyListCache keeps the last passkey list the card showed, so settings lists the passkeys offline.
var passkeyListCache = offline.Cache[[]cachedPasskey]{Key: offline.Prefix + "passkeys"}

func toCachedPasskeys(list []api.Passkey) []cachedPasskey {
	out := make([]cachedPasskey, len(list))
	for i, p := range list {
		out[i] = cachedPasskey{ID: p.ID, Name: p.Name, DeviceType: p.DeviceType, BackedUp: p.BackedUp,
			AuthenticatorName: p.AuthenticatorName, CreatedAt: p.CreatedAt, LastUsedAt: p.LastUsedAt}
	}
	return out
}

func fromCachedPasskeys(list []cachedPasskey) []api.Passkey {
	out := make([]api.Passkey, len(list))
	for i, p := range list {
		out[i] = api.Passkey{ID: p.ID, Name: p.Name, DeviceType: p.DeviceType, BackedUp: p.BackedUp,
			AuthenticatorName: p.AuthenticatorName, CreatedAt: p.CreatedAt, LastUsedAt: p.LastUsedAt}
	}
	return out
}

// cachedSession is what the sessions cache keeps of a session: the device, where and when, never a
// token (the server's list gives only public ids, but the cache takes no chance) nor who
// impersonated it.
type cachedSession struct {
	ID        string    `json:"id"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
	ExpiresAt time.Time `json:"expiresAt"`
	IPAddress string    `json:"ipAddress"`
	UserAgent string    `json:"userAgent"`
	Current   bool      `json:"current"`
}

// sessionsCache keeps the last list the server gave, so the card shows it at once and offline.
var sessionsCache = offline.Cache[[]cachedSession]{Key: offline.Prefix + "sessions"}

func toCachedSessions(list []api.Session) []cachedSession {
	out := make([]cachedSession, len(list))
	for i, s := range list {
		out[i] = cachedSession{ID: s.ID, CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt, ExpiresAt: s.ExpiresAt,
			IPAddress: s.IPAddress, UserAgent: s.UserAgent, Current: s.Current}
	}
	return out
}

// fromCachedSessions gives the cached sessions back as the card lists them. Token is the id: the
// server's list-sessions gives each session's public id as its token (server/session ToAPI), so a
// "Sign out" clicked on the cached list, before the fresh one replaces it, still names the session.
func fromCachedSessions(list []cachedSession) []api.Session {
	out := make([]api.Session, len(list))
	for i, s := range list {
		out[i] = api.Session{ID: s.ID, Token: s.ID, CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt,
			ExpiresAt: s.ExpiresAt, IPAddress: s.IPAddress, UserAgent: s.UserAgent, Current: s.Current}
	}
	return out
}
