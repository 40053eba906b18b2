package twofactor

import (
	"time"

	"spacerr/app/offline"
	"spacerr/shared/api"
)

// statusCache holds the last two-factor status the server gave for one account, so settings shows
// it at once and offline. Never the secret or a backup code: two booleans, a count and the account.
var statusCache = offline.Cache[api.TwoFactorStatus]{Key: "/spacerr/two-factor-status"}

// LoadStatus returns the cached status with its account; ok is false when there is none.
func LoadStatus(s offline.Storage) (offline.Entry[api.TwoFactorStatus], bool) {
	return statusCache.Load(s)
}

// StatusFor returns the cached status of the account userID, if the cache holds that account's.
func StatusFor(s offline.Storage, userID string) (api.TwoFactorStatus, bool) {
	return statusCache.For(s, userID)
}

// SaveStatus caches st as the status of the account userID.
func SaveStatus(s offline.Storage, userID string, st api.TwoFactorStatus, now time.Time) error {
	return statusCache.Save(s, userID, st, now)
}

// ClearStatus forgets the cached status; signing out calls it.
func ClearStatus(s offline.Storage) { statusCache.Clear(s) }
