package passkey

import (
	"context"
	"errors"
	"testing"

	"spacerr/app/authapi"
	"spacerr/app/browser"
	"spacerr/shared/api"
)

func TestMessage(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"none", nil, ""},
		{"cancelled", &browser.CeremonyError{Kind: browser.ErrCancelled, Name: "NotAllowedError"}, "The passkey request was cancelled or timed out."},
		{"already registered", &browser.CeremonyError{Kind: browser.ErrAlreadyRegistered}, browser.ErrAlreadyRegistered.Error()},
		{"wrong site", &browser.CeremonyError{Kind: browser.ErrNotAllowedHere}, browser.ErrNotAllowedHere.Error()},
		{"aborted", &browser.CeremonyError{Kind: browser.ErrAborted}, ""},
		{"page left", context.Canceled, ""},
		{"no browser", browser.ErrUnavailable, browser.ErrUnsupported.Error()},
		{"unknown passkey", api.Errorf(api.CodePasskeyNotFound, "Passkey not found."), "This passkey isn't registered with us anymore."},
		{"server's own words", api.Errorf(api.CodeChallengeNotFound, "This passkey request has expired."), "This passkey request has expired."},
		{"offline", &authapi.NetworkError{Err: errors.New("TypeError")}, "Can't reach the server. Check your connection."},
	}
	for _, tt := range tests {
		if got := Message(tt.err); got != tt.want {
			t.Errorf("%s: Message = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestErrorClasses(t *testing.T) {
	cancelled := &browser.CeremonyError{Kind: browser.ErrCancelled}
	aborted := &browser.CeremonyError{Kind: browser.ErrAborted}
	unknown := api.Errorf(api.CodePasskeyNotFound, "x")
	if !Cancelled(cancelled) || Cancelled(aborted) || Cancelled(unknown) {
		t.Error("Cancelled is wrong")
	}
	if !Silent(aborted) || !Silent(context.Canceled) || Silent(cancelled) || Silent(unknown) {
		t.Error("Silent is wrong")
	}
	if !UnknownCredential(unknown) || UnknownCredential(cancelled) || UnknownCredential(api.Errorf(api.CodeAuthenticationFailed, "x")) {
		t.Error("UnknownCredential is wrong")
	}
}
