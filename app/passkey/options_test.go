package passkey

import (
	"testing"
	"time"
)

var t0 = time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC)

func TestParseCreationOptions(t *testing.T) {
	raw := []byte(`{"challenge":"AAEC","rp":{"id":"spacerr.example","name":"Spacerr"},
		"user":{"id":"dTE","name":"ada@example.com","displayName":"Ada"},"pubKeyCredParams":[]}`)
	for name, doc := range map[string][]byte{
		"bare":    raw,
		"wrapped": []byte(`{"publicKey":` + string(raw) + `}`),
	} {
		o, err := ParseOptions(doc, t0)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if string(o.JSON) != string(doc) || !o.FetchedAt.Equal(t0) {
			t.Errorf("%s: the document or its time changed", name)
		}
		if o.RPID != "spacerr.example" || o.UserID != "dTE" || o.UserName != "ada@example.com" || o.UserDisplayName != "Ada" {
			t.Errorf("%s: options = %+v", name, o)
		}
	}
}

func TestParseRequestOptions(t *testing.T) {
	o, err := ParseOptions([]byte(`{"challenge":"AAEC","rpId":"spacerr.example","allowCredentials":[]}`), t0)
	if err != nil {
		t.Fatal(err)
	}
	if o.RPID != "spacerr.example" || o.UserID != "" {
		t.Errorf("options = %+v", o)
	}
	// Odd field types do not make the options unusable: the browser has the last word on them.
	if _, err := ParseOptions([]byte(`{"challenge":"AAEC","rpId":7}`), t0); err != nil {
		t.Errorf("ParseOptions with an odd rpId: %v", err)
	}
	for _, bad := range []string{``, `null`, `[]`, `nope`} {
		if _, err := ParseOptions([]byte(bad), t0); err == nil {
			t.Errorf("ParseOptions(%q) accepted it", bad)
		}
	}
}

func TestOptionsReadiness(t *testing.T) {
	o, _ := ParseOptions([]byte(`{"challenge":"AA"}`), t0)
	tests := []struct {
		name string
		o    Options
		at   time.Time
		want bool
	}{
		{"fresh", o, t0.Add(time.Minute), true},
		{"just fetched", o, t0, true},
		{"almost stale", o, t0.Add(MaxOptionsAge - time.Second), true},
		{"stale", o, t0.Add(MaxOptionsAge), false},
		{"clock went back", o, t0.Add(-time.Minute), false},
		{"none", Options{}, t0, false},
		{"used", o.Used(), t0, false},
	}
	for _, tt := range tests {
		if got := tt.o.Ready(tt.at); got != tt.want {
			t.Errorf("%s: Ready = %v, want %v", tt.name, got, tt.want)
		}
	}
	if u := o.Used(); u.RPID != o.RPID || u.JSON != nil {
		t.Errorf("Used = %+v: it must drop the document and keep the Signal fields", u)
	}
}

func TestCredentialID(t *testing.T) {
	if got := CredentialID([]byte(`{"id":"q80","rawId":"q80","response":{}}`)); got != "q80" {
		t.Errorf("CredentialID = %q", got)
	}
	for _, bad := range []string{``, `null`, `{"id":7}`, `[]`} {
		if got := CredentialID([]byte(bad)); got != "" {
			t.Errorf("CredentialID(%q) = %q", bad, got)
		}
	}
}
