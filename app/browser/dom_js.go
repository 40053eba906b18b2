//go:build js

package browser

import (
	"errors"
	"syscall/js"
)

// Focus moves keyboard focus to the element with the given id, so a screen reader announces it
// together with its aria-describedby text. It returns an error when no such element exists.
func Focus(id string) error {
	doc := js.Global().Get("document")
	if !doc.Truthy() {
		return ErrUnavailable
	}
	el := doc.Call("getElementById", id)
	if !el.Truthy() {
		return errNoElement(id)
	}
	el.Call("focus")
	return nil
}

// ReplaceRoute shows the app page at path in place of the current history entry, as a redirect
// should: Back must not return to a page that only redirected (or to a form that was just sent).
//
// go-app's ctx.Navigate always pushes a history entry, so this replaces the entry and then fires
// popstate, which go-app already answers by routing to the current location without touching the
// history. path must be a same-origin path such as "/settings".
func ReplaceRoute(path string) error {
	global := js.Global()
	if !global.Get("history").Truthy() {
		return ErrUnavailable
	}
	global.Get("history").Call("replaceState", js.Null(), "", path)
	global.Call("dispatchEvent", global.Get("PopStateEvent").New("popstate"))
	return nil
}

// errNoElement reports a missing element id.
func errNoElement(id string) error { return errors.New("browser: no element with id " + id) }

// ActiveElementID is the id of the focused element, or "" when it has none, so a dialog can give
// focus back to whatever had it when the dialog opened.
func ActiveElementID() string {
	doc := js.Global().Get("document")
	if !doc.Truthy() {
		return ""
	}
	el := doc.Get("activeElement")
	if !el.Truthy() {
		return ""
	}
	if id := el.Get("id"); id.Type() == js.TypeString {
		return id.String()
	}
	return ""
}
