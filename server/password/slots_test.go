package password

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// With every slot taken, a hash waits, gives up when its context ends, and runs once a slot frees.
func TestHashesWaitForAFreeSlotAndHonourCancellation(t *testing.T) {
	h := NewHasher(fast)
	release := make(chan struct{})
	var busy sync.WaitGroup
	busy.Add(cap(h.slots))
	for range cap(h.slots) {
		go h.withSlot(context.Background(), func() { busy.Done(); <-release })
	}
	busy.Wait() // every slot is held

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := h.Hash(ctx, "correct horse battery staple"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("hash with no free slot: got %v, want the context's deadline", err)
	}
	if _, err := h.Verify(ctx, "x", h.dummy); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("verify with no free slot: got %v, want the context's deadline", err)
	}

	done := make(chan error, 1)
	go func() {
		_, err := h.Hash(context.Background(), "correct horse battery staple")
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("a hash ran while every slot was taken (err %v)", err)
	case <-time.After(20 * time.Millisecond):
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("hash after a slot freed: %v", err)
	}
}

// Concurrent callers never run more hashes at once than there are slots.
func TestConcurrentHashesAreBounded(t *testing.T) {
	h := NewHasher(fast)
	var mu sync.Mutex
	running, peak := 0, 0
	var wg sync.WaitGroup
	for range 4 * cap(h.slots) {
		wg.Go(func() {
			_ = h.withSlot(context.Background(), func() {
				mu.Lock()
				running++
				peak = max(peak, running)
				mu.Unlock()
				time.Sleep(2 * time.Millisecond)
				mu.Lock()
				running--
				mu.Unlock()
			})
		})
	}
	wg.Wait()
	if peak > cap(h.slots) || peak < 1 {
		t.Fatalf("peak of %d hashes at once with %d slots", peak, cap(h.slots))
	}
}
