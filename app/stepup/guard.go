// Package stepup confirms it's you before a sensitive action when the server says the session is
// too old for it (SESSION_NOT_FRESH): it asks for the password or a passkey in a dialog over the
// page, then retries the action once. It never navigates and never changes the page behind the
// dialog; a cancelled confirmation hands the action's caller an error it can show or ignore.
//
// Any action joins by running its API call through Do inside its own goroutine (ctx.Async). The
// Dialog component must be on the page for Do to ask; without it Do returns the server's error.
package stepup

import (
	"context"
	"errors"
	"sync"

	"spacerr/shared/api"
)

// msgCanceled is what a form shows when the person closed the dialog instead of confirming.
const msgCanceled = "Confirm it's you to continue."

// asker shows the dialog and blocks until the person confirms (true) or cancels (false).
type asker func(ctx context.Context) bool

var (
	mu      sync.Mutex
	current asker // the mounted Dialog's, or nil
	owner   any   // the Dialog that set current
)

// setAsker makes a the one Do uses, on behalf of who.
func setAsker(who any, a asker) {
	mu.Lock()
	defer mu.Unlock()
	current, owner = a, who
}

// dropAsker forgets who's asker, unless another has taken over (the next page's dialog can mount
// before this one is gone).
func dropAsker(who any) {
	mu.Lock()
	defer mu.Unlock()
	if owner == who {
		current, owner = nil, nil
	}
}

func getAsker() asker {
	mu.Lock()
	defer mu.Unlock()
	return current
}

// Do runs action; when it fails because the session is not fresh, it asks the person to confirm
// it's them and, once they have, runs action again and returns that result. It blocks, so call it
// from a goroutine (ctx.Async), never from an event handler.
func Do(ctx context.Context, action func() error) error { return run(ctx, getAsker(), action) }

func run(ctx context.Context, ask asker, action func() error) error {
	err := action()
	if !NotFresh(err) || ask == nil {
		return err
	}
	if !ask(ctx) {
		return &CanceledError{Err: &api.Error{Code: api.CodeSessionNotFresh, Message: msgCanceled}}
	}
	// One retry: a second SESSION_NOT_FRESH is the server's answer to show, not a reason to loop.
	return action()
}

// NotFresh reports whether err is the server asking for a recent sign-in.
func NotFresh(err error) bool {
	var apiErr *api.Error
	return errors.As(err, &apiErr) && apiErr.Code == api.CodeSessionNotFresh
}

// CanceledError is what Do returns when the person closed the dialog. Err is an *api.Error whose
// message asks them to confirm, for forms that show every error.
type CanceledError struct{ Err error }

func (e *CanceledError) Error() string { return e.Err.Error() }

// Unwrap gives the error to show.
func (e *CanceledError) Unwrap() error { return e.Err }

// Canceled reports whether err means the person closed the confirmation dialog, so a caller can
// put its page back as it was rather than show an error.
func Canceled(err error) bool {
	var c *CanceledError
	return errors.As(err, &c)
}
