package passkey

import (
	"time"

	"spacerr/app/offline"
	"spacerr/shared/api"
)

// statusCache holds the last passkey status the server gave for one account (a count and two
// booleans), so settings and the sign-in page show it at once and offline.
var statusCache = offline.Cache[api.PasskeyStatus]{Key: "/spacerr/passkey-status"}

// LoadStatus returns the cached status with its account; ok is false when there is none.
func LoadStatus(s offline.Storage) (offline.Entry[api.PasskeyStatus], bool) {
	return statusCache.Load(s)
}

// StatusFor returns the cached status of the account userID, if the cache holds that account's.
func StatusFor(s offline.Storage, userID string) (api.PasskeyStatus, bool) {
	return statusCache.For(s, userID)
}

// SaveStatus caches st as the status of the account userID.
func SaveStatus(s offline.Storage, userID string, st api.PasskeyStatus, now time.Time) error {
	return statusCache.Save(s, userID, st, now)
}

// ClearStatus forgets the cached status; signing out calls it.
func ClearStatus(s offline.Storage) { statusCache.Clear(s) }

// WithCount is st after the account's passkeys changed to n, as the list shows them.
func WithCount(st api.PasskeyStatus, n int) api.PasskeyStatus {
	st.Count, st.HasPasskey = n, n > 0
	return st
}
