//go:build js

package browser

import "syscall/js"

// Cookie returns the value of the cookie name that JavaScript can read (document.cookie), or ""
// when it is absent. HttpOnly cookies, such as the session's, are never visible here.
func Cookie(name string) string {
	doc := js.Global().Get("document")
	if !doc.Truthy() {
		return ""
	}
	c := doc.Get("cookie")
	if c.Type() != js.TypeString {
		return ""
	}
	return cookieValue(c.String(), name)
}
