// Package secretbox encrypts small secrets that must be stored but must not be readable from the
// database alone: today TOTP secrets. It uses AES-256-GCM with a key derived from AUTH_SECRET by
// HKDF-SHA256, and binds every ciphertext to where it is stored (table, column and row id, passed as
// associated data), so a value copied into another row or column no longer decrypts.
//
// A stored value reads "v1:<key id>:<base64 of nonce‖ciphertext>". The key id is a fingerprint of the
// key, not the key, so a keyring built from AUTH_SECRET and the secrets it replaced
// (AUTH_SECRET_PREVIOUS) can open values sealed under any of them while sealing only under the current
// one: rotating AUTH_SECRET does not lose data, and values move to the new key as they are rewritten.
//
// The package must never log or return in an error a plaintext, a key or a sealed value.
package secretbox

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/crypto/hkdf"
)

// Errors Open returns. Neither says anything about the plaintext.
var (
	// ErrUnknownKey means the value was sealed under a key that is not in the keyring: an AUTH_SECRET
	// that was rotated away without being kept in AUTH_SECRET_PREVIOUS.
	ErrUnknownKey = errors.New("secretbox: sealed under a key this keyring does not hold")
	// ErrCorrupt means the value is malformed, was tampered with, or belongs to another place (another
	// row, column or table than the associated data names).
	ErrCorrupt = errors.New("secretbox: value is malformed, tampered with or stored in the wrong place")
)

const (
	format     = "v1"
	keyInfo    = "spacerr secretbox v1"
	keyIDInfo  = "spacerr secretbox key id v1"
	aadContext = "spacerr secretbox v1"
)

type key struct {
	id   string
	aead cipher.AEAD
}

// Keyring seals under its current key and opens under any of its keys.
type Keyring struct {
	current key
	byID    map[string][]key // fingerprints are 32 bits: a collision is unlikely but handled
}

// New builds a keyring from the current secret and the secrets it replaced, newest first.
func New(current []byte, previous ...[]byte) (*Keyring, error) {
	if len(current) == 0 {
		return nil, errors.New("secretbox: the current secret is empty")
	}
	k := &Keyring{byID: map[string][]key{}}
	for i, secret := range append([][]byte{current}, previous...) {
		if len(secret) == 0 {
			continue
		}
		kk, err := deriveKey(secret)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			k.current = kk
		}
		k.byID[kk.id] = append(k.byID[kk.id], kk)
	}
	return k, nil
}

func deriveKey(secret []byte) (key, error) {
	raw := make([]byte, 32)
	if _, err := io.ReadFull(hkdf.New(sha256.New, secret, nil, []byte(keyInfo)), raw); err != nil {
		return key{}, fmt.Errorf("secretbox: derive key: %w", err)
	}
	fp := make([]byte, 4)
	if _, err := io.ReadFull(hkdf.New(sha256.New, secret, nil, []byte(keyIDInfo)), fp); err != nil {
		return key{}, fmt.Errorf("secretbox: derive key id: %w", err)
	}
	block, err := aes.NewCipher(raw)
	if err != nil {
		return key{}, fmt.Errorf("secretbox: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return key{}, fmt.Errorf("secretbox: %w", err)
	}
	return key{id: hex.EncodeToString(fp), aead: aead}, nil
}

// Seal encrypts plaintext under the current key for the place named by where (for example "two_factors",
// "secret", rowID). The same where must be given to Open.
func (k *Keyring) Seal(plaintext []byte, where ...string) (string, error) {
	nonce := make([]byte, k.current.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("secretbox: read nonce: %w", err)
	}
	sealed := k.current.aead.Seal(nonce, nonce, plaintext, associatedData(where))
	return format + ":" + k.current.id + ":" + base64.RawStdEncoding.EncodeToString(sealed), nil
}

// Open decrypts a value Seal made for the same place.
func (k *Keyring) Open(stored string, where ...string) ([]byte, error) {
	id, body, ok := split(stored)
	if !ok {
		return nil, ErrCorrupt
	}
	keys := k.byID[id]
	if len(keys) == 0 {
		return nil, ErrUnknownKey
	}
	raw, err := base64.RawStdEncoding.DecodeString(body)
	if err != nil {
		return nil, ErrCorrupt
	}
	aad := associatedData(where)
	for _, kk := range keys {
		n := kk.aead.NonceSize()
		if len(raw) < n+kk.aead.Overhead() {
			return nil, ErrCorrupt
		}
		if plain, err := kk.aead.Open(nil, raw[:n], raw[n:], aad); err == nil {
			return plain, nil
		}
	}
	return nil, ErrCorrupt
}

// IsCurrent reports whether stored was sealed under the current key; values that are not can be
// re-sealed (Open, then Seal) so that an old secret can eventually leave AUTH_SECRET_PREVIOUS.
func (k *Keyring) IsCurrent(stored string) bool {
	id, _, ok := split(stored)
	return ok && id == k.current.id
}

// CurrentPrefix is how every value sealed under the current key begins, for finding the others in SQL.
func (k *Keyring) CurrentPrefix() string { return format + ":" + k.current.id + ":" }

func split(stored string) (id, body string, ok bool) {
	f, rest, ok := strings.Cut(stored, ":")
	if !ok || f != format {
		return "", "", false
	}
	return strings.Cut(rest, ":")
}

// associatedData encodes the place unambiguously: each part is length-prefixed, so ("ab","c") and
// ("a","bc") differ.
func associatedData(where []string) []byte {
	out := []byte(aadContext)
	for _, w := range where {
		out = binary.BigEndian.AppendUint32(out, uint32(len(w)))
		out = append(out, w...)
	}
	return out
}
