package passkey

import (
	"time"

	"spacerr/shared/api"
)

// StatusKey is the local storage key of the cached passkey status. go-app sweeps every key of
// local storage at start-up and the origin may hold other apps' keys, hence the namespace.
const StatusKey = "/spacerr/passkey-status"

// Storage is the part of go-app's ctx.LocalStorage() the cache needs; tests use a map.
type Storage interface {
	Get(key string, v any) error
	Set(key string, v any) error
	Del(key string)
}

// CachedStatus is what the cache keeps: the last passkey status the server gave for one account,
// so settings and the sign-in page can show it at once, and offline. It holds no secret: a count
// and two booleans, and the account's id so another account never sees it.
type CachedStatus struct {
	UserID  string            `json:"userId"`
	Status  api.PasskeyStatus `json:"status"`
	SavedAt time.Time         `json:"savedAt"`
}

// LoadStatus returns the cached status; ok is false when there is none or it cannot be read.
func LoadStatus(s Storage) (c CachedStatus, ok bool) {
	if err := s.Get(StatusKey, &c); err != nil || c.UserID == "" {
		return CachedStatus{}, false
	}
	return c, true
}

// StatusFor returns the cached status of the account userID, if the cache holds that account's.
func StatusFor(s Storage, userID string) (api.PasskeyStatus, bool) {
	c, ok := LoadStatus(s)
	if !ok || userID == "" || c.UserID != userID {
		return api.PasskeyStatus{}, false
	}
	return c.Status, true
}

// SaveStatus caches st as the status of the account userID.
func SaveStatus(s Storage, userID string, st api.PasskeyStatus, now time.Time) error {
	if userID == "" {
		return nil
	}
	return s.Set(StatusKey, CachedStatus{UserID: userID, Status: st, SavedAt: now.UTC()})
}

// ClearStatus forgets the cached status; signing out calls it.
func ClearStatus(s Storage) { s.Del(StatusKey) }

// WithCount is st after the account's passkeys changed to n, as the list shows them.
func WithCount(st api.PasskeyStatus, n int) api.PasskeyStatus {
	st.Count, st.HasPasskey = n, n > 0
	return st
}
