package mail

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Queue sends in the background: Send enqueues and returns at once, so a request never waits for the
// mail server and its answer never depends on the send (which would also tell an attacker whether an
// address exists). A worker sends with a few retries and backoff and logs what failed, without the
// body. A full queue drops the mail with a warning rather than block a request.
//
// The queue lives in memory: mails still queued when the process stops are lost. A durable outbox
// table would survive restarts and share the work between replicas.
type Queue struct {
	next    Mailer
	ch      chan Message
	retries int
	backoff time.Duration
	wg      sync.WaitGroup
	once    sync.Once
}

// NewQueue starts a worker that sends through next, trying each mail up to 1+retries times, waiting
// backoff, then twice as long, between tries.
func NewQueue(next Mailer, size, retries int, backoff time.Duration) *Queue {
	q := &Queue{next: next, ch: make(chan Message, size), retries: retries, backoff: backoff}
	q.wg.Add(1)
	go q.run()
	return q
}

// Send enqueues m.
func (q *Queue) Send(ctx context.Context, m Message) error {
	select {
	case q.ch <- m:
	default:
		slog.WarnContext(ctx, "mail queue full: mail dropped", "subject", m.Subject)
	}
	return nil
}

// Close sends what is queued and stops the worker.
func (q *Queue) Close() {
	q.once.Do(func() { close(q.ch) })
	q.wg.Wait()
}

func (q *Queue) run() {
	defer q.wg.Done()
	for m := range q.ch {
		q.deliver(m)
	}
}

func (q *Queue) deliver(m Message) {
	wait := q.backoff
	for try := 0; ; try++ {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		err := q.next.Send(ctx, m)
		cancel()
		if err == nil {
			return
		}
		if try >= q.retries {
			slog.Error("mail not sent", "subject", m.Subject, "tries", try+1, "err", err)
			return
		}
		slog.Warn("mail send failed, retrying", "subject", m.Subject, "try", try+1, "err", err)
		time.Sleep(wait)
		wait *= 2
	}
}
