package offline

import (
	"strings"
	"time"

	"spacerr/shared/api"
)

// Prefix starts every key of this app's caches; ClearAll forgets exactly these.
const Prefix = "/spacerr/"

// Keys is a Storage that can list its keys, as go-app's local storage can.
type Keys interface {
	Storage
	ForEach(f func(key string))
}

// ClearAll forgets every cached value of every account. Signing out calls it: what the browser keeps
// about an account must leave with the person.
func ClearAll(s Keys) {
	var keys []string
	s.ForEach(func(k string) {
		if strings.HasPrefix(k, Prefix) {
			keys = append(keys, k)
		}
	})
	for _, k := range keys {
		s.Del(k)
	}
}

// Claim makes the caches belong to userID before anything of theirs is written: when any entry holds
// another account's value (someone else signed in on this browser without signing out first), every
// entry is cleared, so the new person never sees the previous one's account, offline or not.
func Claim(s Keys, userID string) {
	other := false
	s.ForEach(func(k string) {
		if other || !strings.HasPrefix(k, Prefix) {
			return
		}
		var e struct {
			UserID string `json:"userId"`
		}
		if err := s.Get(k, &e); err == nil && e.UserID != "" && e.UserID != userID {
			other = true
		}
	})
	if other {
		ClearAll(s)
	}
}

// Profile is what settings shows of the person when it cannot ask the server: no token, no role,
// nothing the server would need to be asked again for.
type Profile struct {
	Name          string    `json:"name"`
	Email         string    `json:"email"`
	EmailVerified bool      `json:"emailVerified"`
	Image         string    `json:"image,omitempty"`
	CreatedAt     time.Time `json:"createdAt"`
}

// ProfileOf is the part of u that is cached.
func ProfileOf(u api.User) Profile {
	p := Profile{Name: u.Name, Email: u.Email, EmailVerified: u.EmailVerified, CreatedAt: u.CreatedAt}
	if u.Image != nil {
		p.Image = *u.Image
	}
	return p
}

// User is the cached profile of the account id as an api.User, for the pages that draw one.
func (p Profile) User(id string) api.User {
	u := api.User{ID: id, Name: p.Name, Email: p.Email, EmailVerified: p.EmailVerified, CreatedAt: p.CreatedAt}
	if p.Image != "" {
		img := p.Image
		u.Image = &img
	}
	return u
}

// ProfileCache is the signed-in person's profile as get-session last gave it. Offline, settings starts
// from it: it names the account whose other cached entries may be shown.
var ProfileCache = Cache[Profile]{Key: Prefix + "profile"}
