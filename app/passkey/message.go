package passkey

import (
	"context"
	"errors"

	"spacerr/app/authapi"
	"spacerr/app/browser"
	"spacerr/shared/api"
)

// msgNotRegistered is shown when a passkey signs in that the server no longer knows (it was
// deleted on another device, or belongs to an account that is gone).
const msgNotRegistered = "This passkey isn't registered with us anymore."

// Message is the sentence to show a person for an error of a passkey flow: a browser ceremony's,
// or the API's. It is "" for errors that need no message (see Silent).
func Message(err error) string {
	var ce *browser.CeremonyError
	var apiErr *api.Error
	switch {
	case err == nil || Silent(err):
		return ""
	case errors.Is(err, browser.ErrUnavailable):
		return browser.ErrUnsupported.Error()
	case errors.As(err, &ce):
		return ce.Error()
	case errors.As(err, &apiErr) && apiErr.Code == api.CodePasskeyNotFound:
		return msgNotRegistered
	}
	return authapi.Message(err)
}

// Silent reports whether err needs no message: the page itself stopped the request (an aborted
// conditional request, a page that was left).
func Silent(err error) bool {
	return errors.Is(err, browser.ErrAborted) || errors.Is(err, context.Canceled)
}

// Cancelled reports whether the browser said the person cancelled or let the prompt time out.
// Pages say so calmly: nothing went wrong.
func Cancelled(err error) bool { return errors.Is(err, browser.ErrCancelled) }

// UnknownCredential reports whether the server does not know the credential that signed in.
func UnknownCredential(err error) bool {
	var apiErr *api.Error
	return errors.As(err, &apiErr) && apiErr.Code == api.CodePasskeyNotFound
}
