//go:build js

package browser

import (
	"context"
	"syscall/js"
)

// fetchResult is what one call of the fetch promise chain settles to.
type fetchResult struct {
	status int
	body   []byte
	err    error
}

// Fetch sends one same-origin request with the browser's fetch and returns the response's status and
// body. body, when not nil, is sent as JSON. Cookies go along (credentials "same-origin"), and the
// response is never read from the HTTP cache, because session answers must be fresh.
//
// A non-2xx status is not an error: the caller decodes the body. err is set when no HTTP answer came
// back (network failure, CORS, abort): it is then a *NetworkError, or ctx.Err() when ctx ended first.
// Cancelling ctx aborts the request through an AbortController.
//
// Fetch blocks until the request settles, so call it from a goroutine (go-app's ctx.Async), never
// from inside a JavaScript callback.
func Fetch(ctx context.Context, method, path string, body []byte) (status int, respBody []byte, err error) {
	if err := ctx.Err(); err != nil {
		return 0, nil, err
	}

	global := js.Global()
	headers := map[string]any{"Accept": "application/json"}
	init := map[string]any{
		"method":      method,
		"credentials": "same-origin",
		"cache":       "no-store",
		"headers":     headers,
	}
	if body != nil {
		headers["Content-Type"] = "application/json"
		// JSON is UTF-8, so a JS string carries it unchanged and fetch encodes it back to UTF-8.
		init["body"] = string(body)
	}

	var abort js.Value
	if ctor := global.Get("AbortController"); ctor.Truthy() {
		abort = ctor.New()
		init["signal"] = abort.Get("signal")
	}

	// Buffered for both settle paths, so a callback never blocks the JavaScript event loop even if
	// it ran after the other one.
	done := make(chan fetchResult, 2)
	var gotStatus int

	onResponse := js.FuncOf(func(this js.Value, args []js.Value) any {
		resp := args[0]
		gotStatus = resp.Get("status").Int()
		// Returning the promise makes the next "then" wait for the body.
		return resp.Call("arrayBuffer")
	})
	onBody := js.FuncOf(func(this js.Value, args []js.Value) any {
		bytes := global.Get("Uint8Array").New(args[0])
		buf := make([]byte, bytes.Get("length").Int())
		js.CopyBytesToGo(buf, bytes)
		done <- fetchResult{status: gotStatus, body: buf}
		return nil
	})
	onError := js.FuncOf(func(this js.Value, args []js.Value) any {
		var reason js.Value
		if len(args) > 0 {
			reason = args[0]
		}
		done <- fetchResult{err: networkError(reason)}
		return nil
	})
	// The Funcs are released only after the chain settled: releasing one that JavaScript may still
	// call would crash the program.
	defer onResponse.Release()
	defer onBody.Release()
	defer onError.Release()

	global.Call("fetch", path, js.ValueOf(init)).
		Call("then", onResponse).
		Call("then", onBody).
		Call("catch", onError)

	select {
	case r := <-done:
		return r.status, r.body, r.err
	case <-ctx.Done():
		if abort.Truthy() {
			abort.Call("abort")
		}
		// Wait for the chain to settle (abort rejects it at once) before the Funcs are released.
		<-done
		return 0, nil, ctx.Err()
	}
}

// networkError describes a rejected fetch; reason is usually a TypeError or a DOMException.
func networkError(reason js.Value) *NetworkError {
	e := &NetworkError{Name: "Error", Message: "fetch failed"}
	if reason.Type() == js.TypeObject {
		if n := reason.Get("name"); n.Type() == js.TypeString {
			e.Name = n.String()
		}
		if m := reason.Get("message"); m.Type() == js.TypeString {
			e.Message = m.String()
		}
	}
	return e
}
