package mail

import (
	"context"
	"sync"
)

// Recorder is a Mailer that keeps what it is given, for tests.
type Recorder struct {
	mu   sync.Mutex
	msgs []Message
}

// Send records m.
func (r *Recorder) Send(_ context.Context, m Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, m)
	return nil
}

// Messages returns the mails sent so far, optionally only those to one address.
func (r *Recorder) Messages(to ...string) []Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Message
	for _, m := range r.msgs {
		if len(to) == 0 || m.To == to[0] {
			out = append(out, m)
		}
	}
	return out
}
