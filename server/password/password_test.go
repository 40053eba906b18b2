package password

import (
	"context"
	"strings"
	"testing"
)

var fast = Params{MemoryKiB: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestHashAndVerify(t *testing.T) {
	h := NewHasher(fast)
	enc, err := h.Hash(context.Background(), "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("unexpected encoding %q", enc)
	}
	if ok, err := h.Verify(context.Background(), "correct horse battery staple", enc); err != nil || !ok {
		t.Fatalf("right password refused: %v %v", ok, err)
	}
	if ok, _ := h.Verify(context.Background(), "correct horse battery stapl", enc); ok {
		t.Fatal("wrong password accepted")
	}
	other, _ := h.Hash(context.Background(), "correct horse battery staple")
	if other == enc {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
}

func TestNFKCNormalisation(t *testing.T) {
	h := NewHasher(fast)
	enc, _ := h.Hash(context.Background(), "caf\u00e9 \uff11\uff12\uff13") // composed é, full-width 123
	if ok, _ := h.Verify(context.Background(), "cafe\u0301 123", enc); !ok {
		t.Fatal("decomposed accent and ASCII digits should match after NFKC")
	}
}

func TestDefaultParamsAreAtLeastOWASP(t *testing.T) {
	if DefaultParams.MemoryKiB < 19*1024 || DefaultParams.Time < 2 || DefaultParams.Threads < 1 {
		t.Fatalf("defaults weaker than m=19MiB,t=2,p=1: %+v", DefaultParams)
	}
}

func TestMalformedHashes(t *testing.T) {
	h := NewHasher(fast)
	for _, enc := range []string{
		"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=64,t=1,p=1$!!$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=18$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
	} {
		if ok, err := h.Verify(context.Background(), "x", enc); ok || err == nil {
			t.Errorf("%q: want ErrMalformedHash, got %v %v", enc, ok, err)
		}
	}
}

func BenchmarkHashDefault(b *testing.B) {
	h := NewHasher(DefaultParams)
	for b.Loop() {
		if _, err := h.Hash(context.Background(), "correct horse battery staple"); err != nil {
			b.Fatal(err)
		}
	}
}
