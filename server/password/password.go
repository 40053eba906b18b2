// Package password hashes and checks passwords with argon2id. Passwords are NFKC-normalised first, so
// the same password typed on different keyboards (composed or decomposed accents, full-width digits)
// matches. It never logs or returns a password.
package password

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Params are argon2id's cost settings. The defaults are OWASP's minimum for argon2id (19 MiB, 2 passes,
// 1 lane), which keeps a sign-in near 30 ms on one core.
type Params struct {
	MemoryKiB uint32
	Time      uint32
	Threads   uint8
	SaltLen   int
	KeyLen    uint32
}

// DefaultParams is what new hashes use.
var DefaultParams = Params{MemoryKiB: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// ErrMalformedHash means a stored hash is not in the PHC argon2id form.
var ErrMalformedHash = errors.New("password hash is not a valid argon2id PHC string")

// Hasher hashes with fixed parameters and keeps a dummy hash so that a sign-in for an unknown email
// costs the same as one for a known email.
type Hasher struct {
	params Params
	dummy  string
	// slots bounds the hashes computed at once. Each argon2id call allocates its whole memory cost
	// (19 MiB by default) and is single-threaded CPU work, so many more calls than cores finish no
	// sooner; they only multiply the memory (a burst of sign-ins reached 209 MiB). Waiting callers
	// queue here. One a core: with two a core, sign-ins under load were slower (58 a second against 72
	// on 2 cores), four 19 MiB working sets fighting over the caches instead of two.
	slots chan struct{}
}

// NewHasher prepares a hasher; it hashes once to make the dummy.
func NewHasher(p Params) *Hasher {
	h := &Hasher{params: p, slots: make(chan struct{}, runtime.GOMAXPROCS(0))}
	h.dummy, _ = h.Hash(context.Background(), "dummy password for unknown users")
	return h
}

// withSlot runs fn once a hashing slot is free, or gives up when ctx ends first.
func (h *Hasher) withSlot(ctx context.Context, fn func()) error {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return fmt.Errorf("wait to hash a password: %w", context.Cause(ctx))
	}
	defer func() { <-h.slots }()
	fn()
	return nil
}

// Hash returns the PHC string $argon2id$v=19$m=…,t=…,p=…$salt$key. It waits for a free
// hashing slot (see Hasher.slots) and fails with ctx's error when ctx ends first.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	salt := make([]byte, h.params.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("read salt: %w", err)
	}
	var key []byte
	if err := h.withSlot(ctx, func() {
		key = argon2.IDKey([]byte(norm.NFKC.String(password)), salt, h.params.Time, h.params.MemoryKiB, h.params.Threads, h.params.KeyLen)
	}); err != nil {
		return "", err
	}
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		h.params.MemoryKiB, h.params.Time, h.params.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify reports whether password matches the stored hash, comparing in constant time. The
// hash's own parameters are used, so raising the defaults does not lock out existing users. It waits
// for a free hashing slot and fails with ctx's error when ctx ends first.
func (h *Hasher) Verify(ctx context.Context, password, encoded string) (bool, error) {
	p, salt, want, err := decode(encoded)
	if err != nil {
		return false, err
	}
	var got []byte
	if err := h.withSlot(ctx, func() {
		got = argon2.IDKey([]byte(norm.NFKC.String(password)), salt, p.Time, p.MemoryKiB, p.Threads, uint32(len(want)))
	}); err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// VerifyNothing spends the time of one Verify; call it when there is no hash to check against.
func (h *Hasher) VerifyNothing(ctx context.Context, password string) {
	_, _ = h.Verify(ctx, password, h.dummy)
}

func decode(encoded string) (Params, []byte, []byte, error) {
	var p Params
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, nil, nil, ErrMalformedHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, ErrMalformedHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.MemoryKiB, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, ErrMalformedHash
	}
	// Bounds keep a tampered row from making one sign-in allocate gigabytes.
	if p.MemoryKiB < 8 || p.MemoryKiB > 1<<21 || p.Time < 1 || p.Time > 16 || p.Threads < 1 {
		return p, nil, nil, ErrMalformedHash
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return p, nil, nil, ErrMalformedHash
	}
	key, err := b64.DecodeString(parts[5])
	if err != nil || len(key) < 16 || len(key) > 64 {
		return p, nil, nil, ErrMalformedHash
	}
	return p, salt, key, nil
}
