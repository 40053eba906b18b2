//go:build js

package browser

import (
	"context"
	"sync"
	"syscall/js"
)

// WebAuthnSupported reports whether the browser has WebAuthn at all: PublicKeyCredential and
// navigator.credentials.create/get. Browsers expose them only in a secure context (https, or
// http://localhost), so a page served over plain http on another host reports false.
func WebAuthnSupported() bool {
	g := js.Global()
	nav := g.Get("navigator")
	if !g.Get("PublicKeyCredential").Truthy() || !nav.Truthy() {
		return false
	}
	creds := nav.Get("credentials")
	return creds.Truthy() && callable(creds, "create") && callable(creds, "get")
}

// PlatformAuthenticatorAvailable reports whether the device has a built-in authenticator that
// verifies the person (Touch ID, Face ID, Windows Hello, an Android screen lock): the answer of
// PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable(). It is false when the browser
// cannot tell, and when ctx ends first. It waits for a promise: call it from a goroutine.
func PlatformAuthenticatorAvailable(ctx context.Context) bool {
	return staticPromiseBool(ctx, "isUserVerifyingPlatformAuthenticatorAvailable")
}

// ConditionalMediationAvailable reports whether the browser can offer passkeys in an input's
// autofill (an input with autocomplete="username webauthn" and a GetCredential call with
// conditional true): PublicKeyCredential.isConditionalMediationAvailable(). It waits for a
// promise: call it from a goroutine.
func ConditionalMediationAvailable(ctx context.Context) bool {
	return staticPromiseBool(ctx, "isConditionalMediationAvailable")
}

// CreateCredential runs navigator.credentials.create with the server's creation options (JSON as
// the server sent them) and returns the new credential as RegistrationResponseJSON, ready to POST.
//
// The browser call happens before CreateCredential first waits. Safari only shows the prompt while
// the page holds a recent user activation, so call it from a goroutine started by a click handler
// (go-app's ctx.Async runs it before the click event returns) with options fetched beforehand:
// awaiting a request first loses the activation. Any pending conditional request is aborted first,
// because browsers refuse a second request while one is pending.
//
// Errors are a *CeremonyError, or ctx.Err() when ctx ended first (the request is then aborted).
// CreateCredential blocks until the person answers: never call it from a JavaScript callback.
func CreateCredential(ctx context.Context, optionsJSON []byte) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !WebAuthnSupported() {
		return nil, &CeremonyError{Kind: ErrUnsupported, Name: "NotSupportedError", Message: "no WebAuthn in this browser"}
	}
	opts, err := publicKeyOptions(creation, "parseCreationOptionsFromJSON", optionsJSON)
	if err != nil {
		return nil, &CeremonyError{Kind: ErrCeremonyFailed, Name: "EncodingError", Message: err.Error()}
	}
	AbortConditional()
	cred, err := callCredentials(ctx, "create", opts, false)
	if err != nil {
		return nil, err
	}
	return credentialToJSON(cred)
}

// GetCredential runs navigator.credentials.get with the server's request options and returns the
// assertion as AuthenticationResponseJSON.
//
// With conditional false it is a modal request, started like CreateCredential (see there for
// Safari's user activation); it aborts a pending conditional request first. With conditional true
// the browser shows no dialog: it offers the passkeys in the autofill of an input marked
// autocomplete="username webauthn", and the call waits, possibly for the page's whole life, until
// the person picks one or AbortConditional (or ctx) stops it with ErrAborted (or ctx.Err()). Only
// one conditional request runs at a time; starting another aborts the previous one.
func GetCredential(ctx context.Context, optionsJSON []byte, conditional bool) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !WebAuthnSupported() {
		return nil, &CeremonyError{Kind: ErrUnsupported, Name: "NotSupportedError", Message: "no WebAuthn in this browser"}
	}
	opts, err := publicKeyOptions(request, "parseRequestOptionsFromJSON", optionsJSON)
	if err != nil {
		return nil, &CeremonyError{Kind: ErrCeremonyFailed, Name: "EncodingError", Message: err.Error()}
	}
	AbortConditional()
	cred, err := callCredentials(ctx, "get", opts, conditional)
	if err != nil {
		return nil, err
	}
	return credentialToJSON(cred)
}

// pendingConditional is the AbortController of the conditional request that is waiting, if any.
var pendingConditional struct {
	sync.Mutex
	controller js.Value
}

// AbortConditional stops the pending conditional request, if any; its GetCredential returns
// ErrAborted. Call it when leaving the page. CreateCredential and a modal GetCredential call it
// themselves. Aborting is synchronous in the browser, so a modal request may start right after.
func AbortConditional() {
	pendingConditional.Lock()
	c := pendingConditional.controller
	pendingConditional.controller = js.Undefined()
	pendingConditional.Unlock()
	if c.Truthy() {
		try(func() { c.Call("abort") })
	}
}

// setConditional records c as the pending conditional request's controller; clearConditional
// forgets it once that request settled, unless a newer one replaced it.
func setConditional(c js.Value) {
	pendingConditional.Lock()
	pendingConditional.controller = c
	pendingConditional.Unlock()
}

func clearConditional(c js.Value) {
	pendingConditional.Lock()
	if pendingConditional.controller.Equal(c) {
		pendingConditional.controller = js.Undefined()
	}
	pendingConditional.Unlock()
}

// callCredentials calls navigator.credentials[method]({publicKey, signal[, mediation]}) and waits
// for the credential. Each request gets its own AbortController, so ctx (or AbortConditional, for a
// conditional one) can stop it.
func callCredentials(ctx context.Context, method string, publicKey js.Value, conditional bool) (js.Value, error) {
	req := map[string]any{"publicKey": publicKey}
	var controller js.Value
	if ctor := js.Global().Get("AbortController"); ctor.Truthy() {
		controller = ctor.New()
		req["signal"] = controller.Get("signal")
	}
	if conditional {
		req["mediation"] = "conditional"
		if controller.Truthy() {
			setConditional(controller)
			defer clearConditional(controller)
		}
	}

	var promise js.Value
	if err := try(func() {
		promise = js.Global().Get("navigator").Get("credentials").Call(method, req)
	}); err != nil {
		// Some browsers throw synchronously (a TypeError for options they cannot read).
		return js.Value{}, reasonError(exceptionValue(err))
	}
	o, err := await(ctx, promise, func() {
		if controller.Truthy() {
			try(func() { controller.Call("abort") })
		}
	})
	if err != nil {
		return js.Value{}, err
	}
	if !o.ok {
		return js.Value{}, reasonError(o.reason)
	}
	if !o.value.Truthy() {
		// The specification lets get resolve with null when nothing was chosen.
		return js.Value{}, &CeremonyError{Kind: ErrCancelled, Name: "NotAllowedError", Message: "no credential returned"}
	}
	return o.value, nil
}

// publicKeyOptions turns options JSON into the browser's PublicKeyCredential*Options: with the
// browser's own parser when it has one (parser names the static method), else with the Go decoder
// of webauthn_json.go. A browser parser that throws gets a second opinion from the Go decoder,
// whose error is the one reported.
func publicKeyOptions(kind ceremonyKind, parser string, optionsJSON []byte) (js.Value, error) {
	inner, err := unwrapPublicKey(optionsJSON)
	if err != nil {
		return js.Value{}, err
	}
	pkc := js.Global().Get("PublicKeyCredential")
	if callable(pkc, parser) {
		var opts js.Value
		if err := try(func() {
			opts = pkc.Call(parser, js.Global().Get("JSON").Call("parse", string(inner)))
		}); err == nil {
			return opts, nil
		}
	}
	tree, err := decodeOptions(kind, inner)
	if err != nil {
		return js.Value{}, err
	}
	return toJS(tree), nil
}

// toJS converts the decoder's Go values to JavaScript: []byte becomes a Uint8Array (a
// BufferSource, as the options' binary members must be); maps and slices become objects and
// arrays.
func toJS(v any) js.Value {
	switch x := v.(type) {
	case []byte:
		u8 := js.Global().Get("Uint8Array").New(len(x))
		js.CopyBytesToJS(u8, x)
		return u8
	case map[string]any:
		o := js.Global().Get("Object").New()
		for k, e := range x {
			o.Set(k, toJS(e))
		}
		return o
	case []any:
		a := js.Global().Get("Array").New()
		for _, e := range x {
			a.Call("push", toJS(e))
		}
		return a
	default:
		return js.ValueOf(x) // string, float64, bool, nil
	}
}

// credentialToJSON serialises a PublicKeyCredential: with its own toJSON when it has one (the
// standard form, exactly what the server parses), else field by field with the Go encoder. Some
// password-manager extensions replace the credential with an object whose toJSON is missing or
// odd, so a toJSON result without an id and a response is not trusted either.
func credentialToJSON(cred js.Value) ([]byte, error) {
	if callable(cred, "toJSON") {
		var s string
		if err := try(func() {
			s = js.Global().Get("JSON").Call("stringify", cred.Call("toJSON")).String()
		}); err == nil && looksLikeCredentialJSON([]byte(s)) {
			return []byte(s), nil
		}
	}
	var parts credentialParts
	if err := try(func() { parts = readCredential(cred) }); err != nil {
		return nil, &CeremonyError{Kind: ErrCeremonyFailed, Name: "EncodingError", Message: err.Error()}
	}
	b, err := encodeCredential(parts)
	if err != nil {
		return nil, &CeremonyError{Kind: ErrCeremonyFailed, Name: "EncodingError", Message: err.Error()}
	}
	return b, nil
}

// readCredential copies what encodeCredential needs out of a PublicKeyCredential.
func readCredential(cred js.Value) credentialParts {
	resp := cred.Get("response")
	c := credentialParts{
		ID:                stringOf(cred.Get("id")),
		RawID:             bytesOf(cred.Get("rawId")),
		Type:              stringOf(cred.Get("type")),
		Attachment:        stringOf(cred.Get("authenticatorAttachment")),
		ClientDataJSON:    bytesOf(resp.Get("clientDataJSON")),
		AttestationObject: bytesOf(resp.Get("attestationObject")),
		AuthenticatorData: bytesOf(resp.Get("authenticatorData")),
		Signature:         bytesOf(resp.Get("signature")),
		UserHandle:        bytesOf(resp.Get("userHandle")),
	}
	if c.AuthenticatorData == nil && callable(resp, "getAuthenticatorData") {
		c.AuthenticatorData = bytesOf(resp.Call("getAuthenticatorData"))
	}
	if callable(resp, "getTransports") {
		if list := resp.Call("getTransports"); list.Truthy() {
			for i, n := 0, list.Length(); i < n; i++ {
				c.Transports = append(c.Transports, stringOf(list.Index(i)))
			}
		}
	}
	if callable(cred, "getClientExtensionResults") {
		c.ExtensionResults = []byte(js.Global().Get("JSON").Call("stringify", cred.Call("getClientExtensionResults")).String())
	}
	return c
}

// SignalUnknownCredential tells the person's passkey provider that the server no longer knows the
// credential (sign-in answered PASSKEY_NOT_FOUND), so it can stop offering it. ids are base64url.
// It reports whether the browser has the Signal API; the answer itself is not awaited, and a
// refusal is ignored: signals are hints and never required.
func SignalUnknownCredential(rpID, credentialID string) bool {
	if rpID == "" || credentialID == "" {
		return false
	}
	return signal("signalUnknownCredential", map[string]any{"rpId": rpID, "credentialId": credentialID})
}

// SignalAllAcceptedCredentials tells the passkey provider the complete list of the user's
// credentials the server accepts; it may hide the others. Pass the whole list: a partial one would
// hide good passkeys. userID is the WebAuthn user handle (the options' user.id), base64url.
func SignalAllAcceptedCredentials(rpID, userID string, credentialIDs []string) bool {
	if rpID == "" || userID == "" {
		return false
	}
	ids := make([]any, len(credentialIDs))
	for i, id := range credentialIDs {
		ids[i] = id
	}
	return signal("signalAllAcceptedCredentials", map[string]any{
		"rpId": rpID, "userId": userID, "allAcceptedCredentialIds": ids,
	})
}

// SignalCurrentUserDetails tells the passkey provider the account's current name (the email) and
// display name, so its passkey list stays recognisable after a change.
func SignalCurrentUserDetails(rpID, userID, name, displayName string) bool {
	if rpID == "" || userID == "" {
		return false
	}
	return signal("signalCurrentUserDetails", map[string]any{
		"rpId": rpID, "userId": userID, "name": name, "displayName": displayName,
	})
}

// signal calls a static Signal API method of PublicKeyCredential when the browser has it. Its
// promise gets Function.prototype (a built-in no-op) as rejection handler, so a refusal is not an
// unhandled rejection and no Go Func has to outlive the call.
func signal(method string, arg map[string]any) bool {
	pkc := js.Global().Get("PublicKeyCredential")
	if !pkc.Truthy() || !callable(pkc, method) {
		return false
	}
	noop := js.Global().Get("Function").Get("prototype")
	return try(func() {
		js.Global().Get("Promise").Call("resolve", pkc.Call(method, arg)).Call("catch", noop)
	}) == nil
}

// staticPromiseBool calls PublicKeyCredential[method]() and waits for its boolean answer; anything
// but true, including a missing method or a rejection, is false.
func staticPromiseBool(ctx context.Context, method string) bool {
	pkc := js.Global().Get("PublicKeyCredential")
	if !pkc.Truthy() || !callable(pkc, method) {
		return false
	}
	var promise js.Value
	if try(func() { promise = pkc.Call(method) }) != nil {
		return false
	}
	o, err := await(ctx, promise, nil)
	return err == nil && o.ok && o.value.Type() == js.TypeBoolean && o.value.Bool()
}

// outcome is how a promise settled: ok with value, or rejected with reason.
type outcome struct {
	value, reason js.Value
	ok            bool
}

// await waits until promise settles or ctx ends. Both callbacks only send on a buffered channel, so
// they never block the JavaScript event loop. When ctx ends first, onCancel runs (to abort the
// request) and await returns ctx.Err() at once; the callbacks are released only after the promise
// settled, by a goroutine, because releasing a Func JavaScript may still call crashes the program.
func await(ctx context.Context, promise js.Value, onCancel func()) (outcome, error) {
	done := make(chan outcome, 2)
	resolve := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- outcome{value: firstArg(args), ok: true}
		return nil
	})
	reject := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- outcome{reason: firstArg(args)}
		return nil
	})
	release := func() {
		resolve.Release()
		reject.Release()
	}
	// Promise.resolve accepts a non-promise too, so a polyfill returning a plain value still works.
	if err := try(func() {
		js.Global().Get("Promise").Call("resolve", promise).Call("then", resolve, reject)
	}); err != nil {
		release()
		return outcome{reason: exceptionValue(err)}, nil
	}
	select {
	case o := <-done:
		release()
		return o, nil
	case <-ctx.Done():
		if onCancel != nil {
			onCancel()
		}
		go func() {
			<-done
			release()
		}()
		return outcome{}, ctx.Err()
	}
}

// reasonError classifies a rejection reason, usually a DOMException.
func reasonError(reason js.Value) *CeremonyError {
	name, message := "Error", "the request failed"
	if reason.Type() == js.TypeObject {
		if n := reason.Get("name"); n.Type() == js.TypeString {
			name = n.String()
		}
		if m := reason.Get("message"); m.Type() == js.TypeString {
			message = m.String()
		}
	}
	return ceremonyError(name, message)
}

// try runs f and returns the JavaScript exception it threw, if any. syscall/js turns an exception
// into a panic with a js.Error, and reading a missing value into a *js.ValueError; both become
// errors here, so a browser quirk fails one ceremony instead of stopping the whole program. Any
// other panic is a bug in this package and goes on.
func try(f func()) (err error) {
	defer func() {
		switch r := recover().(type) {
		case nil:
		case js.Error:
			err = r
		case *js.ValueError:
			err = r
		default:
			panic(r)
		}
	}()
	f()
	return nil
}

// exceptionValue is the thrown JavaScript value behind an error from try, or undefined.
func exceptionValue(err error) js.Value {
	if e, ok := err.(js.Error); ok {
		return e.Value
	}
	return js.Undefined()
}

func firstArg(args []js.Value) js.Value {
	if len(args) == 0 {
		return js.Undefined()
	}
	return args[0]
}

// callable reports whether v[name] is a function.
func callable(v js.Value, name string) bool {
	t := v.Type()
	if t != js.TypeObject && t != js.TypeFunction {
		return false
	}
	return v.Get(name).Type() == js.TypeFunction
}

// stringOf is v as a Go string, or "" when v is not a string (null, undefined).
func stringOf(v js.Value) string {
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

// bytesOf copies an ArrayBuffer or a typed array view into Go; nil for null, undefined or anything
// else.
func bytesOf(v js.Value) []byte {
	g := js.Global()
	var u8 js.Value
	switch {
	case v.Type() != js.TypeObject:
		return nil
	case v.InstanceOf(g.Get("ArrayBuffer")):
		u8 = g.Get("Uint8Array").New(v)
	case g.Get("ArrayBuffer").Call("isView", v).Bool():
		u8 = g.Get("Uint8Array").New(v.Get("buffer"), v.Get("byteOffset"), v.Get("byteLength"))
	default:
		return nil
	}
	b := make([]byte, u8.Get("length").Int())
	js.CopyBytesToGo(b, u8)
	return b
}
