//go:build js

package browser

import (
	"context"
	"errors"
	"syscall/js"
)

// CopyText puts text on the clipboard with navigator.clipboard.writeText. Browsers allow it only in
// a secure context and, in Safari, within a click's user activation, so call it from the goroutine
// a click handler starts, before anything that waits. It blocks until the browser answered.
func CopyText(ctx context.Context, text string) error {
	clip := js.Global().Get("navigator").Get("clipboard")
	if !clip.Truthy() || !clip.Get("writeText").Truthy() {
		return ErrUnavailable
	}
	// Buffered for both settle paths, so a callback never blocks the JavaScript event loop.
	done := make(chan error, 2)
	ok := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- nil
		return nil
	})
	fail := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- errors.New("browser: clipboard write refused")
		return nil
	})
	// Released only after the promise settled: JavaScript may still call them until then.
	defer ok.Release()
	defer fail.Release()
	clip.Call("writeText", text).Call("then", ok, fail)
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		// The promise cannot be aborted; wait for it so the Funcs are not released under it.
		<-done
		return ctx.Err()
	}
}
