// Package httpapi is the HTTP edge shared by every feature: handlers that return errors, the one place
// where an error becomes a {"code","message"} body with its status, strict JSON decoding, the Origin
// check, security headers and the client's address. It must never write ad-hoc error JSON elsewhere.
package httpapi

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"spacerr/shared/api"
)

// HandlerFunc is a handler that reports failure by returning an error; *api.Error values reach the
// client as they are, anything else is logged and answered with a generic 500.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Handle adapts h to http.Handler.
func Handle(h HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			WriteError(w, r, err)
		}
	})
}

// WriteError writes err in the shared error shape with the status its code maps to.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	var apiErr *api.Error
	if !errors.As(err, &apiErr) {
		slog.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		apiErr = api.Errorf(api.CodeInternal, "Something went wrong on our side. Please try again.")
	}
	WriteJSON(w, apiErr.Status(), apiErr)
}

// WriteJSON writes v as JSON with the given status. Responses of the API are never cached.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body = []byte(`{"code":"INTERNAL_SERVER_ERROR","message":"Could not encode the response."}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}
