package password

import (
	"context"
	"testing"
)

// BenchmarkVerifyParallel is sign-in's hashing under load: four callers per core, more than there are
// hashing slots. Its ns/op is the wall time per verify across all cores, so the slots must not raise
// it over the unbounded version's; B/op shows each verify's 19 MiB.
func BenchmarkVerifyParallel(b *testing.B) {
	h := NewHasher(DefaultParams)
	enc, err := h.Hash(context.Background(), "correct horse battery staple")
	if err != nil {
		b.Fatal(err)
	}
	b.SetParallelism(4)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if ok, err := h.Verify(context.Background(), "correct horse battery staple", enc); err != nil || !ok {
				b.Errorf("verify: %v %v", ok, err)
				return
			}
		}
	})
}
