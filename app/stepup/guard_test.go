package stepup

import (
	"context"
	"errors"
	"testing"

	"spacerr/app/authapi"
	"spacerr/shared/api"
)

var errNotFresh = &api.Error{Code: api.CodeSessionNotFresh, Message: "Sign in again."}

func TestRetriesOnceAfterConfirming(t *testing.T) {
	calls, asked := 0, 0
	err := run(context.Background(), func(context.Context) bool { asked++; return true }, func() error {
		calls++
		if calls == 1 {
			return errNotFresh
		}
		return nil
	})
	if err != nil || calls != 2 || asked != 1 {
		t.Fatalf("err=%v calls=%d asked=%d, want nil 2 1", err, calls, asked)
	}
}

func TestDoesNotLoopWhenStillNotFresh(t *testing.T) {
	calls := 0
	err := run(context.Background(), func(context.Context) bool { return true }, func() error {
		calls++
		return errNotFresh
	})
	if !NotFresh(err) || Canceled(err) || calls != 2 {
		t.Fatalf("err=%v calls=%d", err, calls)
	}
}

func TestCancelLeavesActionAlone(t *testing.T) {
	calls := 0
	err := run(context.Background(), func(context.Context) bool { return false }, func() error {
		calls++
		return errNotFresh
	})
	if !Canceled(err) || calls != 1 {
		t.Fatalf("err=%v calls=%d, want canceled after one call", err, calls)
	}
	if got := authapi.Message(err); got != msgCanceled {
		t.Fatalf("message %q", got)
	}
}

func TestOtherErrorsAndSuccessPassThrough(t *testing.T) {
	other := &api.Error{Code: api.CodeInvalidPassword, Message: "Wrong."}
	never := func(context.Context) bool { t.Fatal("asked"); return false }
	if err := run(context.Background(), never, func() error { return other }); !errors.Is(err, other) {
		t.Fatalf("got %v", err)
	}
	if err := run(context.Background(), never, func() error { return nil }); err != nil {
		t.Fatalf("got %v", err)
	}
}

func TestWithoutDialogReturnsServerError(t *testing.T) {
	setAsker(t, func(context.Context) bool { return true })
	dropAsker("someone else")
	if getAsker() == nil {
		t.Fatal("another dialog dropped this one's asker")
	}
	dropAsker(t)
	if err := Do(context.Background(), func() error { return errNotFresh }); !errors.Is(err, errNotFresh) {
		t.Fatalf("got %v", err)
	}
}
