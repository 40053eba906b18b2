package offline

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"spacerr/shared/api"
)

func (m memStorage) ForEach(f func(key string)) {
	for k := range m {
		f(k)
	}
}

func TestClearAllForgetsOnlyThisAppsKeys(t *testing.T) {
	s := memStorage{}
	cache.Save(s, "u1", status{Count: 1}, t0)
	ProfileCache.Save(s, "u1", Profile{Name: "Ada"}, t0)
	s["/go-app/deviceID"] = `"d"`
	ClearAll(s)
	if len(s) != 1 || s["/go-app/deviceID"] == "" {
		t.Errorf("after ClearAll: %v", s)
	}
}

func TestClaimByAnotherAccountClearsEverything(t *testing.T) {
	s := memStorage{}
	cache.Save(s, "u1", status{Count: 1}, t0)
	ProfileCache.Save(s, "u1", Profile{Name: "Ada"}, t0)
	Claim(s, "u1")
	if len(s) != 2 {
		t.Fatalf("the same account's claim cleared its cache: %v", s)
	}
	Claim(s, "u2")
	if len(s) != 0 {
		t.Errorf("u2 can read u1's cache: %v", s)
	}
}

// The profile cache holds what the page shows and nothing the server guards: whitelisted fields only.
func TestProfileCacheHoldsOnlyWhitelistedFields(t *testing.T) {
	img := "https://example.com/ada.png"
	u := api.User{ID: "u1", Name: "Ada", Email: "ada@example.com", EmailVerified: true, Image: &img,
		CreatedAt: t0, UpdatedAt: t0, TwoFactorEnabled: true, LastLoginMethod: "passkey", Role: "admin"}
	s := memStorage{}
	ProfileCache.Save(s, u.ID, ProfileOf(u), t0)
	var e struct {
		UserID string                     `json:"userId"`
		Status map[string]json.RawMessage `json:"status"`
	}
	if err := json.Unmarshal([]byte(s[ProfileCache.Key]), &e); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range e.Status {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if got := strings.Join(keys, ","); got != "createdAt,email,emailVerified,image,name" || e.UserID != "u1" {
		t.Errorf("profile cache stores %s for %q; want only createdAt,email,emailVerified,image,name", got, e.UserID)
	}
	p, ok := ProfileCache.For(s, "u1")
	if back := p.User("u1"); !ok || back.Name != "Ada" || back.Email != u.Email || !back.EmailVerified ||
		back.Image == nil || *back.Image != img || !back.CreatedAt.Equal(t0) {
		t.Errorf("round trip: %+v", back)
	}
	if back := (Profile{Name: "x", CreatedAt: time.Time{}}).User("u1"); back.Image != nil {
		t.Error("an absent image came back as an empty one")
	}
}
