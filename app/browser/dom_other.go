//go:build !js

package browser

// Focus is the non-browser stub: it always returns ErrUnavailable.
func Focus(id string) error { return ErrUnavailable }

// ReplaceRoute is the non-browser stub: it always returns ErrUnavailable.
func ReplaceRoute(path string) error { return ErrUnavailable }

// ActiveElementID is the non-browser stub: nothing has focus.
func ActiveElementID() string { return "" }
