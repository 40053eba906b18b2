package settings

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"spacerr/app/offline"
	"spacerr/app/passkey"
	"spacerr/app/twofactor"
	"spacerr/shared/api"
)

// mapStorage is local storage as a map of JSON strings.
type mapStorage map[string]string

func (m mapStorage) Get(key string, v any) error {
	if s, ok := m[key]; ok {
		return json.Unmarshal([]byte(s), v)
	}
	return nil
}

func (m mapStorage) Set(key string, v any) error {
	b, err := json.Marshal(v)
	m[key] = string(b)
	return err
}

func (m mapStorage) Del(key string) { delete(m, key) }

// storedFields are the keys of each element of the cached list under key.
func storedFields(t *testing.T, s mapStorage, key string) string {
	t.Helper()
	var e struct {
		Status []map[string]json.RawMessage `json:"status"`
	}
	if err := json.Unmarshal([]byte(s[key]), &e); err != nil || len(e.Status) == 0 {
		t.Fatalf("cache %s = %s (%v)", key, s[key], err)
	}
	var keys []string
	for k := range e.Status[0] {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return strings.Join(keys, ",")
}

// What settings caches for offline is a whitelist: never a credential id, a public key, a token or who
// impersonated a session.
func TestOfflineCachesHoldOnlyWhitelistedFields(t *testing.T) {
	now := time.Date(2026, 12, 3, 19, 52, 0, 0, time.UTC)
	s := mapStorage{}
	used := now.Add(-time.Hour)
	pk := api.Passkey{ID: "p1", Name: "MacBook", UserID: "u1", CredentialID: "cred-secretish", PublicKey: "cose-key",
		Counter: 7, DeviceType: "multiDevice", BackedUp: true, Transports: "internal", AAGUID: "aaguid",
		AuthenticatorName: "iCloud Keychain", CreatedAt: now, LastUsedAt: &used}
	passkeyListCache.Save(s, "u1", toCachedPasskeys([]api.Passkey{pk}), now)
	if got := storedFields(t, s, passkeyListCache.Key); got != "authenticatorName,backedUp,createdAt,deviceType,id,lastUsedAt,name" {
		t.Errorf("passkey cache stores %s", got)
	}
	list, ok := passkeyListCache.For(s, "u1")
	back := fromCachedPasskeys(list)
	if !ok {
		t.Fatal("no passkey list cached")
	}
	if back[0].Name != "MacBook" || passkeyKind(back[0]) != passkeyKind(pk) || !back[0].LastUsedAt.Equal(used) {
		t.Errorf("cached passkey comes back as %+v", back[0])
	}

	se := api.Session{ID: "s1", Token: "tok-must-not-be-stored", UserID: "u1", IPAddress: "10.0.0.1", UserAgent: uaFirefoxMac,
		CreatedAt: now, UpdatedAt: now, ExpiresAt: now.Add(time.Hour), Current: true, ImpersonatedBy: "admin"}
	sessionsCache.Save(s, "u1", toCachedSessions([]api.Session{se}), now)
	if got := storedFields(t, s, sessionsCache.Key); got != "createdAt,current,expiresAt,id,ipAddress,updatedAt,userAgent" {
		t.Errorf("sessions cache stores %s", got)
	}
	for k, v := range s {
		for _, secret := range []string{"tok-must-not-be-stored", "cred-secretish", "cose-key", "admin"} {
			if strings.Contains(v, secret) {
				t.Errorf("%s holds %q: %s", k, secret, v)
			}
		}
	}
	sessions, ok := sessionsCache.For(s, "u1")
	if got := fromCachedSessions(sessions); !ok || got[0].Token != "s1" || !got[0].Current {
		t.Errorf("cached session comes back as %+v", got[0])
	}
}

func TestBannerTimeIsLocalHoursAndMinutes(t *testing.T) {
	at := time.Date(2026, 12, 3, 19, 52, 30, 0, time.Local)
	if got := savedAtLabel(at); got != "Offline — showing what this device saved at 19:52" {
		t.Errorf("banner says %q", got)
	}
	if got := loadedAtLabel(at); got != "You're offline — this is your account as it was at 19:52" {
		t.Errorf("loadedAtLabel = %q", got)
	}
	if got := savedAtLabel(time.Time{}); !strings.HasPrefix(got, "Offline — ") {
		t.Errorf("banner without a time says %q", got)
	}
	if compoID(true) == compoID(false) {
		t.Error("a card drawn offline is not remounted online")
	}
}

// The status caches the settings cards write hold counts and switches only: were a secret field ever
// added to the API's status types, it would not reach local storage unnoticed.
func TestStatusCachesHoldOnlyWhitelistedFields(t *testing.T) {
	now := time.Date(2026, 12, 3, 19, 52, 0, 0, time.UTC)
	s := mapStorage{}
	passkey.SaveStatus(s, "u1", api.PasskeyStatus{Count: 1, HasPasskey: true, HasPassword: true}, now)
	twofactor.SaveStatus(s, "u1", api.TwoFactorStatus{Enabled: true, HasPassword: true, BackupCodesRemaining: 9}, now)
	want := map[string]string{
		offline.Prefix + "passkey-status":    "count,hasPasskey,hasPassword",
		offline.Prefix + "two-factor-status": "backupCodesRemaining,enabled,hasPassword,pendingVerification",
	}
	for key, fields := range want {
		var e struct {
			Status map[string]json.RawMessage `json:"status"`
		}
		if err := json.Unmarshal([]byte(s[key]), &e); err != nil {
			t.Fatalf("%s = %q: %v", key, s[key], err)
		}
		var keys []string
		for k := range e.Status {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if got := strings.Join(keys, ","); got != fields {
			t.Errorf("%s stores %s; want only %s", key, got, fields)
		}
	}
}
