//go:build js

package browser

import "syscall/js"

// Online reports the browser's navigator.onLine. false means surely offline; true only means the
// device has a network, not that the server answers, so callers still treat a failed fetch as
// offline.
func Online() bool {
	nav := js.Global().Get("navigator")
	if !nav.Truthy() {
		return true
	}
	on := nav.Get("onLine")
	return on.Type() != js.TypeBoolean || on.Bool()
}

// WatchConnectivity calls changed with true on the window's "online" event and with false on
// "offline", until stop is called. changed runs on its own goroutine, never inside the JavaScript
// callback, so it may dispatch to go-app or block.
func WatchConnectivity(changed func(online bool)) (stop func()) {
	win := js.Global()
	if !win.Get("addEventListener").Truthy() {
		return func() {}
	}
	onOnline := js.FuncOf(func(js.Value, []js.Value) any { go changed(true); return nil })
	onOffline := js.FuncOf(func(js.Value, []js.Value) any { go changed(false); return nil })
	win.Call("addEventListener", "online", onOnline)
	win.Call("addEventListener", "offline", onOffline)
	return func() {
		// Removed before released: a released Func that JavaScript still calls crashes the program.
		win.Call("removeEventListener", "online", onOnline)
		win.Call("removeEventListener", "offline", onOffline)
		onOnline.Release()
		onOffline.Release()
	}
}
