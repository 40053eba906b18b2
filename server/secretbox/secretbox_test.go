package secretbox_test

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"spacerr/server/secretbox"
)

var (
	oldSecret = []byte("old-secret-old-secret-old-secret-0123456789")
	newSecret = []byte("new-secret-new-secret-new-secret-0123456789")
)

func mustKeyring(t *testing.T, current []byte, previous ...[]byte) *secretbox.Keyring {
	t.Helper()
	k, err := secretbox.New(current, previous...)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestRoundTrip(t *testing.T) {
	k := mustKeyring(t, newSecret)
	plain := []byte("JBSWY3DPEHPK3PXP raw secret bytes \x00\xff")
	sealed, err := k.Seal(plain, "two_factors", "secret", "row1")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(sealed, "JBSWY3DP") || !strings.HasPrefix(sealed, k.CurrentPrefix()) || !strings.HasPrefix(sealed, "v1:") {
		t.Fatalf("sealed value %q leaks the plaintext or lacks its key id", sealed)
	}
	got, err := k.Open(sealed, "two_factors", "secret", "row1")
	if err != nil || string(got) != string(plain) {
		t.Fatalf("open = %q, %v", got, err)
	}
	again, _ := k.Seal(plain, "two_factors", "secret", "row1")
	if again == sealed {
		t.Fatal("two seals of one plaintext are equal: the nonce is not random")
	}
	// Another deployment (another AUTH_SECRET) cannot read it.
	if _, err := mustKeyring(t, oldSecret).Open(sealed, "two_factors", "secret", "row1"); !errors.Is(err, secretbox.ErrUnknownKey) {
		t.Fatalf("opened under another secret: %v", err)
	}
}

func TestTamperingIsDetected(t *testing.T) {
	k := mustKeyring(t, newSecret)
	sealed, err := k.Seal([]byte("secret"), "two_factors", "secret", "row1")
	if err != nil {
		t.Fatal(err)
	}
	prefix := k.CurrentPrefix()
	raw, err := base64.RawStdEncoding.DecodeString(strings.TrimPrefix(sealed, prefix))
	if err != nil {
		t.Fatal(err)
	}
	for i := range raw {
		flipped := append([]byte(nil), raw...)
		flipped[i] ^= 0x01
		if _, err := k.Open(prefix+base64.RawStdEncoding.EncodeToString(flipped), "two_factors", "secret", "row1"); !errors.Is(err, secretbox.ErrCorrupt) {
			t.Fatalf("flipping byte %d was not detected: %v", i, err)
		}
	}
	for _, bad := range []string{"", "v1", "v1:", "v2:" + strings.TrimPrefix(sealed, "v1:"), prefix + "!!!", prefix + "AAAA", sealed[:len(sealed)-4]} {
		if _, err := k.Open(bad, "two_factors", "secret", "row1"); err == nil {
			t.Errorf("%q opened", bad)
		}
	}
}

func TestAValueMovedToAnotherPlaceDoesNotOpen(t *testing.T) {
	k := mustKeyring(t, newSecret)
	sealed, err := k.Seal([]byte("secret"), "two_factors", "secret", "row1")
	if err != nil {
		t.Fatal(err)
	}
	for _, where := range [][]string{
		{"two_factors", "secret", "row2"},         // another row
		{"two_factors", "pending_secret", "row1"}, // another column
		{"other", "secret", "row1"},               // another table
		{"two_factors", "secretrow1"},             // parts run together
		{"two_factors", "secret", "row1", ""},     // an extra part
		{},
	} {
		if _, err := k.Open(sealed, where...); !errors.Is(err, secretbox.ErrCorrupt) {
			t.Errorf("opened as %q: %v", where, err)
		}
	}
}

func TestKeyRotation(t *testing.T) {
	before := mustKeyring(t, oldSecret)
	sealedOld, err := before.Seal([]byte("kept across rotation"), "t", "c", "r")
	if err != nil {
		t.Fatal(err)
	}
	after := mustKeyring(t, newSecret, oldSecret)
	got, err := after.Open(sealedOld, "t", "c", "r")
	if err != nil || string(got) != "kept across rotation" {
		t.Fatalf("old value after rotation = %q, %v", got, err)
	}
	if after.IsCurrent(sealedOld) {
		t.Fatal("a value under the previous key reports as current")
	}
	sealedNew, err := after.Seal(got, "t", "c", "r")
	if err != nil {
		t.Fatal(err)
	}
	if !after.IsCurrent(sealedNew) || strings.HasPrefix(sealedNew, before.CurrentPrefix()) {
		t.Fatalf("new writes do not use the new key: %q", sealedNew[:12])
	}
	// The old deployment cannot read what the new key wrote; the new one without the old secret
	// cannot read the old value.
	if _, err := before.Open(sealedNew, "t", "c", "r"); !errors.Is(err, secretbox.ErrUnknownKey) {
		t.Fatalf("old keyring opened a new value: %v", err)
	}
	if _, err := mustKeyring(t, newSecret).Open(sealedOld, "t", "c", "r"); !errors.Is(err, secretbox.ErrUnknownKey) {
		t.Fatalf("a keyring without the old secret opened an old value: %v", err)
	}
	if _, err := secretbox.New(nil); err == nil {
		t.Fatal("an empty current secret was accepted")
	}
}
