// Package offline keeps what settings shows about an account in the browser's local storage, so the
// page can show it at once and with no network. Each entry belongs to one account and is ignored for
// any other. It must never hold a secret: no session token, TOTP secret or backup code.
package offline

import "time"

// Storage is the part of go-app's ctx.LocalStorage() a cache needs; tests use a map.
type Storage interface {
	Get(key string, v any) error
	Set(key string, v any) error
	Del(key string)
}

// Entry is what a cache stores: the value the server last gave for one account, and when.
type Entry[T any] struct {
	UserID  string    `json:"userId"`
	Status  T         `json:"status"`
	SavedAt time.Time `json:"savedAt"`
}

// Cache is one kind of cached value under one local storage key. Keys start with "/spacerr/":
// go-app sweeps every key at start-up and the origin may hold other apps' keys.
type Cache[T any] struct{ Key string }

// Load returns the cached entry; ok is false when there is none or it cannot be read.
func (c Cache[T]) Load(s Storage) (e Entry[T], ok bool) {
	if err := s.Get(c.Key, &e); err != nil || e.UserID == "" {
		return Entry[T]{}, false
	}
	return e, true
}

// For returns the cached value of the account userID, if the cache holds that account's.
func (c Cache[T]) For(s Storage, userID string) (v T, ok bool) {
	e, ok := c.Load(s)
	if !ok || userID == "" || e.UserID != userID {
		return v, false
	}
	return e.Status, true
}

// Save caches v as the value of the account userID.
func (c Cache[T]) Save(s Storage, userID string, v T, now time.Time) error {
	if userID == "" {
		return nil
	}
	return s.Set(c.Key, Entry[T]{UserID: userID, Status: v, SavedAt: now.UTC()})
}

// Clear forgets the entry; signing out calls it.
func (c Cache[T]) Clear(s Storage) { s.Del(c.Key) }
