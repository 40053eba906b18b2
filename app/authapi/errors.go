package authapi

import (
	"context"
	"encoding/json"
	"errors"

	"spacerr/shared/api"
)

// The sentences people read when the server gives no better one.
const (
	msgUnreachable = "Can't reach the server. Check your connection."
	msgUnexpected  = "Something went wrong on our side. Please try again."
)

// NetworkError reports that a request got no answer: offline, server down, blocked. Its Error is the
// sentence to show; Err is the transport's error, for logs.
type NetworkError struct {
	Err error
}

func (e *NetworkError) Error() string { return msgUnreachable }

// Unwrap gives the transport's error.
func (e *NetworkError) Unwrap() error { return e.Err }

// decodeError turns a non-2xx answer into the *api.Error it carries. Bodies that are not an API
// error (an HTML error page from a proxy, an empty 502) become INTERNAL_SERVER_ERROR with a
// friendly message, so the page never shows raw server text.
func decodeError(body []byte) *api.Error {
	var e api.Error
	if err := json.Unmarshal(body, &e); err != nil || e.Code == "" {
		return &api.Error{Code: api.CodeInternal, Message: msgUnexpected}
	}
	if e.Message == "" {
		e.Message = msgUnexpected
	}
	return &e
}

// Message is the sentence to show a person for an error returned by this package. Unknown errors
// get a generic sentence rather than their text, which is written for developers.
func Message(err error) string {
	var apiErr *api.Error
	var netErr *NetworkError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &apiErr):
		if apiErr.Message != "" {
			return apiErr.Message
		}
	case errors.As(err, &netErr):
		return netErr.Error()
	case errors.Is(err, context.DeadlineExceeded):
		return msgUnreachable
	}
	return msgUnexpected
}
