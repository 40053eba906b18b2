package offline

import (
	"encoding/json"
	"testing"
	"time"
)

// memStorage behaves as go-app's local storage: JSON values, Get leaves v alone for a missing key.
type memStorage map[string]string

func (m memStorage) Get(key string, v any) error {
	s, ok := m[key]
	if !ok {
		return nil
	}
	return json.Unmarshal([]byte(s), v)
}

func (m memStorage) Set(key string, v any) error {
	b, err := json.Marshal(v)
	m[key] = string(b)
	return err
}

func (m memStorage) Del(key string) { delete(m, key) }

type status struct {
	Count   int  `json:"count"`
	Enabled bool `json:"enabled"`
}

var (
	t0    = time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	cache = Cache[status]{Key: "/spacerr/test-status"}
)

func TestCacheRoundTrip(t *testing.T) {
	s := memStorage{}
	if _, ok := cache.Load(s); ok {
		t.Fatal("an empty storage has a status")
	}
	st := status{Count: 2, Enabled: true}
	if err := cache.Save(s, "u1", st, t0); err != nil {
		t.Fatal(err)
	}
	if _, ok := s[cache.Key]; !ok || cache.Key[0] != '/' {
		t.Fatalf("status not stored under the namespaced key %q: %v", cache.Key, s)
	}
	c, ok := cache.Load(s)
	if !ok || c.UserID != "u1" || c.Status != st || !c.SavedAt.Equal(t0) {
		t.Fatalf("LoadStatus = %+v, %v", c, ok)
	}
	if got, ok := cache.For(s, "u1"); !ok || got != st {
		t.Errorf("StatusFor(u1) = %+v, %v", got, ok)
	}
	if _, ok := cache.For(s, "u2"); ok {
		t.Error("another account sees u1's status")
	}
	if _, ok := cache.For(s, ""); ok {
		t.Error("an unknown account sees u1's status")
	}
	cache.Clear(s)
	if _, ok := cache.Load(s); ok || len(s) != 0 {
		t.Errorf("status survives ClearStatus: %v", s)
	}
}

func TestCacheHoldsOnlyTheAccountTheValueAndTheTime(t *testing.T) {
	s := memStorage{}
	cache.Save(s, "u1", status{Count: 1, Enabled: true}, t0)
	var fields map[string]json.RawMessage
	json.Unmarshal([]byte(s[cache.Key]), &fields)
	if len(fields) != 3 || fields["userId"] == nil || fields["status"] == nil || fields["savedAt"] == nil {
		t.Errorf("cached value = %s; only the user id, the status and the time belong there", s[cache.Key])
	}
}

func TestCacheIgnoresJunk(t *testing.T) {
	for _, junk := range []string{`not json`, `{}`, `{"userId":""}`, `[]`, `{"Value":"x","ExpiresAt":"2000-01-01T00:00:00Z"}`} {
		s := memStorage{cache.Key: junk}
		if c, ok := cache.Load(s); ok {
			t.Errorf("LoadStatus(%s) = %+v, want none", junk, c)
		}
	}
	s := memStorage{}
	cache.Save(s, "", status{Count: 1}, t0)
	if len(s) != 0 {
		t.Error("a status without an account was stored")
	}
}
