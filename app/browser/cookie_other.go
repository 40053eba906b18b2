//go:build !js

package browser

// Cookie is the non-browser stub: there are no cookies to read.
func Cookie(name string) string { return "" }
