//go:build js

package browser

import (
	"context"
	"errors"
	"syscall/js"
	"testing"
)

// These run under Node (GOOS=js GOARCH=wasm go test -exec=go_js_wasm_exec), whose fetch is the
// WHATWG one, so both the resolve and the reject paths of the promise chain are exercised.

func TestFetchReadsStatusAndBody(t *testing.T) {
	status, body, err := Fetch(context.Background(), "GET", "data:application/json,%7B%22ok%22%3Atrue%7D", nil)
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	if status != 200 || string(body) != `{"ok":true}` {
		t.Fatalf("Fetch = %d %q, want 200 {\"ok\":true}", status, body)
	}
}

func TestFetchRejectionIsNetworkError(t *testing.T) {
	// Node has no page origin, so a relative URL makes fetch reject with a TypeError.
	_, _, err := Fetch(context.Background(), "POST", "/api/auth/sign-out", []byte(`{}`))
	var ne *NetworkError
	if !errors.As(err, &ne) {
		t.Fatalf("Fetch error = %v (%T), want *NetworkError", err, err)
	}
	if ne.Name != "TypeError" {
		t.Errorf("Name = %q, want TypeError", ne.Name)
	}
}

func TestFetchHonoursCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Fetch(ctx, "GET", "data:,x", nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("Fetch error = %v, want context.Canceled", err)
	}
}

func TestFetchAbortsWhenContextEnds(t *testing.T) {
	// A data: URL settles in a later task, so cancelling right away races the abort against it;
	// both outcomes must leave Fetch returning without leaking or crashing.
	ctx, cancel := context.WithCancel(context.Background())
	go cancel()
	status, _, err := Fetch(ctx, "GET", "data:,x", nil)
	if err == nil && status != 200 {
		t.Fatalf("Fetch = %d, nil; want 200 or an error", status)
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		t.Fatalf("Fetch error = %v, want context.Canceled", err)
	}
}

func TestDOMCallsFailCleanlyWithoutDocument(t *testing.T) {
	// Under Node there is no document or history: the calls must report it, not panic.
	if err := Focus("no-such-element"); err == nil {
		t.Error("Focus of a missing element returned nil")
	}
	if err := ReplaceRoute("/settings"); err == nil {
		t.Error("ReplaceRoute without history returned nil")
	}
}

func TestFetchSendsJSONWithCookies(t *testing.T) {
	global := js.Global()
	realFetch := global.Get("fetch")
	defer global.Set("fetch", realFetch)

	var url string
	var init js.Value
	fake := js.FuncOf(func(this js.Value, args []js.Value) any {
		url, init = args[0].String(), args[1]
		resp := global.Get("Response").New(`{"code":"TOO_MANY_REQUESTS"}`, map[string]any{"status": 429})
		return global.Get("Promise").Call("resolve", resp)
	})
	defer fake.Release()
	global.Set("fetch", fake)

	status, body, err := Fetch(context.Background(), "POST", "/api/auth/sign-in/email", []byte(`{"email":"é@x.io"}`))
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	if status != 429 || string(body) != `{"code":"TOO_MANY_REQUESTS"}` {
		t.Errorf("Fetch = %d %q", status, body)
	}
	if url != "/api/auth/sign-in/email" {
		t.Errorf("url = %q", url)
	}
	headers := init.Get("headers")
	for k, want := range map[string]string{
		"method":      "POST",
		"credentials": "same-origin",
		"body":        `{"email":"é@x.io"}`,
	} {
		if got := init.Get(k).String(); got != want {
			t.Errorf("init.%s = %q, want %q", k, got, want)
		}
	}
	if got := headers.Get("Content-Type").String(); got != "application/json" {
		t.Errorf("Content-Type = %q", got)
	}
	if got := headers.Get("Accept").String(); got != "application/json" {
		t.Errorf("Accept = %q", got)
	}
	if !init.Get("signal").Truthy() {
		t.Error("no abort signal passed to fetch")
	}
}

func TestFetchWithoutBodySendsNoContentType(t *testing.T) {
	global := js.Global()
	realFetch := global.Get("fetch")
	defer global.Set("fetch", realFetch)

	var init js.Value
	fake := js.FuncOf(func(this js.Value, args []js.Value) any {
		init = args[1]
		return global.Get("Promise").Call("resolve", global.Get("Response").New("null"))
	})
	defer fake.Release()
	global.Set("fetch", fake)

	if _, body, err := Fetch(context.Background(), "GET", "/api/auth/get-session", nil); err != nil || string(body) != "null" {
		t.Fatalf("Fetch = %q, %v", body, err)
	}
	if init.Get("headers").Get("Content-Type").Truthy() || init.Get("body").Truthy() {
		t.Error("a GET without body must not send Content-Type or a body")
	}
}
