package oidc

import (
	"encoding/json"
	"testing"
)

func TestClaimsDecoding(t *testing.T) {
	for raw, want := range map[string]bool{
		`{"email_verified":true}`:    true,
		`{"email_verified":"true"}`:  true, // some providers send a string
		`{"email_verified":"TRUE"}`:  true,
		`{"email_verified":false}`:   false,
		`{"email_verified":"false"}`: false,
		`{"email_verified":1}`:       false,
		`{}`:                         false,
	} {
		var c claims
		if err := json.Unmarshal([]byte(raw), &c); err != nil || bool(c.EmailVerified) != want {
			t.Errorf("%s: got %v, %v", raw, c.EmailVerified, err)
		}
	}
}

func TestNameAndPicture(t *testing.T) {
	if n := nameOf(&claims{Name: "  Ada Lovelace "}, "ada@example.com"); n != "Ada Lovelace" {
		t.Errorf("name %q", n)
	}
	if n := nameOf(&claims{}, "ada@example.com"); n != "ada" {
		t.Errorf("name from email %q", n)
	}
	for _, bad := range []string{"", "http://lh3.example.com/a.png", "javascript:alert(1)", "data:image/png;base64,AAAA"} {
		if p := pictureOf(&claims{Picture: bad}); p != nil {
			t.Errorf("picture %q kept", bad)
		}
	}
	if p := pictureOf(&claims{Picture: "https://lh3.googleusercontent.com/a/x"}); p == nil {
		t.Error("an https picture was dropped")
	}
}
