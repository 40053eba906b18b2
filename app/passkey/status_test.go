package passkey

import (
	"encoding/json"
	"testing"

	"spacerr/shared/api"
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

func TestStatusCacheRoundTrip(t *testing.T) {
	s := memStorage{}
	if _, ok := LoadStatus(s); ok {
		t.Fatal("an empty storage has a status")
	}
	st := api.PasskeyStatus{Count: 2, HasPasskey: true, HasPassword: true}
	if err := SaveStatus(s, "u1", st, t0); err != nil {
		t.Fatal(err)
	}
	if _, ok := s[StatusKey]; !ok || StatusKey[0] != '/' {
		t.Fatalf("status not stored under the namespaced key %q: %v", StatusKey, s)
	}
	c, ok := LoadStatus(s)
	if !ok || c.UserID != "u1" || c.Status != st || !c.SavedAt.Equal(t0) {
		t.Fatalf("LoadStatus = %+v, %v", c, ok)
	}
	if got, ok := StatusFor(s, "u1"); !ok || got != st {
		t.Errorf("StatusFor(u1) = %+v, %v", got, ok)
	}
	if _, ok := StatusFor(s, "u2"); ok {
		t.Error("another account sees u1's status")
	}
	if _, ok := StatusFor(s, ""); ok {
		t.Error("an unknown account sees u1's status")
	}
	ClearStatus(s)
	if _, ok := LoadStatus(s); ok || len(s) != 0 {
		t.Errorf("status survives ClearStatus: %v", s)
	}
}

func TestStatusCacheHoldsNoSecret(t *testing.T) {
	s := memStorage{}
	SaveStatus(s, "u1", api.PasskeyStatus{Count: 1, HasPasskey: true}, t0)
	var fields map[string]json.RawMessage
	json.Unmarshal([]byte(s[StatusKey]), &fields)
	if len(fields) != 3 || fields["userId"] == nil || fields["status"] == nil || fields["savedAt"] == nil {
		t.Errorf("cached value = %s; only the user id, the status and the time belong there", s[StatusKey])
	}
}

func TestStatusCacheIgnoresJunk(t *testing.T) {
	for _, junk := range []string{`not json`, `{}`, `{"userId":""}`, `[]`, `{"Value":"x","ExpiresAt":"2000-01-01T00:00:00Z"}`} {
		s := memStorage{StatusKey: junk}
		if c, ok := LoadStatus(s); ok {
			t.Errorf("LoadStatus(%s) = %+v, want none", junk, c)
		}
	}
	s := memStorage{}
	SaveStatus(s, "", api.PasskeyStatus{Count: 1}, t0)
	if len(s) != 0 {
		t.Error("a status without an account was stored")
	}
}

func TestWithCount(t *testing.T) {
	st := api.PasskeyStatus{Count: 1, HasPasskey: true, HasPassword: true}
	if got := WithCount(st, 0); got != (api.PasskeyStatus{HasPassword: true}) {
		t.Errorf("WithCount(0) = %+v", got)
	}
	if got := WithCount(api.PasskeyStatus{}, 3); got != (api.PasskeyStatus{Count: 3, HasPasskey: true}) {
		t.Errorf("WithCount(3) = %+v", got)
	}
}
