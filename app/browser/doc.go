// Package browser is the only place in the client where JavaScript values appear. It wraps the few
// browser APIs the pages need (fetch, focus, history, WebAuthn for passkeys) behind plain Go
// signatures, so every other package stays testable without a browser. WebAuthn options and
// credentials cross the boundary as JSON bytes, never as JavaScript values.
//
// The real implementation is built for GOOS=js; other builds get stubs that return ErrUnavailable,
// so the server binary, which prerenders the pages, still compiles and never touches JavaScript.
// This package must never import server code or hold application logic.
package browser

import "errors"

// ErrUnavailable is returned by every function when the program does not run in a browser.
var ErrUnavailable = errors.New("browser: not running in a browser")
